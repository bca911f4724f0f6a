import type { WorldIds } from './authz-world';
import { DSI, LOGGED, NOBODY, STAFF, group, type Case, type Expectation } from './route-expectations';

/**
 * The staff's daily work, where the object decides: a contributor's own contribution, the workshops an
 * ambassador runs, the themes an ambassador consolidates. « A » is the logged-in person's (or in their
 * themes), « B » someone else's; see authz-world.ts.
 */
const own = (kind: 'workshop' | 'need' | 'proposal' | 'cc', mayA: Case['may'], mayB: Case['may'], body?: Case['body']): Case[] => [
  { params: { id: `${kind}A` satisfies keyof WorldIds }, may: mayA, body },
  { params: { id: `${kind}B` satisfies keyof WorldIds }, may: mayB, body },
];
const contribution = (mayA: Case['may'], mayB: Case['may'], body?: Case['body']) => [
  { params: { id: 'contribA' as const }, may: mayA, body },
  { params: { id: 'contribB' as const }, may: mayB, body },
];
const workshop = (id: 'workshopA' | 'workshopB') => ({ params: { id } });
/** A filter keeping the exports small: who may download them does not depend on their length. */
const FEW = '?source=individuelle&statut=a_traiter';
const text = 'Une formulation assez longue pour passer toutes les validations de longueur.';

export const WORK_ROUTES: Record<string, Expectation> = {
  ...group(['workshops', 'workshop_themes', 'workshop_registrations', 'raw_contributions'], {
    'GET /ateliers': LOGGED,
    'GET /ateliers/nouveau': STAFF,
    'POST /ateliers': STAFF,
    'GET /ateliers/:id': { ...workshop('workshopB'), may: LOGGED },
    // Those who run a workshop (its facilitator or creator, and the DSI) edit it, see its registrants, capture.
    'GET /ateliers/:id/modifier': own('workshop', STAFF, DSI),
    'POST /ateliers/:id/modifier': own('workshop', STAFF, DSI),
    'POST /ateliers/:id/inscription': { ...workshop('workshopB'), may: LOGGED },
    'POST /ateliers/:id/desinscription': { ...workshop('workshopB'), may: LOGGED },
    'GET /ateliers/:id/presences': own('workshop', STAFF, DSI),
    'POST /ateliers/:id/presences': own('workshop', STAFF, DSI, () => ({ anonymousAttendees: 3, reportMd: 'Piraté', version: 1 })),
    'GET /ateliers/:id/presences.csv': own('workshop', STAFF, DSI),
    'GET /ateliers/:id/saisie': own('workshop', STAFF, DSI),
    'POST /ateliers/:id/saisie': own('workshop', STAFF, DSI, (i) => ({ body: text, themeId: i.themeB, clientKey: 'sonde-autorisation' })),
  }),
  ...group(['raw_contributions'], {
    'GET /consultations/:slug/contribuer': LOGGED,
    'POST /consultations/:slug/contributions': LOGGED,
    'GET /mes-contributions': LOGGED,
    // Its author, ambassadors and the DSI read a contribution; only its author changes or withdraws it.
    'GET /contributions/:id': contribution(LOGGED, STAFF),
    'GET /contributions/:id/modifier': contribution(['contributeur'], NOBODY),
    'POST /contributions/:id': contribution(['contributeur'], NOBODY, (i) => ({ body: text, themeId: i.themeB, version: 1 })),
    'POST /contributions/:id/retirer': contribution(['contributeur'], NOBODY, () => ({ version: 1 })),
    'GET /contributions': STAFF,
    'GET /consultations/:slug/contributions': STAFF,
    'GET /consultations/:slug/contributions/export.csv': { may: STAFF, query: FEW },
    'GET /consultations/:slug/contributions/export.xlsx': { may: STAFF, query: FEW },
    'GET /consultations/:slug/contributions/export.json': { may: STAFF, query: FEW },
    // The demo's white paper is published: its open data are everyone's.
    'GET /consultations/:slug/contributions/open-data.csv': ['anonyme', ...LOGGED],
    'GET /consultations/:slug/contributions/open-data-licence.txt': ['anonyme', ...LOGGED],
  }),
  ...group(['needs', 'functional_proposals', 'need_supports', 'representative_quotes', 'need_comments'], {
    'GET /consultations/:slug/besoins': LOGGED,
    'GET /consultations/:slug/besoins/nouveau': STAFF,
    'POST /consultations/:slug/besoins': [
      { may: STAFF, body: (i) => ({ title: 'Besoin sonde', descriptionMd: text, themeId: i.themeA }) },
      { may: DSI, body: (i) => ({ title: 'Besoin sonde', descriptionMd: text, themeId: i.themeB }) },
    ],
    'POST /consultations/:slug/besoins/renumeroter': DSI,
    'GET /consultations/:slug/entonnoir': LOGGED,
    'GET /besoins/:id': { params: { id: 'needB' }, may: LOGGED },
    // Ambassadors draft the needs of their own themes; the DSI reviews and may change every need.
    'POST /besoins/:id': own('need', STAFF, DSI, (i) => ({ title: 'Piraté', descriptionMd: text, themeId: i.themeB, version: 1 })),
    'POST /besoins/:id/rattacher': own('need', STAFF, DSI, (i) => ({ consolidated: String(i.ccB) })),
    'POST /besoins/:id/detacher/:cid': { params: { id: 'needB', cid: 'ccOfNeedB' }, may: DSI },
    'POST /besoins/:id/deplacer': own('need', STAFF, DSI, () => ({ direction: 'up' })),
    'POST /besoins/:id/fusionner': own('need', STAFF, DSI, (i) => ({ fromId: i.needA })),
    'POST /besoins/:id/soumettre': own('need', STAFF, DSI, () => ({ version: 1 })),
    'POST /besoins/:id/valider': { params: { id: 'needB' }, may: DSI, body: () => ({ version: 1 }) },
    'POST /besoins/:id/renvoyer': { params: { id: 'needB' }, may: DSI, body: () => ({ version: 1, comment: 'Renvoi' }) },
    // Any ambassador of the consultation discusses any of its needs.
    'POST /besoins/:id/commentaires': { params: { id: 'needB' }, may: STAFF, body: () => ({ body: 'Commentaire sonde' }) },
    'POST /besoins/:id/citations': own('need', STAFF, DSI, (i) => ({ rawId: i.contribB })),
    'POST /besoins/:id/citations/:qid/retirer': { params: { id: 'needB', qid: 'quoteB' }, may: DSI },
    'POST /besoins/:id/propositions': own('need', STAFF, DSI, () => ({ title: 'Proposition sonde', descriptionMd: text, priority: 'haute', targetStream: '' })),
    'GET /propositions/:id': { params: { id: 'proposalB' }, may: LOGGED },
    'POST /propositions/:id': own('proposal', STAFF, DSI, () => ({ title: 'Piraté', descriptionMd: text, priority: 'haute', targetStream: '', version: 1 })),
    'POST /propositions/:id/deplacer': own('proposal', STAFF, DSI, () => ({ direction: 'up' })),
    'POST /propositions/:id/transferer': own('proposal', STAFF, DSI, (i) => ({ needId: i.needA })),
    'POST /propositions/:id/valider': { params: { id: 'proposalB' }, may: DSI, body: () => ({ version: 1 }) },
    'POST /propositions/:id/renvoyer': { params: { id: 'proposalB' }, may: DSI, body: () => ({ version: 1, comment: 'Renvoi' }) },
  }),
  ...group(['consolidated_contributions', 'consolidation_links', 'contribution_extracts', 'raw_contributions', 'consolidation_plans'], {
    // One consultation: the inbox sends straight to it.
    'GET /consolidation': { may: STAFF, ok: 303 },
    // The plan of a theme (« à classer » is classified first, on its list: a redirect there).
    'GET /consultations/:slug/consolidation/plan': { may: STAFF, query: '?theme=a_classer', ok: 303 },
    'POST /consultations/:slug/consolidation/plan': [
      { may: STAFF, ok: 303, body: (i) => ({ themeId: i.themeA, g1_key: String(i.contribA), g1_action: 'create', g1_apply: 'on', g1_title: 'Plan sonde', [`m_${i.contribA}`]: 'g1' }) },
      { may: DSI, ok: 303, body: (i) => ({ themeId: i.themeB, g1_key: String(i.contribB), g1_action: 'create', g1_apply: 'on', g1_title: 'Plan sonde', [`m_${i.contribB}`]: 'g1' }) },
    ],
    // Only one's own last plan is undone: a plan that is not theirs is not found.
    'POST /consultations/:slug/consolidation/plan/annuler': { may: STAFF, ok: 404, body: (i) => ({ planId: 999999, themeId: i.themeA }) },
    'GET /consultations/:slug/consolidation': STAFF,
    'GET /consultations/:slug/consolidation/a-traiter': { may: STAFF, query: '?theme=a_classer' },
    'GET /consultations/:slug/consolidation/couverture': STAFF,
    'GET /consultations/:slug/consolidation/suggestions': { may: STAFF, query: '?theme=a_classer' },
    // Everyone on the staff reads; an ambassador changes only what lies in their themes.
    'POST /consultations/:slug/consolidation/selection': [
      { may: STAFF },
      { may: DSI, body: (i) => ({ operation: 'rattacher', ids: String(i.contribB), targetId: i.ccB }) },
    ],
    'POST /consultations/:slug/consolidation/consolidees': [
      { may: STAFF, body: (i) => ({ ids: String(i.contribA), title: 'Consolidée sonde', bodyMd: text, themeId: i.themeA }) },
      { may: DSI, body: (i) => ({ ids: String(i.contribB), title: 'Consolidée sonde', bodyMd: text, themeId: i.themeB }) },
    ],
    'GET /consolidees/:id': { params: { id: 'ccB' }, may: STAFF },
    'POST /consolidees/:id': own('cc', STAFF, DSI, (i) => ({ title: 'Piraté', bodyMd: text, themeId: i.themeB, version: 1 })),
    'POST /consolidees/:id/liens/:linkId/detacher': { params: { id: 'ccB', linkId: 'linkB' }, may: DSI },
    'POST /consolidees/:id/scinder': {
      params: { id: 'ccB' }, may: DSI,
      body: (i) => ({ linkIds: String(i.linkB), version: 1, splitTitle: 'Scission sonde', splitBodyMd: text, splitThemeId: i.themeB }),
    },
    'GET /consolidation/contributions/:id': { params: { id: 'contribB' }, may: STAFF },
    'POST /consolidation/contributions/:id/hors-perimetre': contribution(STAFF, DSI, () => ({ reason: 'Hors sujet' })),
    'POST /consolidation/contributions/:id/reintegrer': contribution(STAFF, DSI),
    'POST /consolidation/contributions/:id/classer': contribution(STAFF, DSI, (i) => ({ themeId: i.themeB })),
    'POST /consolidation/contributions/:id/extraits': contribution(STAFF, DSI, (i) => ({ quote: 'Marqueur-privé', start: '', end: '', targetId: i.ccB })),
  }),
  ...group(['prioritisation_steps', 'prioritisation_ballots', 'prioritisation_lines'], {
    'GET /priorisation': LOGGED,
    'GET /priorisations/:id': { params: { id: 'prioStep' }, may: LOGGED },
    // Staff vote (the DSI organises and does not); the demo's step is closed, so allowed voters get 409.
    'POST /priorisations/:id': { params: { id: 'prioStep' }, may: ['contributeur', 'ambassadeur'], body: (i) => ({ [`points_${i.needA}`]: '3' }) },
    // The demo's step is closed: its results are every logged-in person's (the DSI's at any time).
    'GET /priorisations/:id/resultats': { params: { id: 'prioStep' }, may: LOGGED },
    'GET /priorisations/:id/resultats.csv': { params: { id: 'prioStep' }, may: LOGGED },
    'GET /priorisations/:id/resultats.json': { params: { id: 'prioStep' }, may: LOGGED },
    'GET /admin/consultations/:slug/priorisation': DSI,
    'POST /admin/consultations/:slug/priorisation': {
      may: DSI,
      body: () => ({ title: 'Étape sonde', startDay: '2030-01-07', startTime: '09:00', endDay: '2030-01-31', endTime: '18:00', budget: '10' }),
    },
    'GET /admin/priorisations/:id': { params: { id: 'prioStep' }, may: DSI },
    'POST /admin/priorisations/:id': {
      params: { id: 'prioStep' },
      may: DSI,
      body: () => ({ title: 'Piraté', startDay: '2025-03-03', startTime: '09:00', endDay: '2025-03-28', endTime: '18:00', budget: '10', version: 1 }),
    },
  }),
  ...group(['similarity_glossary', 'similarity_associations'], {
    // The consultation's glossary: the DSI and the consultation's ambassadors; removing what was learned: the DSI.
    'GET /consultations/:slug/glossaire': STAFF,
    'POST /consultations/:slug/glossaire': { may: STAFF, body: () => ({ expression: 'sonde', meaning: 'essai de la matrice' }) },
    'POST /consultations/:slug/glossaire/:id': { params: { id: 'glossaryEntry' }, may: STAFF, body: () => ({ expression: 'sonde', meaning: 'essai de la matrice' }) },
    'POST /consultations/:slug/glossaire/:id/supprimer': { params: { id: 'glossaryEntry' }, may: STAFF },
    'GET /consultations/:slug/associations': STAFF,
    'POST /consultations/:slug/associations/retirer': {
      may: DSI,
      body: (i) => ({ theme_id: i.themeA, term_a: i.associationTermA, term_b: i.associationTermB }),
    },
  }),
};
