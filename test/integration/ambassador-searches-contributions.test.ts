import { expect } from 'chai';
import request from 'supertest';
import type { Express } from 'express';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { freshDb, type TestDb } from '../support/db';
import { buildApp, loginAs, makeUser } from '../support/app';
import { insertRawContribution, type NewRawContribution } from '../../src/modules/contributions';
import { makeConsultation, makePhase, makeRawContributions, makeStructure, makeWorkshop } from '../support/factories';
import { parisDay } from '../../src/modules/consultations';

function binary(res: any, cb: (err: Error | null, body: any) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
}

const STAFF_HEADER = 'Identifiant;Référence;Thématique;Atelier;Structure;Région;Source;Statut;Auteur;Anonyme;Déposée le;Texte;Motif hors périmètre;Remontée continue';
const OPEN_DATA_HEADER = 'Identifiant;Référence;Thématique;Atelier;Région;Source;Statut;Déposée le;Texte';
const LIVE_FORMULA = /^[=+\-@\t\r]/;

/** Ambassadors and the DSI browse, search and export raw contributions; contributors cannot. */
describe('An ambassador browses, searches and exports raw contributions', () => {
  let t: TestDb;
  let app: Express;
  let amb: request.Agent;
  let contributor: request.Agent;
  let lea: { id: number; email: string };
  const slug = 'recherche';
  let consultationId: number;
  const theme: Record<string, number> = {};
  const workshop: Record<string, number> = {};
  const ids: Record<string, number> = {};
  const fillers: number[] = [];

  async function add(key: string, c: Partial<NewRawContribution> & { body: string }, status?: Record<string, unknown>) {
    ids[key] = await insertRawContribution(t.db, { consultation_id: consultationId, theme_id: null, source: 'atelier', created_by: null, ...c });
    if (status) await t.db('raw_contributions').where({ id: ids[key] }).update(status);
  }

  before(async () => {
    t = await freshDb();
    app = buildApp(t.db);
    const lille = await makeStructure(t.db, { name: 'Mission Locale de Lille', department_code: '59', region: 'Hauts-de-France' });
    const nimes = await makeStructure(t.db, { name: 'Mission Locale de Nîmes', department_code: '30' });
    const ibs = await makeStructure(t.db, { name: 'IBS', kind: 'partenaire', region: 'Île-de-France' });
    const c = await makeConsultation(t.db, { slug, title: 'Consultation de recherche' }, { themes: [{ code: 'USA', title: 'Usagers & offres de services' }, { code: 'OUT', title: 'Outils du conseiller' }] });
    consultationId = c.id;
    theme.usagers = c.themes.USA!;
    theme.outils = c.themes.OUT!;
    const ws = (title: string, structure_id: number, day: string) => makeWorkshop(t.db, consultationId, { title, structure_id, starts_at: `${day}T08:00:00.000Z`, ends_at: `${day}T11:00:00.000Z` });
    workshop.lille = await ws('Atelier de Lille', lille, '2023-09-05');
    workshop.nimes = await ws('Atelier de Nîmes', nimes, '2023-10-01');
    lea = await makeUser(t.db, 'contributeur', { name: 'Léa Signataire', email: 'lea.signataire@ml59.test', structureId: lille });

    await add('a', { theme_id: theme.usagers, workshop_id: workshop.lille, structure_id: lille, author_id: lea.id, reference: 'ATL-001-01', submitted_at: '2023-09-05T10:00:00.000Z', body: 'Permettre aux jeunes de saisir leurs aspirations eux-mêmes.' });
    await add('b', { theme_id: theme.usagers, source: 'individuelle', structure_id: nimes, author_id: lea.id, submitted_at: '2023-09-20T09:00:00.000Z', body: 'L’aspiration d’un élève doit être suivie dans la durée.' });
    await add('c', { source: 'import', structure_id: lille, author_name: '+Jean Papier', reference: 'FEUILLE-12', submitted_at: '2023-08-15T09:00:00.000Z', body: '=SUM(1)' });
    await add('d', { theme_id: theme.outils, workshop_id: workshop.nimes, structure_id: nimes, reference: 'ATL-002-01', submitted_at: '2023-10-01T10:00:00.000Z', body: 'Des rendez-vous en ligne pour les élèves éloignés, à côté de chez eux.' }, { status: 'consolidee' });
    await add('e', { theme_id: theme.outils, source: 'partenaire', structure_id: ibs, author_name: 'IBS', reference: 'IBS-001', submitted_at: '2023-09-27T10:00:00.000Z', body: '-Un tiret en tête et une ligne\nsuivante ; avec point-virgule' }, { status: 'hors_perimetre', out_of_scope_reason: 'Demande de M. Dupont, hors SI.' });
    await add('f', { theme_id: theme.usagers, source: 'individuelle', structure_id: lille, author_id: lea.id, anonymous: true, submitted_at: '2023-09-25T10:00:00.000Z', body: 'Contribution retirée par son autrice.' }, { status: 'retiree' });
    const rows = Array.from({ length: 110 }, (_, i) => ({ theme_id: theme.outils!, workshop_id: workshop.nimes, structure_id: nimes, reference: `ATL-002-${String(i + 2).padStart(3, '0')}`, submitted_at: '2023-11-01T10:00:00.000Z', body: `Note de remplissage numéro ${i} sur la mobilité.` }));
    fillers.push(...(await makeRawContributions(t.db, consultationId, rows, 110)));

    amb = await loginAs(app, (await makeUser(t.db, 'ambassadeur')).email);
    contributor = await loginAs(app, lea.email);
  });
  after(() => t.destroy());

  const all = () => [...Object.values(ids), ...fillers].sort((x, y) => y - x);

  /** Walks every page of a selection through the « Page suivante » links; returns each page's ids. */
  async function pages(query = ''): Promise<number[][]> {
    const out: number[][] = [];
    let url: string | null = `/consultations/${slug}/contributions${query ? `?${query}` : ''}`;
    while (url) {
      const res = await amb.get(url);
      expect(res.status, url).to.equal(200);
      out.push([...res.text.matchAll(/<th scope="row"><a href="\/contributions\/(\d+)"/g)].map((m) => Number(m[1])));
      const next = /<a href="([^"]+)" rel="next">Page suivante<\/a>/.exec(res.text);
      url = next ? next[1]!.replace(/&amp;/g, '&') : null;
      expect(out.length).to.be.below(10);
    }
    return out;
  }
  const selection = async (query: string) => (await pages(query)).flat().sort((x, y) => y - x);
  const idsOf = (...keys: string[]) => keys.map((k) => ids[k]!).sort((x, y) => y - x);

  it('refuses contributors the browse and every export (403), and sends visitors to the login form', async () => {
    for (const path of ['', '/export.csv', '/export.xlsx', '/export.json']) {
      expect((await contributor.get(`/consultations/${slug}/contributions${path}`)).status, path).to.equal(403);
    }
    expect((await contributor.get('/contributions')).status).to.equal(403);
    const visitor = await request(app).get(`/consultations/${slug}/contributions`);
    expect(visitor.status).to.equal(303);
    expect(visitor.headers.location).to.equal('/connexion');
  });

  it('filters by theme (and « à classer »), workshop, region, status, source and date range', async () => {
    expect(await selection(`theme=${theme.usagers}`)).to.deep.equal(idsOf('a', 'b', 'f'));
    expect(await selection('theme=a_classer')).to.deep.equal(idsOf('c'));
    expect(await selection(`atelier=${workshop.lille}`)).to.deep.equal(idsOf('a'));
    expect(await selection('region=Hauts-de-France')).to.deep.equal(idsOf('a', 'c', 'f'));
    expect(await selection('statut=hors_perimetre')).to.deep.equal(idsOf('e'));
    expect(await selection('source=partenaire')).to.deep.equal(idsOf('e'));
    expect(await selection('du=2023-09-19&au=2023-09-30')).to.deep.equal(idsOf('b', 'e', 'f'));
    expect(await selection(`theme=${theme.usagers}&source=individuelle&statut=a_traiter`)).to.deep.equal(idsOf('b'));
    // Malformed values are ignored, never an error page.
    expect(await selection('theme=abc&statut=nimporte&du=2023-13-45&avant=-3')).to.deep.equal(all());
  });

  it('searches in French: accents ignored, word forms matched, every word required', async () => {
    expect(await selection('q=aspiration')).to.deep.equal(idsOf('a', 'b'));
    expect(await selection('q=eleve')).to.deep.equal(idsOf('b', 'd'));
    expect(await selection('q=%C3%89L%C3%88VES')).to.deep.equal(idsOf('b', 'd'));
    expect(await selection('q=rendez-vous+ligne')).to.deep.equal(idsOf('d'));
    expect(await selection(`q=aspirations+jeunes&theme=${theme.usagers}`)).to.deep.equal(idsOf('a'));
    expect(await selection('q=%22%28*%3A')).to.deep.equal(all());
  });

  it('pages by keyset: disjoint pages of 50 at most, newest first, covering everything', async () => {
    const result = await pages();
    expect(result.map((p) => p.length)).to.deep.equal([50, 50, 16]);
    const flat = result.flat();
    expect(new Set(flat).size).to.equal(flat.length);
    expect(flat).to.deep.equal(all());
    const second = await amb.get(`/consultations/${slug}/contributions?avant=${result[0]!.at(-1)}`);
    expect(second.text).to.contain('Première page');
  });

  it('shows reference, theme, workshop, structure and region, author and status on each row', async () => {
    const res = await amb.get(`/consultations/${slug}/contributions?q=aspirations+jeunes`);
    expect(res.text).to.contain('ATL-001-01').and.contain('Usagers &amp; offres de services').and.contain('Atelier de Lille');
    expect(res.text).to.contain('Mission Locale de Lille').and.contain('Hauts-de-France').and.contain('Léa Signataire').and.contain('À traiter');
    const page = await amb.get(`/contributions/${ids.e}`);
    expect(page.text).to.contain('IBS-001').and.contain('Hors périmètre').and.contain('Demande de M. Dupont');
    expect((await amb.get(`/contributions/${ids.f}`)).text).to.contain('Anonyme').and.not.contain('Léa Signataire');
  });

  it('exports the selection as CSV for French Excel: BOM, semicolons, CRLF, accents intact, no live formula', async () => {
    const res = await amb.get(`/consultations/${slug}/contributions/export.csv`).buffer(true).parse(binary);
    expect(res.status).to.equal(200);
    expect(res.headers['content-type']).to.match(/^text\/csv/);
    expect(res.headers['content-disposition']).to.match(/attachment; filename="contributions-recherche-\d{4}-\d{2}-\d{2}\.csv"/);
    const buf = res.body as Buffer;
    expect([...buf.subarray(0, 3)]).to.deep.equal([0xef, 0xbb, 0xbf]);
    const text = buf.toString('utf8');
    expect(text.slice(1).split('\r\n')[0]).to.equal(STAFF_HEADER);
    const rows = parse(buf, { bom: true, delimiter: ';', columns: true }) as Array<Record<string, string>>;
    expect(rows.map((r) => Number(r.Identifiant))).to.deep.equal(all());
    const byId = new Map(rows.map((r) => [Number(r.Identifiant), r]));
    expect(byId.get(ids.c!)!.Texte).to.equal("'=SUM(1)");
    expect(byId.get(ids.c!)!.Auteur).to.equal("'+Jean Papier");
    expect(byId.get(ids.c!)!['Thématique']).to.equal('À classer');
    expect(byId.get(ids.c!)!['Référence']).to.equal('FEUILLE-12');
    expect(byId.get(ids.e!)!.Texte).to.equal("'-Un tiret en tête et une ligne\nsuivante ; avec point-virgule");
    expect(byId.get(ids.b!)!.Texte).to.equal('L’aspiration d’un élève doit être suivie dans la durée.');
    expect(byId.get(ids.b!)!['Région']).to.equal('Occitanie');
    expect(byId.get(ids.a!)!['Déposée le']).to.equal('2023-09-05 12:00');
    expect(byId.get(ids.f!)!.Auteur).to.equal('Anonyme');
    for (const r of rows) for (const cell of Object.values(r)) expect(cell, cell).not.to.match(LIVE_FORMULA);

    const filtered = parse((await amb.get(`/consultations/${slug}/contributions/export.csv?theme=a_classer`).buffer(true).parse(binary)).body, { bom: true, delimiter: ';', columns: true }) as Array<Record<string, string>>;
    expect(filtered.map((r) => Number(r.Identifiant))).to.deep.equal([ids.c]);
    expect(await t.db('audit_log').where({ action: 'contribution.export' }).first()).to.exist;
  });

  it('exports XLSX readable by exceljs, with the same neutralisation and plain-text cells', async () => {
    const res = await amb.get(`/consultations/${slug}/contributions/export.xlsx?q=SUM`).buffer(true).parse(binary);
    expect(res.status).to.equal(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body);
    const sheet = wb.getWorksheet('Contributions')!;
    expect((sheet.getRow(1).values as unknown[]).slice(1).join(';')).to.equal(STAFF_HEADER);
    expect(sheet.rowCount).to.equal(2);
    const row = sheet.getRow(2);
    expect(row.getCell(1).value).to.equal(ids.c);
    expect(row.getCell(12).value).to.equal("'=SUM(1)");
    expect(row.getCell(12).type).to.equal(ExcelJS.ValueType.String);
    expect(row.getCell(9).value).to.equal("'+Jean Papier");

    const whole = new ExcelJS.Workbook();
    await whole.xlsx.load((await amb.get(`/consultations/${slug}/contributions/export.xlsx`).buffer(true).parse(binary)).body);
    const ws = whole.getWorksheet('Contributions')!;
    expect(ws.rowCount).to.equal(all().length + 1);
    ws.eachRow((r) => r.eachCell((cell) => {
      expect(cell.type).not.to.equal(ExcelJS.ValueType.Formula);
      if (typeof cell.value === 'string') expect(cell.value).not.to.match(LIVE_FORMULA);
    }));
    const anonymous = [] as string[];
    ws.eachRow((r) => { if (r.getCell(1).value === ids.f) anonymous.push(String(r.getCell(9).value)); });
    expect(anonymous).to.deep.equal(['Anonyme']);
  });

  it('exports valid JSON, texts as typed (JSON needs no neutralisation)', async () => {
    const res = await amb.get(`/consultations/${slug}/contributions/export.json?source=import`).buffer(true).parse(binary);
    expect(res.headers['content-type']).to.match(/^application\/json/);
    const data = JSON.parse((res.body as Buffer).toString('utf8'));
    expect(data).to.have.length(1);
    expect(data[0]).to.include({ id: ids.c, reference: 'FEUILLE-12', texte: '=SUM(1)', auteur: '+Jean Papier', thematique: 'À classer' });
    expect(data[0].deposee_le).to.equal('2023-08-15T09:00:00.000Z');
    const none = JSON.parse((await amb.get(`/consultations/${slug}/contributions/export.json?q=introuvable`).buffer(true).parse(binary)).body.toString('utf8'));
    expect(none).to.deep.equal([]);
  });

  it('streams exports in keyset batches: a selection larger than a batch comes out whole, once each', async () => {
    const big = (await makeConsultation(t.db, { slug: 'volumineuse', title: 'Volumineuse' })).id;
    await makeRawContributions(t.db, big, Array.from({ length: 2100 }, (_, i) => ({ source: 'import' as const, body: `Ligne ${i} ; « é »` })), 300);
    const json = JSON.parse((await amb.get('/consultations/volumineuse/contributions/export.json').buffer(true).parse(binary)).body.toString('utf8'));
    const got = json.map((r: { id: number }) => r.id);
    expect(got).to.have.length(2100);
    expect(new Set(got).size).to.equal(2100);
    expect(got).to.deep.equal([...got].sort((x: number, y: number) => y - x));
    const csv = parse((await amb.get('/consultations/volumineuse/contributions/export.csv').buffer(true).parse(binary)).body, { bom: true, delimiter: ';', columns: true });
    expect(csv).to.have.length(2100);
    // The XLSX is written by the streaming workbook writer, row by row as the batches come: it opens
    // with exceljs and holds every row once, newest first, under its header.
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await amb.get('/consultations/volumineuse/contributions/export.xlsx').buffer(true).parse(binary)).body);
    const sheet = book.worksheets[0]!;
    expect(sheet.rowCount).to.equal(2101);
    expect(sheet.getRow(1).getCell(1).value).to.equal('Identifiant');
    const ids: number[] = [];
    sheet.eachRow((row, n) => {
      if (n > 1) ids.push(Number(row.getCell(1).value));
    });
    expect(ids).to.deep.equal(got);
    expect(String(sheet.getRow(2101).getCell(12).value)).to.match(/^Ligne \d+ ; « é »$/);
  });

  it('publishes open data without any personal data field, and only once the consultation is published', async () => {
    const url = `/consultations/${slug}/contributions/open-data.csv`;
    expect((await request(app).get(url)).status).to.equal(403);
    expect((await contributor.get(url)).status).to.equal(403);
    const res = await amb.get(url).buffer(true).parse(binary);
    expect(res.status).to.equal(200);
    const text = (res.body as Buffer).toString('utf8');
    expect(text.slice(1).split('\r\n')[0]).to.equal(OPEN_DATA_HEADER);
    for (const personal of ['Léa Signataire', 'lea.signataire', '@', 'Jean Papier', 'Dupont', 'Mission Locale de Lille', 'Mission Locale de Nîmes']) {
      expect(text, personal).not.to.contain(personal);
    }
    const rows = parse(res.body, { bom: true, delimiter: ';', columns: true }) as Array<Record<string, string>>;
    // A withdrawn contribution is never published.
    expect(rows.map((r) => Number(r.Identifiant))).to.deep.equal(all().filter((id) => id !== ids.f));
    const b = rows.find((r) => Number(r.Identifiant) === ids.b)!;
    expect(b).to.deep.include({ 'Région': 'Occitanie', 'Thématique': 'Usagers & offres de services', Source: 'Individuelle', Statut: 'À traiter' });
    expect(rows.find((r) => Number(r.Identifiant) === ids.a)!.Atelier).to.equal('Atelier de Lille');

    const today = parisDay(new Date());
    await makePhase(t.db, consultationId, { kind: 'publication', title: 'Publication', starts_on: '2024-01-15', ends_on: today, position: 5 });
    const visitor = await request(app).get(url).buffer(true).parse(binary);
    expect(visitor.status).to.equal(200);
    expect((visitor.body as Buffer).toString('utf8')).not.to.contain('Léa Signataire');
    // The file carries its licence: an HTTP Link to it and a sidecar text anyone may read, named on the page.
    expect(visitor.headers.link).to.contain('rel="license"').and.contain('licence-ouverte-open-licence');
    const sidecar = await request(app).get(`/consultations/${slug}/contributions/open-data-licence.txt`);
    expect(sidecar.status).to.equal(200);
    expect(sidecar.text).to.contain('Licence Ouverte / Open Licence version 2.0').and.contain(`contributions-donnees-ouvertes-${slug}.csv`);
    const page = await request(app).get(`/consultations/${slug}`);
    expect(page.text).to.contain('Licence Ouverte 2.0').and.contain('open-data-licence.txt');
  });
});
