import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { freshDb, type TestDb } from '../support/db';
import { buildApp, makeUser, TEST_PASSWORD } from '../support/app';
import { expectAccessible, launchBrowser, screenshot, serve } from '../support/browser';
import { insertReturningId } from '../../src/shared/db';
import { makeConsultation, makeStructure, makeTheme, makeWorkshop } from '../support/factories';

/**
 * In real Chromium: the DSI logs in through the form, uploads a CSV with errors and sees them row
 * by row, uploads the corrected file and imports it once; uploading it again creates nothing.
 * axe-core checks every page visited.
 */
describe('The DSI imports contributions from a file in a real browser', function () {
  this.timeout(180_000);
  let t: TestDb;
  let browser: Browser;
  let server: { url: string; close: () => Promise<void> };
  let page: Page;
  let consultationId: number;
  let dsiEmail: string;
  const slug = 'consultation-fiches';
  const header = 'texte;référence;atelier;thématique;auteur;date';

  before(async () => {
    t = await freshDb();
    const structureId = await makeStructure(t.db, { name: 'Mission Locale de Tarbes' });
    consultationId = (await makeConsultation(t.db, { slug, title: 'Consultation des fiches papier' })).id;
    await makeTheme(t.db, consultationId, { code: 'USAGERS', title: 'Accompagnement des usagers' });
    await makeWorkshop(t.db, consultationId, { title: 'Atelier de Tarbes', starts_at: '2024-03-12T09:00:00.000Z', ends_at: '2024-03-12T12:00:00.000Z', structure_id: structureId });
    dsiEmail = (await makeUser(t.db, 'dsi', { name: 'Claire DSI' })).email;
    server = await serve(buildApp(t.db, { DATA_DIR: t.dataDir }));
    browser = await launchBrowser();
    page = await browser.newPage();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    await t?.destroy();
  });

  const count = async () => Number((await t.db('raw_contributions').where({ consultation_id: consultationId }).count({ n: '*' }).first())!.n);

  function csvFile(name: string, lines: string[]): string {
    const p = path.join(t.dataDir, name);
    fs.writeFileSync(p, lines.join('\r\n'), 'utf8');
    return p;
  }

  async function uploadFrom(listUrl: string, file: string): Promise<void> {
    await page.goto(listUrl);
    await page.getByLabel('Fichier CSV ou XLSX').setInputFiles(file);
    await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: 'Vérifier le fichier' }).click()]);
  }

  it('rejects a file row by row, then imports the corrected file once and only once', async () => {
    await page.goto(server.url + '/connexion');
    await expectAccessible(page, 'import-connexion');
    await page.getByLabel('Adresse électronique').fill(dsiEmail);
    await page.getByLabel('Mot de passe').fill(TEST_PASSWORD);
    await Promise.all([page.waitForURL(server.url + '/'), page.getByRole('button', { name: 'Se connecter' }).click()]);

    const listUrl = `${server.url}/admin/consultations/${slug}/imports`;
    const res = await page.goto(listUrl);
    expect(res?.status()).to.equal(200);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).to.equal('Importer des contributions');
    await expectAccessible(page, 'import-liste');
    await screenshot(page, 'dsi-import-liste');

    // A file with errors: every error with its line, nothing imported.
    const bad = csvFile('fiches-erreurs.csv', [
      header,
      'Mieux suivre les jeunes entre deux missions locales;F-1;Atelier de Tarbes;USAGERS;Marie Martin;12/03/2024',
      'Court;F-2;;;;',
      'Un agenda partagé entre conseillers et partenaires;F-3;Atelier fantôme;;;',
      'Des statistiques lisibles par les élus;F-4;;;;31/02/2024',
    ]);
    await uploadFrom(listUrl, bad);
    const errors = page.getByRole('table', { name: /Erreurs ligne par ligne/ });
    await expect(await errors.locator('tbody tr').count()).to.equal(3);
    const text = await errors.textContent();
    expect(text).to.contain('3').and.contain('Le texte est trop court');
    expect(text).to.contain('Atelier inconnu').and.contain('Date invalide');
    expect(await page.getByRole('button', { name: /Importer/ }).count()).to.equal(0);
    await expectAccessible(page, 'import-erreurs');
    await screenshot(page, 'dsi-import-erreurs');
    expect(await count()).to.equal(0);

    // The corrected file: previewed, then imported once.
    const good = csvFile('fiches.csv', [
      header,
      'Mieux suivre les jeunes entre deux missions locales;F-1;Atelier de Tarbes;USAGERS;Marie Martin;12/03/2024',
      'Un résumé court mais suffisant;F-2;;;;',
      'Un agenda partagé entre conseillers et partenaires;F-3;Atelier de Tarbes;;;',
      'Des statistiques lisibles par les élus;F-4;;;;28/02/2024',
    ]);
    await uploadFrom(listUrl, good);
    expect(await page.getByRole('heading', { name: 'Aperçu de l’import' }).count()).to.equal(1);
    await expectAccessible(page, 'import-apercu');
    await screenshot(page, 'dsi-import-apercu');
    await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: 'Importer 4 contributions' }).click()]);
    expect(await page.getByRole('heading', { name: 'Import terminé' }).count()).to.equal(1);
    expect(await page.locator('main').textContent()).to.contain('4 contributions créées');
    await expectAccessible(page, 'import-termine');
    await screenshot(page, 'dsi-import-termine');
    expect(await count()).to.equal(4);

    // The same file again: nothing to import.
    await uploadFrom(listUrl, good);
    expect(await page.locator('main').textContent()).to.contain('Rien à importer');
    expect(await page.getByRole('button', { name: /Importer/ }).count()).to.equal(0);
    await expectAccessible(page, 'import-deja-importe');
    expect(await count()).to.equal(4);

    await page.goto(listUrl);
    expect(await page.getByRole('table').last().textContent()).to.contain('Terminé');
    await expectAccessible(page, 'import-historique');
  });

  it('shows a running import with a progress bar that follows the server, then its outcome', async () => {
    const now = new Date().toISOString();
    const runId = await insertReturningId(t.db, 'import_runs', {
      consultation_id: consultationId,
      file_name: 'grand.csv',
      format: 'csv',
      status: 'en_cours',
      rows_total: 100_000,
      rows_done: 40_000,
      created_at: now,
      updated_at: now,
      started_at: now,
    });
    await page.goto(`${server.url}/admin/consultations/${slug}/imports/${runId}`);
    expect(await page.getByRole('heading', { name: 'Import en cours' }).count()).to.equal(1);
    expect(await page.getByRole('link', { name: 'Actualiser' }).count()).to.equal(1);
    await expectAccessible(page, 'import-en-cours');
    await screenshot(page, 'dsi-import-en-cours');
    await t.db('import_runs').where({ id: runId }).update({ rows_done: 70_000, updated_at: new Date().toISOString() });
    await page.waitForFunction(() => (document.getElementById('progress-bar') as HTMLProgressElement | null)?.value === 70000, undefined, { timeout: 10_000 });
    await t.db('import_runs').where({ id: runId }).update({ status: 'terminee', rows_done: 100_000, created: 100_000, finished_at: new Date().toISOString() });
    await page.getByRole('heading', { name: 'Import terminé' }).waitFor({ timeout: 10_000 });
    await expectAccessible(page, 'import-en-cours-termine');
  });
});
