import { expect } from 'chai';
import type request from 'supertest';
import type { Express } from 'express';
import { freshDb, type TestDb } from '../support/db';
import { isolateEachTest } from '../support/isolation';
import { buildApp, loginAs, makeUser, tokenFor } from '../support/app';
import { makeConsultation, makeRawContribution, makeStructure } from '../support/factories';
import { continuousIntake, participationFigures } from '../../src/modules/stats';
import { parisDay } from '../../src/modules/consultations';

/**
 * Continuous intake (« remontées des besoins »): after publication, during the follow-up phase, staff
 * and regional bodies keep sending needs through the same contribution form. Each is flagged
 * « remontée continue », enters the ambassadors' inbox « à traiter », shows a badge in the lists and can
 * be filtered; the consultation's participation figures stay those of the consultation.
 */
describe('Staff send needs after publication (remontées continues)', function () {
  this.timeout(60_000);
  let t: TestDb;
  let app: Express;
  let staff: request.Agent;
  let token: string;
  let amb: request.Agent;
  let author: { id: number; email: string };
  const c = { followUp: { id: 0, slug: 'suivi-en-cours', theme: 0 }, over: { id: 0, slug: 'suivi-termine', theme: 0 }, forcedClosed: { id: 0, slug: 'suivi-ferme', theme: 0 }, running: { id: 0, slug: 'consultation-ouverte', theme: 0 } };
  const day = (offset: number) => parisDay(new Date(Date.now() + offset * 86_400_000));
  const body = 'Les rendez-vous pris par SMS ne remontent pas dans le dossier du jeune.';
  const submit = (slug: string, theme: number, text = body) => staff.post(`/consultations/${slug}/contributions`).type('form').send({ _csrf: token, themeId: String(theme), body: text });

  before(async () => {
    t = await freshDb();
    app = buildApp(t.db);
    const arml = await makeStructure(t.db, { name: 'ARML Occitanie', kind: 'arml', region: 'Occitanie' });
    const make = async (key: keyof typeof c, phases: Array<{ kind: string; starts_on: string; ends_on: string }>, attrs: Record<string, unknown> = {}) => {
      const made = await makeConsultation(t.db, { slug: c[key].slug, ...attrs }, { themes: [{ code: 'USAGERS', title: 'Usagers' }], phases });
      Object.assign(c[key], { id: made.id, theme: made.themeIds[0] });
    };
    const consulted = { kind: 'consultation', starts_on: day(-400), ends_on: day(-370) };
    await make('followUp', [consulted, { kind: 'publication', starts_on: day(-300), ends_on: day(-200) }, { kind: 'suivi', starts_on: day(-199), ends_on: day(300) }]);
    await make('over', [consulted, { kind: 'suivi', starts_on: day(-199), ends_on: day(-1) }]);
    await make('forcedClosed', [consulted, { kind: 'suivi', starts_on: day(-199), ends_on: day(300) }], { contributions_open: false });
    await make('running', [{ kind: 'consultation', starts_on: day(-1), ends_on: day(10) }, { kind: 'suivi', starts_on: day(-5), ends_on: day(300) }]);
    author = await makeUser(t.db, 'contributeur', { name: 'Régine Régionale', structureId: arml });
    staff = await loginAs(app, author.email);
    token = await tokenFor(staff);
    amb = await loginAs(app, (await makeUser(t.db, 'ambassadeur', { name: 'Amb' })).email);
  });
  after(() => t.destroy());
  isolateEachTest(() => t.db);

  it('offers the same form during the follow-up phase, saying it is a remontée continue', async () => {
    const form = await staff.get(`/consultations/${c.followUp.slug}/contribuer`);
    expect(form.status).to.equal(200);
    expect(form.text).to.contain('Remontée continue des besoins').and.contain('name="body"');
    const page = await staff.get(`/consultations/${c.followUp.slug}`);
    expect(page.text).to.contain('Faire remonter un besoin');
  });

  it('stores it flagged, « à traiter », from the author and their structure, for the ambassadors’ inbox', async () => {
    const res = await submit(c.followUp.slug, c.followUp.theme);
    expect(res.status).to.equal(303);
    const row = await t.db('raw_contributions').where({ author_id: author.id }).first();
    expect(row).to.include({ source: 'individuelle', status: 'a_traiter', body });
    expect(Boolean(row.continuous_intake)).to.equal(true);
    const audit = await t.db('audit_log').where({ action: 'contribution.submit' }).first();
    expect(JSON.parse(audit.after_json)).to.include({ continuousIntake: true });
    const mine = await staff.get('/mes-contributions');
    expect(mine.text).to.contain('Votre remontée n°').and.contain('badge-remontee');
  });

  it('is not flagged while the consultation step itself is open', async () => {
    expect((await submit(c.running.slug, c.running.theme)).status).to.equal(303);
    const row = await t.db('raw_contributions').where({ consultation_id: c.running.id }).first();
    expect(Boolean(row.continuous_intake)).to.equal(false);
  });

  it('is closed once the follow-up phase is over, or when the DSI forced contributions closed (409, nothing stored)', async () => {
    for (const k of ['over', 'forcedClosed'] as const) {
      const form = await staff.get(`/consultations/${c[k].slug}/contribuer`);
      expect(form.text, k).to.contain('Dépôt fermé');
      const res = await submit(c[k].slug, c[k].theme);
      expect(res.status, k).to.equal(409);
      expect(res.text).to.contain('Rien n’a été enregistré');
    }
    expect(Number((await t.db('raw_contributions').count({ n: '*' }).first())?.n)).to.equal(0);
  });

  it('shows a badge in the ambassadors’ list and filters on it; exports say it too', async () => {
    await submit(c.followUp.slug, c.followUp.theme);
    const workshopNote = await makeRawContribution(t.db, c.followUp.id, { theme_id: c.followUp.theme, body: 'Une note d’atelier de la consultation.' });
    const flagged = Number((await t.db('raw_contributions').where({ continuous_intake: true }).first()).id);
    const list = await amb.get(`/consultations/${c.followUp.slug}/contributions`);
    expect(list.text).to.match(new RegExp(`/contributions/${flagged}"[\\s\\S]*?badge-remontee[^>]*>Remontée continue`));
    expect(list.text).to.contain('<option value="oui"');
    const only = await amb.get(`/consultations/${c.followUp.slug}/contributions?remontee=oui`);
    expect(only.text).to.contain(`/contributions/${flagged}"`).and.not.contain(`/contributions/${workshopNote}"`);
    expect(only.text).to.match(/<option value="oui" selected>/);
    const none = await amb.get(`/consultations/${c.followUp.slug}/contributions?remontee=non`);
    expect(none.text).to.contain(`/contributions/${workshopNote}"`).and.not.contain(`/contributions/${flagged}"`);
    const json = await amb.get(`/consultations/${c.followUp.slug}/contributions/export.json?remontee=oui`);
    const rows = JSON.parse(json.text);
    expect(rows.map((r: { id: number }) => r.id)).to.deep.equal([flagged]);
    expect(rows[0].remontee_continue).to.equal('oui');
    const show = await amb.get(`/contributions/${flagged}`);
    expect(show.text).to.contain('Remontée continue');
  });

  it('keeps the participation figures those of the consultation, and counts the remontées apart', async () => {
    await submit(c.followUp.slug, c.followUp.theme);
    await makeRawContribution(t.db, c.followUp.id, { theme_id: c.followUp.theme, body: 'Une note d’atelier de la consultation.' });
    const figures = await participationFigures(t.db, c.followUp.id);
    expect(figures.rawContributions).to.equal(1);
    expect(await continuousIntake(t.db, c.followUp.id)).to.equal(1);
    const dsi = await loginAs(app, (await makeUser(t.db, 'dsi')).email);
    const page = await dsi.get(`/admin/consultations/${c.followUp.slug}/chiffres`);
    expect(page.text).to.match(/Remontées continues depuis la publication[^<]*<strong>1<\/strong>/);
  });
});
