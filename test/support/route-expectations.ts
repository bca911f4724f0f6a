import type { Who, WorldIds } from './authz-world';

/**
 * Who may use each route the app registers, keyed by "METHOD pattern" exactly as the router holds it.
 * A route whose answer depends on the object has several cases: the same pattern filled with an object
 * of the logged-in person or of their themes (« A ») and with someone else's (« B »).
 * The test fails on a registered route missing here and on an entry naming no registered route.
 * The staff's daily work (workshops, contributions, consolidation, needs) is in route-expectations-work.ts.
 */
export interface Case {
  /** What each `:param` is filled with (`:slug` is always the demo consultation). */
  params?: Record<string, keyof WorldIds>;
  query?: string;
  /** The roles allowed on this object; every other role is refused. */
  may: readonly Who[];
  /** The allowed answer: 200 unless said (a redirect for pages that only dispatch). */
  ok?: number | Partial<Record<Who, number>>;
  /** A form that would pass validation, so that a refusal cannot be a mere 422 on an empty body. */
  body?: (ids: WorldIds) => Record<string, unknown>;
}

export interface Expectation {
  cases: Case[];
  /** Tables an unsafe route may change: their content is compared before and after refused requests. */
  tables: string[];
}

export const ALL: readonly Who[] = ['anonyme', 'contributeur', 'ambassadeur', 'dsi'];
export const LOGGED: readonly Who[] = ['contributeur', 'ambassadeur', 'dsi'];
export const STAFF: readonly Who[] = ['ambassadeur', 'dsi'];
export const DSI: readonly Who[] = ['dsi'];
export const NOBODY: readonly Who[] = [];

/** A module's routes sharing the tables they write; `Case[]` when the object changes the answer. */
export function group(tables: string[], entries: Record<string, readonly Who[] | Case | Case[]>): Record<string, Expectation> {
  const out: Record<string, Expectation> = {};
  for (const [key, v] of Object.entries(entries)) {
    const cases = Array.isArray(v) && typeof v[0] === 'object' ? (v as Case[]) : Array.isArray(v) ? [{ may: v as unknown as readonly Who[] }] : [v as Case];
    out[key] = { cases, tables };
  }
  return out;
}

const theme = { params: { id: 'themeA' } } as const;
const user = { params: { id: 'userB' } } as const;
const run = { params: { id: 'importRun' } } as const;
const draft = { params: { id: 'draftPdf' } } as const;

export const CORE_ROUTES: Record<string, Expectation> = {
  // The public-sector pages of the footer: anyone reads them.
  ...group([], {
    'GET /accessibilite': ALL,
    'GET /mentions-legales': ALL,
    'GET /donnees-personnelles': ALL,
  }),
  ...group(['users'], {
    'GET /healthz': ALL,
    'GET /connexion': { may: ALL, ok: { anonyme: 200, contributeur: 303, ambassadeur: 303, dsi: 303 } },
    'POST /connexion': ALL,
    'POST /deconnexion': ALL,
    'GET /': ALL,
    'GET /admin/utilisateurs': DSI,
    'GET /admin/utilisateurs/nouveau': DSI,
    'POST /admin/utilisateurs': { may: DSI, body: () => ({ email: 'pirate@exemple.test', displayName: 'Pirate', role: 'dsi' }) },
    'GET /admin/utilisateurs/import': DSI,
    'POST /admin/utilisateurs/import': DSI,
    'GET /admin/utilisateurs/:id': { ...user, may: DSI },
    'POST /admin/utilisateurs/:id': { ...user, may: DSI, body: () => ({ email: 'pirate@exemple.test', displayName: 'Pirate', role: 'dsi', version: 1 }) },
    'POST /admin/utilisateurs/:id/desactiver': { ...user, may: DSI },
    'POST /admin/utilisateurs/:id/reactiver': { ...user, may: DSI },
    'POST /admin/utilisateurs/:id/mot-de-passe': { ...user, may: DSI },
    'GET /admin/utilisateurs/:id/anonymiser': { ...user, may: DSI },
    'POST /admin/utilisateurs/:id/anonymiser': { ...user, may: DSI, body: () => ({ confirmation: 'oui' }) },
    'GET /profil': LOGGED,
    'POST /profil/mot-de-passe': LOGGED,
    'GET /profil/mes-donnees.json': LOGGED,
    'GET /admin/journal': DSI,
    'GET /admin/journal.csv': DSI,
  }),
  ...group(['password_resets', 'outbox_mails', 'notification_preferences', 'users'], {
    'GET /mot-de-passe-oublie': ALL,
    'POST /mot-de-passe-oublie': { may: ALL, body: () => ({ email: 'personne@exemple.test' }) },
    'GET /mot-de-passe/nouveau/:token': { params: { token: 'resetToken' }, may: ALL, ok: 410 },
    'POST /mot-de-passe/nouveau/:token': { params: { token: 'resetToken' }, may: ALL, body: () => ({ newPassword: 'une-phrase-de-passe-longue', confirmPassword: 'une-phrase-de-passe-longue' }) },
    'POST /profil/courriels': LOGGED,
    'GET /admin/courriels': DSI,
    'GET /admin/courriels/:id': { params: { id: 'mail' }, may: DSI },
    'GET /desabonnement/:token': { params: { token: 'unsubscribe' }, may: ALL },
    'POST /desabonnement/:token': { params: { token: 'unsubscribe' }, may: ALL },
  }),
  ...group(['consultations', 'consultation_phases', 'themes'], {
    'GET /consultations': ALL,
    'GET /consultations/:slug': ALL,
    'GET /admin/consultations': DSI,
    'GET /admin/consultations/nouvelle': DSI,
    'POST /admin/consultations': DSI,
    'GET /admin/consultations/:slug': DSI,
    'POST /admin/consultations/:slug': DSI,
    'GET /admin/consultations/:slug/calendrier': DSI,
    'POST /admin/consultations/:slug/calendrier': DSI,
    'GET /admin/consultations/:slug/thematiques': DSI,
    'POST /admin/consultations/:slug/thematiques': DSI,
    'GET /admin/consultations/:slug/thematiques/:id': { ...theme, may: DSI },
    'POST /admin/consultations/:slug/thematiques/:id': { ...theme, may: DSI },
    'POST /admin/consultations/:slug/thematiques/:id/monter': { ...theme, may: DSI },
    'POST /admin/consultations/:slug/thematiques/:id/descendre': { ...theme, may: DSI },
    'POST /admin/consultations/:slug/thematiques/:id/supprimer': { ...theme, may: DSI },
    'GET /admin/consultations/:slug/ouvertures': DSI,
    'POST /admin/consultations/:slug/ouvertures': { may: DSI, body: () => ({ contributions: 'ferme', consolidation: 'ferme', ambassadorCall: 'ferme' }) },
    'GET /admin/consultations/:slug/chiffres': DSI,
    // The DSI's dashboard of a consultation (figures, follow-up, priorities, exports).
    'GET /admin/consultations/:slug/tableau-de-bord': DSI,
    'GET /consultations/:slug/chiffres.csv': ALL,
    'GET /consultations/:slug/chiffres.json': ALL,
    // The word cloud reads the contributions and links to their list: the staff who browse it.
    'GET /consultations/:slug/nuage': STAFF,
  }),
  ...group(['ambassador_applications', 'ambassador_themes'], {
    'GET /consultations/:slug/candidature': LOGGED,
    'POST /consultations/:slug/candidature': LOGGED,
    'GET /candidatures': LOGGED,
    'GET /admin/consultations/:slug/candidatures': DSI,
    'GET /admin/consultations/:slug/candidatures/:id': { params: { id: 'application' }, may: DSI },
    'POST /admin/consultations/:slug/candidatures/:id': { params: { id: 'application' }, may: DSI, body: (i) => ({ decision: 'retenue', themeIds: [i.themeB], comment: 'ok' }) },
  }),
  ...group(['raw_contributions', 'ambassador_applications', 'consultations'], {
    'GET /admin/consultations/:slug/rgpd': DSI,
    'POST /admin/consultations/:slug/rgpd': { may: DSI, body: () => ({ confirmation: 'oui' }) },
  }),
  ...group(['import_runs', 'raw_contributions'], {
    'GET /admin/consultations/:slug/imports': DSI,
    'POST /admin/consultations/:slug/imports': DSI,
    'GET /admin/consultations/:slug/imports/:id': { ...run, may: DSI },
    'GET /admin/consultations/:slug/imports/:id/etat': { ...run, may: DSI },
    'POST /admin/consultations/:slug/imports/:id/lancer': { ...run, may: DSI },
  }),
  ...group(['whitepaper_content', 'whitepaper_theme_intros', 'whitepaper_publications', 'whitepaper_draft_pdfs', 'ambassador_applications'], {
    'GET /consultations/:slug/livre-blanc.pdf': ALL,
    'GET /consultations/:slug/livre-blanc/editions/:number.pdf': { params: { number: 'edition' }, may: ALL },
    'GET /consultations/:slug/livre-blanc/editions/:number': { params: { number: 'edition' }, may: ALL },
    'GET /consultations/:slug/livre-blanc/editions': ALL,
    'GET /consultations/:slug/livre-blanc/changements': ALL,
    'GET /consultations/:slug/livre-blanc': ALL,
    // The demo's ambassador consolidates themes of this consultation: they preview its draft.
    'GET /consultations/:slug/livre-blanc/brouillon.pdf': STAFF,
    'GET /consultations/:slug/livre-blanc/brouillon': STAFF,
    'POST /consultations/:slug/livre-blanc/brouillon/pdf': STAFF,
    'GET /consultations/:slug/livre-blanc/brouillon/pdf/:id.pdf': { ...draft, may: STAFF },
    'GET /consultations/:slug/livre-blanc/brouillon/pdf/:id/etat': { ...draft, may: STAFF },
    'GET /consultations/:slug/livre-blanc/brouillon/pdf/:id': { ...draft, may: STAFF },
    'POST /consultations/:slug/livre-blanc/consentement': LOGGED,
    'GET /admin/consultations/:slug/livre-blanc': DSI,
    'POST /admin/consultations/:slug/livre-blanc': { may: DSI, body: () => ({ title: 'Piraté', version: 1 }) },
    'POST /admin/consultations/:slug/livre-blanc/publier': { may: DSI, body: () => ({ version: 1 }) },
    'GET /admin/consultations/:slug/livre-blanc/publications/:id/etat': { params: { id: 'publication' }, may: DSI },
    'GET /admin/consultations/:slug/livre-blanc/publications/:id': { params: { id: 'publication' }, may: DSI },
  }),
  // The follow-up: public once the white paper is published (the demo's is); the DSI alone records.
  ...group(['followup_changes', 'followup_current', 'followup_capacities'], {
    'GET /consultations/:slug/suivi': ALL,
    'GET /consultations/:slug/suivi.atom': ALL,
    'GET /consultations/:slug/suivi/besoins/:code': { params: { code: 'followedNeedCode' }, may: ALL },
    'GET /consultations/:slug/suivi/besoins/:code.atom': { params: { code: 'followedNeedCode' }, may: ALL },
    'GET /admin/suivi': DSI,
    'GET /admin/consultations/:slug/suivi': DSI,
    'POST /admin/consultations/:slug/suivi': { may: DSI, body: (i) => ({ proposalIds: [String(i.followedProposal)], status: 'retenue', stream: 'socle', effectiveOn: '2026-11-30', comment: 'Piraté' }) },
    'GET /admin/consultations/:slug/suivi/propositions/:id': { params: { id: 'followedProposal' }, may: DSI },
    'POST /admin/consultations/:slug/suivi/propositions/:id': { params: { id: 'followedProposal' }, may: DSI, body: () => ({ status: 'retenue', stream: 'socle', effectiveOn: '2026-11-30', comment: 'Piraté' }) },
    'GET /admin/consultations/:slug/suivi/capacite': DSI,
    'GET /admin/consultations/:slug/besoins-propositions.csv': DSI,
    'GET /admin/consultations/:slug/besoins-propositions.xlsx': DSI,
    'GET /admin/consultations/:slug/besoins-propositions.json': DSI,
    'POST /admin/consultations/:slug/suivi/capacite': { may: DSI, body: () => ({ year: '2026', capacity_socle: '1' }) },
  }),
};
