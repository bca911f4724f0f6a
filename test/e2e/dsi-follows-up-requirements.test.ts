import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD, DEMO_SLUG } from '../../seeds/demo';
import { expectAccessible, screenshot, startDemoWorld, stopDemoWorld, type DemoWorld } from '../support/browser';
import { atomEntries, atomProblems } from '../support/atom';

/**
 * In real Chromium, on the demo: the DSI records the status of three proposals (two in bulk from the
 * list, one from its page, after a refused attempt), and the indicator, its chart, the need's page, the
 * public follow-up page and the feed all change accordingly; axe-core on every page visited.
 */
describe('The DSI follows up the requirements in a real browser', function () {
  this.timeout(180_000);
  let w: DemoWorld;
  let page: Page;
  const PUBLIC = `/consultations/${DEMO_SLUG}/suivi`;
  const chosen: string[] = [];

  before(async () => {
    w = await startDemoWorld();
    page = await w.browser.newPage();
  });
  after(() => stopDemoWorld(w));

  async function check(label: string) {
    await expectAccessible(page, label);
    await screenshot(page, label);
  }
  const figure = async (name: string) => (await page.locator('.fu-figures div', { hasText: name }).locator('dd').textContent())!.replace(/\s+/gu, ' ').trim();

  it('reads the public follow-up as a visitor: the indicator, its chart, the needs', async () => {
    await page.goto(w.server.url + PUBLIC);
    await check('suivi-public-avant');
    expect(await figure('Prises en compte')).to.equal('40,3 % (64)');
    expect(await figure('Livrées')).to.equal('7,5 % (12)');
    expect(await page.getByRole('img', { name: /Évolution du taux de prise en compte/ }).count()).to.equal(1);
    // The filters work without script: a GET form.
    await page.getByLabel('Statut', { exact: true }).selectOption('livree');
    await Promise.all([page.waitForURL(/status=livree/), page.getByRole('button', { name: 'Filtrer' }).click()]);
    expect(await page.locator('article.fu-need').count()).to.be.within(1, 12);
    await check('suivi-public-filtre');
  });

  it('logs in as the DSI and reaches the follow-up from the navigation', async () => {
    await page.goto(w.server.url + '/connexion');
    await page.getByLabel('Adresse électronique').fill('dsi@ensemble.test');
    await page.getByLabel('Mot de passe').fill(DEMO_PASSWORD);
    await Promise.all([page.waitForURL(w.server.url + '/'), page.getByRole('button', { name: 'Se connecter' }).click()]);
    await Promise.all([page.waitForURL(/\/admin\/suivi$/), page.getByRole('link', { name: 'Suivi des exigences' }).click()]);
    await check('suivi-dsi-consultations');
    await Promise.all([page.waitForURL(/\/admin\/consultations\/.*\/suivi$/), page.getByRole('link', { name: 'Construisons ensemble notre nouveau SI' }).click()]);
    await check('suivi-dsi-liste');
  });

  it('retains two proposals in bulk from the filtered list', async () => {
    await page.getByLabel('Statut', { exact: true }).selectOption('a_etudier');
    await Promise.all([page.waitForURL(/status=a_etudier/), page.getByRole('button', { name: 'Filtrer' }).click()]);
    const boxes = page.locator('input[name="proposalIds"]');
    for (const i of [0, 1]) {
      await boxes.nth(i).check();
      chosen.push((await page.locator('tbody th[scope="row"]').nth(i).textContent())!.split(' — ')[0]!.trim());
    }
    await page.getByLabel('Nouveau statut').selectOption('retenue');
    await page.getByLabel('Commentaire').fill('Retenues par le comité de pilotage de décembre.');
    await Promise.all([page.waitForURL(/status=a_etudier/), page.getByRole('button', { name: 'Enregistrer le statut des propositions cochées' }).click()]);
    expect(await page.getByRole('status').first().textContent()).to.contain('Statut « Retenue » enregistré pour 2 propositions.');
    await check('suivi-dsi-liste-apres-lot');
  });

  it('delivers a third one from its page, after being told a comment is required', async () => {
    const link = page.locator('tbody th[scope="row"] a').first();
    chosen.push((await link.textContent())!.split(' — ')[0]!.trim());
    await Promise.all([page.waitForURL(/\/suivi\/propositions\/\d+$/), link.click()]);
    await check('suivi-dsi-proposition');
    await page.getByLabel('Nouveau statut').selectOption('livree');
    await page.getByLabel('Éléments du backlog du SI partagé').fill('https://backlog.si-partage.example/CONV-4242');
    await page.getByRole('button', { name: 'Enregistrer le statut' }).click();
    await page.waitForSelector('.error-summary');
    expect(await page.locator('#f-comment-erreur').textContent()).to.contain('Un commentaire est obligatoire pour le statut « Livrée »');
    expect(await page.getByLabel('Éléments du backlog du SI partagé').inputValue()).to.equal('https://backlog.si-partage.example/CONV-4242');
    await check('suivi-dsi-proposition-erreur');
    await page.getByLabel('Commentaire').fill('Livrée dans la version 9.0 du SI partagé.');
    await Promise.all([page.waitForURL(/\/suivi\/propositions\/\d+$/), page.getByRole('button', { name: 'Enregistrer le statut' }).click()]);
    expect(await page.getByRole('status').first().textContent()).to.contain(`Statut « Livrée » enregistré pour ${chosen[2]}.`);
    expect(await page.getByRole('table', { name: /Historique des statuts/ }).locator('tbody tr').first().textContent()).to.contain('Livrée');
    await check('suivi-dsi-proposition-apres');
  });

  it('sees the indicator, its chart, the need\u2019s page and the feed follow', async () => {
    await page.goto(w.server.url + PUBLIC);
    await check('suivi-public-apres');
    // 67 of 159 taken into account, 13 delivered.
    expect(await figure('Prises en compte')).to.equal('42,1 % (67)');
    expect(await figure('Livrées')).to.equal('8,2 % (13)');
    expect(await page.getByRole('img', { name: /Évolution/ }).textContent()).to.match(/aujourd’hui : 42,1\s%/u);
    await page.locator('.fu-timeline summary').click();
    const lastPoint = page.getByRole('table', { name: 'Taux de prise en compte à chaque date de changement de statut' }).locator('tbody tr').last();
    expect(await lastPoint.locator('time').getAttribute('datetime')).to.equal(new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date()));
    expect((await lastPoint.textContent())!.replace(/\s+/gu, ' ')).to.contain('42,1 %');

    const needCode = chosen[2]!.split('.')[0]!;
    await page.goto(`${w.server.url}${PUBLIC}/besoins/${needCode}`);
    await check('suivi-public-besoin');
    const section = page.locator('section.fu-proposal', { hasText: chosen[2]! });
    expect(await section.locator('p').first().textContent()).to.contain('Livrée');
    expect(await section.getByRole('link', { name: 'https://backlog.si-partage.example/CONV-4242' }).count()).to.equal(1);

    const feed = await page.request.get(`${w.server.url}${PUBLIC}.atom`);
    expect(feed.headers()['content-type']).to.match(/^application\/atom\+xml/);
    const xml = await feed.text();
    expect(atomProblems(xml)).to.deep.equal([]);
    const latest = atomEntries(xml).slice(0, 3);
    expect(latest.map((e) => e.title.split(' — ')[0]).sort()).to.deep.equal([...chosen].sort());
    expect(latest[0]!.category).to.equal('livree');
    const needFeed = await page.request.get(`${w.server.url}${PUBLIC}/besoins/${needCode}.atom`);
    expect(atomEntries(await needFeed.text())[0]!.title).to.contain(chosen[2]!);
  });
});
