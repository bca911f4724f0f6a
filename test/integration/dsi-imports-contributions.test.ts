import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { toBool } from '../../src/shared/db';
import request from 'supertest';
import iconv from 'iconv-lite';
import ExcelJS from 'exceljs';
import type { Express } from 'express';
import type { Knex } from 'knex';
import { freshDb, type TestDb } from '../support/db';
import { buildApp, loginAs, makeUser, tokenFor } from '../support/app';
import { PROJECT_ROOT } from '../../src/config';
import { createDb } from '../../src/shared/db';
import { makeConsultation, makeStructure, makeWorkshop } from '../support/factories';
import { formatNumber as n } from '../../src/shared/i18n';

/** A consultation with two themes and one workshop, as the imports find them. */
async function seedConsultation(db: Knex, slug: string) {
  const structureId = await makeStructure(db, { name: `Mission Locale des Hautes-Pyrénées ${slug}`, department_code: '65', department_name: 'Hautes-Pyrénées' });
  const c = await makeConsultation(db, { slug }, { themes: [{ code: 'USAGERS', title: 'Accompagnement des usagers' }, { code: 'PILOTAGE', title: 'Pilotage et statistiques' }] });
  const workshopId = await makeWorkshop(db, c.id, { title: 'Atelier de Tarbes', structure_id: structureId, starts_at: '2024-03-12T09:00:00.000Z', ends_at: '2024-03-12T12:00:00.000Z' });
  return { structureId, consultationId: c.id, usagers: c.themes.USAGERS!, pilotage: c.themes.PILOTAGE!, workshopId };
}

const count = async (db: Knex, where: Record<string, unknown>) => Number((await db('raw_contributions').where(where).count({ n: '*' }).first())!.n);

const HEADER = 'texte;référence;atelier;thématique;auteur;date';
const LONG = 'Mieux suivre les jeunes en mobilité entre deux missions locales';

describe('The DSI imports raw contributions from a file', function () {
  this.timeout(60_000);
  let t: TestDb;
  let app: Express;
  let dsi: request.Agent;
  let dsiId: number;
  let token: string;
  let marie: { id: number; email: string };
  let seed: Awaited<ReturnType<typeof seedConsultation>>;
  const slug = 'consultation-import';
  const base = `/admin/consultations/${slug}/imports`;

  before(async () => {
    t = await freshDb();
    app = buildApp(t.db, { DATA_DIR: t.dataDir });
    seed = await seedConsultation(t.db, slug);
    const u = await makeUser(t.db, 'dsi', { name: 'Claire DSI' });
    dsiId = u.id;
    marie = await makeUser(t.db, 'contributeur', { name: 'Marie Martin', email: 'marie@ml65.test', structureId: seed.structureId });
    dsi = await loginAs(app, u.email);
    token = await tokenFor(dsi, base);
  });
  after(() => t.destroy());

  const upload = (body: Buffer | string, filename = 'contributions.csv', agent = dsi, csrf = token) =>
    agent
      .post(base)
      .field('_csrf', csrf)
      .attach('fichier', Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8'), { filename, contentType: filename.endsWith('.xlsx') ? 'application/octet-stream' : 'text/csv' });

  const runIdOf = (res: request.Response) => Number(/\/imports\/(\d+)$/.exec(String(res.headers.location))![1]);

  /** Upload, check the preview, launch; returns the run's final page. */
  async function importFile(body: Buffer | string, filename = 'contributions.csv') {
    const preview = await upload(body, filename);
    expect(preview.status, preview.text.slice(0, 3000)).to.equal(303);
    const id = runIdOf(preview);
    const launched = await dsi.post(`${base}/${id}/lancer`).type('form').send({ _csrf: token });
    expect(launched.status).to.equal(303);
    return { id, page: await dsi.get(`${base}/${id}`) };
  }

  /** A refused file: the post redirects to its stored run (a reload does not post it again), whose page lists the errors. */
  async function refused(res: request.Response) {
    expect(res.status, res.text.slice(0, 500)).to.equal(303);
    expect(String(res.headers.location)).to.match(/\/imports\/\d+$/).and.not.to.contain('_csrf');
    return dsi.get(String(res.headers.location));
  }

  it('refuses a file with errors row by row (line: reason), redirecting to its page, and imports nothing', async () => {
    const csv = [
      HEADER,
      `${LONG};A-1;Atelier de Tarbes;USAGERS;marie@ml65.test;12/03/2024`,
      'Court;A-2;;;;',
      'Un texte assez long pour passer;A-3;Atelier fantôme;;;',
      'Un texte assez long pour passer;A-4;;Thème inconnu;;',
      'Un texte assez long pour passer;A-5;;;;31/02/2024',
      `${LONG};A-1;Atelier de Tarbes;USAGERS;marie@ml65.test;12/03/2024`,
      `${'x'.repeat(5001)};A-7;;;;`,
    ].join('\n');
    const res = await refused(await upload(csv));
    expect(res.text).to.contain('Le fichier est refusé : rien n’a été importé');
    expect(res.text).to.contain('Le fichier contient des erreurs : rien ne sera importé');
    expect(res.text).to.match(/<th scope="row">3<\/th><td>Le texte est trop court \(5 caractères ; 10 au moins\)/);
    expect(res.text).to.match(/<th scope="row">4<\/th><td>Atelier inconnu dans cette consultation : « Atelier fantôme »/);
    expect(res.text).to.match(/<th scope="row">5<\/th><td>Thématique inconnue : « Thème inconnu »/);
    expect(res.text).to.match(/<th scope="row">6<\/th><td>Date invalide : « 31\/02\/2024 »/);
    expect(res.text).to.match(/<th scope="row">7<\/th><td>Doublon de la ligne 2/);
    expect(res.text).to.match(/<th scope="row">8<\/th><td>Le texte est trop long \(5001 caractères/);
    expect(res.text).not.to.contain('/lancer');
    expect(await count(t.db, { consultation_id: seed.consultationId })).to.equal(0);

    // Launching it anyway is refused too.
    const run = await t.db('import_runs').orderBy('id', 'desc').first();
    expect(Number(run.error_rows)).to.equal(6);
    const launched = await dsi.post(`${base}/${run.id}/lancer`).type('form').send({ _csrf: token });
    expect(launched.status).to.equal(422);
    expect(await count(t.db, { consultation_id: seed.consultationId })).to.equal(0);
    expect(await t.db('audit_log').where({ action: 'import.run' }).first()).to.equal(undefined);
  });

  it('refuses a file without a text column with a file-level message', async () => {
    const res = await refused(await upload('numero;atelier\n1;Atelier de Tarbes\n'));
    expect(res.text).to.contain('Colonne obligatoire absente : « texte »').and.contain('« numero »');
  });

  it('imports the corrected file once, keeping author, workshop, date and reference; missing theme → à classer', async () => {
    const csv = [
      HEADER,
      `${LONG};A-1;Atelier de Tarbes;USAGERS;marie@ml65.test;12/03/2024`,
      '"Un texte sur deux lignes :\nla seconde ligne 😀";A-2;;;Jean Sanscompte;2024-03-15',
      'Tableaux de bord partagés avec les financeurs;A-3;;pilotage et statistiques;;',
      'Une contribution sans thème, à classer plus tard;;;;;',
    ].join('\r\n');
    const preview = await upload(csv);
    expect(preview.status).to.equal(303);
    const previewPage = await dsi.get(String(preview.headers.location));
    expect(previewPage.text).to.contain('Aperçu de l’import').and.contain('Importer 4 contributions').and.contain('À classer');
    expect(await count(t.db, { consultation_id: seed.consultationId })).to.equal(0);

    const launched = await dsi.post(`${base}/${runIdOf(preview)}/lancer`).type('form').send({ _csrf: token });
    expect(launched.status).to.equal(303);
    const done = await dsi.get(String(launched.headers.location));
    expect(done.text).to.contain('Import terminé').and.contain('4 contributions créées, 0 déjà importée');

    const rows = await t.db('raw_contributions').where({ consultation_id: seed.consultationId }).orderBy('id');
    expect(rows).to.have.length(4);
    const [a1, a2, a3, a4] = rows;
    expect(a1).to.include({ reference: 'A-1', body: LONG, source: 'atelier', author_name: null });
    expect(a1.workshop_id).to.equal(seed.workshopId);
    expect(a1.theme_id).to.equal(seed.usagers);
    expect(a1.author_id).to.equal(marie.id);
    expect(a1.structure_id).to.equal(seed.structureId);
    expect(new Date(a1.submitted_at).toISOString()).to.equal('2024-03-12T12:00:00.000Z');
    expect(a2).to.include({ reference: 'A-2', body: 'Un texte sur deux lignes :\nla seconde ligne 😀', source: 'import', author_name: 'Jean Sanscompte' });
    expect(a2.author_id).to.equal(null);
    expect(a2.theme_id).to.equal(null);
    expect(new Date(a2.submitted_at).toISOString()).to.equal('2024-03-15T12:00:00.000Z');
    // A date without a time is a date: flagged, and shown without the stored noon (no « 13:00 »).
    expect(toBool(a2.submitted_day_only)).to.equal(true);
    expect(toBool(a3.submitted_day_only)).to.equal(false); // no date: the moment of import, a real time
    const shown = await dsi.get(`/contributions/${a2.id}`);
    expect(shown.text).to.match(/Déposée le<\/dt><dd><time datetime="[^"]+">15 mars 2024<\/time>/);
    const exported = await dsi.get(`/consultations/${slug}/contributions/export.csv`);
    expect(exported.text).to.match(/;2024-03-15;/).and.not.to.match(/2024-03-15 13:00/);
    expect(a3.theme_id).to.equal(seed.pilotage);
    expect(a4.theme_id).to.equal(null);
    expect(a4.reference).to.equal(null);
    for (const r of rows) {
      expect(r.author_id).not.to.equal(dsiId);
      expect(r.created_by).to.equal(dsiId);
      expect(r.import_key).to.match(/^[0-9a-f]{64}$/);
      expect(r.status).to.equal('a_traiter');
    }
    const audit = await t.db('audit_log').where({ action: 'import.run' }).first();
    expect(audit.actor_id).to.equal(dsiId);
    expect(JSON.parse(audit.after_json)).to.include({ created: 4, skipped: 0, rows: 4 });

    // The same file again: every row « déjà importée », nothing created.
    const again = await upload(csv);
    expect(again.status).to.equal(303);
    const againPage = await dsi.get(String(again.headers.location));
    expect(againPage.text).to.contain('Rien à importer').and.not.contain('/lancer');
    expect(againPage.text.match(/Déjà importée</g)).to.have.length(4);
    const forced = await dsi.post(`${base}/${runIdOf(again)}/lancer`).type('form').send({ _csrf: token });
    expect(forced.status).to.equal(303);
    const run = await t.db('import_runs').where({ id: runIdOf(again) }).first();
    expect(run.status).to.equal('terminee');
    expect(Number(run.created)).to.equal(0);
    expect(Number(run.skipped)).to.equal(4);
    expect(await count(t.db, { consultation_id: seed.consultationId })).to.equal(4);

    // The list page shows both runs.
    const list = await dsi.get(base);
    expect(list.text).to.contain('Terminé').and.contain('contributions.csv');
  });

  it('reads Windows-1252 with semicolons, and UTF-8 with BOM and commas, accents intact', async () => {
    const cp1252 = iconv.encode(
      'Texte;Référence;Thématique\r\nDématérialiser les pièces justificatives des jeunes accompagnés;W-1;Accompagnement des usagers\r\n',
      'win1252',
    );
    expect(cp1252.includes(Buffer.from('é', 'utf8'))).to.equal(false);
    await importFile(cp1252, 'windows.csv');
    const w = await t.db('raw_contributions').where({ reference: 'W-1' }).first();
    expect(w.body).to.equal('Dématérialiser les pièces justificatives des jeunes accompagnés');
    expect(w.theme_id).to.equal(seed.usagers);

    const bom = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from('texte,reference,auteur\n"Un agenda partagé, enfin, entre conseillers",B-1,Éloïse Ngô\n', 'utf8'),
    ]);
    await importFile(bom, 'bom.csv');
    const b = await t.db('raw_contributions').where({ reference: 'B-1' }).first();
    expect(b.body).to.equal('Un agenda partagé, enfin, entre conseillers');
    expect(b.author_name).to.equal('Éloïse Ngô');
  });

  it('imports an XLSX file (dates as Excel dates, numbers as references)', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Fiches');
    ws.addRow(['Texte', 'Référence', 'Atelier', 'Thème', 'Auteur', 'Date']);
    ws.addRow(['Un référentiel commun des dispositifs pour tout le réseau', 101, seed.workshopId, 'usagers', 'MARIE@ml65.test', new Date(Date.UTC(2024, 2, 14))]);
    ws.getCell('F2').numFmt = 'dd/mm/yyyy';
    ws.addRow([]);
    ws.addRow(['Une messagerie sécurisée pour échanger avec les jeunes', 'X-2', null, null, null, 45366]);
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    const { page } = await importFile(buf, 'fiches.xlsx');
    expect(page.text).to.contain('2 contributions créées');
    const x1 = await t.db('raw_contributions').where({ reference: '101' }).first();
    expect(x1.workshop_id).to.equal(seed.workshopId);
    expect(x1.author_id).to.equal(marie.id);
    expect(x1.theme_id).to.equal(seed.usagers);
    expect(new Date(x1.submitted_at).toISOString()).to.equal('2024-03-14T12:00:00.000Z');
    const x2 = await t.db('raw_contributions').where({ reference: 'X-2' }).first();
    expect(new Date(x2.submitted_at).toISOString()).to.equal('2024-03-15T12:00:00.000Z');
    const run = await t.db('import_runs').where({ file_name: 'fiches.xlsx' }).first();
    expect(run.format).to.equal('xlsx');
  });

  it('runs a larger file in the background with a progress page, then shows the outcome', async function () {
    this.timeout(120_000);
    const lines = [HEADER];
    for (let i = 1; i <= 6000; i++) lines.push(`Contribution numéro ${i} saisie depuis une fiche papier;G-${i};;;;`);
    const preview = await upload(lines.join('\n'), 'grand.csv');
    expect(preview.status).to.equal(303);
    const id = runIdOf(preview);
    const launched = await dsi.post(`${base}/${id}/lancer`).type('form').send({ _csrf: token });
    expect(launched.status).to.equal(303);
    let state: Record<string, unknown> = { status: 'running', rowsDone: 0, rowsTotal: 0 };
    const page = await dsi.get(`${base}/${id}`);
    expect(page.status).to.equal(200);
    if (page.text.includes('Import en cours')) {
      expect(page.text).to.contain('Actualiser').and.contain('/static/js/progress.js').and.contain('<progress');
    }
    for (let i = 0; i < 240 && state.status === 'running'; i++) {
      state = (await dsi.get(`${base}/${id}/etat`).set('Accept', 'application/json')).body;
      if (state.status === 'running') await new Promise((r) => setTimeout(r, 250));
    }
    expect(state).to.include({ status: 'done', rowsDone: 6000, rowsTotal: 6000, finished: true, done: 6000, total: 6000 });
    expect(await count(t.db, { consultation_id: seed.consultationId, source: 'import' }).then((n) => n >= 6000)).to.equal(true);
    expect((await dsi.get(`${base}/${id}`)).text).to.contain(`${n(6000)} contributions créées`);
  });

  it('refuses an upload over 50 MB (413)', async () => {
    const res = await upload(Buffer.alloc(50 * 1024 * 1024 + 1, 0x61), 'enorme.csv');
    expect(res.status).to.equal(413);
  });

  it('carries the upload form’s token in a field, never in the address, and refuses an upload without it', async () => {
    const form = await dsi.get(base);
    expect(form.text).to.match(/<form method="post" action="[^"?]*\/imports" enctype="multipart\/form-data"/).and.not.to.match(/_csrf=/);
    const forged = await dsi.post(base).attach('fichier', Buffer.from('texte\nUn texte assez long pour passer\n'), { filename: 'x.csv', contentType: 'text/csv' });
    expect(forged.status).to.equal(403);
    // Another multipart post, on a route that takes no upload, is checked before any handler.
    expect((await dsi.post('/profil').field('displayName', 'Pirate')).status).to.equal(403);
  });

  it('asks for a file when none is sent (422)', async () => {
    const res = await dsi.post(base).field('_csrf', token).field('x', '1');
    expect(res.status).to.equal(422);
    expect(res.text).to.contain('Choisissez un fichier CSV ou XLSX');
  });

  it('refuses contributors and ambassadors on every page and action (403), and visitors are sent to log in', async () => {
    const run = await t.db('import_runs').orderBy('id', 'desc').first();
    for (const role of ['contributeur', 'ambassadeur'] as const) {
      const agent = await loginAs(app, (await makeUser(t.db, role)).email);
      const csrf = await tokenFor(agent);
      expect((await agent.get(base)).status).to.equal(403);
      expect((await agent.get(`${base}/${run.id}`)).status).to.equal(403);
      expect((await agent.get(`${base}/${run.id}/etat`)).status).to.equal(403);
      expect((await upload(`texte\n${LONG}\n`, 'x.csv', agent, csrf)).status).to.equal(403);
      expect((await agent.post(`${base}/${run.id}/lancer`).type('form').send({ _csrf: csrf })).status).to.equal(403);
    }
    expect((await request(app).get(base)).status).to.equal(303);
  });

  it('answers 404 for an unknown consultation or a run of another consultation', async () => {
    const other = await seedConsultation(t.db, 'autre-consultation');
    const run = await t.db('import_runs').orderBy('id', 'desc').first();
    expect((await dsi.get('/admin/consultations/inexistante/imports')).status).to.equal(404);
    expect((await dsi.get(`/admin/consultations/autre-consultation/imports/${run.id}`)).status).to.equal(404);
    expect(other.consultationId).to.not.equal(seed.consultationId);
  });
});

/** The same import from the command line, on an embedded SQLite database in a temporary folder. */
describe('An operator imports contributions with the command line', function () {
  this.timeout(60_000);
  let dataDir: string;
  let consultationId: number;
  const run = (...args: string[]) => {
    const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, NODE_ENV: 'test' };
    delete env.DATABASE_URL;
    return spawnSync(process.execPath, [path.join(PROJECT_ROOT, 'bin', 'ensemble.js'), 'import-contributions', ...args], { env, encoding: 'utf8', input: '' });
  };
  const file = (name: string, content: string) => {
    const p = path.join(dataDir, name);
    fs.writeFileSync(p, content);
    return p;
  };

  before(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ensemble-cli-import-'));
    const db = createDb({ databaseUrl: undefined, dataDir });
    try {
      await db.migrate.latest({ directory: path.join(PROJECT_ROOT, 'dist', 'migrations'), loadExtensions: ['.js'] });
      consultationId = (await seedConsultation(db, 'cli')).consultationId;
      await db('users').insert({ email: 'dsi@cli.test', display_name: 'DSI CLI', role: 'dsi' });
    } finally {
      await db.destroy();
    }
  });
  after(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('exits 1 with « Ligne N : motif » on stderr when the file has errors, and imports nothing', () => {
    const res = run(file('erreurs.csv', `${HEADER}\nCourt;;;;;\n${LONG};;Atelier fantôme;;;\n`), '--consultation', 'cli');
    expect(res.status).to.equal(1);
    expect(res.stderr).to.contain('Ligne 2 : Le texte est trop court').and.contain('Ligne 3 : Atelier inconnu');
    expect(res.stderr).to.contain('Rien n’a été importé');
  });

  it('checks with --dry-run, imports with progress, and is idempotent', async () => {
    const lines = [HEADER];
    for (let i = 1; i <= 5200; i++) lines.push(`Contribution ${i} importée par la ligne de commande;C-${i};Atelier de Tarbes;PILOTAGE;Paul Papier;01/02/2024`);
    const p = file('cli.csv', lines.join('\n'));
    const dry = run(p, '--consultation', 'cli', '--dry-run');
    expect(dry.status, dry.stderr).to.equal(0);
    expect(dry.stdout).to.contain(`${n(5200)} à créer`).and.contain('rien n’a été importé');

    const res = run(p, '--consultation', 'cli', '--as', 'dsi@cli.test');
    expect(res.status, res.stderr).to.equal(0);
    expect(res.stderr).to.contain(`Import : ${n(5000)} lignes`);
    expect(res.stdout).to.contain(`${n(5200)} contributions créées, 0 déjà importée`);

    const again = run(p, '--consultation', 'cli');
    expect(again.status, again.stderr).to.equal(0);
    expect(again.stdout).to.contain(`0 contribution créée, ${n(5200)} déjà importées`);

    const db = createDb({ databaseUrl: undefined, dataDir });
    try {
      const dsiRow = await db('users').where({ email: 'dsi@cli.test' }).first();
      expect(await count(db, { consultation_id: consultationId })).to.equal(5200);
      const one = await db('raw_contributions').where({ reference: 'C-1' }).first();
      // Importing « as » the DSI records the importer; the sheet's author stays the author.
      expect(one.created_by).to.equal(dsiRow.id);
      expect(one.author_id).to.equal(null);
      expect(one.author_name).to.equal('Paul Papier');
      expect(new Date(one.submitted_at).toISOString()).to.equal('2024-02-01T12:00:00.000Z');
      const audit = await db('audit_log').where({ action: 'import.run' }).orderBy('id');
      expect(audit).to.have.length(2);
      expect(JSON.parse(audit[0].after_json)).to.include({ created: 5200, via: 'cli' });
    } finally {
      await db.destroy();
    }
  });

  it('refuses an unknown consultation and an --as that is not a DSI', () => {
    const p = file('ok.csv', `texte\n${LONG}\n`);
    const unknown = run(p, '--consultation', 'nulle-part');
    expect(unknown.status).to.equal(1);
    expect(unknown.stderr).to.contain('Consultation inconnue');
    const notDsi = run(p, '--consultation', 'cli', '--as', 'personne@cli.test');
    expect(notDsi.status).to.equal(1);
    expect(notDsi.stderr).to.contain('aucun compte DSI');
  });
});
