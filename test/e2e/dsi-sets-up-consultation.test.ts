import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { freshDb, type TestDb } from '../support/db';
import { buildApp, makeUser, TEST_PASSWORD } from '../support/app';
import { expectAccessible, launchBrowser, screenshot, serve } from '../support/browser';
import { parisDay, PHASE_KINDS } from '../../src/modules/consultations';

const day = (offset: number) => parisDay(new Date(Date.now() + offset * 86_400_000));

/**
 * In real Chromium: the DSI logs in through the form, creates a consultation, sets its six phases,
 * adds three themes and sees the timeline on the public page; then a staff member applies as an
 * ambassador and the DSI selects them. axe-core checks every page visited.
 */
describe('The DSI sets up a consultation in a real browser', function () {
  let t: TestDb;
  let browser: Browser;
  let server: { url: string; close: () => Promise<void> };
  let dsiEmail: string;
  let staffEmail: string;
  const slug = 'consultation-nationale-2027';

  before(async function () {
    this.timeout(180_000);
    t = await freshDb();
    dsiEmail = (await makeUser(t.db, 'dsi', { name: 'Claire Dupuis' })).email;
    staffEmail = (await makeUser(t.db, 'contributeur', { name: 'Léa Martin' })).email;
    server = await serve(buildApp(t.db));
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    await t?.destroy();
  });

  async function check(page: Page, label: string): Promise<void> {
    await expectAccessible(page, label);
    await screenshot(page, label);
  }

  async function logIn(page: Page, email: string, label: string): Promise<void> {
    await page.goto(server.url + '/connexion');
    await check(page, `${label}-connexion`);
    await page.getByLabel('Adresse électronique').fill(email);
    await page.getByLabel('Mot de passe').fill(TEST_PASSWORD);
    await Promise.all([page.waitForURL(server.url + '/'), page.getByRole('button', { name: 'Se connecter' }).click()]);
    await check(page, `${label}-accueil`);
  }

  const submit = async (page: Page, name: string) => {
    await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name, exact: true }).click()]);
  };

  it('creates a consultation, sets its six phases, adds three themes and sees the timeline', async () => {
    const page = await browser.newPage();
    await logIn(page, dsiEmail, 'dsi-consultation');

    await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Gérer les consultations' }).click();
    await page.waitForURL(server.url + '/admin/consultations');
    await check(page, 'dsi-consultations-liste-vide');

    await page.getByRole('link', { name: 'Nouvelle consultation' }).click();
    await check(page, 'dsi-consultation-nouvelle');
    await page.getByLabel('Titre').fill('Co');
    await submit(page, 'Créer la consultation');
    expect(await page.locator('.error-summary').textContent()).to.contain('au moins 3 caractères');
    await check(page, 'dsi-consultation-nouvelle-erreurs');

    await page.getByLabel('Titre').fill('Consultation nationale 2027');
    await page.getByLabel('Description').fill('## Pourquoi\nPréparer **ensemble** le SI de demain.');
    await page.getByLabel('Notice sur les données personnelles').fill('Nous conservons votre nom jusqu’à la clôture.');
    await submit(page, 'Créer la consultation');
    expect(page.url()).to.equal(`${server.url}/admin/consultations/${slug}/calendrier`);
    await check(page, 'dsi-calendrier');

    const dates: Array<[string, number, number]> = [[-60, -50], [-10, 10], [20, 60], [61, 120], [130, 131], [132, 500]].map(
      ([s, e], i) => [PHASE_KINDS[i]!, s!, e!],
    );
    // First an end before its start: the page says so next to the field.
    await page.locator('#f-lancement_startsOn').fill(day(-50));
    await page.locator('#f-lancement_endsOn').fill(day(-60));
    await submit(page, 'Enregistrer le calendrier');
    expect(await page.locator('#f-lancement_endsOn-erreur').textContent()).to.contain('égale ou postérieure');
    await check(page, 'dsi-calendrier-erreurs');
    for (const [kind, s, e] of dates) {
      await page.locator(`#f-${kind}_startsOn`).fill(day(s));
      await page.locator(`#f-${kind}_endsOn`).fill(day(e));
    }
    await page.locator('#f-publication_title').fill('Publication du livre blanc 2027');
    await submit(page, 'Enregistrer le calendrier');
    expect(await page.locator('.flash-success').textContent()).to.contain('calendrier de la consultation est enregistré');
    await check(page, 'dsi-calendrier-enregistre');

    await page.getByRole('navigation', { name: 'Gestion de la consultation' }).getByRole('link', { name: 'Thématiques' }).click();
    await check(page, 'dsi-thematiques-vide');
    for (const [title, code] of [['Accompagnement des jeunes', 'USAGERS'], ['Pilotage et statistiques', 'PILOTAGE'], ['Relations partenaires', 'PARTENAIRES']]) {
      await page.getByLabel('Titre').fill(title!);
      await page.getByLabel('Code').fill(code!);
      await page.getByLabel('Description').fill(`Tout ce qui touche à : ${title!.toLowerCase()}.`);
      await submit(page, 'Ajouter la thématique');
    }
    await page.getByRole('button', { name: 'Monter « Relations partenaires »' }).click();
    await page.waitForLoadState('load');
    expect(await page.locator('.theme-admin h3').allTextContents()).to.deep.equal(['USAGERS Accompagnement des jeunes', 'PARTENAIRES Relations partenaires', 'PILOTAGE Pilotage et statistiques']);
    await check(page, 'dsi-thematiques');

    await page.getByRole('navigation', { name: 'Gestion de la consultation' }).getByRole('link', { name: 'Ouverture des étapes' }).click();
    await check(page, 'dsi-ouvertures');
    await page.getByRole('navigation', { name: 'Gestion de la consultation' }).getByRole('link', { name: 'Informations générales' }).click();
    await check(page, 'dsi-informations');

    await page.getByRole('navigation', { name: 'Gestion de la consultation' }).getByRole('link', { name: 'Page publique' }).click();
    await page.waitForURL(`${server.url}/consultations/${slug}`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).to.equal('Consultation nationale 2027');
    const steps = page.locator('.timeline .timeline-step');
    expect(await steps.count()).to.equal(6);
    expect(await page.locator('.timeline [aria-current="step"] .timeline-title').textContent()).to.equal('Sélection des ambassadeurs');
    expect(await steps.nth(4).textContent()).to.contain('Publication du livre blanc 2027');
    expect(await page.locator('.card h3').allTextContents()).to.deep.equal(['Accompagnement des jeunes', 'Relations partenaires', 'Pilotage et statistiques']);
    await check(page, 'dsi-page-publique');

    await page.goto(server.url + '/consultations');
    expect(await page.locator('.card').first().textContent()).to.contain('En cours : Sélection des ambassadeurs');
    await check(page, 'dsi-consultations-publiques');
    await page.close();
  });

  it('a staff member applies as an ambassador and the DSI selects them', async () => {
    const staff = await browser.newPage();
    await logIn(staff, staffEmail, 'candidat');
    await staff.goto(`${server.url}/consultations/${slug}`);
    await staff.getByRole('link', { name: 'Candidater comme ambassadeur' }).click();
    await check(staff, 'candidat-formulaire');
    await staff.getByLabel('Votre motivation').fill('Court.');
    await submit(staff, 'Envoyer ma candidature');
    expect(await staff.locator('.error-summary').textContent()).to.contain('au moins 50 caractères');
    await check(staff, 'candidat-formulaire-erreurs');
    await staff.getByLabel('Votre motivation').fill('Conseillère en insertion depuis dix ans, j’anime déjà les ateliers numériques de ma Mission Locale.');
    await staff.getByLabel('Accompagnement des jeunes').check();
    await submit(staff, 'Envoyer ma candidature');
    expect(await staff.locator('#appel-ambassadeurs + p, .notice').first().textContent()).to.contain('Vous avez candidaté');
    await check(staff, 'candidat-consultation');

    const dsi = await browser.newPage();
    await logIn(dsi, dsiEmail, 'dsi-candidatures');
    await dsi.goto(`${server.url}/admin/consultations/${slug}/candidatures`);
    await check(dsi, 'dsi-candidatures-liste');
    await dsi.getByRole('link', { name: 'Décider pour Léa Martin' }).click();
    await check(dsi, 'dsi-candidature-decision');
    expect(await dsi.getByLabel('Accompagnement des jeunes (connue du candidat)').isChecked()).to.equal(true);
    await dsi.getByLabel('Relations partenaires').check();
    await dsi.getByLabel('Message au candidat (facultatif)').fill('Bienvenue parmi les ambassadeurs !');
    await submit(dsi, 'Retenir la candidature');
    expect(await dsi.locator('.flash-success').textContent()).to.contain('est ambassadeur pour 2 thématiques');
    await check(dsi, 'dsi-candidatures-apres-decision');

    await staff.goto(server.url + '/candidatures');
    expect(await staff.locator('.application').textContent()).to.contain('Retenue').and.contain('Bienvenue parmi les ambassadeurs');
    await check(staff, 'candidat-mes-candidatures');
    await staff.close();
    await dsi.close();
  });
});
