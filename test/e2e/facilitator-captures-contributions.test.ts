import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import type { TestDb } from '../support/db';
import { expectAccessible, screenshot, startDemoWorld, stopDemoWorld } from '../support/browser';
import { DEMO_PASSWORD } from '../../seeds/demo';
import { utcToParis } from '../../src/modules/workshops/rules';

/**
 * In real Chromium, on the demo consultation: the DSI plans a workshop facilitated by the demo
 * ambassador; the demo contributor registers; the facilitator captures twenty notes on the live
 * screen with the keyboard only (theme shortcuts, Ctrl+Entrée), a reload loses nothing, then
 * records the attendance and closes the workshop. axe-core checks every page visited.
 */
describe('A facilitator captures contributions live in a real browser', function () {
  let t: TestDb;
  let browser: Browser;
  let server: { url: string; close: () => Promise<void> };
  let workshopUrl = '';
  const title = 'Atelier e2e — parcours des jeunes';
  const day = utcToParis(new Date(Date.now() + 10 * 86_400_000)).day;

  before(async function () {
    this.timeout(180_000);
    ({ t, server, browser } = await startDemoWorld());
  });
  after(() => stopDemoWorld({ t, server, browser }));

  async function logIn(email: string): Promise<Page> {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(server.url + '/connexion');
    await page.getByLabel('Adresse électronique').fill(email);
    await page.getByLabel('Mot de passe').fill(DEMO_PASSWORD);
    await Promise.all([page.waitForURL(server.url + '/'), page.getByRole('button', { name: 'Se connecter' }).click()]);
    return page;
  }

  async function check(page: Page, label: string): Promise<void> {
    await expectAccessible(page, label);
    await screenshot(page, label);
  }

  it('the DSI plans a workshop (a wrong form first comes back with its errors)', async () => {
    const page = await logIn('dsi@ensemble.test');
    await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Ateliers' }).click();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).to.equal('Ateliers');
    await check(page, 'ateliers-dsi-liste');
    await page.getByRole('link', { name: 'Planifier un atelier' }).click();
    if (await page.getByRole('button', { name: 'Continuer' }).count()) {
      await check(page, 'ateliers-choix-consultation');
      await page.getByRole('button', { name: 'Continuer' }).click();
    }
    await check(page, 'ateliers-nouveau');
    await page.getByLabel('Titre de l’atelier').fill('A');
    await page.getByLabel('Date').fill(day);
    await page.getByRole('button', { name: 'Planifier l’atelier' }).click();
    expect(await page.locator('.error-summary').textContent()).to.contain('au moins 3 caractères');
    await check(page, 'ateliers-nouveau-erreurs');

    await page.getByLabel('Titre de l’atelier').fill(title);
    await page.getByLabel('Date').fill(day);
    await page.getByLabel('Heure de début').fill('14:00');
    await page.getByLabel('Heure de fin').fill('16:30');
    await page.getByLabel('En présentiel').check();
    await page.getByLabel('Lieu', { exact: true }).fill('Salle polyvalente, 22 rue de Paris');
    const structure = page.getByLabel('Structure organisatrice');
    const paris = await structure.locator('option', { hasText: 'Mission Locale de Paris' }).first().getAttribute('value');
    await structure.selectOption(paris!);
    await page.getByLabel('Animateur ou animatrice').selectOption({ label: 'Nadia Benali (Ambassadeur)' });
    await page.getByLabel('Capacité (nombre de places)').fill('12');
    const themeBoxes = page.locator('input[name="themeIds"]');
    await themeBoxes.nth(0).check();
    await themeBoxes.nth(1).check();
    await page.getByRole('button', { name: 'Planifier l’atelier' }).click();
    await page.waitForURL(/\/ateliers\/\d+$/);
    workshopUrl = page.url();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).to.equal(title);
    expect(await page.locator('.flash-success').textContent()).to.contain('est planifié');
    expect(await page.locator('#places').textContent()).to.contain('12 places restantes sur 12');
    await check(page, 'ateliers-fiche-dsi');
    await page.getByRole('link', { name: 'Modifier l’atelier' }).click();
    expect(await page.getByLabel('Titre de l’atelier').inputValue()).to.equal(title);
    expect(await page.getByLabel('Heure de début').inputValue()).to.equal('14:00');
    await check(page, 'ateliers-modifier');
    await page.goto(server.url + '/ateliers?quand=passes&region=Occitanie');
    expect(await page.locator('tbody tr').count()).to.be.greaterThan(0);
    await check(page, 'ateliers-passes-occitanie');
    await page.context().close();
  });

  it('the demo contributor finds the workshop and registers', async () => {
    const page = await logIn('contributeur@ensemble.test');
    await page.goto(server.url + '/ateliers');
    await check(page, 'ateliers-contributeur-liste');
    await page.getByRole('link', { name: title }).click();
    await check(page, 'ateliers-contributeur-fiche');
    await page.getByRole('button', { name: 'M’inscrire' }).click();
    expect(await page.locator('.flash-success').textContent()).to.contain('Votre inscription');
    expect(await page.locator('#places').textContent()).to.contain('11 places restantes');
    await check(page, 'ateliers-contributeur-inscrit');
    await page.context().close();
  });

  it('the facilitator captures twenty notes with the keyboard, a reload losing nothing, then closes the workshop', async function () {
    this.timeout(120_000);
    const page = await logIn('ambassadeur@ensemble.test');
    await page.goto(workshopUrl);
    await check(page, 'ateliers-animatrice-fiche');
    await page.getByRole('link', { name: 'Saisir les contributions en direct' }).click();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).to.equal('Saisie en direct');
    await check(page, 'ateliers-saisie');
    const textarea = page.getByLabel('Texte de la note');
    expect(await page.evaluate(() => document.activeElement?.id)).to.equal('f-body');

    for (let i = 1; i <= 20; i++) {
      await page.keyboard.type(`Note ${i} : les jeunes veulent suivre leur parcours é à ç`);
      await page.keyboard.press(i % 2 ? 'Alt+1' : 'Alt+2');
      if (i === 1) {
        await page.getByLabel('Participant ou participante (facultatif)').selectOption({ label: 'Julie Moreau — Mission Locale de Paris' });
        await textarea.focus();
      }
      if (i === 20) {
        // A reload in the middle of typing: the draft comes back from this device.
        await page.waitForTimeout(50);
        await page.reload();
        expect(await textarea.inputValue()).to.equal('Note 20 : les jeunes veulent suivre leur parcours é à ç');
        await textarea.focus();
      }
      await page.keyboard.press('Control+Enter');
      await page.waitForFunction((n) => document.getElementById('capture-count')?.textContent === String(n), i);
      expect(await textarea.inputValue()).to.equal('');
      expect(await page.evaluate(() => document.activeElement?.id)).to.equal('f-body');
    }
    expect(await page.locator('#capture-last li').first().textContent()).to.contain('Note 20');
    await check(page, 'ateliers-saisie-vingt-notes');

    const workshopId = Number(/\/ateliers\/(\d+)$/.exec(workshopUrl)![1]);
    const rows = await t.db('raw_contributions').where({ workshop_id: workshopId }).orderBy('id');
    expect(rows).to.have.length(20);
    const themeIds = (await t.db('workshop_themes as wt').join('themes as th', 'th.id', 'wt.theme_id').where('wt.workshop_id', workshopId).orderBy('th.position').pluck('th.id')).map(Number);
    expect(Number(rows[0].theme_id)).to.equal(themeIds[0]);
    expect(Number(rows[1].theme_id)).to.equal(themeIds[1]);
    expect(rows[0].author_id).to.not.equal(null);
    expect(rows[0].body).to.equal('Note 1 : les jeunes veulent suivre leur parcours é à ç');
    expect(rows.every((r: { source: string }) => r.source === 'atelier')).to.equal(true);

    // Attendance and closing are refused before the workshop's start: the session has now begun.
    await t.db('workshops').where({ id: workshopId }).update({ starts_at: new Date(Date.now() - 3_600_000).toISOString(), ends_at: new Date(Date.now() + 3_600_000).toISOString() });
    await page.getByRole('link', { name: 'Retour à l’atelier' }).click();
    await page.getByRole('link', { name: 'Présences et clôture' }).click();
    await check(page, 'ateliers-presences');
    await page.getByLabel('Julie Moreau — Mission Locale de Paris').check();
    await page.getByLabel('Participants sans compte').fill('4');
    await page.getByLabel('Compte rendu').fill('## Bilan\n\nSéance très riche : **20 notes** recueillies.');
    await page.getByRole('button', { name: 'Enregistrer et clore l’atelier' }).click();
    await page.waitForURL(workshopUrl);
    expect(await page.locator('.flash-success').textContent()).to.contain('est clos');
    expect(await page.locator('.facts').textContent()).to.contain('Clos');
    expect(await page.locator('.prose strong').textContent()).to.equal('20 notes');
    await check(page, 'ateliers-clos');
    const row = await t.db('workshops').where({ id: workshopId }).first();
    expect(row.status).to.equal('clos');
    expect(Number(row.anonymous_attendees)).to.equal(4);
    await page.context().close();
  });
});
