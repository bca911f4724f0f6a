/**
 * The owner module of every table (CONVENTIONS.md, convention 13). Only the owner's `queries.ts`
 * writes the table; another module that needs to change it calls a function exported by the owner's
 * `index.ts`. The ownership test (table-ownership.test.ts) reads this map, and fails when a migration
 * creates a table missing from it, so a new table gets its owner the day it lands.
 */
export const TABLE_OWNERS: Readonly<Record<string, string>> = {
  // Accounts, their sessions and the login throttle.
  structures: 'structures',
  users: 'users',
  sessions: 'auth',
  login_throttle: 'auth',
  // Password-reset links (hashed, single use, expiring).
  password_resets: 'users',
  // Email: the outbox and the optional kinds people turned off.
  outbox_mails: 'notifications',
  notification_preferences: 'notifications',
  // A consultation, its phases and its themes.
  consultations: 'consultations',
  consultation_phases: 'consultations',
  themes: 'consultations',
  // The version of each consultation's cached row, phases and themes (written by triggers only).
  cache_versions: 'consultations',
  // Workshops: planning, themes, registrations and attendance.
  workshops: 'workshops',
  workshop_themes: 'workshops',
  workshop_registrations: 'workshops',
  // What people said, as they said it (the FTS5 shadow table is written by triggers only).
  raw_contributions: 'contributions',
  raw_contributions_fts: 'contributions',
  import_runs: 'imports',
  // The ambassadors' consolidation of raw contributions.
  consolidated_contributions: 'consolidation',
  consolidation_links: 'consolidation',
  contribution_extracts: 'consolidation',
  consolidation_plans: 'consolidation',
  // Needs and their functional proposals.
  needs: 'needs',
  functional_proposals: 'needs',
  need_supports: 'needs',
  representative_quotes: 'needs',
  need_comments: 'needs',
  // The white paper.
  whitepaper_content: 'whitepaper',
  whitepaper_theme_intros: 'whitepaper',
  whitepaper_editions: 'whitepaper',
  whitepaper_publications: 'whitepaper',
  whitepaper_draft_pdfs: 'whitepaper',
  // Ambassadors: applications (with the white-paper consent) and the themes they follow.
  ambassador_applications: 'ambassadors',
  ambassador_themes: 'ambassadors',
  // The shared prioritisation of needs: a step, one ballot per person, the ballot's lines.
  prioritisation_steps: 'prioritisation',
  prioritisation_ballots: 'prioritisation',
  prioritisation_lines: 'prioritisation',
  // The word clouds' cache (derived from the raw contributions, recounted when they change).
  word_clouds: 'stats',
  audit_log: 'audit',
  similarity_glossary: 'similarity',
  similarity_associations: 'similarity',
  similarity_state: 'similarity',
  // The follow-up of the published proposals: the history, the current state, the capacity.
  followup_changes: 'followup',
  followup_current: 'followup',
  followup_capacities: 'followup',
};
