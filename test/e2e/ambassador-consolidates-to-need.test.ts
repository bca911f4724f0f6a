import { expect } from 'chai';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { TestDb } from '../support/db';
import { expectAccessible, screenshot, startDemoWorld, stopDemoWorld } from '../support/browser';
import { DEMO_PASSWORD, DEMO_SLUG } from '../../seeds/demo';
import { insertRawContribution } from '../../src/modules/contributions';

/**
 * Issue 4's journey in real Chromium: guided by the suggested groups, the ambassador turns three raw
 * contributions into a consolidated contribution, then a need with a functional proposal, and
 * submits it; the DSI validates the proposal and the need; the need's page traces back to every raw
 * contribution and workshop. axe-core checks every page visited.
 */
describe('An ambassador consolidates raw contributions into a need that the DSI validates', function () {
  let t: TestDb;
  let browser: Browser;
  let server: { url: string; close: () => Promise<void> };
  let themeId: number;
  const REFS = ['E2E-SMS-1', 'E2E-SMS-2', 'E2E-SMS-3'];
  let needUrl = '';
  let groupSize = 3;

  before(async function () {
    this.timeout(180_000);
    ({ t, server, browser } = await startDemoWorld(async (w) => {
      const c = await w.db('consultations').where({ slug: DEMO_SLUG }).first();
      // The demo is past its consolidation step: the DSI reopens it by hand.
      await w.db('consultations').where({ id: c.id }).update({ consolidation_open: true });
      themeId = (await w.db('themes').where({ consultation_id: c.id, code: 'USAGERS' }).first()).id;
      const workshop = await w.db('workshops').where({ consultation_id: c.id }).orderBy('id').first();
      const texts = [
        'Il faudrait pouvoir envoyer des SMS groupés aux jeunes depuis leur dossier pour rappeler les rendez-vous.',
        'Envoyer des SMS de rappel de rendez-vous aux jeunes directement depuis le dossier, en envoi groupé.',
        'Pouvoir faire des envois groupés de SMS aux jeunes depuis le dossier pour leur rappeler leurs rendez-vous.',
      ];
      for (const [i, body] of texts.entries()) {
        await insertRawContribution(w.db, {
          consultation_id: c.id, theme_id: themeId, workshop_id: workshop.id, structure_id: workshop.structure_id,
          source: 'atelier', reference: REFS[i], body, created_by: null,
        });
      }
    }));
  });
  after(() => stopDemoWorld({ t, server, browser }));

  async function logIn(email: string): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(server.url + '/connexion');
    await page.getByLabel('Adresse électronique').fill(email);
    await page.getByLabel('Mot de passe').fill(DEMO_PASSWORD);
    await Promise.all([page.waitForURL(server.url + '/'), page.getByRole('button', { name: 'Se connecter' }).click()]);
    return { context, page };
  }

  async function check(page: Page, label: string): Promise<void> {
    await expectAccessible(page, label);
    await screenshot(page, label);
  }

  it('the ambassador follows a suggested group to a consolidated contribution, then writes a need and a proposal', async () => {
    const { context, page } = await logIn('ambassadeur@ensemble.test');
    await page.goto(`${server.url}/consultations/${DEMO_SLUG}/consolidation`);
    await check(page, 'consolidation-boite');
    await page.goto(`${server.url}/consultations/${DEMO_SLUG}/consolidation/suggestions?theme=${themeId}`);
    await check(page, 'consolidation-suggestions');
    const group = page.locator('section.group').filter({ hasText: REFS[0]! });
    expect(await group.count(), 'the three paraphrases are suggested as one group').to.equal(1);
    for (const ref of REFS) expect(await group.textContent()).to.contain(ref);
    // The demo's own « remontées continues » may say the same: the group counts them too.
    groupSize = await group.locator('li').count();
    await group.getByRole('button', { name: /^Accepter/ }).click();
    await check(page, 'consolidation-creer');
    await page.getByLabel('Titre').fill('Envoyer des SMS groupés de rappel depuis le dossier');
    await page.getByLabel('Synthèse (Markdown)').fill('Les conseillers veulent **rappeler les rendez-vous** par SMS groupés, depuis le dossier du jeune.');
    await page.getByRole('button', { name: 'Créer la contribution consolidée' }).click();
    await page.waitForURL(/\/consolidees\/\d+$/);
    await check(page, 'consolidation-consolidee');
    for (const ref of REFS) expect(await page.locator('main').textContent()).to.contain(ref);
    const ccTitle = 'Envoyer des SMS groupés de rappel depuis le dossier';

    await page.goto(`${server.url}/consultations/${DEMO_SLUG}/besoins/nouveau`);
    await check(page, 'besoin-nouveau');
    await page.getByLabel('Thème').selectOption(String(themeId));
    await page.getByLabel('Titre').fill('Rappeler les rendez-vous aux jeunes par SMS');
    await page.getByLabel('Description (Markdown)').fill('Réduire les rendez-vous manqués grâce à des rappels automatiques.');
    await page.getByRole('button', { name: 'Créer le besoin' }).click();
    await page.waitForURL(/\/besoins\/\d+$/);
    needUrl = page.url();
    await page.getByLabel('Rechercher par titre').fill('SMS groupés');
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await page.getByLabel(new RegExp(ccTitle)).check();
    await page.getByRole('button', { name: 'Rattacher la sélection' }).click();
    await page.getByLabel('Titre de la proposition').fill('Envoi de SMS de rappel planifiés depuis l’agenda');
    await page.getByRole('button', { name: 'Ajouter la proposition' }).click();
    await page.waitForURL(/\/besoins\/\d+/);
    await check(page, 'besoin-ambassadeur');
    await page.getByRole('button', { name: 'Soumettre à la DSI' }).click();
    await page.waitForURL(/\/besoins\/\d+/);
    expect(await page.locator('main').textContent()).to.match(/soumis/i);
    await context.close();
  });

  it('the DSI validates the proposal and the need, whose page traces back to every raw contribution and workshop', async () => {
    expect(needUrl, 'the previous step created a need').to.match(/\/besoins\/\d+$/);
    const { context, page } = await logIn('dsi@ensemble.test');
    await page.goto(needUrl);
    await check(page, 'besoin-dsi');
    await page.locator('#propositions').getByRole('link').first().click();
    await page.waitForURL(/\/propositions\/\d+$/);
    await check(page, 'proposition-dsi');
    await page.getByRole('button', { name: 'Valider la proposition' }).click();
    await page.goto(needUrl);
    await page.getByRole('button', { name: 'Valider le besoin' }).click();
    await page.waitForURL(/\/besoins\/\d+/);
    await check(page, 'besoin-valide');
    const trace = (await page.locator('#trace-h').locator('..').textContent()) ?? '';
    for (const ref of REFS) expect(trace).to.contain(ref);
    // The figures lead the page; the raw contributions themselves are folded further down.
    const figures = (await page.getByRole('list', { name: 'Ce qui fonde ce besoin, en chiffres' }).textContent()) ?? '';
    expect(figures).to.match(new RegExp(`${groupSize}\\s+contributions? brutes?\\b`));
    expect(figures).to.match(/1\s+atelier\b/);
    expect(await page.getByText(`Contributions brutes derrière ce besoin (${groupSize})`).isVisible()).to.equal(true);
    const need = await t.db('needs').where({ title: 'Rappeler les rendez-vous aux jeunes par SMS' }).first();
    expect(need.status).to.equal('valide');
    await page.goto(`${server.url}/consultations/${DEMO_SLUG}/entonnoir`);
    await check(page, 'entonnoir');
    expect((await page.locator('main').textContent())?.replace(/\s/g, ' ')).to.contain('1 094');
    await context.close();
  });
});
