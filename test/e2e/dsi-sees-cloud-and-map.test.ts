import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import type { TestDb } from '../support/db';
import { expectAccessible, logInThroughForm, screenshot, startDemoWorld, stopDemoWorld } from '../support/browser';
import { DEMO_SLUG } from '../../seeds/demo';

/**
 * In real Chromium, on the demo consultation: the DSI reads the map of the regions on the figures page
 * and the word cloud of the contributions (whole consultation, then one theme from the list's filter),
 * follows a term to the filtered list; the map and the cloud are images with a name and a description,
 * their values in a table and a list; axe-core on every page (no serious or critical violation).
 */
describe('The DSI sees the word cloud and the map of the regions in a real browser', function () {
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

  it('reads the map of the regions: three named images, values on the map and in the table', async () => {
    const res = await page.goto(`${server.url}/admin/consultations/${DEMO_SLUG}/chiffres`);
    expect(res?.status()).to.equal(200);
    await expectAccessible(page, 'dsi-carte-regions');
    await page.getByRole('heading', { name: 'Carte des régions' }).scrollIntoViewIfNeeded();
    await screenshot(page, 'dsi-carte-regions');
    const map = page.getByRole('img', { name: 'Contributions par région' });
    expect(await map.count()).to.equal(1);
    expect(await page.getByRole('img', { name: 'Ateliers tenus par région' }).count()).to.equal(1);
    expect(await page.getByRole('img', { name: 'Participants par région' }).count()).to.equal(1);
    const description = await map.evaluate((el) => document.getElementById(el.getAttribute('aria-labelledby')!.split(' ')[1]!)!.textContent);
    expect(description).to.contain('Occitanie :').and.contain('La Réunion :');
    const box = await map.boundingBox();
    expect(box!.width).to.be.greaterThan(250);
    const table = page.getByRole('table', { name: /par région/ }).filter({ has: page.getByRole('columnheader', { name: 'Participants' }) });
    expect(await table.getByRole('rowheader').count()).to.be.at.least(19);
    const total = await table.getByRole('row', { name: /^Total/ }).getByRole('cell').allTextContents();
    expect(total[2]!.replace(/\D/g, '')).to.equal('1091');
  });

  it('reads the word cloud of the whole consultation, then of one theme, and follows a term to the list', async () => {
    await page.getByRole('link', { name: 'Nuage de mots des contributions' }).click();
    await page.waitForURL(`${server.url}/consultations/${DEMO_SLUG}/nuage`);
    await expectAccessible(page, 'dsi-nuage');
    await screenshot(page, 'dsi-nuage');
    const cloud = page.getByRole('img', { name: /^Nuage de mots — toute la consultation/ });
    expect(await cloud.count()).to.equal(1);
    const items = await page.locator('ol.cloud-terms li').allTextContents();
    expect(items.length).to.be.greaterThan(20);
    expect(items[0]).to.match(/— [\d\s\u202f]+ contributions/);
    // The words drawn are the words listed.
    const drawn = await cloud.locator('text').allTextContents();
    const listed = await page.locator('ol.cloud-terms li a').allTextContents();
    expect([...drawn].sort()).to.deep.equal([...listed].sort());

    const theme = await t.db('themes').where({ consultation_id: (await t.db('consultations').where({ slug: DEMO_SLUG }).first()).id }).orderBy('position').first();
    await page.getByLabel('Thématique').selectOption(String(theme.id));
    await Promise.all([page.waitForURL(/theme=/), page.getByRole('button', { name: 'Afficher le nuage' }).click()]);
    await expectAccessible(page, 'dsi-nuage-thematique');
    await screenshot(page, 'dsi-nuage-thematique');
    expect(await page.getByRole('img', { name: new RegExp(`thématique « ${theme.title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} »`) }).count()).to.equal(1);
    const first = page.locator('ol.cloud-terms li a').first();
    const word = (await first.textContent())!;
    await Promise.all([page.waitForURL(/\/contributions\?/), first.click()]);
    expect(page.url()).to.contain(`theme=${theme.id}`);
    expect(await page.getByRole('searchbox', { name: 'Recherche' }).inputValue()).to.equal(word);
    expect(await page.locator('.result-count').textContent()).to.match(/\d/);
    await expectAccessible(page, 'dsi-nuage-liste-filtree');
  });

  it('reads the white paper draft with the map and the cloud the DSI chose', async () => {
    const consultation = await t.db('consultations').where({ slug: DEMO_SLUG }).first();
    await t.db('whitepaper_content').where({ consultation_id: consultation.id }).update({ word_cloud: '' });
    const res = await page.goto(`${server.url}/consultations/${DEMO_SLUG}/livre-blanc/brouillon`);
    expect(res?.status()).to.equal(200);
    await expectAccessible(page, 'dsi-livre-blanc-nuage-carte');
    const cloud = page.getByRole('img', { name: /^Nuage de mots — toute la consultation/ });
    await cloud.scrollIntoViewIfNeeded();
    expect(await cloud.count()).to.equal(1);
    expect(await page.getByRole('img', { name: 'Contributions par région' }).count()).to.equal(1);
    expect(await page.locator('ol.wp-cloud-terms li').count()).to.equal(await cloud.locator('text').count());
  });
});
