import { expect } from 'chai';
import request from 'supertest';
import type { Express } from 'express';
import type { Knex } from 'knex';
import { freshDb, type TestDb } from '../support/db';
import { buildApp, loginAs, makeUser, tokenFor } from '../support/app';
import { parisDay } from '../../src/modules/consultations';
import { makeConsultation, makeStructure } from '../support/factories';

const day = (offset: number) => parisDay(new Date(Date.now() + offset * 86_400_000));
const MOTIVATION = 'Conseillère depuis douze ans, j’utilise le SI tous les jours et j’anime déjà des ateliers numériques 😀.';

/** A consultation whose selection of ambassadors runs today (open) or ended last month (closed). */
async function consultation(db: Knex, slug: string, selectionOpen: boolean) {
  const [s, e] = selectionOpen ? [day(-3), day(10)] : [day(-60), day(-30)];
  const c = await makeConsultation(
    db,
    { slug },
    {
      themes: [{ code: 'USAGERS', title: 'Accompagnement des jeunes' }, { code: 'PILOTAGE', title: 'Pilotage' }, { code: 'PARTENAIRES', title: 'Partenaires' }],
      phases: [
        { kind: 'selection_ambassadeurs', title: 'Sélection des ambassadeurs', starts_on: s, ends_on: e, position: 2 },
        { kind: 'consultation', title: 'Consultation nationale', starts_on: day(20), ends_on: day(50), position: 3 },
      ],
    },
  );
  return { id: c.id, slug, themes: c.themeIds };
}

describe('Staff apply as ambassadors; the DSI selects or declines', () => {
  let t: TestDb;
  let app: Express;
  let open: { id: number; slug: string; themes: number[] };
  let closed: { id: number; slug: string; themes: number[] };
  let structureId: number;
  let dsi: request.Agent;
  let dsiToken: string;

  const apply = (agent: request.Agent, token: string, slug: string, body: Record<string, unknown>) =>
    agent.post(`/consultations/${slug}/candidature`).type('form').send({ _csrf: token, ...body });
  const applicationOf = (userId: number, consultationId = open.id) => t.db('ambassador_applications').where({ user_id: userId, consultation_id: consultationId }).first();
  const decide = async (applicationId: number, body: Record<string, unknown>) => {
    const form = await dsi.get(`/admin/consultations/${open.slug}/candidatures/${applicationId}`);
    const seen = /name="seen" value="([^"]*)"/.exec(form.text)?.[1] ?? '';
    return dsi.post(`/admin/consultations/${open.slug}/candidatures/${applicationId}`).type('form').send({ _csrf: dsiToken, seen, ...body });
  };
  async function applicant(name: string) {
    const u = await makeUser(t.db, 'contributeur', { name, structureId });
    const agent = await loginAs(app, u.email);
    const token = await tokenFor(agent, `/consultations/${open.slug}/candidature`);
    return { ...u, agent, token };
  }

  before(async () => {
    t = await freshDb();
    app = buildApp(t.db);
    structureId = await makeStructure(t.db, { name: 'Mission Locale de Tarbes', department_code: '65', department_name: 'Hautes-Pyrénées' });
    open = await consultation(t.db, 'appel-ouvert', true);
    closed = await consultation(t.db, 'appel-ferme', false);
    const d = await makeUser(t.db, 'dsi', { name: 'Claire DSI' });
    dsi = await loginAs(app, d.email);
    dsiToken = await tokenFor(dsi);
  });
  after(() => t.destroy());

  it('during the selection phase, a staff member applies: structure preselected, themes ticked, audit written', async () => {
    const lea = await applicant('Léa Martin');
    const page = await lea.agent.get(`/consultations/${open.slug}`);
    expect(page.text).to.contain('Appel à ambassadeurs').and.contain(`href="/consultations/${open.slug}/candidature"`);
    const form = await lea.agent.get(`/consultations/${open.slug}/candidature`);
    expect(form.status).to.equal(200);
    expect(form.text).to.contain(`<option value="${structureId}" selected>`);
    expect(form.text).to.contain('name="knownThemes"').and.contain('Envoyer ma candidature');

    const res = await apply(lea.agent, lea.token, open.slug, { motivation: MOTIVATION, structureId: String(structureId), knownThemes: [String(open.themes[2]), String(open.themes[0])] });
    expect(res.status).to.equal(303);
    const row = await applicationOf(lea.id);
    expect(row.motivation).to.equal(MOTIVATION);
    expect(row.structure_id).to.equal(structureId);
    expect(row.known_themes).to.equal([open.themes[0], open.themes[2]].join(','));
    expect(row.status).to.equal('en_attente');
    const entry = await t.db('audit_log').where({ action: 'ambassador.apply', object_id: String(row.id) }).first();
    expect(entry.actor_id).to.equal(lea.id);

    const after = await lea.agent.get(`/consultations/${open.slug}`);
    expect(after.text).to.contain('En attente de décision').and.contain('Accompagnement des jeunes, Partenaires');
    const mine = await lea.agent.get('/candidatures');
    expect(mine.status).to.equal(200);
    expect(mine.text).to.contain(`Consultation ${open.slug}`).and.contain('En attente de décision');
  });

  it('refuses a second application from the same person (409), the form no longer shown', async () => {
    const bob = await applicant('Bob Dubois');
    expect((await apply(bob.agent, bob.token, open.slug, { motivation: MOTIVATION, knownThemes: String(open.themes[1]) })).status).to.equal(303);
    const again = await apply(bob.agent, bob.token, open.slug, { motivation: MOTIVATION + ' encore', knownThemes: String(open.themes[1]) });
    expect(again.status).to.equal(409);
    expect(again.text).to.contain('déjà candidaté');
    expect(Number((await t.db('ambassador_applications').where({ user_id: bob.id }).count({ n: '*' }).first())!.n)).to.equal(1);
    const form = await bob.agent.get(`/consultations/${open.slug}/candidature`);
    expect(form.text).not.to.contain('Envoyer ma candidature');
    expect(form.text).to.contain('Vous avez déjà candidaté');
  });

  it('shows the form again (422) with French messages and what was typed; nothing stored', async () => {
    const eve = await applicant('Ève Ngô');
    const res = await apply(eve.agent, eve.token, open.slug, { motivation: 'Trop court 😀', knownThemes: [String(closed.themes[0])] });
    expect(res.status).to.equal(422);
    expect(res.text).to.contain('La motivation doit faire au moins 50 caractères.');
    expect(res.text).to.contain('Trop court 😀');
    const foreign = await apply(eve.agent, eve.token, open.slug, { motivation: MOTIVATION, knownThemes: [String(closed.themes[0])] });
    expect(foreign.status).to.equal(422);
    expect(foreign.text).to.contain('uniquement des thématiques de cette consultation');
    const none = await apply(eve.agent, eve.token, open.slug, { motivation: MOTIVATION });
    expect(none.status).to.equal(422);
    expect(none.text).to.contain('au moins une thématique');
    const long = await apply(eve.agent, eve.token, open.slug, { motivation: 'x'.repeat(3001), knownThemes: String(open.themes[0]) });
    expect(long.status).to.equal(422);
    expect(long.text).to.contain('ne doit pas dépasser 3000 caractères');
    expect(await applicationOf(eve.id)).to.equal(undefined);
  });

  it('outside the selection phase, refuses to apply with a clear French message and shows no form', async () => {
    const zoe = await applicant('Zoé Bernard');
    const zoeToken = await tokenFor(zoe.agent, `/consultations/${closed.slug}/candidature`);
    const form = await zoe.agent.get(`/consultations/${closed.slug}/candidature`);
    expect(form.status).to.equal(200);
    expect(form.text).to.contain('L’appel à ambassadeurs n’est pas ouvert');
    expect(form.text).not.to.contain('Envoyer ma candidature');
    expect((await zoe.agent.get(`/consultations/${closed.slug}`)).text).not.to.contain('Candidater comme ambassadeur');
    const res = await apply(zoe.agent, zoeToken, closed.slug, { motivation: MOTIVATION, knownThemes: String(closed.themes[0]) });
    expect(res.status).to.equal(409);
    expect(res.text).to.contain('on ne peut candidater que pendant la phase de sélection des ambassadeurs');
    expect(await applicationOf(zoe.id, closed.id)).to.equal(undefined);

    // The DSI's manual closing wins over the calendar, and so does a manual opening.
    await t.db('consultations').where({ id: open.id }).update({ ambassador_call_open: false });
    await t.db('consultations').where({ id: closed.id }).update({ ambassador_call_open: true });
    try {
      expect((await apply(zoe.agent, zoeToken, open.slug, { motivation: MOTIVATION, knownThemes: String(open.themes[0]) })).status).to.equal(409);
      expect((await apply(zoe.agent, zoeToken, closed.slug, { motivation: MOTIVATION, knownThemes: String(closed.themes[0]) })).status).to.equal(303);
    } finally {
      await t.db('consultations').whereIn('id', [open.id, closed.id]).update({ ambassador_call_open: null });
    }
  });

  it('the DSI reviews the applications with motivation, structure and themes', async () => {
    const res = await dsi.get(`/admin/consultations/${open.slug}/candidatures`);
    expect(res.status).to.equal(200);
    expect(res.text).to.contain('Léa Martin').and.contain('Bob Dubois').and.contain('Mission Locale de Tarbes').and.contain('j’utilise le SI');
    expect(res.text).to.contain('Accompagnement des jeunes, Partenaires');
    const pending = await dsi.get(`/admin/consultations/${open.slug}/candidatures?statut=retenue`);
    expect(pending.text).not.to.contain('Léa Martin');
  });

  it('the DSI selects an applicant: role ambassadeur, themes assigned, audit; the applicant sees it', async () => {
    const lea = await t.db('users').where({ display_name: 'Léa Martin' }).first();
    const app1 = await applicationOf(lea.id);
    const missing = await decide(app1.id, { decision: 'retenue' });
    expect(missing.status).to.equal(422);
    expect(missing.text).to.contain('cochez au moins une thématique à confier');

    const res = await decide(app1.id, { decision: 'retenue', themeIds: [String(open.themes[0]), String(open.themes[1])], comment: 'Bienvenue !' });
    expect(res.status).to.equal(303);
    expect((await t.db('users').where({ id: lea.id }).first()).role).to.equal('ambassadeur');
    const assigned = await t.db('ambassador_themes').where({ user_id: lea.id, consultation_id: open.id }).orderBy('theme_id');
    expect(assigned.map((a: { theme_id: number }) => a.theme_id)).to.deep.equal([open.themes[0], open.themes[1]]);
    expect((await applicationOf(lea.id)).status).to.equal('retenue');
    const entry = await t.db('audit_log').where({ action: 'ambassador.select', object_id: String(app1.id) }).first();
    expect(JSON.parse(entry.before_json).role).to.equal('contributeur');
    expect(JSON.parse(entry.after_json).role).to.equal('ambassadeur');

    const agent = await loginAs(app, lea.email);
    const page = await agent.get(`/consultations/${open.slug}`);
    expect(page.text).to.contain('Retenue').and.contain('Thématiques confiées').and.contain('Accompagnement des jeunes, Pilotage').and.contain('Bienvenue !');
    expect((await agent.get('/')).text).to.contain('Espace ambassadeur');
  });

  it('a declined applicant sees the outcome and the comment', async () => {
    const bob = await t.db('users').where({ display_name: 'Bob Dubois' }).first();
    const app2 = await applicationOf(bob.id);
    const res = await decide(app2.id, { decision: 'non_retenue', comment: 'Merci, nous avons déjà deux ambassadeurs en Occitanie.' });
    expect(res.status).to.equal(303);
    expect((await applicationOf(bob.id)).status).to.equal('non_retenue');
    expect((await t.db('users').where({ id: bob.id }).first()).role).to.equal('contributeur');
    expect(await t.db('audit_log').where({ action: 'ambassador.decline', object_id: String(app2.id) }).first()).to.exist;
    const agent = await loginAs(app, bob.email);
    const mine = await agent.get('/candidatures');
    expect(mine.text).to.contain('Non retenue').and.contain('déjà deux ambassadeurs en Occitanie');
    expect((await agent.get(`/consultations/${open.slug}`)).text).to.contain('Non retenue');
  });

  it('a decision can be revised: a selection turned into a refusal gives the contributor role back; a DSI keeps theirs', async () => {
    const lea = await t.db('users').where({ display_name: 'Léa Martin' }).first();
    const app1 = await applicationOf(lea.id);
    expect((await decide(app1.id, { decision: 'non_retenue' })).status).to.equal(303);
    expect((await t.db('users').where({ id: lea.id }).first()).role).to.equal('contributeur');
    expect(await t.db('ambassador_themes').where({ user_id: lea.id })).to.have.length(0);
    expect((await decide(app1.id, { decision: 'retenue', themeIds: String(open.themes[2]) })).status).to.equal(303);
    expect((await t.db('users').where({ id: lea.id }).first()).role).to.equal('ambassadeur');

    const boss = await makeUser(t.db, 'dsi', { name: 'Marc DSI' });
    const agent = await loginAs(app, boss.email);
    expect((await apply(agent, await tokenFor(agent), open.slug, { motivation: MOTIVATION, knownThemes: String(open.themes[0]) })).status).to.equal(303);
    const app3 = await applicationOf(boss.id);
    expect((await decide(app3.id, { decision: 'retenue', themeIds: String(open.themes[0]) })).status).to.equal(303);
    expect((await t.db('users').where({ id: boss.id }).first()).role).to.equal('dsi');
  });

  it('refuses a decision based on an outdated view (409), changing nothing', async () => {
    const bob = await t.db('users').where({ display_name: 'Bob Dubois' }).first();
    const app2 = await applicationOf(bob.id);
    const form = await dsi.get(`/admin/consultations/${open.slug}/candidatures/${app2.id}`);
    const seen = /name="seen" value="([^"]*)"/.exec(form.text)![1];
    await decide(app2.id, { decision: 'non_retenue', comment: 'Deuxième avis' });
    const stale = await dsi.post(`/admin/consultations/${open.slug}/candidatures/${app2.id}`).type('form')
      .send({ _csrf: dsiToken, seen, decision: 'retenue', themeIds: String(open.themes[0]) });
    expect(stale.status).to.equal(409);
    expect(stale.text).to.contain('décidée par quelqu’un d’autre entre-temps').and.contain('Deuxième avis');
    expect((await applicationOf(bob.id)).status).to.equal('non_retenue');
    expect((await t.db('users').where({ id: bob.id }).first()).role).to.equal('contributeur');
  });

  it('keeps the review pages and decisions to the DSI; each person sees only their own applications', async () => {
    const app1 = await t.db('ambassador_applications').where({ consultation_id: open.id }).first();
    const pages = [`/admin/consultations/${open.slug}/candidatures`, `/admin/consultations/${open.slug}/candidatures/${app1.id}`];
    for (const path of pages) {
      const visitor = await request(app).get(path);
      expect(visitor.status, path).to.equal(303);
    }
    expect((await request(app).get('/candidatures')).headers.location).to.equal('/connexion');
    expect((await request(app).get(`/consultations/${open.slug}/candidature`)).headers.location).to.equal('/connexion');
    const before = JSON.stringify(await t.db('ambassador_applications').orderBy('id'));
    for (const role of ['contributeur', 'ambassadeur'] as const) {
      const u = await makeUser(t.db, role);
      const agent = await loginAs(app, u.email);
      for (const path of pages) expect((await agent.get(path)).status, path).to.equal(403);
      const res = await agent.post(pages[1]!).type('form').send({ _csrf: await tokenFor(agent), decision: 'retenue', themeIds: String(open.themes[0]) });
      expect(res.status).to.equal(403);
      const mine = await agent.get('/candidatures');
      expect(mine.text).to.contain('Vous n’avez candidaté à aucun appel').and.not.contain('Bob Dubois');
    }
    expect(JSON.stringify(await t.db('ambassador_applications').orderBy('id'))).to.equal(before);
  });
});
