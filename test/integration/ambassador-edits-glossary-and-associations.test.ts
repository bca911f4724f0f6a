import crypto from 'node:crypto';
import { expect } from 'chai';
import type { Express } from 'express';
import { listAssociations } from '../../src/modules/similarity/queries';
import { learnFromLinks, rankTargets, relearn } from '../../src/modules/similarity';
import { DEMO_SLUG, seedDemo } from '../../seeds/demo';
import { buildApp, csrfFrom, loginAs, makeUser } from '../support/app';
import { freshDb, type TestDb } from '../support/db';

/** What the demo's 300 consolidated contributions teach a fresh instance (see the test below). */
const LEARNED_FROM_DEMO = { count: 7964, sha256: 'bcfb92942cfc9d88ed19fd3423b2e0af1635e64af81d8a8f70a82a9ecd56af3b' };

/** The DSI and the consultation's ambassadors edit its glossary; the DSI removes a learned association. */
describe('Ambassadors edit the glossary and the DSI removes a learned association', function () {
  this.timeout(120_000);
  let t: TestDb;
  let app: Express;
  let consultationId: number;
  const url = `/consultations/${DEMO_SLUG}`;

  before(async () => {
    t = await freshDb();
    await seedDemo(t.db);
    consultationId = Number((await t.db('consultations').where({ slug: DEMO_SLUG }).first()).id);
    app = buildApp(t.db);
  });
  after(async () => t?.destroy());

  it('learns from the demo on first use, the same rows twice over (integer weights, fixed order)', async () => {
    const rank = await rankTargets(t.db, consultationId, { texts: ['Synchroniser l’agenda I-Milo avec Outlook'] });
    expect(rank[0]!.candidates.length).to.be.greaterThan(0);
    const first = await listAssociations(t.db, consultationId);
    expect(first.length).to.be.greaterThan(100);
    await relearn(t.db, consultationId);
    expect(await listAssociations(t.db, consultationId)).to.deep.equal(first);
    expect(first.every((r) => Number.isInteger(r.weight))).to.equal(true);
  });

  it('holds the very same associations on SQLite and PostgreSQL, and after a restart (a new connection, empty caches)', async () => {
    const rows = await listAssociations(t.db, consultationId);
    const themeCode = new Map((await t.db('themes').where({ consultation_id: consultationId })).map((th) => [Number(th.id), th.code as string]));
    const digest = (list: typeof rows) =>
      crypto.createHash('sha256').update(list.map((r) => `${themeCode.get(r.theme_id)}|${r.term_a}|${r.term_b}|${r.weight}|${r.removed ? 1 : 0}`).sort().join('\n')).digest('hex');
    // Recorded once; the same on both engines (integer weights, every list read in a fixed order).
    expect({ count: rows.length, sha256: digest(rows) }).to.deep.equal(LEARNED_FROM_DEMO);
    const restarted = t.open();
    try {
      expect(digest(await listAssociations(restarted, consultationId))).to.equal(LEARNED_FROM_DEMO.sha256);
      const again = await rankTargets(restarted, consultationId, { texts: ['Synchroniser l’agenda I-Milo avec Outlook'] });
      const before = await rankTargets(t.db, consultationId, { texts: ['Synchroniser l’agenda I-Milo avec Outlook'] });
      expect(again).to.deep.equal(before);
    } finally {
      await restarted.destroy();
    }
  });

  it('strengthens what is put together and weakens what is taken out', async () => {
    const [cc] = await t.db('consolidated_contributions').where({ consultation_id: consultationId }).orderBy('id').limit(1);
    const links = await t.db('consolidation_links').where({ consolidated_contribution_id: cc.id }).whereNull('undone_at').whereNull('extract_id').orderBy('raw_contribution_id');
    const total = async () => (await listAssociations(t.db, consultationId)).reduce((s, r) => s + r.weight, 0);
    const before = await total();
    await learnFromLinks(t.db, consultationId, { consolidatedId: cc.id, added: [links[0].raw_contribution_id] });
    const stronger = await total();
    expect(stronger).to.be.greaterThan(before);
    await learnFromLinks(t.db, consultationId, { consolidatedId: cc.id, removed: [links[0].raw_contribution_id] });
    expect(await total()).to.be.lessThan(stronger);
  });

  it('refuses a visitor, a contributor and an ambassador of no theme of the consultation', async () => {
    expect((await (await loginAs(app, (await makeUser(t.db, 'contributeur')).email)).get(`${url}/glossaire`)).status).to.equal(403);
    expect((await (await loginAs(app, (await makeUser(t.db, 'ambassadeur')).email)).get(`${url}/glossaire`)).status).to.equal(403);
  });

  it('lets an ambassador of the consultation add an entry, refuses a duplicate and a stop word in French keeping what was typed, and audits', async () => {
    const user = await makeUser(t.db, 'ambassadeur');
    const theme = await t.db('themes').where({ consultation_id: consultationId }).orderBy('id').first();
    await t.db('ambassador_themes').insert({ consultation_id: consultationId, user_id: user.id, theme_id: theme.id });
    const agent = await loginAs(app, user.email);
    const page = await agent.get(`${url}/glossaire`);
    expect(page.status).to.equal(200);
    expect(page.text).to.include('rendez-vous');
    const _csrf = csrfFrom(page.text);
    expect((await agent.post(`${url}/glossaire`).type('form').send({ expression: 'PMI', meaning: 'protection maternelle' })).status).to.equal(403);
    const added = await agent.post(`${url}/glossaire`).type('form').send({ _csrf, expression: 'ASP', meaning: 'agence de services et de paiement' });
    expect(added.status).to.equal(303);
    const dup = await agent.post(`${url}/glossaire`).type('form').send({ _csrf, expression: 'Rdv', meaning: 'rencontre prévue' });
    expect(dup.status).to.equal(409);
    expect(dup.text).to.include('est déjà dans le glossaire');
    expect(dup.text).to.include('rencontre prévue');
    const stop = await agent.post(`${url}/glossaire`).type('form').send({ _csrf, expression: 'les', meaning: 'des choses' });
    expect(stop.status).to.equal(422);
    expect(stop.text).to.include('mot vide');
    expect(stop.text).to.include('des choses');
    expect(Number((await t.db('audit_log').where({ action: 'similarity.glossary_added' }).count({ n: '*' }).first())!.n)).to.equal(1);
  });

  it('shows the associations to ambassadors, lets only the DSI remove one, which stays removed after relearning', async () => {
    const dsi = await loginAs(app, (await makeUser(t.db, 'dsi')).email);
    const page = await dsi.get(`${url}/associations`);
    expect(page.status).to.equal(200);
    const [top] = (await listAssociations(t.db, consultationId)).filter((r) => !r.removed).sort((a, b) => b.weight - a.weight);
    const res = await dsi.post(`${url}/associations/retirer`).type('form').send({ _csrf: csrfFrom(page.text), theme_id: top!.theme_id, term_a: top!.term_a, term_b: top!.term_b });
    expect(res.status).to.equal(303);
    await relearn(t.db, consultationId);
    const after = (await listAssociations(t.db, consultationId)).find((r) => r.theme_id === top!.theme_id && r.term_a === top!.term_a && r.term_b === top!.term_b);
    expect(after?.removed).to.equal(true);
    expect(Number((await t.db('audit_log').where({ action: 'similarity.association_removed' }).count({ n: '*' }).first())!.n)).to.equal(1);
  });
});
