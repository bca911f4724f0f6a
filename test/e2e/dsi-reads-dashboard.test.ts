import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import type { TestDb } from '../support/db';
import { expectAccessible, logInThroughForm, screenshot, startDemoWorld, stopDemoWorld } from '../support/browser';
import { DEMO_SLUG } from '../../seeds/demo';

/**
 * In real Chromium, on the demo consultation: the DSI logs in, goes from its home to the consultation's
 * dashboard, reads the cards, the charts with their tables, the indicator and the priorities, and
 * downloads the needs' export; axe-core on every page.
 */
describe('The DSI reads the consultation dashboard in a real browser', function () {
  let t: TestDb;
  let browser: Browser;
  let server: { url: string; close: () => Promise<void> };
  let page: Page;

  before(async function () {
    this.timeout(180_000);
    ({ t, server, browser } = await startDemoWorld());
    page = await browser.newPage();
  });
  after(() => stopDemoWorld({ t, server, browser }));

  it('logs in through the form', async () => {
    await logInThroughForm(page, server.url, 'dsi@ensemble.test');
  });

  it('goes from its home to the dashboard and reads it (axe-core: no serious or critical violation)', async () => {
    await Promise.all([
      page.waitForURL(`${server.url}/admin/consultations/${DEMO_SLUG}/tableau-de-bord`),
      page.getByRole('link', { name: /^Tableau de bord de « / }).first().click(),
    ]);
    await expectAccessible(page, 'dsi-tableau-de-bord');
    await screenshot(page, 'dsi-tableau-de-bord');
    const cards = page.getByRole('region', { name: 'Chiffres clés' }).getByRole('listitem');
    expect(await cards.count()).to.equal(7);
    expect(await page.locator('#carte-ambassadeurs').textContent()).to.match(/14\s+Ambassadeurs/);
    expect(await page.locator('#carte-contributions-brutes').textContent()).to.match(/1\s091/u);
    expect(await page.getByRole('link', { name: 'Tableau de bord', exact: true }).getAttribute('aria-current')).to.equal('page');
    for (const name of ['De la contribution à la proposition', 'Carte des régions', 'Contributions par semaine', 'Nuage de mots', 'Taux de prise en compte des exigences', 'Besoins prioritaires']) {
      expect(await page.getByRole('heading', { level: 2, name }).count(), name).to.equal(1);
    }
    expect(await page.getByRole('img', { name: 'De la contribution à la proposition' }).count()).to.equal(1);
    expect(await page.getByRole('img', { name: 'Contributions par semaine' }).count()).to.equal(1);
    expect(await page.getByRole('table', { name: /besoins ayant reçu le plus de points/ }).getByRole('row').count()).to.equal(11);
    // The weeks' table opens and is read as a captioned table.
    await page.getByText(/^Tableau des contributions par semaine/).click();
    expect(await page.getByRole('table', { name: 'Contributions brutes par semaine de dépôt' }).isVisible()).to.equal(true);
    await expectAccessible(page, 'dsi-tableau-de-bord-semaines');
  });

  it('downloads the needs and proposals as CSV from the dashboard', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /au format CSV/ }).click()]);
    expect(download.suggestedFilename()).to.equal(`besoins-propositions-${DEMO_SLUG}.csv`);
  });

  it('follows the link to the follow-up of the requirements', async () => {
    await Promise.all([page.waitForURL(`${server.url}/admin/consultations/${DEMO_SLUG}/suivi`), page.getByRole('link', { name: 'Suivi des exigences (DSI)' }).click()]);
    await expectAccessible(page, 'dsi-tableau-de-bord-suivi');
  });
});
