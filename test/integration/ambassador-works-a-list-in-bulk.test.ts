import { expect } from 'chai';
import type { Express } from 'express';
import type request from 'supertest';
import { freshDb, type TestDb } from '../support/db';
import { isolateEachTest } from '../support/isolation';
import { buildApp, loginAs, makeUser, tokenFor } from '../support/app';
import { assignAmbassador, linkRaw, makeConsolidated, makeConsultation, makeRawContributions } from '../support/factories';

/** The list to process: bulk out of scope, attach a selection to a target found by search or similarity, back to the list. */
describe('An ambassador works the list to process in bulk', function () {
  this.timeout(60_000);
  let t: TestDb;
  let app: Express;
  let amb: request.Agent;
  let token: string;
  let themeId: number;
  let targetId: number;
  let raws: number[];
  const slug = 'liste-en-masse';
  const list = () => `/consultations/${slug}/consolidation/a-traiter?theme=${themeId}`;
  const post = (body: Record<string, unknown>) => amb.post(`/consultations/${slug}/consolidation/selection`).type('form').send({ _csrf: token, back: String(themeId), ...body });

  before(async () => {
    t = await freshDb();
    app = buildApp(t.db);
    const c = await makeConsultation(t.db, { slug, consolidation_open: true }, { themes: [{ code: 'USAGERS', title: 'Usagers' }] });
    themeId = c.themes.USAGERS!;
    const u = await makeUser(t.db, 'ambassadeur');
    await assignAmbassador(t.db, c.id, u.id, themeId);
    amb = await loginAs(app, u.email);
    token = await tokenFor(amb, list());
    const members = await makeRawContributions(t.db, c.id, [
      { theme_id: themeId, status: 'consolidee', body: 'Un rappel par SMS la veille de chaque rendez-vous du jeune.' },
      { theme_id: themeId, status: 'consolidee', body: 'Rappel automatique des rendez-vous par SMS.' },
    ]);
    targetId = await makeConsolidated(t.db, { consultation_id: c.id, theme_id: themeId, code: 'CC-USA-001', title: 'Rappel des rendez-vous par SMS' });
    await linkRaw(t.db, targetId, members);
    await makeConsolidated(t.db, { consultation_id: c.id, theme_id: themeId, code: 'CC-USA-002', title: 'Aides au permis de conduire' });
    raws = await makeRawContributions(t.db, c.id, [
      { theme_id: themeId, reference: 'L-1', body: 'Envoyer un SMS de rappel au jeune avant son rendez-vous.' },
      { theme_id: themeId, reference: 'L-2', body: 'La machine à café est en panne.' },
      { theme_id: themeId, reference: 'L-3', body: 'Le parking est trop petit.' },
    ]);
  });
  after(() => t.destroy());
  isolateEachTest(() => t.db);

  const row = (id: number) => t.db('raw_contributions').where({ id }).first();

  it('sets a whole selection out of scope with one reason, audited per contribution, and comes back to the list', async () => {
    const res = await post({ operation: 'hors_perimetre', ids: [raws[1], raws[2]], reason: 'Hors sujet : locaux' }).expect(303);
    expect(res.headers.location).to.equal(list());
    for (const id of [raws[1]!, raws[2]!]) expect(await row(id)).to.include({ status: 'hors_perimetre', out_of_scope_reason: 'Hors sujet : locaux' });
    expect(await t.db('audit_log').where({ action: 'consolidation.out_of_scope' })).to.have.length(2);
    expect((await amb.get(list())).text).to.contain('2 contributions mises hors périmètre.');
  });

  it('offers the same bulk actions on the coverage page, and comes back to it from a page of several themes', async () => {
    const page = await amb.get(`/consultations/${slug}/consolidation/couverture?theme=${themeId}`).expect(200);
    for (const id of raws) expect(page.text).to.contain(`id="c-${id}" name="ids" value="${id}"`);
    expect(page.text).to.contain('Mettre la sélection hors périmètre');
    const res = await post({ operation: 'hors_perimetre', ids: [raws[2]], reason: 'Hors sujet', back: '' }).expect(303);
    expect(res.headers.location).to.equal(`/consultations/${slug}/consolidation/couverture`);
  });

  it('refuses an empty reason or an empty selection on the list itself, the ticks and the typing kept', async () => {
    const res = await post({ operation: 'hors_perimetre', ids: [raws[1], raws[2]], reason: '  ' }).expect(422);
    expect(res.text).to.contain('Le motif est obligatoire.');
    expect(res.text).to.match(new RegExp(`id="c-${raws[1]}" name="ids" value="${raws[1]}" checked`));
    expect(res.text).to.not.match(new RegExp(`id="c-${raws[0]}" name="ids" value="${raws[0]}" checked`));
    const empty = await post({ operation: 'preparer', reason: 'gardé' }).expect(422);
    expect(empty.text).to.contain('Cochez au moins une contribution brute.');
    expect(empty.text).to.contain('value="gardé"');
    expect((await row(raws[1]!)).status).to.equal('a_traiter');
  });

  it('ranks the targets by similarity to the selection, attaches by the searched code, and comes back to the list', async () => {
    const chosen = await post({ operation: 'choisir', ids: [raws[0]] }).expect(200);
    const ranked = chosen.text.slice(chosen.text.indexOf('Les plus proches de la sélection'));
    expect(ranked.indexOf('CC-USA-001')).to.be.greaterThan(-1);
    expect(ranked.indexOf('CC-USA-001')).to.be.lessThan(ranked.indexOf('Toutes, par code'));

    const res = await post({ operation: 'rattacher', ids: [raws[0]], targetCode: 'CC-USA-001 — Rappel des rendez-vous par SMS' }).expect(303);
    expect(res.headers.location).to.equal(list());
    const link = await t.db('consolidation_links').where({ raw_contribution_id: raws[0] }).whereNull('undone_at').first();
    expect(Number(link.consolidated_contribution_id)).to.equal(targetId);
  });

  it('refuses an unknown code next to the search field, keeping it', async () => {
    const res = await post({ operation: 'rattacher', ids: [raws[0]], targetCode: 'CC-NOPE-404' }).expect(422);
    expect(res.text).to.contain('Aucune contribution consolidée « CC-NOPE-404 »');
    expect(res.text).to.contain('value="CC-NOPE-404"');
    expect(await t.db('consolidation_links').where({ raw_contribution_id: raws[0] })).to.have.length(0);
  });

  it('pre-fills the new consolidated contribution’s title and comes back to the list after creating it', async () => {
    const form = await post({ operation: 'preparer', ids: [raws[0]] }).expect(200);
    expect(form.text).to.contain('value="Envoyer un SMS de rappel au jeune avant son rendez-vous"');
    const res = await amb.post(`/consultations/${slug}/consolidation/consolidees`).type('form')
      .send({ _csrf: token, ids: [raws[0]], title: 'Rappel SMS', bodyMd: '', themeId, back: String(themeId) }).expect(303);
    expect(res.headers.location).to.equal(list());
    expect((await amb.get(list())).text).to.match(/La contribution consolidée CC-USA-003 est créée/);
  });
});
