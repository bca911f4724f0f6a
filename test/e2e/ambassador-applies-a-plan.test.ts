import { expect } from 'chai';
import type { Browser } from 'playwright-core';
import type { TestDb } from '../support/db';
import { expectAccessible, logInThroughForm, screenshot, startDemoWorld, stopDemoWorld } from '../support/browser';
import { DEMO_SLUG } from '../../seeds/demo';
import { insertRawContribution } from '../../src/modules/contributions';

/**
 * Issue 11's plan in real Chromium: the ambassador applies a proposed group in one submission, meets
 * a conflict (another ambassador took a contribution meanwhile: the rest is applied, the conflict
 * explained on the plan), then undoes the last plan. axe-core checks every page shown.
 */
describe('An ambassador applies a consolidation plan, meets a conflict and undoes', function () {
  let t: TestDb;
  let browser: Browser;
  let server: { url: string; close: () => Promise<void> };
  let themeId: number;
  let consultationId: number;
  const ids: Record<string, number> = {};
  const SMS = [
    'Il faudrait pouvoir envoyer des SMS groupés aux jeunes depuis leur dossier pour rappeler les rendez-vous.',
    'Envoyer des SMS de rappel de rendez-vous aux jeunes directement depuis le dossier, en envoi groupé.',
    'Pouvoir faire des envois groupés de SMS aux jeunes depuis le dossier pour leur rappeler leurs rendez-vous.',
  ];
  const DRIVING = [
    'Recenser dans le logiciel les aides au permis de conduire et les auto-écoles sociales du territoire.',
    'Une liste des aides au permis de conduire et des auto-écoles sociales du territoire dans le logiciel.',
    'Avoir dans le logiciel la liste des aides au permis de conduire et des auto-écoles sociales du territoire.',
  ];

  before(async function () {
    this.timeout(180_000);
    ({ t, server, browser } = await startDemoWorld(async (w) => {
      const c = await w.db('consultations').where({ slug: DEMO_SLUG }).first();
      consultationId = Number(c.id);
      await w.db('consultations').where({ id: c.id }).update({ consolidation_open: true });
      themeId = Number((await w.db('themes').where({ consultation_id: c.id, code: 'USAGERS' }).first()).id);
      for (const [key, texts] of [['SMS', SMS], ['PERMIS', DRIVING]] as const) {
        for (const [i, body] of texts.entries()) {
          ids[`${key}-${i + 1}`] = await insertRawContribution(w.db, { consultation_id: c.id, theme_id: themeId, source: 'individuelle', reference: `E2E-${key}-${i + 1}`, body, created_by: null });
        }
      }
    }));
  });
  after(() => stopDemoWorld({ t, server, browser }));

  const status = async (id: number) => (await t.db('raw_contributions').where({ id }).first()).status as string;

  it('applies a group, reports a conflict on the plan itself, and undoes the last plan', async function () {
    this.timeout(120_000);
    const context = await browser.newContext();
    const page = await context.newPage();
    await logInThroughForm(page, server.url, 'ambassadeur@ensemble.test');

    const planUrl = `${server.url}/consultations/${DEMO_SLUG}/consolidation/plan?theme=${themeId}`;
    await page.goto(`${server.url}/consultations/${DEMO_SLUG}/consolidation`);
    await Promise.all([page.waitForURL(planUrl), page.getByRole('link', { name: /Plan de consolidation — Usagers/ }).click()]);
    await expectAccessible(page, 'plan-consolidation');
    await screenshot(page, 'plan-consolidation');

    // 1. The SMS paraphrases come as one group; the ambassador applies that group alone.
    const smsGroup = page.locator('section.plan-group').filter({ hasText: 'E2E-SMS-1' });
    expect(await smsGroup.count()).to.equal(1);
    for (const ref of ['E2E-SMS-2', 'E2E-SMS-3']) expect(await smsGroup.textContent()).to.contain(ref);
    // The demo's own « remontées continues » may say the same: the group counts them too.
    const smsCount = await smsGroup.locator('.plan-members > li').count();
    expect(smsCount).to.be.at.least(3);
    await Promise.all([page.waitForURL(planUrl), smsGroup.getByRole('button', { name: /^Appliquer seulement le groupe/ }).click()]);
    expect(await page.locator('.flash').first().textContent()).to.contain(`Plan appliqué : ${smsCount} contributions rattachées`);
    for (const k of ['SMS-1', 'SMS-2', 'SMS-3']) expect(await status(ids[k]!)).to.equal('consolidee');
    await expectAccessible(page, 'plan-apres-application');

    // 2. Meanwhile another ambassador takes one of the driving-licence texts.
    const permis = page.locator('section.plan-group').filter({ hasText: 'E2E-PERMIS-1' });
    expect(await permis.count()).to.equal(1);
    const elsewhere = await t.db('consolidated_contributions').where({ consultation_id: consultationId, theme_id: themeId }).whereNot({ status: 'annulee' }).orderBy('id').first();
    await t.db('consolidation_links').insert({ consolidated_contribution_id: elsewhere.id, raw_contribution_id: ids['PERMIS-2'] });
    await t.db('raw_contributions').where({ id: ids['PERMIS-2'] }).update({ status: 'consolidee' });
    const answer = page.waitForResponse((r) => r.url().endsWith('/consolidation/plan') && r.request().method() === 'POST');
    await permis.getByRole('button', { name: /^Appliquer seulement le groupe/ }).click();
    expect((await answer).status()).to.equal(409);
    await page.waitForLoadState();
    const conflicts = page.getByRole('alert').filter({ hasText: 'Une partie du plan n’a pas été appliquée' });
    expect(await conflicts.textContent()).to.match(/E2E-PERMIS-2 a été rattachée à CC-[A-Z]+-\d+ par quelqu’un d’autre entre-temps/);
    expect(await status(ids['PERMIS-1']!)).to.equal('consolidee');
    expect(await status(ids['PERMIS-3']!)).to.equal('consolidee');
    await expectAccessible(page, 'plan-conflit');
    await screenshot(page, 'plan-conflit');

    // 3. Undo the last plan: the two driving texts it placed come back, the SMS plan stays.
    await page.goto(planUrl);
    await Promise.all([page.waitForURL(planUrl), page.getByRole('button', { name: 'Annuler ce plan' }).click()]);
    expect(await page.getByText(/Plan annulé : 2 liens défaits/).count()).to.equal(1);
    expect(await status(ids['PERMIS-1']!)).to.equal('a_traiter');
    expect(await status(ids['PERMIS-3']!)).to.equal('a_traiter');
    expect(await status(ids['SMS-1']!)).to.equal('consolidee');
    await expectAccessible(page, 'plan-annule');
    await context.close();
  });
});
