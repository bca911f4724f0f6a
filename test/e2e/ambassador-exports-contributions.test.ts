import fs from 'node:fs';
import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { parse } from 'csv-parse/sync';
import type { TestDb } from '../support/db';
import { expectAccessible, screenshot, startDemoWorld, stopDemoWorld } from '../support/browser';
import { DEMO_PASSWORD, DEMO_SLUG } from '../../seeds/demo';

/** The deck's example: IBS's own words about young people's aspirations. */
const DECK_EXAMPLE = 'Développer et renforcer la caractérisation des aspirations des jeunes dans le SI.';

/**
 * In real Chromium, on the demo consultation: the ambassador logs in, browses the raw contributions,
 * searches « aspiration », pages on, and downloads the CSV, which opens with its accents and carries
 * no live formula. axe-core checks every page visited.
 */
describe('An ambassador browses, searches and exports contributions in a real browser', function () {
  let t: TestDb;
  let browser: Browser;
  let server: { url: string; close: () => Promise<void> };

  before(async function () {
    this.timeout(180_000);
    ({ t, server, browser } = await startDemoWorld());
  });
  after(() => stopDemoWorld({ t, server, browser }));

  const rowIds = async (page: Page) =>
    (await page.locator('table.contributions tbody th a').evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).getAttribute('href')))).map((h) => Number(String(h).split('/').pop()));

  it('logs in, searches « aspiration », goes to page 2 and downloads a CSV that opens with accents and no formula', async () => {
    const page = await browser.newPage({ acceptDownloads: true });
    await page.goto(server.url + '/connexion');
    await expectAccessible(page, 'connexion');
    await page.getByLabel('Adresse électronique').fill('ambassadeur@ensemble.test');
    await page.getByLabel('Mot de passe').fill(DEMO_PASSWORD);
    await Promise.all([page.waitForURL(server.url + '/'), page.getByRole('button', { name: 'Se connecter' }).click()]);
    await expectAccessible(page, 'ambassadeur-accueil');

    await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Contributions', exact: true }).click();
    await page.waitForURL(server.url + '/contributions');
    await expectAccessible(page, 'ambassadeur-contributions-consultations');
    await page.getByRole('link', { name: 'Construisons ensemble notre nouveau SI' }).click();
    await page.waitForURL(`${server.url}/consultations/${DEMO_SLUG}/contributions`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).to.equal('Contributions brutes');
    // The consultation's 1 091 contributions and the 12 remontées continues since publication.
    expect(await page.locator('.result-count').textContent()).to.match(/1\s103 contributions/u);
    await expectAccessible(page, 'ambassadeur-contributions');
    await screenshot(page, 'ambassadeur-contributions');

    // Search: accents and word forms ignored; the deck's example is found, with its reference.
    await page.getByRole('searchbox', { name: 'Recherche' }).fill('aspiration');
    await Promise.all([page.waitForURL(/q=aspiration/), page.getByRole('button', { name: 'Filtrer' }).click()]);
    await expectAccessible(page, 'ambassadeur-contributions-recherche');
    await screenshot(page, 'ambassadeur-contributions-recherche');
    const example = page.locator('table.contributions tbody tr', { hasText: DECK_EXAMPLE });
    expect(await example.count()).to.equal(1);
    expect(await example.locator('th').textContent()).to.match(/IBS-\d+/);
    expect(await example.textContent()).to.contain('Partenaire');
    await example.locator('th a').click();
    await page.waitForURL(/\/contributions\/\d+$/);
    expect(await page.locator('.contribution-body').textContent()).to.contain(DECK_EXAMPLE);
    await expectAccessible(page, 'ambassadeur-contribution');
    await page.goBack();

    // Page 2 of the whole list, by keyset.
    await page.getByRole('link', { name: 'Effacer les filtres' }).click();
    await page.waitForURL(`${server.url}/consultations/${DEMO_SLUG}/contributions`);
    const first = await rowIds(page);
    expect(first).to.have.length(50);
    await Promise.all([page.waitForURL(/avant=\d+/), page.getByRole('link', { name: 'Page suivante' }).click()]);
    await expectAccessible(page, 'ambassadeur-contributions-page-2');
    const second = await rowIds(page);
    expect(second).to.have.length(50);
    expect(second.filter((id) => first.includes(id))).to.deep.equal([]);
    expect(Math.max(...second)).to.be.below(Math.min(...first));

    // The CSV of the selection, as French Excel would open it.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /^CSV/ }).click()]);
    expect(download.suggestedFilename()).to.match(/^contributions-construisons-ensemble-notre-nouveau-si-\d{4}-\d{2}-\d{2}\.csv$/);
    const bytes = fs.readFileSync((await download.path())!);
    expect([...bytes.subarray(0, 3)]).to.deep.equal([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
    expect(text.split('\r\n')[0]).to.match(/^Identifiant;Référence;Thématique;/);
    const rows = parse(bytes, { bom: true, delimiter: ';', columns: true }) as Array<Record<string, string>>;
    expect(rows).to.have.length(1091 + 12); // the consultation's contributions and the remontées continues since publication
    expect(rows.some((r) => r.Texte === DECK_EXAMPLE)).to.equal(true);
    expect(rows.some((r) => /[éèàçêô]/.test(r.Texte ?? ''))).to.equal(true);
    expect(text).not.to.contain('Ã©');
    for (const r of rows) for (const cell of Object.values(r)) expect(cell).not.to.match(/^[=+\-@\t\r]/);
    await page.close();
  });

  it('a contributor submits, finds and edits a contribution through accessible pages (step opened by the DSI)', async () => {
    await t.db('consultations').where({ slug: DEMO_SLUG }).update({ contributions_open: true });
    const page = await browser.newPage();
    await page.goto(server.url + '/connexion');
    await page.getByLabel('Adresse électronique').fill('contributeur@ensemble.test');
    await page.getByLabel('Mot de passe').fill(DEMO_PASSWORD);
    await Promise.all([page.waitForURL(server.url + '/'), page.getByRole('button', { name: 'Se connecter' }).click()]);
    await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Mes contributions' }).click();
    await expectAccessible(page, 'contributeur-mes-contributions');
    await page.getByRole('link', { name: /Contribuer à/ }).click();
    await expectAccessible(page, 'contributeur-contribuer');
    // Too short first: the form comes back with its error, what was typed kept, still accessible.
    await page.getByLabel('Thématique').selectOption({ index: 1 });
    await page.getByLabel('Votre contribution').fill('Court');
    await page.getByRole('button', { name: 'Envoyer ma contribution' }).click();
    expect(await page.locator('.error-summary').textContent()).to.contain('au moins 10 caractères');
    await expectAccessible(page, 'contributeur-contribuer-erreur');
    const body = 'Un agenda partagé avec les partenaires 📅\nÉcrit à l’antenne de Saint-Gaudens.';
    await page.getByLabel('Votre contribution').fill(body);
    await page.getByLabel('Rester anonyme').check();
    await page.getByRole('button', { name: 'Envoyer ma contribution' }).click();
    await page.waitForURL(server.url + '/mes-contributions');
    expect(await page.locator('.flash-success').textContent()).to.contain('est enregistrée');
    await expectAccessible(page, 'contributeur-mes-contributions-apres');
    await page.locator('tbody th a').first().click();
    await expectAccessible(page, 'contributeur-contribution');
    await page.getByRole('link', { name: 'Modifier' }).click();
    await expectAccessible(page, 'contributeur-modifier');
    const stored = await t.db('raw_contributions').orderBy('id', 'desc').first();
    expect(stored.body.replace(/\r\n/g, '\n')).to.equal(body);
    await page.close();
  });
});
