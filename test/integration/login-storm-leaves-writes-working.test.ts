import { expect } from 'chai';
import request from 'supertest';
import type { Express } from 'express';
import type { Knex } from 'knex';
import { freshDb, type TestDb } from '../support/db';
import { buildApp, csrfFrom, loginAs, makeUser, TEST_PASSWORD, tokenFor } from '../support/app';
import { makeConsultation } from '../support/factories';

/**
 * A login storm (issue 9): bursts of parallel failed logins used to leave SQLite's only connection
 * inside an open transaction, after which every write answered 500 and acknowledged rows were never
 * committed. Here the storm runs while a contributor writes; then every write must still succeed and
 * every acknowledged row must be visible from ANOTHER connection (committed, not merely pending).
 */
describe('A login storm leaves every other user’s writes working', () => {
  let t: TestDb;
  let app: Express;
  let reader: Knex;
  let slug: string;
  let themeId: number;

  /** Each attacker or user comes from its own address (the app trusts the loopback proxy header). */
  const from = (ip: string) => ({ 'X-Forwarded-For': ip });

  async function attempt(email: string, password: string, ip: string): Promise<number> {
    const agent = request.agent(app);
    const page = await agent.get('/connexion').set(from(ip));
    const res = await agent.post('/connexion').set(from(ip)).type('form').send({ email, password, _csrf: csrfFrom(page.text) });
    return res.status;
  }

  const committed = async (table: string, where: Record<string, unknown> = {}) =>
    Number((await reader(table).where(where).count({ n: '*' }).first())?.n ?? 0);

  before(async () => {
    t = await freshDb();
    app = buildApp(t.db);
    reader = t.open();
    slug = 'tempete';
    const c = await makeConsultation(t.db, { slug, title: 'Consultation sous tempête', contributions_open: true }, { themes: [{ code: 'T1', title: 'Outils du conseiller', position: 0 }] });
    themeId = c.themes.T1!;
  });
  after(async () => {
    await reader.destroy();
    await t.destroy();
  });

  it('keeps submissions, logins and password changes committed during five bursts of fifty failed logins', async () => {
    const writer = await makeUser(t.db, 'contributeur');
    const agent = await loginAs(app, writer.email);
    const token = await tokenFor(agent);
    const victim = await makeUser(t.db, 'contributeur');
    const attacked = await Promise.all(Array.from({ length: 8 }, () => makeUser(t.db, 'ambassadeur')));
    const others = await Promise.all(Array.from({ length: 8 }, () => makeUser(t.db, 'ambassadeur')));
    const loginsBefore = await committed('audit_log', { action: 'auth.login' });

    const bodies = Array.from({ length: 25 }, (_, i) => `Contribution écrite pendant la tempête numéro ${i + 1}, à garder.`);
    const submissions = bodies.map((body) =>
      agent.post(`/consultations/${slug}/contributions`).type('form').send({ _csrf: token, themeId: String(themeId), body }),
    );
    const storm: Promise<number>[] = [];
    for (let burst = 0; burst < 5; burst++) {
      for (let i = 0; i < 50; i++) {
        // Half against one account, half against whichever account, from many addresses.
        const email = i % 2 ? victim.email : attacked[i % attacked.length]!.email;
        storm.push(attempt(email, `mauvais-${burst}-${i}`, `198.51.100.${(burst * 50 + i) % 250}`));
      }
    }
    const goodLogins = others.map((u, i) => attempt(u.email, TEST_PASSWORD, `203.0.113.${i + 1}`));

    const [submitted, failed, succeeded] = await Promise.all([Promise.all(submissions), Promise.all(storm), Promise.all(goodLogins)]);

    expect(submitted.map((r) => r.status)).to.deep.equal(bodies.map(() => 303));
    expect([...new Set(failed)].sort()).to.satisfy((codes: number[]) => codes.every((c) => c === 401 || c === 429));
    expect(succeeded).to.deep.equal(others.map(() => 303));

    // After the storm, writes that open a transaction still work…
    const late = await agent.post(`/consultations/${slug}/contributions`).type('form').send({ _csrf: token, themeId: String(themeId), body: 'Contribution écrite après la tempête, à garder aussi.' });
    expect(late.status).to.equal(303);
    const changed = await agent
      .post('/profil/mot-de-passe')
      .type('form')
      .send({ _csrf: token, currentPassword: TEST_PASSWORD, newPassword: 'un-nouveau-mot-de-passe-2026', confirmPassword: 'un-nouveau-mot-de-passe-2026' });
    expect(changed.status).to.equal(303);

    // …and everything acknowledged is committed: another connection sees it.
    expect(await committed('raw_contributions', { author_id: writer.id })).to.equal(bodies.length + 1);
    expect(await committed('audit_log', { action: 'auth.login' })).to.equal(loginsBefore + others.length);
    expect(await committed('sessions')).to.be.at.least(others.length + 1);
    await t.db.transaction(async (trx) => {
      await trx('structures').insert({ name: 'Structure créée après la tempête', kind: 'mission_locale', department_code: '65', region: 'Occitanie' });
    });
    expect(await committed('structures', { name: 'Structure créée après la tempête' })).to.equal(1);
  });

  it('evaluates at most the limit of passwords per account, whatever the concurrency', async () => {
    const target = await makeUser(t.db, 'contributeur');
    const statuses = await Promise.all(Array.from({ length: 50 }, (_, i) => attempt(target.email, `faux-${i}`, `192.0.2.${i + 1}`)));
    expect(statuses.filter((s) => s === 401)).to.have.length(5); // LOGIN_MAX_ATTEMPTS_PER_ACCOUNT's default
    expect(statuses.filter((s) => s === 429)).to.have.length(45);
    // Even the right password waits for the block to end.
    expect(await attempt(target.email, TEST_PASSWORD, '192.0.2.200')).to.equal(429);
  });

  it('evaluates at most the limit of passwords per address, whatever the concurrency', async () => {
    const limited = buildApp(t.db, { LOGIN_MAX_ATTEMPTS_PER_IP: '10' });
    const users = await Promise.all(Array.from({ length: 30 }, () => makeUser(t.db, 'contributeur')));
    const once = async (email: string) => {
      const agent = request.agent(limited);
      const page = await agent.get('/connexion').set(from('192.0.2.250'));
      return (await agent.post('/connexion').set(from('192.0.2.250')).type('form').send({ email, password: 'faux', _csrf: csrfFrom(page.text) })).status;
    };
    const statuses = await Promise.all(users.map((u) => once(u.email)));
    expect(statuses.filter((s) => s === 401)).to.have.length(10);
    expect(statuses.filter((s) => s === 429)).to.have.length(20);
  });

  it('does not count a successful login against its address', async () => {
    const limited = buildApp(t.db, { LOGIN_MAX_ATTEMPTS_PER_IP: '3' });
    const users = await Promise.all(Array.from({ length: 6 }, () => makeUser(t.db, 'contributeur')));
    for (const u of users) {
      const agent = request.agent(limited);
      const page = await agent.get('/connexion').set(from('192.0.2.251'));
      const res = await agent.post('/connexion').set(from('192.0.2.251')).type('form').send({ email: u.email, password: TEST_PASSWORD, _csrf: csrfFrom(page.text) });
      expect(res.status, u.email).to.equal(303);
    }
  });
});
