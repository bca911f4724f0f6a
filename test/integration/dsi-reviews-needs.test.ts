import { expect } from 'chai';
import type { Express } from 'express';
import request from 'supertest';
import { freshDb, type TestDb } from '../support/db';
import { buildApp, loginAs, makeUser, tokenFor } from '../support/app';
import { assignAmbassador, makeConsolidated, makeConsultation } from '../support/factories';
import { validatedNeedsWithProposals } from '../../src/modules/needs';

describe('The DSI reviews needs and proposals', () => {
  let t: TestDb;
  let app: Express;
  let amb: request.Agent;
  let ambToken: string;
  let dsi: request.Agent;
  let dsiToken: string;
  let consultationId: number;
  let themeId: number;
  let consolidatedId: number;
  const slug = 'revue-besoins';

  before(async () => {
    t = await freshDb();
    app = buildApp(t.db);
    const c = await makeConsultation(t.db, { slug, title: 'Revue', consolidation_open: true }, { themes: [{ code: 'USA', title: 'Usagers' }] });
    [consultationId, themeId] = [c.id, c.themes.USA!];
    consolidatedId = await makeConsolidated(t.db, { consultation_id: consultationId, theme_id: themeId, code: 'CC-1', title: 'Dossier unique' });
    const a = await makeUser(t.db, 'ambassadeur');
    await assignAmbassador(t.db, consultationId, a.id, themeId);
    amb = await loginAs(app, a.email);
    ambToken = await tokenFor(amb);
    dsi = await loginAs(app, (await makeUser(t.db, 'dsi', { name: 'Claire DSI' })).email);
    dsiToken = await tokenFor(dsi);
  });
  after(() => t.destroy());

  async function draftNeed(title: string) {
    const res = await amb.post(`/consultations/${slug}/besoins`).type('form').send({ _csrf: ambToken, title, themeId: String(themeId) });
    const id = Number(/\/besoins\/(\d+)$/.exec(String(res.headers.location))![1]);
    await amb.post(`/besoins/${id}/propositions`).type('form').send({ _csrf: ambToken, title: `Proposition de ${title}`, priority: 'haute', targetStream: 'Usagers' });
    return id;
  }
  const version = async (id: number) => (await t.db('needs').where({ id }).first()).version;
  const pVersion = async (id: number) => (await t.db('functional_proposals').where({ id }).first()).version;

  it('the ambassador submits; validation is refused without a validated proposal, listing what is missing', async () => {
    const id = await draftNeed('Besoin sans appui');
    const submit = await amb.post(`/besoins/${id}/soumettre`).type('form').send({ _csrf: ambToken, version: await version(id) });
    expect(submit.status).to.equal(303);
    expect((await t.db('needs').where({ id }).first()).status).to.equal('soumis');
    expect((await t.db('functional_proposals').where({ need_id: id }).first()).status).to.equal('soumis');

    const refused = await dsi.post(`/besoins/${id}/valider`).type('form').send({ _csrf: dsiToken, version: await version(id) });
    expect(refused.status).to.equal(422);
    expect(refused.text).to.contain('ne peut pas être validé').and.contain('proposition fonctionnelle validée').and.contain('contribution consolidée rattachée').and.contain('.1');
    expect((await t.db('needs').where({ id }).first()).status).to.equal('soumis');
  });

  it('an ambassador cannot validate', async () => {
    const need = await t.db('needs').where({ title: 'Besoin sans appui' }).first();
    expect((await amb.post(`/besoins/${need.id}/valider`).type('form').send({ _csrf: ambToken, version: need.version })).status).to.equal(403);
  });

  it('returns a need with a required comment that the ambassadors then read', async () => {
    const need = await t.db('needs').where({ title: 'Besoin sans appui' }).first();
    const empty = await dsi.post(`/besoins/${need.id}/renvoyer`).type('form').send({ _csrf: dsiToken, version: need.version, comment: '  ' });
    expect(empty.status).to.equal(422);
    expect(empty.text).to.contain('Le commentaire de renvoi est obligatoire');
    const res = await dsi.post(`/besoins/${need.id}/renvoyer`).type('form').send({ _csrf: dsiToken, version: need.version, comment: 'Rattachez les contributions qui le fondent.' });
    expect(res.status).to.equal(303);
    const row = await t.db('needs').where({ id: need.id }).first();
    expect(row.status).to.equal('renvoye');
    expect((await amb.get(`/besoins/${need.id}`)).text).to.contain('Rattachez les contributions qui le fondent.');
    expect(await t.db('audit_log').where({ action: 'need.return', object_id: String(need.id) }).first()).to.exist;
  });

  it('ambassadors and the DSI discuss a need in a thread', async () => {
    const need = await t.db('needs').where({ title: 'Besoin sans appui' }).first();
    await amb.post(`/besoins/${need.id}/commentaires`).type('form').send({ _csrf: ambToken, body: 'C’est fait, je resoumets.' });
    await dsi.post(`/besoins/${need.id}/commentaires`).type('form').send({ _csrf: dsiToken, body: 'Merci, je regarde.' });
    const page = await amb.get(`/besoins/${need.id}`);
    expect(page.text.indexOf('je resoumets')).to.be.greaterThan(0).and.lessThan(page.text.indexOf('Merci, je regarde.'));
    const contributor = await loginAs(app, (await makeUser(t.db, 'contributeur')).email);
    expect((await contributor.post(`/besoins/${need.id}/commentaires`).type('form').send({ _csrf: await tokenFor(contributor), body: 'x' })).status).to.equal(403);
  });

  it('validates a need once it has support and a validated proposal; only validated ones reach the white paper', async () => {
    const need = await t.db('needs').where({ title: 'Besoin sans appui' }).first();
    await amb.post(`/besoins/${need.id}/rattacher`).type('form').send({ _csrf: ambToken, consolidated: String(consolidatedId) });
    await amb.post(`/besoins/${need.id}/soumettre`).type('form').send({ _csrf: ambToken, version: await version(need.id) });
    const p = await t.db('functional_proposals').where({ need_id: need.id }).first();
    const pv = await dsi.post(`/propositions/${p.id}/valider`).type('form').send({ _csrf: dsiToken, version: await pVersion(p.id) });
    expect(pv.status).to.equal(303);
    const second = await amb.post(`/besoins/${need.id}/propositions`).type('form').send({ _csrf: ambToken, title: 'Proposition renvoyée', priority: 'basse' });
    expect(second.status).to.equal(303);
    const p2 = await t.db('functional_proposals').where({ title: 'Proposition renvoyée' }).first();
    expect((await dsi.post(`/propositions/${p2.id}/renvoyer`).type('form').send({ _csrf: dsiToken, version: p2.version, comment: 'Trop vague.' })).status).to.equal(303);

    const ok = await dsi.post(`/besoins/${need.id}/valider`).type('form').send({ _csrf: dsiToken, version: await version(need.id) });
    expect(ok.status).to.equal(303);
    const row = await t.db('needs').where({ id: need.id }).first();
    expect(row.status).to.equal('valide');
    expect(row.validated_by).to.be.a('number');
    expect(row.validated_at).to.not.equal(null);

    // a validated need is frozen for ambassadors
    expect((await amb.post(`/besoins/${need.id}`).type('form').send({ _csrf: ambToken, title: 'Changé', themeId: String(themeId), version: row.version })).status).to.equal(403);

    await draftNeed('Besoin encore en brouillon');
    const paper = await validatedNeedsWithProposals(t.db, consultationId);
    expect(paper.map((n) => n.title)).to.deep.equal(['Besoin sans appui']);
    expect(paper[0]!.proposals.map((x) => x.title)).to.deep.equal(['Proposition de Besoin sans appui']);
    for (const action of ['need.submit', 'need.validate', 'proposal.validate', 'proposal.return']) {
      expect(await t.db('audit_log').where({ action }).first(), action).to.exist;
    }
  });
});
