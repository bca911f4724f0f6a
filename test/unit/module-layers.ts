/**
 * The allowed direction between modules: each module → the modules whose index.ts it may import.
 * Listed from the bottom layer up; a module may only name modules of the layers below it, so the map
 * itself has no cycle (module-graph.test.ts checks that too). A new dependency is a design decision:
 * add it here, downward only. A module that wants to show something on a lower module's page
 * registers a panel instead (consultations' registerConsultationPanel).
 *
 * shared/ sits under every layer and imports no module; app.ts, server.ts, cli.ts, cli/ and
 * navigation.ts sit above every layer and may import any module's index.ts (app.ts alone its routes.ts).
 */
export const MODULE_LAYERS: Readonly<Record<string, readonly string[]>> = {
  // Layer 0: the audit log and the reference lists, which everyone reads or writes.
  audit: [],
  structures: [],
  // The outbox: every module above writes its mails through notify (in its own transaction).
  notifications: [],

  // Layer 1: identity and the consultation itself (calendar, themes, the public page and its panels).
  auth: ['audit'],
  consultations: ['audit'],
  // The consultation's glossary and what ambassadors taught it (edits are audited).
  similarity: ['audit'],

  // Layer 2: what is said within a consultation, and personal data.
  contributions: ['audit', 'consultations'],
  privacy: ['audit', 'consultations'],

  // Layer 3: accounts, the figures, the imports of contributions.
  users: ['audit', 'auth', 'notifications', 'privacy', 'structures'],
  // The word cloud groups word forms with similarity's French analysis (lemmas, stop words).
  stats: ['consultations', 'contributions', 'similarity'],
  imports: ['audit', 'consultations', 'contributions'],

  // Layer 4: ambassadors (selecting one changes a user's role), workshops (their facilitators are
  // users).
  ambassadors: ['audit', 'consultations', 'notifications', 'structures', 'users'],
  workshops: ['audit', 'consultations', 'contributions', 'notifications', 'structures', 'users'],

  // Layer 5: needs, traced down to the figures and drafted by the theme's ambassadors.
  // contributions: where a contribution was said (one rule for quotes, traces and figures).
  needs: ['ambassadors', 'audit', 'consultations', 'contributions', 'notifications', 'stats'],

  // Layer 6: what gathers the needs: their consolidation from the contributions, their shared
  // prioritisation (its results computed by stats' pure functions), the white paper (which may order
  // the needs of a theme by the points of the last prioritisation).
  consolidation: ['audit', 'consultations', 'contributions', 'needs', 'notifications', 'similarity'],
  prioritisation: ['audit', 'consultations', 'stats', 'structures'],
  whitepaper: ['ambassadors', 'audit', 'consultations', 'needs', 'notifications', 'prioritisation', 'stats', 'structures'],

  // Layer 7: what follows the published white paper: each proposal's uptake by the shared system
  // (its figures are stats' pure functions); its export of the needs and proposals carries the
  // points of the latest prioritisation; a status change writes to the contributors of the needs
  // concerned (needs' contributorsOfNeeds, through notifications).
  followup: ['audit', 'consultations', 'contributions', 'needs', 'notifications', 'prioritisation', 'stats', 'whitepaper'],

  // Layer 8: the home pages and the DSI's consultation dashboard, which gathers the figures (stats),
  // the uptake indicator (followup) and the needs by priority points (prioritisation).
  dashboard: ['audit', 'consultations', 'contributions', 'followup', 'prioritisation', 'stats', 'users'],

  // Layer 9: the public-sector pages (accessibility statement, legal notice, personal data), which
  // gather every consultation's personal-data notice.
  legal: ['consultations'],
};
