import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { freshDb, type TestDb } from '../support/db';
import { buildApp } from '../support/app';
import { expectAccessible, launchBrowser, screenshot, serve } from '../support/browser';
import { DEMO_PASSWORD, DEMO_SLUG } from '../../seeds/demo';

/**
 * In real Chromium, on the demo consultation: the DSI logs in through the form, reads the participation
 * figures (detailed page and public page) and opens the personal-data pages; axe-core on every page.
 */
describe('The DSI reads the participation figures in a real browser', function () {
  let t: TestDb;
  let browser: Browser;
  let server: { url: string; close: () => Promise<void> };
  let page: Page;

  before(async function () {
    this.timeout(180_000);
    t = await freshDb({ template: 'demo' });
    server = await serve(buildApp(t.db));
    browser = await launchBrowser();
    page = await browser.newPage();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    await t?.destroy();
  });

  async function visit(path: string, label: string): Promise<void> {
    const res = await page.goto(server.url + path);
    expect(res?.status(), path).to.equal(200);
    await expectAccessible(page, label);
    await screenshot(page, label);
  }

  it('logs in through the form', async () => {
    await page.goto(server.url + '/connexion');
    await expectAccessible(page, 'dsi-chiffres-connexion');
    await page.getByLabel('Adresse électronique').fill('dsi@ensemble.test');
    await page.getByLabel('Mot de passe').fill(DEMO_PASSWORD);
    await Promise.all([page.waitForURL(server.url + '/'), page.getByRole('button', { name: 'Se connecter' }).click()]);
  });

  it('reads the public page figures and follows the link to the detailed figures', async () => {
    await visit(`/consultations/${DEMO_SLUG}`, 'dsi-consultation-chiffres');
    const section = page.getByRole('region', { name: 'Les chiffres de la consultation' });
    expect(await section.textContent()).to.match(/1\s091/u).and.match(/811/).and.match(/84/);
    expect(await page.getByRole('heading', { name: 'Conservation des données personnelles' }).count()).to.equal(1);
    await Promise.all([page.waitForURL(`${server.url}/admin/consultations/${DEMO_SLUG}/chiffres`), page.getByRole('link', { name: 'Détail des chiffres (DSI)' }).click()]);
  });

  it('reads the detailed figures: captioned tables and CSS bars', async () => {
    await expectAccessible(page, 'dsi-chiffres');
    await screenshot(page, 'dsi-chiffres');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).to.equal('Chiffres de participation');
    const byTheme = page.getByRole('table', { name: /par thématique/ });
    expect(await byTheme.getByRole('rowheader', { name: 'À classer' }).count()).to.equal(1);
    // The longest bar is drawn by the stylesheet (no inline style): it fills its cell.
    const widths = await page.locator('.bar-100').first().evaluate((el) => [el.getBoundingClientRect().width, el.parentElement!.getBoundingClientRect().width]);
    expect(widths[0]).to.be.greaterThan(widths[1]! * 0.8);
  });

  it('opens the personal-data page of the consultation and the anonymisation confirmation of a person', async () => {
    await visit(`/admin/consultations/${DEMO_SLUG}/rgpd`, 'dsi-rgpd-consultation');
    expect(await page.getByText('consultation non close').count()).to.be.greaterThan(0);
    const user = await t.db('users').where({ email: 'contributeur@ensemble.test' }).first();
    await visit(`/admin/utilisateurs/${user.id}`, 'dsi-fiche-avant-anonymisation');
    await page.getByRole('link', { name: /Anonymiser la personne/ }).click();
    await page.waitForURL(`${server.url}/admin/utilisateurs/${user.id}/anonymiser`);
    await expectAccessible(page, 'dsi-anonymiser-confirmation');
    await page.getByRole('button', { name: 'Anonymiser définitivement' }).click();
    expect(await page.locator('.error-summary').textContent()).to.contain('Cochez la case');
    await expectAccessible(page, 'dsi-anonymiser-erreur');
    await screenshot(page, 'dsi-anonymiser-erreur');
  });
});
