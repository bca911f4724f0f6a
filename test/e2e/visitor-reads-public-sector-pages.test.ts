import { expect } from 'chai';
import type { Browser } from 'playwright-core';
import type { TestDb } from '../support/db';
import { expectAccessible, screenshot, startDemoWorld, stopDemoWorld } from '../support/browser';
import { DEFAULT_SOURCE_CODE_URL } from '../../src/config';

/**
 * A visitor finds, in every page's footer, the pages a French public-sector site must offer
 * (accessibility statement, legal notice, personal data, source code) and reads them; axe-core
 * checks each.
 */
describe('A visitor reads the public-sector pages from the footer', function () {
  let t: TestDb;
  let browser: Browser;
  let server: { url: string; close: () => Promise<void> };

  before(async function () {
    this.timeout(180_000);
    ({ t, server, browser } = await startDemoWorld());
  });
  after(() => stopDemoWorld({ t, server, browser }));

  it('follows each footer link to its page', async () => {
    const page = await browser.newPage();
    await page.goto(server.url + '/consultations');
    const footer = page.getByRole('contentinfo');
    expect(await footer.getByRole('link', { name: 'Code source (AGPL)' }).getAttribute('href')).to.equal(DEFAULT_SOURCE_CODE_URL);

    await footer.getByRole('link', { name: 'Accessibilité : partiellement conforme' }).click();
    await page.waitForURL(server.url + '/accessibilite');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).to.equal('Déclaration d’accessibilité');
    expect(await page.locator('main').textContent()).to.contain('partiellement conforme').and.contain('Défenseur des droits');
    await expectAccessible(page, 'visiteur-declaration-accessibilite');
    await screenshot(page, 'visiteur-declaration-accessibilite');

    await page.getByRole('contentinfo').getByRole('link', { name: 'Mentions légales' }).click();
    await page.waitForURL(server.url + '/mentions-legales');
    expect(await page.locator('main').textContent()).to.contain('Licence Ouverte').and.contain('AGPL');
    await expectAccessible(page, 'visiteur-mentions-legales');

    await page.getByRole('contentinfo').getByRole('link', { name: 'Données personnelles' }).click();
    await page.waitForURL(server.url + '/donnees-personnelles');
    expect(await page.getByRole('heading', { level: 2 }).count()).to.be.greaterThan(0); // the demo consultation's notice
    await expectAccessible(page, 'visiteur-donnees-personnelles');
    await page.close();
  });
});
