import type { Express } from 'express';
import type { Knex } from 'knex';
import request from 'supertest';
import { DEMO_PASSWORD, DEMO_SLUG } from '../../seeds/demo';
import { insertRawContribution } from '../../src/modules/contributions';
import { insertReturningId } from '../../src/shared/db';
import { loginAs } from './app';
import type { TestDb } from './db';
import { openDemo } from './demo';
import { ensureReady } from '../../src/modules/similarity';
import { testConfig } from './app';
import { unsubscribeToken } from '../../src/modules/notifications/unsubscribe';

export const ROLES = ['anonyme', 'contributeur', 'ambassadeur', 'dsi'] as const;
export type Who = (typeof ROLES)[number];

/**
 * The objects every route parameter is filled from. « A » objects belong to the logged-in contributor
 * (their own contribution) or sit in the logged-in ambassador's themes (their workshop, their theme's
 * needs); « B » objects belong to someone else, in a theme the ambassador does not consolidate.
 */
export interface WorldIds {
  slug: string;
  consultationId: number;
  themeA: number;
  themeB: number;
  contribA: number;
  contribB: number;
  workshopA: number;
  workshopB: number;
  ccA: number;
  ccB: number;
  linkB: number;
  needA: number;
  needB: number;
  ccOfNeedB: number;
  quoteB: number;
  proposalA: number;
  proposalB: number;
  application: number;
  userB: number;
  importRun: number;
  draftPdf: number;
  publication: number;
  edition: number;
  glossaryEntry: number;
  /** A need still validated, with one validated proposal: followed since the white paper's publication. */
  followedNeedCode: string;
  followedProposal: number;
  /** A learned association of theme A (its two terms), which the DSI alone may remove. */
  associationTermA: string;
  associationTermB: string;
  /** The demo's prioritisation step (closed in March 2025). */
  prioStep: number;
  /** A mail of the outbox, person B's signed unsubscribe link, a reset token never issued. */
  mail: number;
  unsubscribe: string;
  resetToken: string;
}

export interface AuthzWorld {
  t: TestDb;
  db: Knex;
  app: Express;
  ids: WorldIds;
  /** One agent per role, logged in once (the visitor is a plain agent: it keeps the session a form page opens). */
  agents: Record<Who, request.Agent>;
  /** Text that only those allowed may read: no refused answer may contain any of it. */
  secrets: string[];
}

const first = async <T>(q: Knex.QueryBuilder, what: string): Promise<T> => {
  const row = (await q.first()) as T | undefined;
  if (!row) throw new Error(`monde d'autorisation : ${what} introuvable dans la démonstration`);
  return row;
};

/**
 * The demo consultation (published white paper, needs, consolidation, applications) with every step
 * forced open, so that a refusal can only come from the role or the object, never from the calendar;
 * plus the few objects the demo lacks (planned workshops, contributions still open to their author,
 * an import run, a draft PDF), each carrying a marker that must never reach a refused reader.
 */
export async function buildAuthzWorld(): Promise<AuthzWorld> {
  const { t, db, app, consultationId } = await openDemo();
  await db('consultations').where({ id: consultationId }).update({ contributions_open: true, consolidation_open: true, ambassador_call_open: true });
  const user = (email: string) => first<{ id: number; structure_id: number | null }>(db('users').where({ email }), email);
  const dsi = await user('dsi@ensemble.test');
  const amb = await user('ambassadeur@ensemble.test');
  const contributor = await user('contributeur@ensemble.test');
  const themeA = Number((await first<{ theme_id: number }>(db('ambassador_themes').where({ consultation_id: consultationId, user_id: amb.id }).orderBy('theme_id'), 'thème de l’ambassadeur')).theme_id);
  const themeB = Number(
    (await first<{ id: number }>(db('themes').where({ consultation_id: consultationId }).whereNotIn('id', db('ambassador_themes').select('theme_id').where({ user_id: amb.id })).orderBy('id'), 'thème d’un autre')).id,
  );
  const ambB = await first<{ user_id: number }>(db('ambassador_themes').where({ consultation_id: consultationId, theme_id: themeB }).whereNot({ user_id: amb.id }), 'ambassadeur B');
  const userB = await first<{ id: number; email: string }>(db('users').where({ role: 'contributeur', active: true }).whereNot({ id: contributor.id }).whereNotNull('email').orderBy('id'), 'contributeur B');
  const structureId = Number((await first<{ id: number }>(db('structures').orderBy('id'), 'structure')).id);

  const secrets = {
    contribA: 'Marqueur-privé contribution A',
    contribB: 'Marqueur-privé contribution B',
    workshopB: 'Marqueur-privé compte rendu B',
    importRun: 'marqueur-prive-import.csv',
    mail: 'Marqueur-privé courriel',
  };
  const contribution = (authorId: number, themeId: number, body: string, anonymous: boolean) =>
    insertRawContribution(db, { consultation_id: consultationId, theme_id: themeId, author_id: authorId, anonymous, source: 'individuelle', body: `${body} : une idée assez longue pour être une contribution.`, created_by: authorId });
  const contribA = await contribution(contributor.id, themeA, secrets.contribA, false);
  const contribB = await contribution(userB.id, themeB, secrets.contribB, true);

  const soon = Date.now() + 30 * 86_400_000;
  const workshop = (facilitatorId: number, title: string, report: string) =>
    insertReturningId(db, 'workshops', {
      consultation_id: consultationId, title, starts_at: new Date(soon), ends_at: new Date(soon + 7_200_000),
      structure_id: structureId, facilitator_id: facilitatorId, created_by: facilitatorId, status: 'planifie', report_md: report,
    });
  const workshopA = await workshop(amb.id, 'Atelier de l’ambassadeur A', '');
  const workshopB = await workshop(ambB.user_id, 'Atelier de l’ambassadeur B', secrets.workshopB);
  for (const [w, th] of [[workshopA, themeA], [workshopB, themeB]] as const) await db('workshop_themes').insert({ workshop_id: w, theme_id: th });
  await db('workshop_registrations').insert({ workshop_id: workshopB, user_id: userB.id, status: 'inscrit' });

  const ccIn = (themeId: number) =>
    first<{ id: number }>(db('consolidated_contributions as cc').select('cc.id').where({ 'cc.consultation_id': consultationId, 'cc.theme_id': themeId }).whereExists(db('consolidation_links as l').whereRaw('l.consolidated_contribution_id = cc.id').whereNull('l.undone_at')).orderBy('cc.id'), `consolidée du thème ${themeId}`);
  const ccA = Number((await ccIn(themeA)).id);
  const ccB = Number((await ccIn(themeB)).id);
  const linkB = Number((await first<{ id: number }>(db('consolidation_links').where({ consolidated_contribution_id: ccB }).whereNull('undone_at').orderBy('id'), 'lien de B')).id);

  // Drafts, so that the ambassador's own theme is editable and only the theme decides.
  const needIn = (themeId: number) =>
    first<{ id: number }>(db('needs as n').select('n.id').where({ 'n.consultation_id': consultationId, 'n.theme_id': themeId }).whereNull('n.merged_into_id').whereExists(db('functional_proposals as p').whereRaw('p.need_id = n.id')).whereExists(db('need_supports as s').whereRaw('s.need_id = n.id')).orderBy('n.id'), `besoin du thème ${themeId}`);
  const needA = Number((await needIn(themeA)).id);
  const needB = Number((await needIn(themeB)).id);
  // Every need back to draft: the ambassador's own theme becomes editable, so that only the theme
  // decides; and the white paper's working version, empty, is laid out in milliseconds, not seconds.
  await db('needs').where({ consultation_id: consultationId }).update({ status: 'brouillon' });
  await db('functional_proposals').whereIn('need_id', db('needs').select('id').where({ consultation_id: consultationId })).update({ status: 'brouillon' });
  // One need of neither theme stays validated with its first proposal: the follow-up has a proposal to show.
  const followedNeed = await first<{ id: number; code: string }>(
    db('needs').where({ consultation_id: consultationId }).whereNull('merged_into_id').whereNotIn('theme_id', [themeA, themeB]).whereExists(db('functional_proposals as p').whereRaw('p.need_id = needs.id')).orderBy('id'),
    'besoin suivi',
  );
  const followedProposal = Number((await first<{ id: number }>(db('functional_proposals').where({ need_id: followedNeed.id }).orderBy('id'), 'proposition suivie')).id);
  await db('needs').where({ id: followedNeed.id }).update({ status: 'valide' });
  await db('functional_proposals').where({ id: followedProposal }).update({ status: 'valide' });
  const proposalOf = async (needId: number) => Number((await first<{ id: number }>(db('functional_proposals').where({ need_id: needId }).orderBy('id'), 'proposition')).id);
  const ccOfNeedB = Number((await first<{ consolidated_contribution_id: number }>(db('need_supports').where({ need_id: needB }).orderBy('consolidated_contribution_id'), 'soutien de B')).consolidated_contribution_id);
  const quoteB =
    Number((await db('representative_quotes').where({ need_id: needB }).first('id'))?.id ?? 0) ||
    (await insertReturningId(db, 'representative_quotes', { need_id: needB, raw_contribution_id: contribB, created_by: dsi.id }));

  const application = await first<{ id: number; motivation: string }>(db('ambassador_applications').where({ consultation_id: consultationId }).whereNot({ user_id: amb.id }).orderBy('id'), 'candidature');
  const importRun = await insertReturningId(db, 'import_runs', { consultation_id: consultationId, created_by: dsi.id, file_name: secrets.importRun, format: 'csv', status: 'terminee' });
  const draftPdf = await insertReturningId(db, 'whitepaper_draft_pdfs', {
    consultation_id: consultationId, requested_by: dsi.id, status: 'terminee', pdf: Buffer.from('%PDF-1.4\n%%EOF\n'), pdf_bytes: 15, pages: 1, finished_at: new Date(),
  });
  const publication = Number((await first<{ id: number }>(db('whitepaper_publications').where({ consultation_id: consultationId }), 'publication')).id);
  const edition = Number((await first<{ number: number }>(db('whitepaper_editions').where({ consultation_id: consultationId }).orderBy('number'), 'édition')).number);

  // The consultation's glossary (seeded from the built-in lexicon) and what the demo taught similarity.
  await ensureReady(db, consultationId);
  const glossaryEntry = Number((await first<{ id: number }>(db('similarity_glossary').where({ consultation_id: consultationId }).orderBy('id'), 'entrée du glossaire')).id);
  const association = await first<{ term_a: string; term_b: string }>(
    db('similarity_associations').where({ consultation_id: consultationId, theme_id: themeA }).orderBy(['term_a', 'term_b']),
    'association apprise',
  );

  const prioStep = Number((await first<{ id: number }>(db('prioritisation_steps').where({ consultation_id: consultationId }).orderBy('id'), 'étape de priorisation')).id);

  // A mail of the outbox (the DSI's page), a signed unsubscribe link of person B, a reset link that was never issued.
  const mail = await insertReturningId(db, 'outbox_mails', {
    user_id: userB.id, to_address: userB.email, kind: 'contribution_consolidee', subject: secrets.mail, text_body: secrets.mail, html_body: `<p>${secrets.mail}</p>`,
    status: 'en_attente', attempts: 0, next_attempt_at: new Date().toISOString(), created_at: new Date().toISOString(),
  });
  const unsubscribe = unsubscribeToken(testConfig().sessionSecret, userB.id, 'contribution_consolidee');
  const resetToken = 'jeton-de-reinitialisation-jamais-emis-0123456789abcdefgh';

  const agents = {
    anonyme: request.agent(app),
    contributeur: await loginAs(app, 'contributeur@ensemble.test', DEMO_PASSWORD),
    ambassadeur: await loginAs(app, 'ambassadeur@ensemble.test', DEMO_PASSWORD),
    dsi: await loginAs(app, 'dsi@ensemble.test', DEMO_PASSWORD),
  };
  return {
    t, db, app, agents,
    ids: {
      slug: DEMO_SLUG, consultationId, themeA, themeB, contribA, contribB, workshopA, workshopB, ccA, ccB, linkB, needA, needB, ccOfNeedB, quoteB,
      proposalA: await proposalOf(needA), proposalB: await proposalOf(needB), application: Number(application.id), userB: Number(userB.id),
      importRun, draftPdf, publication, edition, glossaryEntry, followedNeedCode: followedNeed.code, followedProposal, associationTermA: association.term_a, associationTermB: association.term_b, prioStep,
      mail, unsubscribe, resetToken,
    },
    secrets: [...Object.values(secrets), userB.email, application.motivation.slice(0, 60)],
  };
}
