import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import type { TestDb } from '../support/db';
import { expectAccessible, screenshot, startDemoWorld, stopDemoWorld } from '../support/browser';
import { DEMO_PASSWORD, DEMO_SLUG } from '../../seeds/demo';

/**
 * In real Chromium, on the demo consultation: each role logs in through the form, reaches its home
 * page and the pages of its role; axe-core checks every page visited.
 */
describe('Each demo role logs in through the form in a real browser', function () {
  let t: TestDb;
  let browser: Browser;
  let server: { url: string; close: () => Promise<void> };

  before(async function () {
    this.timeout(180_000);
    ({ t, server, browser } = await startDemoWorld());
  });
  after(() => stopDemoWorld({ t, server, browser }));

  async function visit(page: Page, path: string, label: string, expectedStatus = 200): Promise<void> {
    const res = await page.goto(server.url + path);
    expect(res?.status(), path).to.equal(expectedStatus);
    await expectAccessible(page, label);
    await screenshot(page, label);
  }

  async function logIn(page: Page, email: string): Promise<void> {
    await page.goto(server.url + '/connexion');
    await expectAccessible(page, 'connexion');
    await page.getByLabel('Adresse électronique').fill(email);
    await page.getByLabel('Mot de passe').fill(DEMO_PASSWORD);
    await Promise.all([page.waitForURL(server.url + '/'), page.getByRole('button', { name: 'Se connecter' }).click()]);
  }

  it('a visitor reads the home page and the consultation, and is refused the administration', async () => {
    const page = await browser.newPage();
    await visit(page, '/', 'visiteur-accueil');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).to.contain('système d');
    await visit(page, `/consultations/${DEMO_SLUG}`, 'visiteur-consultation');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).to.contain('Construisons ensemble notre nouveau SI');
    await page.goto(server.url + '/admin/utilisateurs');
    expect(page.url()).to.equal(server.url + '/connexion');
    await visit(page, '/page-inexistante', 'visiteur-404', 404);
    await page.close();
  });

  it('the DSI logs in, sees the DSI dashboard and manages users', async () => {
    const page = await browser.newPage();
    await logIn(page, 'dsi@ensemble.test');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).to.equal('Tableau de bord DSI');
    await expectAccessible(page, 'dsi-accueil');
    await screenshot(page, 'dsi-accueil');
    await visit(page, '/admin/utilisateurs', 'dsi-utilisateurs');
    await page.getByLabel('Nom ou adresse').fill('ambassadeur@ensemble');
    await page.getByRole('button', { name: 'Filtrer' }).click();
    await expectAccessible(page, 'dsi-utilisateurs-filtre');
    await page.locator('tbody a').first().click();
    expect(page.url()).to.match(/\/admin\/utilisateurs\/\d+$/);
    await expectAccessible(page, 'dsi-fiche-utilisateur');
    await visit(page, '/admin/utilisateurs/nouveau', 'dsi-nouveau-compte');
    // An invalid form comes back with its errors, still accessible.
    await page.getByLabel('Nom affiché').fill('Éloïse Ngô');
    await page.getByLabel('Adresse électronique').fill('pas-une-adresse');
    await page.getByRole('button', { name: 'Créer le compte' }).click();
    expect(await page.locator('.error-summary').textContent()).to.contain("n'est pas valide");
    expect(await page.getByLabel('Nom affiché').inputValue()).to.equal('Éloïse Ngô');
    await expectAccessible(page, 'dsi-nouveau-compte-erreurs');
    await visit(page, '/admin/utilisateurs/import', 'dsi-import');
    await visit(page, '/admin/journal', 'dsi-journal');
    await visit(page, `/consultations/${DEMO_SLUG}`, 'dsi-consultation');
    await visit(page, '/profil', 'dsi-profil');
    await page.close();
  });

  it('the ambassador logs in and sees the themes to consolidate', async () => {
    const page = await browser.newPage();
    await logIn(page, 'ambassadeur@ensemble.test');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).to.equal('Espace ambassadeur');
    expect(await page.getByRole('table').count()).to.be.greaterThan(0);
    await expectAccessible(page, 'ambassadeur-accueil');
    await screenshot(page, 'ambassadeur-accueil');
    await visit(page, '/profil', 'ambassadeur-profil');
    await visit(page, '/admin/utilisateurs', 'ambassadeur-refus', 403);
    await page.close();
  });

  it('the contributor logs in, sees their space, cannot open DSI pages, and logs out', async () => {
    const page = await browser.newPage();
    await logIn(page, 'contributeur@ensemble.test');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).to.equal('Mon espace');
    expect(await page.getByRole('navigation', { name: 'Navigation principale' }).textContent()).not.to.contain('Utilisateurs');
    await expectAccessible(page, 'contributeur-accueil');
    await screenshot(page, 'contributeur-accueil');
    await visit(page, '/profil', 'contributeur-profil');
    for (const path of ['/admin/utilisateurs', '/admin/journal', '/admin/utilisateurs/import']) {
      const res = await page.goto(server.url + path);
      expect(res?.status(), path).to.equal(403);
    }
    await expectAccessible(page, 'contributeur-403');
    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await page.waitForURL(server.url + '/');
    expect(await page.getByRole('link', { name: 'Se connecter' }).count()).to.be.greaterThan(0);
    await page.close();
  });

  it('the layout works on a small screen and the skip link reaches the content', async () => {
    const page = await browser.newPage({ viewport: { width: 375, height: 740 } });
    await visit(page, '/', 'mobile-accueil');
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => document.activeElement?.textContent?.trim());
    expect(focused).to.equal('Aller au contenu');
    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(scrollWidth).to.be.at.most(375);
    await page.close();
  });
});
