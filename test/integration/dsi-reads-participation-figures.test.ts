import { expect } from 'chai';
import request from 'supertest';
import type { Express } from 'express';
import { freshDb, type TestDb } from '../support/db';
import { buildApp, loginAs } from '../support/app';
import { DEMO_PASSWORD, DEMO_SLUG, type DemoSummary } from '../../seeds/demo';
import { demoSummary } from '../support/demo';
import { participationFigures, type ParticipationFigures } from '../../src/modules/stats';
import { formatNumber } from '../../src/shared/i18n';

const sum = (lines: Array<{ count: number }>) => lines.reduce((n, l) => n + l.count, 0);

/**
 * The participation figures of the demo consultation are computed from the data, by one module, and
 * equal the figures presented at the national seminar wherever they are shown or exported.
 */
describe('The DSI reads the participation figures', function () {
  this.timeout(120_000);
  let t: TestDb;
  let app: Express;
  let summary: DemoSummary;
  let consultationId: number;
  let figures: ParticipationFigures;

  before(async () => {
    t = await freshDb({ template: 'demo' });
    summary = await demoSummary(t.db);
    app = buildApp(t.db);
    consultationId = Number((await t.db('consultations').where({ slug: DEMO_SLUG }).first()).id);
    figures = await participationFigures(t.db, consultationId);
  });
  after(() => t?.destroy());

  it('computes the figures of the seminar from the demo data', () => {
    expect(figures).to.include({ workshopsHeld: 84, participants: 811, rawContributions: 1091 });
    expect(figures.funnel).to.deep.equal({ rawContributions: 1091, consolidatedContributions: 300, needs: 88, functionalProposals: summary.proposals });
  });

  it('breaks the contributions down by theme (« À classer » included), region and source, each summing to the total', () => {
    expect(sum(figures.byTheme)).to.equal(1091);
    expect(figures.byTheme.at(-1)).to.deep.equal({ key: 'A_CLASSER', label: 'À classer', count: 33 });
    expect(figures.byTheme.length).to.be.greaterThan(2);
    expect(sum(figures.byRegion)).to.equal(1091);
    expect(figures.byRegion.length).to.be.greaterThan(5);
    expect(figures.byRegion.some((l) => l.key === 'Occitanie')).to.equal(true);
    const counts = figures.byRegion.map((l) => l.count);
    expect(counts).to.deep.equal([...counts].sort((a, b) => b - a));
    expect(sum(figures.bySource)).to.equal(1091);
    const bySource = Object.fromEntries(figures.bySource.map((l) => [l.key, l.count]));
    expect(bySource).to.include({ partenaire: 55, individuelle: 109, import: 0 });
    expect(bySource.atelier).to.equal(1091 - 55 - 109);
  });

  it('follows the data: withdrawn contributions, attendees without an account, unheld workshops and repeat attendees', async () => {
    const trx = await t.db.transaction();
    try {
      const [w1, w2] = await trx('workshops').where({ consultation_id: consultationId }).orderBy('id').limit(2);
      await trx('workshops').where({ id: w1.id }).update({ anonymous_attendees: 7 });
      const withdrawn = await trx('raw_contributions').where({ consultation_id: consultationId, status: 'a_traiter' }).whereNotNull('theme_id').first();
      await trx('raw_contributions').where({ id: withdrawn.id }).update({ status: 'retiree' });
      // Someone already present at w1 also attends w2: still one participant.
      const present = await trx('workshop_registrations').where({ workshop_id: w1.id, attended: true }).first();
      await trx('workshop_registrations').insert({ workshop_id: w2.id, user_id: present.user_id, status: 'inscrit', attended: true });
      let f = await participationFigures(trx, consultationId);
      expect(f.participants).to.equal(811 + 7);
      expect(f.rawContributions).to.equal(1090);
      expect(sum(f.byTheme)).to.equal(1090);
      expect(sum(f.byRegion)).to.equal(1090);
      // A workshop that is reopened (not held) no longer counts, nor do its attendees.
      const attendeesOfW2 = Number((await trx('workshop_registrations').where({ workshop_id: w2.id, attended: true }).count({ n: '*' }).first())?.n);
      await trx('workshops').where({ id: w2.id }).update({ status: 'planifie' });
      f = await participationFigures(trx, consultationId);
      expect(f.workshopsHeld).to.equal(83);
      expect(f.participants).to.equal(811 + 7 - (attendeesOfW2 - 1));
    } finally {
      await trx.rollback();
    }
    expect((await participationFigures(t.db, consultationId)).participants).to.equal(811);
  });

  it('shows the figures on the public page, to visitors too, with the retention rule', async () => {
    const res = await request(app).get(`/consultations/${DEMO_SLUG}`);
    expect(res.status).to.equal(200);
    expect(res.text).to.contain('Les chiffres de la consultation');
    expect(res.text).to.contain(formatNumber(1091)).and.contain(formatNumber(811)).and.contain('>84<');
    expect(formatNumber(1091)).to.match(/^1\s091$/u);
    expect(res.text).to.contain('contributions consolidées').and.contain('>300<').and.contain('>88<');
    expect(res.text.indexOf('Les chiffres de la consultation')).to.be.lessThan(res.text.indexOf('id="calendrier"'));
    expect(res.text).to.contain('Conservation des données personnelles').and.contain('31 décembre 2026');
    expect(res.text).to.contain('pas encore été purgées');
    expect(res.text).not.to.contain('Détail des chiffres (DSI)');
    expect(res.text).not.to.match(/\sstyle=/);
  });

  it('gives the DSI the detailed page: captioned tables, CSS bars, links to the exports', async () => {
    const dsi = await loginAs(app, 'dsi@ensemble.test', DEMO_PASSWORD);
    expect((await dsi.get(`/consultations/${DEMO_SLUG}`)).text).to.contain('Détail des chiffres (DSI)');
    const res = await dsi.get(`/admin/consultations/${DEMO_SLUG}/chiffres`);
    expect(res.status).to.equal(200);
    expect(res.text.match(/<h1[ >]/g)).to.have.length(1);
    // The funnel, the three breakdowns and the regions' table under the map.
    expect(res.text.match(/<caption>/g)!.length).to.equal(5);
    expect(res.text).to.contain('Contributions brutes par thématique').and.contain('Contributions brutes par région').and.contain('Contributions brutes par source');
    expect(res.text).to.contain('<th scope="row">À classer</th>');
    expect(res.text).to.contain('<th scope="row">Occitanie</th>');
    expect(res.text).to.contain('class="bar bar-100" aria-hidden="true"');
    expect(res.text).to.contain('/static/css/stats.css');
    expect(res.text).not.to.match(/\sstyle=/);
    expect(res.text).to.contain(`/consultations/${DEMO_SLUG}/chiffres.csv`).and.contain(`/consultations/${DEMO_SLUG}/chiffres.json`);
    expect((await dsi.get('/admin/consultations/inconnue/chiffres')).status).to.equal(404);
  });

  it('keeps the detailed page to the DSI', async () => {
    const contributor = await loginAs(app, 'contributeur@ensemble.test', DEMO_PASSWORD);
    expect((await contributor.get(`/admin/consultations/${DEMO_SLUG}/chiffres`)).status).to.equal(403);
    const visitor = await request(app).get(`/admin/consultations/${DEMO_SLUG}/chiffres`);
    expect(visitor.status).to.equal(303);
    expect(visitor.headers.location).to.equal('/connexion');
  });

  it('exports the same figures as CSV for French spreadsheets', async () => {
    const res = await request(app).get(`/consultations/${DEMO_SLUG}/chiffres.csv`).buffer(true).parse((r, done) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => done(null, Buffer.concat(chunks)));
    });
    expect(res.status).to.equal(200);
    expect(res.headers['content-type']).to.match(/^text\/csv; charset=utf-8/);
    expect(res.headers['content-disposition']).to.contain(`chiffres-${DEMO_SLUG}.csv`);
    const body = res.body as Buffer;
    expect([...body.subarray(0, 3)]).to.deep.equal([0xef, 0xbb, 0xbf]);
    const lines = body.toString('utf8').slice(1).split('\r\n').filter(Boolean);
    expect(lines[0]).to.equal('Indicateur;Catégorie;Valeur');
    expect(lines).to.include.members(['Ateliers tenus;;84', 'Participants;;811', 'Contributions brutes;;1091', 'Contributions par thématique;À classer;33']);
    expect(lines).to.include.members([
      'De la contribution à la proposition;Contributions consolidées;300',
      'De la contribution à la proposition;Besoins;88',
    ]);
    const themeTotal = lines.filter((l) => l.startsWith('Contributions par thématique;')).reduce((n, l) => n + Number(l.split(';').at(-1)), 0);
    expect(themeTotal).to.equal(1091);
    expect(body.toString('utf8')).not.to.match(/@/);
  });

  it('exports the same figures as JSON open data, without personal data', async () => {
    const res = await request(app).get(`/consultations/${DEMO_SLUG}/chiffres.json`);
    expect(res.status).to.equal(200);
    expect(res.headers['content-type']).to.match(/^application\/json/);
    const body = JSON.parse(res.text);
    expect(body).to.deep.include({ ateliers_tenus: 84, participants: 811, contributions_brutes: 1091 });
    expect(body.entonnoir).to.include({ contributions_consolidees: 300, besoins: 88 });
    expect(body.par_thematique.reduce((n: number, l: { contributions: number }) => n + l.contributions, 0)).to.equal(1091);
    expect(res.text).not.to.contain('@');
    expect((await request(app).get('/consultations/inconnue/chiffres.json')).status).to.equal(404);
  });
});
