import { expect } from 'chai';
import type { Browser } from 'playwright-core';
import pino from 'pino';
import { freshDb, type TestDb } from '../support/db';
import { buildApp, makeUser, testConfig } from '../support/app';
import { expectAccessible, launchBrowser, screenshot, serve } from '../support/browser';
import { startSmtpServer } from '../support/smtp';
import { configureNotifications, createMailSender, type MailSender } from '../../src/modules/notifications';
import { createLogger } from '../../src/shared/logger';

/**
 * In real Chromium: a person who forgot their password asks for a link on the login page, receives
 * it by mail (a real SMTP server in the test), sets a new password and logs in with it; the used
 * link then offers a new one. axe-core checks every page visited.
 */
describe('A person resets their password by email in a real browser', function () {
  let t: TestDb;
  let browser: Browser;
  let server: { url: string; close: () => Promise<void> };
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let sender: MailSender;

  before(async function () {
    this.timeout(120_000);
    t = await freshDb();
    smtp = await startSmtpServer();
    const env = { SMTP_URL: smtp.url, MAIL_FROM: 'ne-pas-repondre@ensemble.test' };
    server = await serve(buildApp(t.db, env));
    // The links of the mails point at this test server (its port is known only now).
    configureNotifications({ publicUrl: server.url, secret: testConfig(env).sessionSecret });
    sender = createMailSender({ db: t.db, config: testConfig(env), logger: createLogger('silent', pino.destination(2)) })!;
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await sender?.stop();
    await server?.close();
    await smtp?.stop();
    await t?.destroy();
  });

  it('asks for a link, receives it, sets a new password, logs in; the used link offers a new one', async () => {
    const u = await makeUser(t.db, 'contributeur', { name: 'Léa Oubli', email: 'lea.oubli@exemple.test' });
    const page = await browser.newPage();
    await page.goto(server.url + '/connexion');
    await page.getByRole('link', { name: 'Mot de passe oublié ?' }).click();
    await page.waitForURL(server.url + '/mot-de-passe-oublie');
    await expectAccessible(page, 'mot-de-passe-oublie');
    await page.getByLabel('Adresse électronique').fill(u.email);
    await page.getByRole('button', { name: 'Recevoir un lien' }).click();
    await page.waitForLoadState();
    expect(await page.getByRole('status').first().textContent()).to.contain('Si un compte actif correspond à cette adresse');
    await expectAccessible(page, 'mot-de-passe-oublie-envoye');
    await screenshot(page, 'mot-de-passe-oublie-envoye');

    await sender.drain();
    const mail = smtp.mails.find((m) => m.to.includes(u.email));
    expect(mail?.subject).to.equal('Réinitialiser votre mot de passe Ensemble');
    const link = /(http:\/\/127\.0\.0\.1:\d+\/mot-de-passe\/nouveau\/[A-Za-z0-9_-]+)/.exec(mail!.text)?.[1];
    expect(link, 'the link in the mail').to.be.a('string');

    await page.goto(link!);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).to.equal('Nouveau mot de passe');
    await expectAccessible(page, 'nouveau-mot-de-passe');
    await page.getByLabel('Nouveau mot de passe', { exact: false }).first().fill('court');
    await page.getByLabel('Confirmation du nouveau mot de passe').fill('court');
    await page.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
    await page.waitForLoadState();
    expect(await page.locator('.error-summary').textContent()).to.contain('au moins 12 caractères');
    await expectAccessible(page, 'nouveau-mot-de-passe-erreurs');
    await page.getByLabel('Nouveau mot de passe', { exact: false }).first().fill('ma nouvelle phrase de passe');
    await page.getByLabel('Confirmation du nouveau mot de passe').fill('ma nouvelle phrase de passe');
    await Promise.all([page.waitForURL(server.url + '/connexion'), page.getByRole('button', { name: 'Enregistrer le mot de passe' }).click()]);
    expect(await page.locator('.flash').first().textContent()).to.contain('Votre mot de passe a été changé');
    await expectAccessible(page, 'connexion-apres-reinitialisation');

    await page.getByLabel('Adresse électronique').fill(u.email);
    await page.getByLabel('Mot de passe').fill('ma nouvelle phrase de passe');
    await Promise.all([page.waitForURL(server.url + '/'), page.getByRole('button', { name: 'Se connecter' }).click()]);
    expect(await page.locator('.flash').first().textContent()).to.contain('Bienvenue, Léa Oubli');

    const again = await page.goto(link!);
    expect(again?.status()).to.equal(410);
    expect(await page.locator('main').textContent()).to.contain('Ce lien a déjà servi');
    await expectAccessible(page, 'lien-deja-utilise');
    await page.getByRole('link', { name: 'Recevoir un nouveau lien' }).click();
    await page.waitForURL(server.url + '/mot-de-passe-oublie');
    await page.close();
  });
});
