import { expect } from 'chai';
import type { Express } from 'express';
import type { Knex } from 'knex';
import request from 'supertest';
import { freshDb, type TestDb } from '../support/db';
import { buildApp, loginAs, makeUser, tokenFor } from '../support/app';
import { assignAmbassador, makeConsolidated, makeConsultation } from '../support/factories';

/** A consultation in its consolidation step (DSI override), two themes, three consolidated contributions per theme. */
async function needsFixture(db: Knex, slug: string) {
  const c = await makeConsultation(db, { slug, consolidation_open: true }, { themes: [{ code: 'USA', title: 'Usagers' }, { code: 'PIL', title: 'Pilotage' }] });
  const [consultationId, themeA, themeB] = [c.id, c.themes.USA!, c.themes.PIL!];
  const consolidated: Record<'A' | 'B', number[]> = { A: [], B: [] };
  for (const [key, themeId] of [['A', themeA], ['B', themeB]] as const) {
    for (let i = 1; i <= 3; i++) {
      consolidated[key].push(await makeConsolidated(db, { consultation_id: consultationId, theme_id: themeId, code: `CC-${key}-${i}`, title: `Consolidée ${key}${i} ${i === 2 ? 'agenda partagé' : 'dossier unique'}` }));
    }
  }
  return { consultationId, themeA, themeB, consolidated };
}

describe('An ambassador writes needs and functional proposals', () => {
  let t: TestDb;
  let app: Express;
  let amb: request.Agent;
  let ambToken: string;
  let dsi: request.Agent;
  let dsiToken: string;
  let fx: Awaited<ReturnType<typeof needsFixture>>;
  const slug = 'consolidation-besoins';

  before(async () => {
    t = await freshDb();
    app = buildApp(t.db);
    fx = await needsFixture(t.db, slug);
    const a = await makeUser(t.db, 'ambassadeur', { name: 'Aline Ambassadrice' });
    await assignAmbassador(t.db, fx.consultationId, a.id, fx.themeA);
    amb = await loginAs(app, a.email);
    ambToken = await tokenFor(amb);
    dsi = await loginAs(app, (await makeUser(t.db, 'dsi')).email);
    dsiToken = await tokenFor(dsi);
  });
  after(() => t.destroy());

  const createNeed = (title: string, themeId = fx.themeA, agent = amb, token = ambToken) =>
    agent.post(`/consultations/${slug}/besoins`).type('form').send({ _csrf: token, title, descriptionMd: 'Un **besoin**', themeId: String(themeId) });
  const needId = (res: request.Response) => Number(/\/besoins\/(\d+)$/.exec(String(res.headers.location))![1]);

  it('creates needs with codes B-01, B-02… and links consolidated contributions of the theme', async () => {
    const first = await createNeed('Un dossier unique du jeune');
    expect(first.status).to.equal(303);
    const second = await createNeed('Un agenda partagé');
    const [n1, n2] = [needId(first), needId(second)];
    expect((await t.db('needs').where({ id: n1 }).first()).code).to.equal('B-01');
    expect((await t.db('needs').where({ id: n2 }).first()).code).to.equal('B-02');

    const search = await amb.get(`/besoins/${n1}?q=agenda`);
    expect(search.text).to.contain('Consolidée A2 agenda partagé').and.not.contain('Consolidée A1 dossier unique');

    const link = await amb.post(`/besoins/${n1}/rattacher`).type('form').send({ _csrf: ambToken, consolidated: [String(fx.consolidated.A[0]), String(fx.consolidated.A[1])] });
    expect(link.status).to.equal(303);
    // the same consolidated contribution may support a second need
    await amb.post(`/besoins/${n2}/rattacher`).type('form').send({ _csrf: ambToken, consolidated: String(fx.consolidated.A[1]) });
    expect(await t.db('need_supports').where({ consolidated_contribution_id: fx.consolidated.A[1] }).count({ n: '*' }).first().then((r) => Number(r?.n))).to.equal(2);
    const page = await amb.get(`/besoins/${n1}`);
    expect(page.text).to.contain('CC-A-1').and.contain('CC-A-2');
    expect(await t.db('audit_log').where({ action: 'need.link', object_id: String(n1) }).first()).to.exist;
  });

  it('refuses to link a consolidated contribution of another consultation, and changes nothing', async () => {
    const otherFx = await needsFixture(t.db, 'autre-consultation');
    const n = await t.db('needs').where({ consultation_id: fx.consultationId, code: 'B-01' }).first();
    const res = await amb.post(`/besoins/${n.id}/rattacher`).type('form').send({ _csrf: ambToken, consolidated: String(otherFx.consolidated.A[0]) });
    expect(res.status).to.equal(422);
    expect(res.text).to.contain('n’appartient pas à cette consultation');
    expect(await t.db('need_supports').where({ consolidated_contribution_id: otherFx.consolidated.A[0] }).first()).to.equal(undefined);
  });

  it('keeps what was typed and says why when the title is empty (422)', async () => {
    const res = await amb.post(`/consultations/${slug}/besoins`).type('form').send({ _csrf: ambToken, title: '   ', descriptionMd: 'Texte gardé', themeId: String(fx.themeA) });
    expect(res.status).to.equal(422);
    expect(res.text).to.contain('Le titre est obligatoire').and.contain('Texte gardé');
  });

  it('writes proposals coded B-NN.M, reorders them and moves one to another need', async () => {
    const n1 = await t.db('needs').where({ consultation_id: fx.consultationId, code: 'B-01' }).first();
    const n2 = await t.db('needs').where({ consultation_id: fx.consultationId, code: 'B-02' }).first();
    for (const title of ['Créer le dossier', 'Partager le dossier']) {
      const r = await amb.post(`/besoins/${n1.id}/propositions`).type('form').send({ _csrf: ambToken, title, descriptionMd: '', priority: 'haute', targetStream: 'Usagers' });
      expect(r.status).to.equal(303);
    }
    const codes = (await t.db('functional_proposals').where({ need_id: n1.id }).orderBy('position')).map((p) => p.code);
    expect(codes).to.deep.equal(['B-01.1', 'B-01.2']);
    const bad = await amb.post(`/besoins/${n1.id}/propositions`).type('form').send({ _csrf: ambToken, title: '', priority: 'urgente', targetStream: 'Flux gardé' });
    expect(bad.status).to.equal(422);
    expect(bad.text).to.contain('Choisissez une priorité').and.contain('value="Flux gardé"');

    const p2 = await t.db('functional_proposals').where({ code: 'B-01.2' }).first();
    await amb.post(`/propositions/${p2.id}/deplacer`).type('form').send({ _csrf: ambToken, direction: 'up' });
    expect((await t.db('functional_proposals').where({ need_id: n1.id }).orderBy('position')).map((p) => p.code)).to.deep.equal(['B-01.2', 'B-01.1']);

    const moved = await amb.post(`/propositions/${p2.id}/transferer`).type('form').send({ _csrf: ambToken, needId: String(n2.id) });
    expect(moved.status).to.equal(303);
    const after = await t.db('functional_proposals').where({ id: p2.id }).first();
    expect(after.need_id).to.equal(n2.id);
    expect(after.code).to.equal('B-02.1');
    expect(await t.db('audit_log').where({ action: 'proposal.move', object_id: String(p2.id) }).first()).to.exist;
  });

  it('reorders needs within a theme, then the DSI renumbers the codes in theme and position order', async () => {
    const b3 = needId(await createNeed('Troisième besoin'));
    const inB = needId(await createNeed('Besoin du pilotage', fx.themeB, dsi, dsiToken));
    expect((await t.db('needs').where({ id: inB }).first()).code).to.equal('B-04');
    await amb.post(`/besoins/${b3}/deplacer`).type('form').send({ _csrf: ambToken, direction: 'up' });
    await amb.post(`/besoins/${b3}/deplacer`).type('form').send({ _csrf: ambToken, direction: 'up' });
    const list = await amb.get(`/consultations/${slug}/besoins`);
    expect(list.text.indexOf('Troisième besoin')).to.be.lessThan(list.text.indexOf('Un dossier unique du jeune'));

    expect((await amb.post(`/consultations/${slug}/besoins/renumeroter`).type('form').send({ _csrf: ambToken })).status).to.equal(403);
    const res = await dsi.post(`/consultations/${slug}/besoins/renumeroter`).type('form').send({ _csrf: dsiToken });
    expect(res.status).to.equal(303);
    const rows = await t.db('needs').where({ consultation_id: fx.consultationId }).orderBy('code');
    expect(rows.map((r) => [r.code, r.title])).to.deep.equal([
      ['B-01', 'Troisième besoin'],
      ['B-02', 'Un dossier unique du jeune'],
      ['B-03', 'Un agenda partagé'],
      ['B-04', 'Besoin du pilotage'],
    ]);
    const props = await t.db('functional_proposals').join('needs', 'needs.id', 'functional_proposals.need_id').where('needs.consultation_id', fx.consultationId).select('functional_proposals.code', 'needs.code as need_code');
    for (const p of props) expect(p.code.startsWith(`${p.need_code}.`)).to.equal(true);
    expect(await t.db('audit_log').where({ action: 'need.renumber' }).first()).to.exist;
  });

  it('merges a need into another: supports, proposals, comments move; the merged one says where it went', async () => {
    const into = await t.db('needs').where({ consultation_id: fx.consultationId, title: 'Un dossier unique du jeune' }).first();
    const from = await t.db('needs').where({ consultation_id: fx.consultationId, title: 'Un agenda partagé' }).first();
    await amb.post(`/besoins/${from.id}/commentaires`).type('form').send({ _csrf: ambToken, body: 'Doublon probable ?' });
    const res = await amb.post(`/besoins/${into.id}/fusionner`).type('form').send({ _csrf: ambToken, fromId: String(from.id) });
    expect(res.status).to.equal(303);
    const merged = await t.db('needs').where({ id: from.id }).first();
    expect(merged.merged_into_id).to.equal(into.id);
    expect(Number((await t.db('need_supports').where({ need_id: from.id }).count({ n: '*' }).first())?.n)).to.equal(0);
    expect((await t.db('functional_proposals').where({ need_id: into.id })).length).to.equal(2);
    expect(await t.db('need_comments').where({ need_id: into.id, body: 'Doublon probable ?' }).first()).to.exist;
    const list = await amb.get(`/consultations/${slug}/besoins`);
    expect(list.text).to.not.contain('Un agenda partagé');
    const page = await amb.get(`/besoins/${from.id}`);
    expect(page.status).to.equal(200);
    expect(page.text).to.contain('a été fusionné dans').and.contain(into.code);
    expect(await t.db('audit_log').where({ action: 'need.merge', object_id: String(into.id) }).first()).to.exist;
  });

  it('refuses a stale save with 409, shows both versions, overwrites nothing', async () => {
    const need = await t.db('needs').where({ consultation_id: fx.consultationId, title: 'Troisième besoin' }).first();
    const first = await amb.post(`/besoins/${need.id}`).type('form').send({ _csrf: ambToken, title: 'Titre par Aline', descriptionMd: '', themeId: String(fx.themeA), version: need.version });
    expect(first.status).to.equal(303);
    const stale = await dsi.post(`/besoins/${need.id}`).type('form').send({ _csrf: dsiToken, title: 'Titre par la DSI', descriptionMd: '', themeId: String(fx.themeA), version: need.version });
    expect(stale.status).to.equal(409);
    expect(stale.text).to.contain('modifié par quelqu’un d’autre').and.contain('Titre par Aline').and.contain('value="Titre par la DSI"');
    expect((await t.db('needs').where({ id: need.id }).first()).title).to.equal('Titre par Aline');

    const p = await t.db('functional_proposals').where({ code: 'B-02.1' }).first();
    await amb.post(`/propositions/${p.id}`).type('form').send({ _csrf: ambToken, title: 'Proposition par Aline', priority: 'basse', targetStream: '', version: p.version });
    const staleP = await dsi.post(`/propositions/${p.id}`).type('form').send({ _csrf: dsiToken, title: 'Proposition par la DSI', priority: 'haute', targetStream: '', version: p.version });
    expect(staleP.status).to.equal(409);
    expect(staleP.text).to.contain('Proposition par Aline').and.contain('value="Proposition par la DSI"');
    expect((await t.db('functional_proposals').where({ id: p.id }).first()).title).to.equal('Proposition par Aline');
  });

  it("forbids another theme's ambassador and contributors to write; everyone logged in reads", async () => {
    const other = await makeUser(t.db, 'ambassadeur');
    await assignAmbassador(t.db, fx.consultationId, other.id, fx.themeB);
    const otherAgent = await loginAs(app, other.email);
    const otherToken = await tokenFor(otherAgent);
    const need = await t.db('needs').where({ consultation_id: fx.consultationId, title: 'Titre par Aline' }).first();
    expect((await otherAgent.post(`/besoins/${need.id}`).type('form').send({ _csrf: otherToken, title: 'Pirate', themeId: String(fx.themeA), version: need.version })).status).to.equal(403);
    expect((await createNeed('Dans le thème d’un autre', fx.themeA, otherAgent, otherToken)).status).to.equal(403);
    const contributor = await loginAs(app, (await makeUser(t.db, 'contributeur')).email);
    const cToken = await tokenFor(contributor);
    expect((await createNeed('Contributeur', fx.themeA, contributor, cToken)).status).to.equal(403);
    expect((await contributor.post(`/besoins/${need.id}/propositions`).type('form').send({ _csrf: cToken, title: 'x', priority: 'haute' })).status).to.equal(403);
    expect((await contributor.get(`/besoins/${need.id}`)).status).to.equal(200);
    expect((await t.db('needs').where({ id: need.id }).first()).title).to.equal('Titre par Aline');
  });

  it('closes drafting to ambassadors when consolidation is closed', async () => {
    await t.db('consultations').where({ id: fx.consultationId }).update({ consolidation_open: false });
    expect((await createNeed('Trop tard')).status).to.equal(403);
    await t.db('consultations').where({ id: fx.consultationId }).update({ consolidation_open: true });
  });

  it('records every change in the audit log with the consultation', async () => {
    const actions = (await t.db('audit_log').where({ consultation_id: fx.consultationId }).distinct('action')).map((r) => r.action).sort();
    expect(actions).to.include.members(['need.create', 'need.link', 'need.move', 'need.renumber', 'need.merge', 'need.update', 'need.comment', 'proposal.create', 'proposal.reorder', 'proposal.move', 'proposal.update']);
  });
});
