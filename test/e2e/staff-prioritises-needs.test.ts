import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { expectAccessible, screenshot, startDemoWorld, stopDemoWorld, type DemoWorld } from '../support/browser';
import { DEMO_PASSWORD, DEMO_SLUG } from '../../seeds/demo';
import { insertReturningId } from '../../src/shared/db';

/**
 * In real Chromium, on the demo consultation with a prioritisation open this month: a contributor spends
 * their points (the points left follow as they type), overspends and is told so next to the form, saves,
 * and sees the overall ranking move with their ballot; they change it and see it move again. The DSI
 * reads the results. axe-core finds no serious or critical violation on any page visited.
 */
describe('A contributor spends their points and sees the ranking move', function () {
  this.timeout(120_000);
  let w: DemoWorld;
  let page: Page;
  let stepId: number;
  const need: Record<string, { id: number; code: string }> = {};

  before(async function () {
    this.timeout(240_000);
    w = await startDemoWorld(async (t) => {
      const consultation = await t.db('consultations').where({ slug: DEMO_SLUG }).first('id');
      const needs = await t.db('needs').where({ consultation_id: consultation.id, status: 'valide' }).whereNull('merged_into_id').orderBy('code').limit(12).select('id', 'code');
      for (const [i, key] of ['leader', 'second', 'third', 'mine', 'later'].entries()) need[key] = { id: Number(needs[i * 2].id), code: needs[i * 2].code };
      const dsi = await t.db('users').where({ email: 'dsi@ensemble.test' }).first('id');
      stepId = await insertReturningId(t.db, 'prioritisation_steps', {
        consultation_id: consultation.id,
        title: 'Priorisation de fin d’année',
        starts_at: new Date(Date.now() - 86_400_000).toISOString(),
        ends_at: new Date(Date.now() + 7 * 86_400_000).toISOString(),
        budget: 10,
        created_by: dsi.id,
      });
      // Three colleagues have voted already.
      const voters = await t.db('users').where({ role: 'contributeur' }).whereNot({ email: 'contributeur@ensemble.test' }).orderBy('id').limit(3).select('id');
      const spread = [{ leader: 6, second: 4 }, { leader: 5, third: 5 }, { second: 7, third: 3 }];
      for (const [i, v] of voters.entries()) {
        const ballotId = await insertReturningId(t.db, 'prioritisation_ballots', { step_id: stepId, voter_id: v.id, voter_role: 'contributeur', voter_region: 'Occitanie', points_total: 10 });
        await t.db('prioritisation_lines').insert(Object.entries(spread[i]!).map(([k, points]) => ({ ballot_id: ballotId, need_id: need[k]!.id, points })));
      }
    });
    page = await w.browser.newPage();
  });
  after(async () => stopDemoWorld(w));

  const field = (key: string) => page.locator(`#f-points_${need[key]!.id}`);
  const remaining = () => page.locator('[data-remaining]').textContent();
  /** The rows of the overall ranking: « rank code ». */
  const ranking = async () =>
    (await page.getByRole('table', { name: /Classement d’ensemble/ }).locator('tbody tr').allTextContents()).map((row) => row.replace(/\s+/g, ' ').trim());
  const rankOf = async (key: string) => {
    const row = (await ranking()).find((r) => r.includes(need[key]!.code));
    return row ? Number(/^(\d+)/.exec(row)![1]) : null;
  };

  async function login(email: string) {
    await page.goto(w.server.url + '/connexion');
    await page.getByLabel('Adresse électronique').fill(email);
    await page.getByLabel('Mot de passe').fill(DEMO_PASSWORD);
    await Promise.all([page.waitForURL(w.server.url + '/'), page.getByRole('button', { name: 'Se connecter' }).click()]);
  }

  it('finds the open step from the navigation', async () => {
    await login('contributeur@ensemble.test');
    await Promise.all([page.waitForURL(w.server.url + '/priorisation'), page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Priorisation' }).click()]);
    await expectAccessible(page, 'priorisation-liste');
    await Promise.all([page.waitForURL(`${w.server.url}/priorisations/${stepId}`), page.getByRole('link', { name: /Répartir mes points — Priorisation de fin d’année/ }).click()]);
    await expectAccessible(page, 'priorisation-bulletin');
    await screenshot(page, 'priorisation-bulletin');
    expect(await remaining()).to.equal('10');
    expect(await page.getByRole('main').getByRole('group').count()).to.equal(7); // one fieldset per theme (the menu's disclosure is a group too, outside main)
  });

  it('follows the points left as they are typed, and refuses an overspent ballot next to the form, keeping what was typed', async () => {
    await field('mine').fill('8');
    expect(await remaining()).to.equal('2');
    await field('later').fill('5');
    expect(await remaining()).to.equal('-3');
    await page.getByRole('button', { name: 'Enregistrer mon vote' }).click();
    await page.waitForSelector('.error-summary');
    expect(await page.locator('.error-summary').textContent()).to.contain('Vous avez réparti 13 points alors que vous en avez 10');
    expect(await field('mine').inputValue()).to.equal('8');
    expect(await field('later').inputValue()).to.equal('5');
    expect(await remaining()).to.equal('-3');
    await expectAccessible(page, 'priorisation-bulletin-erreur');
    await screenshot(page, 'priorisation-bulletin-erreur');
  });

  it('saves the ballot and sees the need it favoured climb the overall ranking', async () => {
    await field('later').fill('');
    await field('mine').fill('10');
    expect(await remaining()).to.equal('0');
    await Promise.all([page.waitForURL(`${w.server.url}/priorisations/${stepId}#classement`), page.getByRole('button', { name: 'Enregistrer mon vote' }).click()]);
    expect(await page.getByRole('status').filter({ hasText: 'Votre vote est enregistré' }).count()).to.equal(1);
    await expectAccessible(page, 'priorisation-classement');
    await screenshot(page, 'priorisation-classement');
    // leader 11, second 11, mine 10, third 8: « mine » came from nowhere to the third place.
    expect(await rankOf('mine')).to.equal(3);
    const row = (await ranking()).find((r) => r.includes(need.mine!.code))!;
    expect(row).to.match(/monte de \d+ places?/);
    expect(await page.locator('.my-ranking').textContent()).to.contain(need.mine!.code).and.contain('10 points');
  });

  it('changes the ballot and sees the ranking move again', async () => {
    await field('mine').fill('');
    await field('third').fill('4');
    await field('later').fill('6');
    expect(await remaining()).to.equal('0');
    await Promise.all([page.waitForURL(`${w.server.url}/priorisations/${stepId}#classement`), page.getByRole('button', { name: 'Enregistrer mon vote' }).click()]);
    // third 12 is now first; later 6 enters the ranking; mine is back among the needs without points.
    expect(await rankOf('third')).to.equal(1);
    expect(await rankOf('later')).to.equal(4);
    expect((await ranking()).find((r) => r.includes(need.third!.code))).to.match(/monte de 2 places/);
    await expectAccessible(page, 'priorisation-classement-modifie');
  });

  it('lets the DSI read the results while the step runs, by theme, region and role', async () => {
    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await login('dsi@ensemble.test');
    await page.goto(`${w.server.url}/priorisations/${stepId}/resultats`);
    await expectAccessible(page, 'priorisation-resultats');
    await screenshot(page, 'priorisation-resultats');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).to.equal('Résultats de la priorisation');
    expect(await page.getByRole('table', { name: /Tous les besoins/ }).locator('tbody tr').first().textContent()).to.contain(need.third!.code);
    await page.goto(`${w.server.url}/admin/consultations/${DEMO_SLUG}/priorisation`);
    await expectAccessible(page, 'priorisation-admin');
    expect(await page.getByRole('table', { name: 'Étapes de priorisation' }).textContent()).to.contain('Priorisation des besoins du livre blanc 2025').and.contain('420');
  });
});
