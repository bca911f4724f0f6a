import { expect } from 'chai';
import type { Express } from 'express';
import type { Knex } from 'knex';
import type request from 'supertest';
import { freshDb, type TestDb } from '../support/db';
import { isolateEachTest } from '../support/isolation';
import { buildApp, loginAs, makeUser, tokenFor } from '../support/app';
import { assignAmbassador, makeConsultation, makeRawContributions } from '../support/factories';

/** A consultation whose consolidation step is forced open, two themes, raw contributions in each. */
async function arrangeConsultation(db: Knex, slug: string, open: boolean | null = true) {
  const c = await makeConsultation(db, { slug, consolidation_open: open }, { themes: [{ code: 'USAGERS', title: 'Usagers' }, { code: 'OUTILS', title: 'Outils' }] });
  return { consultationId: c.id, usagers: c.themes.USAGERS!, outils: c.themes.OUTILS! };
}

async function addRaw(db: Knex, consultationId: number, themeId: number | null, count: number, prefix: string, body = (i: number) => `Idée numéro ${i} : simplifier le dossier du jeune et la prise de rendez-vous.`) {
  return makeRawContributions(db, consultationId, Array.from({ length: count }, (_, i) => ({ theme_id: themeId, reference: `${prefix}-${i + 1}`, body: body(i + 1) })));
}

describe('An ambassador consolidates raw contributions', () => {
  let t: TestDb;
  let app: Express;
  let amb: request.Agent;
  let token: string;
  let ambId: number;
  let c: Awaited<ReturnType<typeof arrangeConsultation>>;
  const slug = 'consolidation-ouverte';

  before(async () => {
    t = await freshDb();
    app = buildApp(t.db);
    c = await arrangeConsultation(t.db, slug);
    const u = await makeUser(t.db, 'ambassadeur', { name: 'Aline Ambassadrice' });
    ambId = u.id;
    await assignAmbassador(t.db, c.consultationId, u.id, c.usagers);
    amb = await loginAs(app, u.email);
    token = await tokenFor(amb, `/consultations/${slug}/consolidation`);
  });
  after(() => t.destroy());
  // Each test starts from the rows built above (isolation.ts).
  isolateEachTest(() => t.db);

  const post = (path: string, form: Record<string, unknown>) => amb.post(path).type('form').send({ _csrf: token, ...form });

  it('creates one consolidated contribution from a bulk selection of 300 raw contributions in one request', async () => {
    const ids = await addRaw(t.db, c.consultationId, c.usagers, 300, 'BULK');
    const res = await post(`/consultations/${slug}/consolidation/consolidees`, { ids, title: 'Simplifier le dossier du jeune', bodyMd: '**Synthèse** des idées', themeId: c.usagers });
    expect(res.status, res.text.slice(0, 500)).to.equal(303);
    const cc = await t.db('consolidated_contributions').where({ consultation_id: c.consultationId }).first();
    expect(cc.code).to.equal('CC-USA-001');
    expect(Number((await t.db('consolidation_links').where({ consolidated_contribution_id: cc.id }).whereNull('undone_at').count({ n: '*' }).first())!.n)).to.equal(300);
    expect(Number((await t.db('raw_contributions').whereIn('id', ids).where({ status: 'consolidee' }).count({ n: '*' }).first())!.n)).to.equal(300);
    const audit = await t.db('audit_log').where({ action: 'consolidation.create', object_id: String(cc.id) }).first();
    expect(JSON.parse(audit.after_json).rawContributionIds).to.have.length(300);
    const page = await amb.get(`/consolidees/${cc.id}`);
    expect(page.status).to.equal(200);
    expect(page.text).to.contain('CC-USA-001').and.contain('<strong>Synthèse</strong>').and.contain('BULK-300');
  });

  it('refuses an empty title and keeps everything unchanged (422, French message)', async () => {
    const [id] = await addRaw(t.db, c.consultationId, c.usagers, 1, 'NOTITLE');
    const before = await t.db('consolidated_contributions').count({ n: '*' }).first();
    const res = await post(`/consultations/${slug}/consolidation/consolidees`, { ids: [id], title: '  ', themeId: c.usagers });
    expect(res.status).to.equal(422);
    expect(res.text).to.contain('Le titre est obligatoire');
    expect((await t.db('consolidated_contributions').count({ n: '*' }).first())!.n).to.equal(before!.n);
    expect((await t.db('raw_contributions').where({ id }).first()).status).to.equal('a_traiter');
  });

  it('refuses a contribution of another consultation and applies nothing of the batch', async () => {
    const other = await arrangeConsultation(t.db, 'autre-consultation');
    const [foreign] = await addRaw(t.db, other.consultationId, other.usagers, 1, 'AILLEURS');
    const [mine] = await addRaw(t.db, c.consultationId, c.usagers, 1, 'ICI');
    const res = await post(`/consultations/${slug}/consolidation/consolidees`, { ids: [mine, foreign], title: 'Mélange', themeId: c.usagers });
    expect(res.status).to.equal(422);
    expect(res.text).to.contain('autre consultation').and.contain('AILLEURS-1');
    expect(await t.db('consolidation_links').whereIn('raw_contribution_id', [mine!, foreign!]).first()).to.equal(undefined);
  });

  it('attaches to an existing one, detaches (link stamped, status restored), and the history shows it struck through', async () => {
    const [first, second] = await addRaw(t.db, c.consultationId, c.usagers, 2, 'ATT');
    await post(`/consultations/${slug}/consolidation/consolidees`, { ids: [first], title: 'Rendez-vous en ligne', themeId: c.usagers });
    const cc = await t.db('consolidated_contributions').where({ title: 'Rendez-vous en ligne' }).first();
    const attach = await post(`/consultations/${slug}/consolidation/selection`, { operation: 'rattacher', ids: [second], targetId: cc.id });
    expect(attach.status).to.equal(303);
    expect((await t.db('raw_contributions').where({ id: second }).first()).status).to.equal('consolidee');
    const link = await t.db('consolidation_links').where({ raw_contribution_id: second }).whereNull('undone_at').first();
    expect(link.created_by).to.equal(ambId);

    const detach = await post(`/consolidees/${cc.id}/liens/${link.id}/detacher`, {});
    expect(detach.status).to.equal(303);
    const stamped = await t.db('consolidation_links').where({ id: link.id }).first();
    expect(stamped, 'the link is kept').to.exist;
    expect(stamped.undone_at).to.not.equal(null);
    expect(stamped.undone_by).to.equal(ambId);
    expect((await t.db('raw_contributions').where({ id: second }).first()).status).to.equal('a_traiter');
    expect(await t.db('audit_log').where({ action: 'consolidation.attach', object_id: String(cc.id) }).first()).to.exist;
    expect(await t.db('audit_log').where({ action: 'consolidation.detach', object_id: String(cc.id) }).first()).to.exist;
    const page = await amb.get(`/consolidees/${cc.id}`);
    expect(page.text).to.match(/<del>Lien avec ATT-2/).and.contain('défait par Aline Ambassadrice');
  });

  it('splits a consolidated contribution: chosen links move to a new one, lineage kept', async () => {
    const ids = await addRaw(t.db, c.consultationId, c.usagers, 3, 'SPLIT');
    await post(`/consultations/${slug}/consolidation/consolidees`, { ids, title: 'À scinder', themeId: c.usagers });
    const cc = await t.db('consolidated_contributions').where({ title: 'À scinder' }).first();
    const links = await t.db('consolidation_links').where({ consolidated_contribution_id: cc.id }).orderBy('id');
    const all = await post(`/consolidees/${cc.id}/scinder`, { linkIds: links.map((l: any) => l.id), splitTitle: 'Tout', splitThemeId: c.usagers, version: cc.version });
    expect(all.status).to.equal(422);
    const res = await post(`/consolidees/${cc.id}/scinder`, { linkIds: [links[2].id], splitTitle: 'Partie scindée', splitThemeId: c.usagers, version: cc.version });
    expect(res.status, res.text.slice(0, 400)).to.equal(303);
    const part = await t.db('consolidated_contributions').where({ title: 'Partie scindée' }).first();
    expect(part.split_from_id).to.equal(cc.id);
    expect((await t.db('consolidation_links').where({ consolidated_contribution_id: part.id }).whereNull('undone_at').first()).raw_contribution_id).to.equal(ids[2]);
    expect((await t.db('consolidation_links').where({ id: links[2].id }).first()).undone_at).to.not.equal(null);
    expect(Number((await t.db('consolidation_links').where({ consolidated_contribution_id: cc.id }).whereNull('undone_at').count({ n: '*' }).first())!.n)).to.equal(2);
    expect(await t.db('audit_log').where({ action: 'consolidation.split', object_id: String(cc.id) }).first()).to.exist;
  });

  it('sets a contribution out of scope only with a reason, and can bring it back', async () => {
    const [id] = await addRaw(t.db, c.consultationId, c.usagers, 1, 'HP');
    const none = await post(`/consolidation/contributions/${id}/hors-perimetre`, { reason: '' });
    expect(none.status).to.equal(422);
    expect(none.text).to.contain('Le motif est obligatoire');
    expect((await t.db('raw_contributions').where({ id }).first()).status).to.equal('a_traiter');
    const ok = await post(`/consolidation/contributions/${id}/hors-perimetre`, { reason: 'Concerne la paie, hors SI métier.' });
    expect(ok.status).to.equal(303);
    const row = await t.db('raw_contributions').where({ id }).first();
    expect(row.status).to.equal('hors_perimetre');
    expect(row.out_of_scope_reason).to.equal('Concerne la paie, hors SI métier.');
    expect(await t.db('audit_log').where({ action: 'consolidation.out_of_scope', object_id: String(id) }).first()).to.exist;
    expect((await post(`/consolidation/contributions/${id}/reintegrer`, {})).status).to.equal(303);
    expect((await t.db('raw_contributions').where({ id }).first()).status).to.equal('a_traiter');
  });

  it('cuts extracts that must be substrings of the contribution, each linked to its consolidated contribution', async () => {
    const text = 'Il faut un agenda partagé. Et aussi une messagerie sécurisée avec les jeunes.';
    const [id] = await addRaw(t.db, c.consultationId, c.usagers, 1, 'EXT', () => text);
    const [seed] = await addRaw(t.db, c.consultationId, c.usagers, 1, 'EXTSEED');
    await post(`/consultations/${slug}/consolidation/consolidees`, { ids: [seed], title: 'Messagerie sécurisée', themeId: c.usagers });
    const target = await t.db('consolidated_contributions').where({ title: 'Messagerie sécurisée' }).first();
    const bad = await post(`/consolidation/contributions/${id}/extraits`, { quote: 'une messagerie non sécurisée', targetId: target.id });
    expect(bad.status).to.equal(422);
    expect(bad.text).to.contain('ne figure pas tel quel');
    const badOffsets = await post(`/consolidation/contributions/${id}/extraits`, { start: 10, end: 500, targetId: target.id });
    expect(badOffsets.status).to.equal(422);
    expect(await t.db('contribution_extracts').where({ raw_contribution_id: id }).first()).to.equal(undefined);
    const good = await post(`/consolidation/contributions/${id}/extraits`, { quote: 'une messagerie sécurisée avec les jeunes', targetId: target.id });
    expect(good.status).to.equal(303);
    const extract = await t.db('contribution_extracts').where({ raw_contribution_id: id }).first();
    expect(text.slice(extract.start_offset, extract.end_offset)).to.equal('une messagerie sécurisée avec les jeunes');
    const link = await t.db('consolidation_links').where({ extract_id: extract.id }).whereNull('undone_at').first();
    expect(link.consolidated_contribution_id).to.equal(target.id);
    expect((await t.db('raw_contributions').where({ id }).first()).status).to.equal('consolidee');
    expect(await t.db('audit_log').where({ action: 'consolidation.extract', object_id: String(id) }).first()).to.exist;
    const byOffsets = await post(`/consolidation/contributions/${id}/extraits`, { start: 0, end: 25, targetId: target.id });
    expect(byOffsets.status).to.equal(303);
  });

  it('classifies an « à classer » contribution into a theme', async () => {
    const [id] = await addRaw(t.db, c.consultationId, null, 1, 'ACL');
    const inbox = await amb.get(`/consultations/${slug}/consolidation`);
    expect(inbox.text).to.contain('ACL-1');
    const res = await post(`/consolidation/contributions/${id}/classer`, { themeId: c.outils, retour: `/consultations/${slug}/consolidation` });
    expect(res.status).to.equal(303);
    expect((await t.db('raw_contributions').where({ id }).first()).theme_id).to.equal(c.outils);
    expect(await t.db('audit_log').where({ action: 'contribution.classify', object_id: String(id) }).first()).to.exist;
  });

  it('lists the contributions not yet accounted for, per theme and per ambassador, with progress in the inbox', async () => {
    const [pending] = await addRaw(t.db, c.consultationId, c.usagers, 1, 'PENDING');
    const [outilsPending] = await addRaw(t.db, c.consultationId, c.outils, 1, 'OUTILSPENDING');
    const res = await amb.get(`/consultations/${slug}/consolidation/couverture?theme=${c.usagers}`);
    expect(res.status).to.equal(200);
    expect(res.text).to.contain('PENDING-1').and.not.contain('BULK-1<').and.not.contain('OUTILSPENDING-1');
    const mine = await amb.get(`/consultations/${slug}/consolidation/couverture?ambassadeur=${ambId}`);
    expect(mine.text).to.contain('PENDING-1').and.not.contain('OUTILSPENDING-1');
    const inbox = await amb.get(`/consultations/${slug}/consolidation`);
    expect(inbox.status).to.equal(200);
    expect(inbox.text).to.match(/traitées sur/);
    expect(pending && outilsPending).to.be.a('number');
  });

  it('refuses an ambassador of another theme (403), a contributor (403), and everyone once the step is closed', async () => {
    const [id] = await addRaw(t.db, c.consultationId, c.usagers, 1, 'POL');
    const other = await makeUser(t.db, 'ambassadeur');
    await assignAmbassador(t.db, c.consultationId, other.id, c.outils);
    const otherAgent = await loginAs(app, other.email);
    const otherToken = await tokenFor(otherAgent, `/consultations/${slug}/consolidation`);
    const forbidden = await otherAgent.post(`/consultations/${slug}/consolidation/consolidees`).type('form').send({ _csrf: otherToken, ids: [id], title: 'Pas mon thème', themeId: c.usagers });
    expect(forbidden.status).to.equal(403);

    const contributor = await loginAs(app, (await makeUser(t.db, 'contributeur')).email);
    expect((await contributor.get(`/consultations/${slug}/consolidation`)).status).to.equal(403);
    const cToken = await tokenFor(contributor);
    expect((await contributor.post(`/consolidation/contributions/${id}/hors-perimetre`).type('form').send({ _csrf: cToken, reason: 'Non' })).status).to.equal(403);

    await t.db('consultations').where({ id: c.consultationId }).update({ consolidation_open: false });
    try {
      const closed = await post(`/consultations/${slug}/consolidation/consolidees`, { ids: [id], title: 'Trop tard', themeId: c.usagers });
      expect(closed.status).to.equal(403);
      expect(closed.text).to.contain('étape de consolidation est fermée');
      expect((await amb.get(`/consolidation/contributions/${id}`)).status, 'reading stays open').to.equal(200);
      expect((await t.db('raw_contributions').where({ id }).first()).status).to.equal('a_traiter');
    } finally {
      await t.db('consultations').where({ id: c.consultationId }).update({ consolidation_open: true });
    }
  });

  it('shows the working pages: selection list, suggested groups, a raw contribution with where it ended up and similar ones, the DSI coverage', async () => {
    const ids = await addRaw(t.db, c.consultationId, c.usagers, 3, 'PAGE', (i) => `Prise de rendez-vous en ligne pour les jeunes, variante ${i}.`);
    const list = await amb.get(`/consultations/${slug}/consolidation/a-traiter?theme=${c.usagers}`);
    expect(list.status).to.equal(200);
    expect(list.text).to.contain('PAGE-1').and.contain('name="ids"');
    const prepared = await post(`/consultations/${slug}/consolidation/selection`, { operation: 'preparer', ids });
    expect(prepared.status).to.equal(200);
    expect(prepared.text).to.contain('Nouvelle contribution consolidée').and.contain(`name="ids" value="${ids[0]}"`);
    const groups = await amb.get(`/consultations/${slug}/consolidation/suggestions?theme=${c.usagers}`);
    expect(groups.status).to.equal(200);
    expect(groups.text).to.contain('Groupes suggérés');
    const rawPage = await amb.get(`/consolidation/contributions/${ids[0]}`);
    expect(rawPage.status).to.equal(200);
    expect(rawPage.text).to.contain('Où elle a abouti').and.contain('Contributions semblables');
    const dsi = await loginAs(app, (await makeUser(t.db, 'dsi')).email);
    const coverage = await dsi.get(`/consultations/${slug}/consolidation/couverture`);
    expect(coverage.status).to.equal(200);
    expect(coverage.text).to.contain('Aline Ambassadrice').and.contain('PAGE-1');
    expect((await dsi.get('/consolidation')).status).to.be.oneOf([200, 303]);
  });
});
