import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { expectAccessible, screenshot, serve, startDemoWorld, stopDemoWorld, type DemoWorld } from '../support/browser';
import { buildApp } from '../support/app';
import { DEMO_PASSWORD, DEMO_SLUG } from '../../seeds/demo';
import { inspectPdf, plainSpaces, writeTemp } from '../support/pdf';
import { ambassadors, participationFigures, workshopsByRegion } from '../../src/modules/stats';
import { insertRawContributions, rawContributionRow } from '../../src/modules/contributions';
import { formatNumber } from '../../src/shared/i18n';

/**
 * In real Chromium, on the demo consultation: a visitor downloads and reads the white paper; an
 * ambassador reads the draft and chooses to be named; the DSI writes, previews and publishes the next
 * edition, then reads what changed. axe-core on every page visited.
 */
describe('White paper journeys in a real browser', function () {
  let w: DemoWorld;

  before(async function () {
    this.timeout(180_000);
    w = await startDemoWorld();
  });
  after(() => stopDemoWorld(w));

  async function visit(page: Page, path: string, label: string): Promise<void> {
    const res = await page.goto(w.server.url + path);
    expect(res?.status(), path).to.equal(200);
    await expectAccessible(page, label);
    await screenshot(page, label);
  }

  async function login(page: Page, email: string, base = w.server.url): Promise<void> {
    await page.goto(base + '/connexion');
    await page.getByLabel('Adresse électronique').fill(email);
    await page.getByLabel('Mot de passe').fill(DEMO_PASSWORD);
    await Promise.all([page.waitForURL(base + '/'), page.getByRole('button', { name: 'Se connecter' }).click()]);
  }

  it('a visitor downloads the latest edition’s PDF from the public page and reads it online', async () => {
    const page = await w.browser.newPage({ acceptDownloads: true });
    await visit(page, `/consultations/${DEMO_SLUG}`, 'visiteur-consultation-livre-blanc');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /Télécharger le livre blanc \(PDF/ }).click()]);
    expect(download.suggestedFilename()).to.equal(`livre-blanc-${DEMO_SLUG}-v1.pdf`);
    const stream = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const c of stream) chunks.push(c as Buffer);
    const pdf = Buffer.concat(chunks);
    expect(pdf.subarray(0, 5).toString()).to.equal('%PDF-');

    await page.getByRole('link', { name: 'Lire en ligne' }).click();
    await page.waitForURL(`${w.server.url}/consultations/${DEMO_SLUG}/livre-blanc`);
    await expectAccessible(page, 'visiteur-livre-blanc');
    await screenshot(page, 'visiteur-livre-blanc');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).to.contain('Livre blanc du futur système d’information');
    expect(await page.getByRole('img', { name: 'De la contribution à la proposition' }).count()).to.equal(1);
    // The table of contents leads to a need's anchor.
    await page.getByRole('navigation', { name: 'Sommaire' }).getByRole('link', { name: /^B-01 — / }).click();
    expect(page.url()).to.match(/#besoin-B-01$/);
    await page.close();
  });

  it('an ambassador reads the draft and chooses to be named in the white paper', async () => {
    const page = await w.browser.newPage();
    await login(page, 'ambassadeur@ensemble.test');
    await visit(page, `/consultations/${DEMO_SLUG}/livre-blanc/brouillon`, 'ambassadeur-livre-blanc-brouillon');
    const region = page.getByRole('region', { name: 'Votre nom dans le livre blanc' });
    const button = region.getByRole('button');
    const before = await button.textContent();
    await button.click();
    await page.waitForURL(/brouillon#consentement$/);
    expect(await page.getByRole('region', { name: 'Votre nom dans le livre blanc' }).getByRole('button').textContent()).to.not.equal(before);
    await expectAccessible(page, 'ambassadeur-livre-blanc-consentement');
    await page.close();
  });

  it('an ambassador asks for a long draft’s PDF and follows its layout until it is ready', async () => {
    // Another instance over the same database, for which the demo's 88 needs make a long document.
    const long = await serve(buildApp(w.t.db, { WHITEPAPER_BACKGROUND_NEEDS: '10' }));
    const page = await w.browser.newPage({ acceptDownloads: true });
    try {
      await login(page, 'ambassadeur@ensemble.test', long.url);
      const draft = `/consultations/${DEMO_SLUG}/livre-blanc/brouillon`;
      expect((await page.goto(long.url + draft))?.status()).to.equal(200);
      await expectAccessible(page, 'ambassadeur-brouillon-long');
      await page.getByRole('button', { name: 'Télécharger le PDF' }).click();
      await page.waitForURL(/\/brouillon\/pdf\/\d+$/);
      await expectAccessible(page, 'ambassadeur-pdf-de-travail');
      // The progress page asks for news every 2 seconds and reloads itself once the layout is over.
      await page.getByText('Le PDF est prêt.').waitFor({ timeout: 60_000 });
      await expectAccessible(page, 'ambassadeur-pdf-de-travail-pret');
      await screenshot(page, 'ambassadeur-pdf-de-travail-pret');
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /Télécharger le PDF de travail/ }).click()]);
      const chunks: Buffer[] = [];
      for await (const c of await download.createReadStream()) chunks.push(c as Buffer);
      expect(Buffer.concat(chunks).subarray(0, 5).toString()).to.equal('%PDF-');
    } finally {
      await page.close();
      await long.close();
    }
  });

  it('the DSI previews the editorial text, publishes edition 2 and reads what changed', async () => {
    const page = await w.browser.newPage();
    await login(page, 'dsi@ensemble.test');
    await w.t.db('needs').where({ code: 'B-03' }).update({ title: 'Besoin retitré avant la deuxième édition' });
    await visit(page, `/admin/consultations/${DEMO_SLUG}/livre-blanc`, 'dsi-livre-blanc');

    await page.getByLabel('Sous-titre (facultatif)').fill('Deuxième édition, revue et complétée');
    await page.getByLabel('Remerciements').fill('Merci à **toutes et tous** : vous avez fait ce livre blanc !');
    await page.getByRole('button', { name: 'Aperçu' }).click();
    await expectAccessible(page, 'dsi-livre-blanc-apercu');
    expect(await page.getByRole('region', { name: 'Aperçu : Remerciements' }).innerHTML()).to.contain('<strong>toutes et tous</strong>');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.waitForURL(`${w.server.url}/admin/consultations/${DEMO_SLUG}/livre-blanc`);
    expect(await page.getByRole('status').first().textContent()).to.contain('enregistré');

    await page.getByRole('button', { name: 'Publier l’édition 2' }).click();
    await page.waitForURL(/\/livre-blanc\/publications\/\d+$/);
    await expectAccessible(page, 'dsi-livre-blanc-publication');
    await screenshot(page, 'dsi-livre-blanc-publication');
    expect(await page.getByText('L’édition 2 est publiée.').count()).to.equal(1);

    await page.getByRole('link', { name: 'Lire l’édition 2' }).click();
    await expectAccessible(page, 'dsi-livre-blanc-edition-2');
    expect(await page.getByText('Deuxième édition, revue et complétée').count()).to.equal(1);
    await page.getByRole('link', { name: 'Ce qui a changé depuis l’édition 1' }).click();
    await expectAccessible(page, 'livre-blanc-changements');
    await screenshot(page, 'livre-blanc-changements');
    expect(await page.getByRole('heading', { name: /Besoins : 0 ajouté, 1 modifié,/ }).count()).to.equal(1);
    await visit(page, `/consultations/${DEMO_SLUG}/livre-blanc/editions`, 'livre-blanc-editions');
    expect(await page.getByRole('row').count()).to.equal(3);
    await page.close();
  });

  it('the DSI edits the demo (a workshop, an import, a need), publishes, and every figure of the PDF agrees with the figures module', async () => {
    const db = w.t.db;
    const consultation = await db('consultations').where({ slug: DEMO_SLUG }).first();
    const dsiUser = await db('users').where({ email: 'dsi@ensemble.test' }).first();
    const page = await w.browser.newPage();
    await login(page, 'dsi@ensemble.test');

    // A workshop whose session has just begun, closed by the DSI in the browser.
    const model = await db('workshops').where({ consultation_id: consultation.id, status: 'clos' }).first();
    const [row] = await db('workshops')
      .insert({
        consultation_id: consultation.id, title: 'Atelier complémentaire de décembre', starts_at: new Date(Date.now() - 3_600_000).toISOString(),
        ends_at: new Date(Date.now() + 3_600_000).toISOString(), mode: 'distanciel', place: '', structure_id: model.structure_id, facilitator_id: dsiUser.id, capacity: 20, status: 'planifie',
      })
      .returning('id');
    const workshopId = Number(typeof row === 'object' ? row.id : row);
    await visit(page, `/ateliers/${workshopId}/presences`, 'dsi-atelier-presences');
    await page.getByLabel('Participants sans compte').fill('8');
    await page.getByLabel('Compte rendu').fill('Huit personnes ont rejoint la séance à distance.');
    await page.getByRole('button', { name: 'Enregistrer et clore l’atelier' }).click();
    await page.waitForURL(`${w.server.url}/ateliers/${workshopId}`);

    // Contributions imported from the workshop's sheet (the one way in of the contributions module).
    const theme = await db('themes').where({ consultation_id: consultation.id }).orderBy('position').first();
    await insertRawContributions(db, Array.from({ length: 12 }, (_, i) => ({
      consultation_id: consultation.id, theme_id: theme.id, workshop_id: workshopId, source: 'import' as const,
      body: `Contribution importée numéro ${i + 1} : simplifier la saisie des entretiens.`, created_by: dsiUser.id,
    })).map((c) => rawContributionRow(c) as Parameters<typeof insertRawContributions>[1][number]));
    // A need created since edition 2 (not yet validated: counted, not published).
    await db('needs').insert({ consultation_id: consultation.id, theme_id: theme.id, code: 'B-99', title: 'Un besoin ajouté après la deuxième édition', position: 99, created_by: dsiUser.id });

    await visit(page, `/admin/consultations/${DEMO_SLUG}/livre-blanc`, 'dsi-livre-blanc-edition-3');
    await page.getByRole('button', { name: 'Publier l’édition 3' }).click();
    await page.waitForURL(/\/livre-blanc\/publications\/\d+$/);
    await expectAccessible(page, 'dsi-livre-blanc-publication-3');
    expect(await page.getByText('L’édition 3 est publiée.').count()).to.equal(1);
    const pdf = Buffer.from(await (await page.request.get(`${w.server.url}/consultations/${DEMO_SLUG}/livre-blanc/editions/3.pdf`)).body());
    const text = plainSpaces(inspectPdf(writeTemp(pdf, 'livre-blanc-v3.pdf')).text);

    const f = await participationFigures(db, consultation.id);
    const n = (v: number) => plainSpaces(formatNumber(v));
    expect(f.workshopsHeld).to.equal(85);
    // The editorial text (its names filled in) and the figures page say the same.
    expect(text).to.contain(`${n(f.workshopsHeld)} ateliers se sont tenus`);
    expect(text).to.contain(`les ${n(f.rawContributions)} contributions brutes`);
    expect(text).to.contain(`${n(await ambassadors(db, consultation.id))} professionnels du réseau ont été retenus`);
    for (const v of [f.workshopsHeld, f.participants, f.rawContributions, f.funnel.consolidatedContributions, f.funnel.needs, (await workshopsByRegion(db, consultation.id)).length]) expect(text).to.contain(n(v));
    expect(text).to.contain(`${n(f.funnel.functionalProposals)} propositions fonctionnelles, soit`);
    expect(text).to.contain(`${n(await ambassadors(db, consultation.id))} ambassadeurs ont accompagné la consultation`);
    // Edition 1's figures are nowhere in the editorial sentences.
    expect(text).to.not.contain('84 ateliers se sont tenus');
    expect(text).to.not.contain('les 1 091 contributions brutes');
    await page.close();
  });
});
