import { expect } from 'chai';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type { Express } from 'express';
import type { Knex } from 'knex';
import request from 'supertest';
import { DEMO_PASSWORD, DEMO_SLUG } from '../../seeds/demo';
import { followedProposals } from '../../src/modules/followup';
import { contributionsByWeek, participationFigures, uptakeOf, type ParticipationFigures } from '../../src/modules/stats';
import { formatNumber, formatPercent } from '../../src/shared/i18n';
import { loginAs } from '../support/app';
import { openDemo } from '../support/demo';
import type { TestDb } from '../support/db';

function binary(res: any, cb: (err: Error | null, body: any) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
}

const BOARD = `/admin/consultations/${DEMO_SLUG}/tableau-de-bord`;
const EXPORT = `/admin/consultations/${DEMO_SLUG}/besoins-propositions`;
const HEADER = [
  'Thématique', 'Code du besoin', 'Besoin', 'Statut du besoin', 'Suivi du besoin', 'Points de priorité', 'Rang de priorité',
  'Contributions consolidées', 'Contributions brutes', 'Ateliers', 'Régions', 'Code de la proposition', 'Proposition fonctionnelle',
  'Priorité de la proposition', 'Statut de la proposition', 'Statut de suivi', 'Chantier', 'Statut de suivi depuis le',
];
const LIVE_FORMULA = /^[=+\-@\t\r]/;

/** The text of an element by id (cards and tables are plain markup, no script). */
function cardText(html: string, id: string): string {
  const m = new RegExp(`<li class="dash-card" id="${id}">([\\s\\S]*?)</li>`).exec(html);
  if (!m) throw new Error(`carte ${id} absente`);
  return m[1]!.replace(/<[^>]+>/g, ' ').replace(/[ \t\n]+/g, ' ').trim();
}

/**
 * The DSI's dashboard of a consultation gathers the figures of the figures module, the follow-up's
 * indicator and the prioritisation's results — the same numbers as their own pages — and links to the
 * exports of the needs and proposals (CSV, XLSX, JSON: one set of lines).
 */
describe('The DSI reads the consultation dashboard and exports the needs and proposals', function () {
  this.timeout(180_000);
  let t: TestDb;
  let db: Knex;
  let app: Express;
  let consultationId: number;
  let dsi: request.Agent;
  let html: string;
  let figures: ParticipationFigures;

  before(async () => {
    ({ t, db, app, consultationId } = await openDemo());
    dsi = await loginAs(app, 'dsi@ensemble.test', DEMO_PASSWORD);
    figures = await participationFigures(db, consultationId);
    const res = await dsi.get(BOARD);
    expect(res.status).to.equal(200);
    html = res.text;
  });
  after(() => t?.destroy());

  it('shows the headline cards as a list, with the 14 ambassadors and the figures of the figures module', async () => {
    expect(cardText(html, 'carte-ambassadeurs')).to.equal('14 Ambassadeurs');
    expect(cardText(html, 'carte-ateliers')).to.equal(`${formatNumber(figures.workshopsHeld)} Ateliers tenus`);
    expect(cardText(html, 'carte-participants')).to.equal(`${formatNumber(figures.participants)} Participants`);
    expect(cardText(html, 'carte-contributions-brutes')).to.equal(`${formatNumber(figures.rawContributions)} Contributions brutes`);
    expect(cardText(html, 'carte-contributions-consolidees')).to.equal(`${formatNumber(figures.funnel.consolidatedContributions)} Contributions consolidées`);
    expect(cardText(html, 'carte-besoins')).to.equal(`${formatNumber(figures.funnel.needs)} Besoins`);
    expect(cardText(html, 'carte-propositions')).to.equal(`${formatNumber(figures.funnel.functionalProposals)} Propositions fonctionnelles`);
    // The demo's seminar figures, as the figures page shows them.
    expect(figures).to.include({ workshopsHeld: 84, participants: 811, rawContributions: 1091 });
    const page = (await dsi.get(`/admin/consultations/${DEMO_SLUG}/chiffres`)).text;
    for (const n of [figures.workshopsHeld, figures.participants, figures.rawContributions]) expect(page).to.contain(`<dd>${formatNumber(n)}</dd>`);
    expect(html).to.match(/<ul class="dash-cards">/);
  });

  it('draws the funnel, the map, the weeks and the word cloud, each with its text or table, headings in order', async () => {
    for (const id of ['tableau-entonnoir', 'tableau-carte-contributions', 'tableau-semaines', 'tableau-nuage']) {
      expect(html, id).to.contain(`aria-labelledby="${id}-titre ${id}-desc"`);
    }
    expect(html).to.contain('id="tableau-regions"');
    // The weeks' table sums to the raw contributions.
    const weeks = await contributionsByWeek(db, consultationId);
    expect(weeks.reduce((n, w) => n + w.count, 0)).to.equal(figures.rawContributions);
    expect(new Set(weeks.map((w) => w.key)).size).to.equal(weeks.length);
    for (const w of weeks) expect(new Date(`${w.key}T12:00:00Z`).getUTCDay(), w.key).to.equal(1);
    expect(html).to.contain(weeks[0]!.label);
    const levels = [...html.matchAll(/<h([1-6])[\s>]/g)].map((m) => Number(m[1]));
    expect(levels[0]).to.equal(1);
    for (let i = 1; i < levels.length; i++) expect(levels[i]! - levels[i - 1]!, `titre h${levels[i]} après h${levels[i - 1]}`).to.be.at.most(1);
    expect(html).to.contain('aria-current="page"');
    expect(html).to.contain(`href="${BOARD}"`);
  });

  it('shows the uptake indicator equal to the follow-up’s, with links to the follow-up pages', async () => {
    const rows = await followedProposals(db, consultationId);
    const overall = uptakeOf(rows.map((r) => r.status));
    expect(overall.total).to.be.greaterThan(0);
    expect(cardText(html, 'carte-suivies')).to.equal(`${formatNumber(overall.total)} Propositions suivies`);
    expect(cardText(html, 'carte-prises-en-compte')).to.contain(formatPercent(overall.takenShare, 1)).and.contain(`: ${formatNumber(overall.taken)})`);
    expect(cardText(html, 'carte-livrees')).to.contain(formatPercent(overall.deliveredShare, 1)).and.contain(`(${formatNumber(overall.delivered)})`);
    const followup = (await dsi.get(`/admin/consultations/${DEMO_SLUG}/suivi`)).text;
    expect(followup).to.contain(`<strong>${formatPercent(overall.takenShare, 1)}</strong> prises en compte, <strong>${formatPercent(overall.deliveredShare, 1)}</strong> livrées`);
    expect(html).to.contain(`href="/admin/consultations/${DEMO_SLUG}/suivi"`);
    expect(html).to.contain(`href="/consultations/${DEMO_SLUG}/suivi"`);
  });

  it('lists the top needs by priority points of the latest prioritisation, as its results', async () => {
    const step = await db('prioritisation_steps').where({ consultation_id: consultationId }).orderBy('starts_at', 'desc').first();
    const results = JSON.parse((await dsi.get(`/priorisations/${step.id}/resultats.json`).buffer(true).parse(binary)).body.toString('utf8'));
    const table = /<table class="chart-table" id="tableau-priorites">([\s\S]*?)<\/table>/.exec(html)![1]!;
    const lines = [...table.matchAll(/<tr><td class="num">([^<]+)<\/td><th scope="row"><a href="\/besoins\/\d+">([^ ]+) — [\s\S]*?<\/a><\/th><td class="num">([^<]+)<\/td>/g)].map((m) => ({ rang: m[1], besoin: m[2], points: m[3] }));
    expect(lines).to.have.length(10);
    expect(lines).to.deep.equal(results.classement.slice(0, 10).map((l: any) => ({ rang: formatNumber(l.rang), besoin: l.besoin, points: formatNumber(l.points) })));
  });

  it('exports the needs and proposals as CSV for French Excel, one line per proposal, with statuses, points and traces', async () => {
    const res = await dsi.get(`${EXPORT}.csv`).buffer(true).parse(binary);
    expect(res.status).to.equal(200);
    expect(res.headers['content-type']).to.match(/^text\/csv/);
    const body = res.body as Buffer;
    expect([...body.subarray(0, 3)]).to.deep.equal([0xef, 0xbb, 0xbf]);
    expect(body.toString('utf8')).to.contain('\r\n');
    const rows = parse(body, { bom: true, delimiter: ';', columns: true }) as Array<Record<string, string>>;
    expect(Object.keys(rows[0]!)).to.deep.equal(HEADER);
    // Every proposal once, every need at least once.
    const proposals = rows.filter((r) => r['Code de la proposition']);
    expect(proposals).to.have.length(figures.funnel.functionalProposals);
    expect(new Set(rows.map((r) => r['Code du besoin'])).size).to.equal(figures.funnel.needs);
    for (const r of rows) for (const cell of Object.values(r)) expect(cell).not.to.match(LIVE_FORMULA);
    // Follow-up status: on the followed proposals only, equal to the follow-up's.
    const followed = new Map((await followedProposals(db, consultationId)).map((p) => [p.code, p]));
    const withStatus = rows.filter((r) => r['Statut de suivi']);
    expect(withStatus).to.have.length(followed.size);
    for (const r of withStatus) expect(followed.has(r['Code de la proposition']!)).to.equal(true);
    expect(rows.filter((r) => r['Statut de la proposition'] === 'Validée').length).to.be.at.least(followed.size);
    // Points: the latest prioritisation's, per need.
    const step = await db('prioritisation_steps').where({ consultation_id: consultationId }).orderBy('starts_at', 'desc').first();
    const results = JSON.parse((await dsi.get(`/priorisations/${step.id}/resultats.json`).buffer(true).parse(binary)).body.toString('utf8'));
    const points = new Map<string, number>(results.classement.map((l: any) => [l.besoin, l.points]));
    for (const r of rows) {
      const expected = points.get(r['Code du besoin']!);
      expect(r['Points de priorité'], r['Code du besoin']).to.equal(expected === undefined ? '' : String(expected));
    }
    // Traceability: as the need's trace counts.
    const need = await db('needs').where({ consultation_id: consultationId, code: rows[0]!['Code du besoin'] }).first();
    const supports = Number((await db('need_supports').where({ need_id: need.id }).count({ n: '*' }).first())!.n);
    expect(Number(rows[0]!['Contributions consolidées'])).to.equal(supports);
    expect(Number(rows[0]!['Contributions brutes'])).to.be.at.least(Number(rows[0]!['Ateliers']));
    expect(Number(rows[0]!['Régions'])).to.be.greaterThan(0);
  });

  it('exports the same lines as XLSX (read back with exceljs) and as JSON', async () => {
    const csv = parse((await dsi.get(`${EXPORT}.csv`).buffer(true).parse(binary)).body, { bom: true, delimiter: ';', columns: true }) as Array<Record<string, string>>;
    const res = await dsi.get(`${EXPORT}.xlsx`).buffer(true).parse(binary);
    expect(res.status).to.equal(200);
    expect(res.headers['content-type']).to.match(/spreadsheetml/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body);
    const sheet = wb.getWorksheet('Besoins et propositions')!;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).to.deep.equal(HEADER);
    expect(sheet.rowCount).to.equal(csv.length + 1);
    const second = sheet.getRow(2);
    HEADER.forEach((h, i) => {
      const v = second.getCell(i + 1).value;
      expect(v === null || v === undefined ? '' : String(v), h).to.equal(csv[0]![h]);
    });

    const json = JSON.parse((await dsi.get(`${EXPORT}.json`).buffer(true).parse(binary)).body.toString('utf8'));
    expect(json.consultation.slug).to.equal(DEMO_SLUG);
    expect(json.livre_blanc_publie).to.equal(true);
    expect(json.priorisation).to.include({ etat: 'close' });
    expect(json.colonnes.map((c: any) => c.libelle)).to.deep.equal(HEADER);
    expect(json.lignes).to.have.length(csv.length);
    const keys = json.colonnes.map((c: any) => c.cle);
    json.lignes.forEach((line: Record<string, unknown>, i: number) => {
      expect(Object.keys(line)).to.deep.equal(keys);
      keys.forEach((k: string, j: number) => expect(line[k] === null ? '' : String(line[k]), `${i} ${k}`).to.equal(csv[i]![HEADER[j]!]));
    });
    expect(typeof json.lignes[0].contributions_brutes).to.equal('number');
  });

  it('refuses the dashboard and the exports to everyone but the DSI', async () => {
    const paths = [BOARD, `${EXPORT}.csv`, `${EXPORT}.xlsx`, `${EXPORT}.json`];
    for (const email of ['ambassadeur@ensemble.test', 'contributeur@ensemble.test']) {
      const agent = await loginAs(app, email, DEMO_PASSWORD);
      for (const p of paths) expect((await agent.get(p)).status, `${email} ${p}`).to.equal(403);
    }
    for (const p of paths) expect((await request(app).get(p)).status, p).to.be.oneOf([302, 303, 401, 403]);
    expect((await dsi.get('/admin/consultations/inconnue/tableau-de-bord')).status).to.equal(404);
    expect((await dsi.get('/admin/consultations/inconnue/besoins-propositions.csv')).status).to.equal(404);
  });

  it('is reached from the DSI’s home, the consultations’ administration and its tabs', async () => {
    expect((await dsi.get('/')).text).to.contain(`href="${BOARD}"`);
    expect((await dsi.get('/admin/consultations')).text).to.contain(`href="${BOARD}"`);
    expect((await dsi.get(`/admin/consultations/${DEMO_SLUG}/calendrier`)).text).to.contain(`href="${BOARD}"`);
  });
});
