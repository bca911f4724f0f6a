import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { expect } from 'chai';
import request from 'supertest';
import iconv from 'iconv-lite';
import type { Express } from 'express';
import { freshDb, type TestDb } from '../support/db';
import { buildApp, loginAs, makeUser, tokenFor } from '../support/app';
import { makeConsultation } from '../support/factories';
import { analyseImport, fileSource } from '../../src/modules/imports';
import { buildZip, deflated, spacesBomb, workbookParts, xlsxBomb } from '../support/zip-builder';

/** A PDF's first bytes, as a DSI's scanner produces them: binary after the header line. */
const PDF = Buffer.concat([
  Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n', 'latin1'),
  Buffer.from([0x78, 0x9c, 0x00, 0x01, 0xff, 0xfe, 0x00, 0x10]),
  Buffer.from('\nstream\nendstream\n%%EOF\n', 'latin1'),
]);
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
const NOT_XLSX = 'Ce fichier n’est pas un classeur XLSX';

/** The highest resident memory seen while `work` runs (sampled every 10 ms). */
async function peakRss<T>(work: () => Promise<T>): Promise<{ value: T; peak: number }> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
  try {
    const value = await work();
    return { value, peak: Math.max(peak, process.memoryUsage().rss) };
  } finally {
    clearInterval(timer);
  }
}

describe('The DSI uploads hostile files', function () {
  this.timeout(60_000);
  let t: TestDb;
  let app: Express;
  let dsi: request.Agent;
  let token: string;
  let usersToken: string;
  let consultationId: number;
  const slug = 'consultation-hostile';
  const base = `/admin/consultations/${slug}/imports`;

  before(async () => {
    t = await freshDb();
    app = buildApp(t.db, { DATA_DIR: t.dataDir });
    consultationId = (await makeConsultation(t.db, { slug, title: 'Consultation exposée' })).id;
    const u = await makeUser(t.db, 'dsi', { name: 'Claire DSI' });
    dsi = await loginAs(app, u.email);
    token = await tokenFor(dsi, base);
    usersToken = await tokenFor(dsi, '/admin/utilisateurs/import');
  });
  after(() => t.destroy());

  const upload = (body: Buffer, filename: string) =>
    dsi.post(base).field('_csrf', token).attach('fichier', body, { filename, contentType: 'application/octet-stream' });

  const rows = async (table: string) => Number((await t.db(table).count({ n: '*' }).first())!.n);
  const written = async () => ({
    contributions: await rows('raw_contributions'),
    runs: await rows('import_runs'),
    users: await rows('users'),
    files: fs.existsSync(path.join(t.dataDir, 'imports')) ? fs.readdirSync(path.join(t.dataDir, 'imports')).length : 0,
  });

  /** The page refuses the file on the upload form, in French, with a 4xx status and nothing written. */
  async function expectRefused(res: request.Response, status: number, message: string, before: Awaited<ReturnType<typeof written>>) {
    expect(res.status, res.text.slice(0, 2000)).to.equal(status);
    expect(res.text).to.contain(message);
    expect(res.text).to.contain('id="f-fichier"');
    expect(await written()).to.deep.equal(before);
  }

  describe('on the import of contributions', () => {
    it('refuses a zip bomb disguised as XLSX from its declared sizes, quickly and in bounded memory', async () => {
      const bomb = await xlsxBomb(400);
      expect(bomb.length).to.be.below(1024 * 1024);
      const before = await written();
      const rssBefore = process.memoryUsage().rss;
      const started = performance.now();
      const { value: res, peak } = await peakRss(() => upload(bomb, 'fiches.xlsx'));
      const elapsed = performance.now() - started;
      console.log(`      zip bomb (400 Mo déclarés, ${Math.round(bomb.length / 1024)} Ko envoyés) refusée en ${Math.round(elapsed)} ms, RSS +${Math.round((peak - rssBefore) / 1048576)} Mo`);
      await expectRefused(res, 422, 'se décompresse en plus de', before);
      expect(elapsed).to.be.below(5000);
      expect(peak - rssBefore).to.be.below(100 * 1024 * 1024);
    });

    it('refuses a workbook whose declared sizes lie, by counting what it really inflates', async () => {
      const sheet = await spacesBomb('xl/worksheets/sheet1.xml', '<?xml version="1.0"?><worksheet><sheetData>', 300, '</sheetData></worksheet>');
      // Declares 1 MB for 300 MB: a ratio and a total that look harmless.
      const liar = buildZip([...workbookParts(), { ...sheet, declaredSize: 1024 * 1024 }]);
      const before = await written();
      const rssBefore = process.memoryUsage().rss;
      const started = performance.now();
      const { value: res, peak } = await peakRss(() => upload(liar, 'fiches.xlsx'));
      const elapsed = performance.now() - started;
      await expectRefused(res, 422, 'ne correspondent pas à leur contenu', before);
      expect(elapsed).to.be.below(5000);
      expect(peak - rssBefore).to.be.below(100 * 1024 * 1024);
    });

    it('refuses the same bomb read from disk, as the command line and the launch read files', async () => {
      const file = path.join(t.dataDir, 'bombe.xlsx');
      fs.writeFileSync(file, await xlsxBomb(400));
      const started = performance.now();
      const analysis = await analyseImport(t.db, consultationId, fileSource('bombe.xlsx', file));
      expect(performance.now() - started).to.be.below(5000);
      expect(analysis.fileErrors.join(' ')).to.contain('se décompresse en plus de 256 Mo');
      fs.rmSync(file);
    });

    it('refuses a PDF, a PNG and a text file named .xlsx: « ce fichier n’est pas un classeur XLSX »', async () => {
      for (const [body, name] of [
        [PDF, 'compte-rendu.xlsx'],
        [PNG, 'photo.xlsx'],
        [Buffer.from('texte;référence\nUne contribution assez longue;R-1\n', 'utf8'), 'fiches.xlsx'],
      ] as const) {
        const before = await written();
        await expectRefused(await upload(body, name), 422, NOT_XLSX, before);
      }
    });

    it('refuses a ZIP that is not a workbook (a document renamed .xlsx)', async () => {
      const docx = buildZip([deflated('[Content_Types].xml', '<Types/>'), deflated('word/document.xml', '<w:document/>')]);
      const before = await written();
      await expectRefused(await upload(docx, 'rapport.xlsx'), 422, NOT_XLSX, before);
    });

    it('refuses a ZIP with thousands of entries', async () => {
      const many = buildZip([...workbookParts(), ...Array.from({ length: 1500 }, (_, i) => deflated(`xl/media/image${i}.png`, 'x'))]);
      const before = await written();
      await expectRefused(await upload(many, 'fiches.xlsx'), 422, 'trop d’éléments', before);
    });

    it('refuses a file over the upload limit with 413 and a French message on the form', async () => {
      const before = await written();
      const res = await upload(Buffer.alloc(50 * 1024 * 1024 + 1, 0x61), 'enorme.csv');
      await expectRefused(res, 413, 'Le fichier dépasse 50 Mo', before);
    });

    it('imports a Windows-1252 CSV with its accents intact', async () => {
      const text = 'Élargir l’accès « garantie jeunes » : où, à côté, ça œuvre, très bien';
      const csv = iconv.encode(`texte;référence\r\n${text.replace('’', "'")};W-1252\r\n`, 'win1252');
      expect(csv.includes(Buffer.from('é', 'utf8'))).to.equal(false);
      const preview = await upload(csv, 'fiches-windows.csv');
      expect(preview.status, preview.text.slice(0, 2000)).to.equal(303);
      const launched = await dsi.post(`${String(preview.headers.location)}/lancer`).type('form').send({ _csrf: token });
      expect(launched.status).to.equal(303);
      const row = await t.db('raw_contributions').where({ consultation_id: consultationId, reference: 'W-1252' }).first();
      expect(row.body).to.equal(text.replace('’', "'"));
    });
  });

  describe('on the import of accounts', () => {
    const importUsers = (body: Buffer, filename: string, mode = 'importer') =>
      dsi
        .post('/admin/utilisateurs/import')
        .field('_csrf', usersToken)
        .field('mode', mode)
        .attach('fichier', body, { filename, contentType: 'application/octet-stream' });

    it('refuses a file over the limit with 413 on the form, keeping the chosen action', async () => {
      const before = await written();
      const res = await importUsers(Buffer.alloc(2 * 1024 * 1024 + 1, 0x61), 'comptes.csv');
      await expectRefused(res, 413, 'Le fichier dépasse 2 Mo', before);
      expect(res.text).to.match(/id="mode-importer" name="mode" value="importer" checked/);
    });

    it('refuses a PDF, a workbook and a zip bomb sent as the accounts CSV', async () => {
      for (const [body, name] of [
        [PDF, 'comptes.csv'],
        [buildZip(workbookParts()), 'comptes.xlsx'],
        [await xlsxBomb(400), 'comptes.csv'],
      ] as const) {
        const before = await written();
        const started = performance.now();
        const res = await importUsers(body, name, 'apercu');
        await expectRefused(res, 422, 'Ce fichier n’est pas un fichier CSV', before);
        expect(performance.now() - started).to.be.below(5000);
        expect(res.text).to.match(/id="mode-apercu" name="mode" value="apercu" checked/);
      }
    });

    it('imports a Windows-1252 CSV of accounts with accents intact', async () => {
      const csv = iconv.encode('email;nom\r\nfrancoise@ml65.test;Françoise Lœuvre-Bénédicte\r\n', 'win1252');
      const res = await importUsers(csv, 'comptes.csv');
      expect(res.status, res.text.slice(0, 2000)).to.equal(200);
      const user = await t.db('users').where({ email: 'francoise@ml65.test' }).first();
      expect(user.display_name).to.equal('Françoise Lœuvre-Bénédicte');
    });
  });
});
