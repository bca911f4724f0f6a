import { expect } from 'chai';
import request from 'supertest';
import type { Express } from 'express';
import { freshDb, type TestDb } from '../support/db';
import { buildApp, csrfFrom, makeUser, TEST_PASSWORD } from '../support/app';

describe('A visitor logs in and out', () => {
  let t: TestDb;
  let app: Express;
  before(async () => {
    t = await freshDb();
    app = buildApp(t.db, { LOGIN_MAX_ATTEMPTS_PER_ACCOUNT: '3', LOGIN_MAX_ATTEMPTS_PER_IP: '50' });
  });
  after(() => t.destroy());

  async function attempt(agent: request.Agent, email: string, password: string, ip = '198.51.100.1') {
    // The app trusts the loopback proxy, so each test can speak from its own documentation address.
    const page = await agent.get('/connexion').set('X-Forwarded-For', ip);
    return agent.post('/connexion').set('X-Forwarded-For', ip).type('form').send({ email, password, _csrf: csrfFrom(page.text) });
  }

  it('logs in with the right password, under a new session id, and reaches the home page', async () => {
    const u = await makeUser(t.db, 'contributeur', { name: 'Awa Diallo' });
    const agent = request.agent(app);
    const page = await agent.get('/connexion');
    const before = /ensemble\.sid=([^;]+)/.exec(String(page.headers['set-cookie']))?.[1];
    const res = await agent.post('/connexion').type('form').send({ email: u.email.toUpperCase(), password: TEST_PASSWORD, _csrf: csrfFrom(page.text) });
    expect(res.status).to.equal(303);
    expect(res.headers.location).to.equal('/');
    const after = /ensemble\.sid=([^;]+)/.exec(String(res.headers['set-cookie']))?.[1];
    expect(before).to.be.a('string');
    expect(after).to.be.a('string').and.not.equal(before);
    const home = await agent.get('/');
    expect(home.text).to.contain('Mon espace').and.contain('Awa Diallo');
    const row = await t.db('audit_log').where({ action: 'auth.login', object_id: String(u.id) }).first();
    expect(row).to.exist;
  });

  it('logs in on instances that have just started, several at once on the same database', async () => {
    // The throttle's table must exist before the first request: an instance that created it in the
    // background refused logins until it was done (500 « Table is not created yet »).
    const u = await makeUser(t.db, 'contributeur');
    const instances = [0, 1, 2].map(() => buildApp(t.db));
    const statuses = await Promise.all(
      instances.map(async (instance) => {
        const agent = request.agent(instance);
        const page = await agent.get('/connexion');
        return (await agent.post('/connexion').type('form').send({ email: u.email, password: TEST_PASSWORD, _csrf: csrfFrom(page.text) })).status;
      }),
    );
    expect(statuses).to.deep.equal([303, 303, 303]);
  });

  it('gives the same French message for an unknown e-mail, a wrong password and a deactivated account', async () => {
    const u = await makeUser(t.db, 'contributeur');
    const off = await makeUser(t.db, 'contributeur', { active: false });
    const results = [
      await attempt(request.agent(app), 'personne@inconnu.test', TEST_PASSWORD),
      await attempt(request.agent(app), u.email, 'mauvais-mot-de-passe'),
      await attempt(request.agent(app), off.email, TEST_PASSWORD),
    ];
    for (const res of results) {
      expect(res.status).to.equal(401);
      expect(res.text).to.contain('Adresse électronique ou mot de passe incorrect.');
    }
    // The typed e-mail is kept in the form.
    expect(results[1]!.text).to.contain(`value="${u.email}"`);
  });

  it('blocks an account after repeated failures, even with the right password, with a French message', async () => {
    const u = await makeUser(t.db, 'ambassadeur');
    for (let i = 0; i < 3; i++) expect((await attempt(request.agent(app), u.email, 'faux')).status).to.equal(401);
    const blocked = await attempt(request.agent(app), u.email, TEST_PASSWORD);
    expect(blocked.status).to.equal(429);
    expect(blocked.text).to.contain('Trop de tentatives de connexion');
    expect(blocked.headers['retry-after']).to.match(/^\d+$/);
    // Another account from the same address is not affected by this account's lock.
    const other = await makeUser(t.db, 'contributeur');
    expect((await attempt(request.agent(app), other.email, TEST_PASSWORD)).status).to.equal(303);
  });

  it('blocks an address that tries many accounts', async () => {
    const strict = buildApp(t.db, { LOGIN_MAX_ATTEMPTS_PER_IP: '4', LOGIN_MAX_ATTEMPTS_PER_ACCOUNT: '50' });
    const ip = '203.0.113.7';
    for (let i = 0; i < 4; i++) expect((await attempt(request.agent(strict), `inconnu${i}@ip.test`, 'faux', ip)).status).to.equal(401);
    const u = await makeUser(t.db, 'contributeur');
    const res = await attempt(request.agent(strict), u.email, TEST_PASSWORD, ip);
    expect(res.status).to.equal(429);
    expect(res.text).to.contain('Trop de tentatives');
    // The same account from another address still logs in.
    expect((await attempt(request.agent(strict), u.email, TEST_PASSWORD, '203.0.113.8')).status).to.equal(303);
  });

  it('logs out on POST with its token, and the old session no longer opens pages', async () => {
    const u = await makeUser(t.db, 'dsi');
    const agent = request.agent(app);
    const page = await agent.get('/connexion');
    await agent.post('/connexion').type('form').send({ email: u.email, password: TEST_PASSWORD, _csrf: csrfFrom(page.text) });
    const home = await agent.get('/');
    const out = await agent.post('/deconnexion').type('form').send({ _csrf: csrfFrom(home.text) });
    expect(out.status).to.equal(303);
    const admin = await agent.get('/admin/utilisateurs');
    expect(admin.status).to.equal(303);
    expect(admin.headers.location).to.equal('/connexion');
  });

  it('returns to the page asked before logging in, but never to another site', async () => {
    const u = await makeUser(t.db, 'dsi');
    const agent = request.agent(app);
    await agent.get('/admin/journal');
    const page = await agent.get('/connexion');
    const res = await agent.post('/connexion').type('form').send({ email: u.email, password: TEST_PASSWORD, _csrf: csrfFrom(page.text) });
    expect(res.headers.location).to.equal('/admin/journal');

    const evil = request.agent(app);
    await evil.get('/connexion');
    const p2 = await evil.get('/connexion');
    const r2 = await evil.post('/connexion').type('form').send({ email: u.email, password: TEST_PASSWORD, _csrf: csrfFrom(p2.text) });
    expect(r2.headers.location).to.equal('/');
  });

  it('keeps sessions in the database: a second app instance on the same database knows the user', async () => {
    const u = await makeUser(t.db, 'contributeur', { name: 'Instance Partagée' });
    const agent = request.agent(app);
    const page = await agent.get('/connexion');
    const res = await agent.post('/connexion').type('form').send({ email: u.email, password: TEST_PASSWORD, _csrf: csrfFrom(page.text) });
    const cookie = String(res.headers['set-cookie']).split(';')[0]!;
    const otherDb = t.open();
    try {
      const second = buildApp(otherDb);
      const home = await request(second).get('/').set('Cookie', cookie);
      expect(home.text).to.contain('Instance Partagée');
    } finally {
      await otherDb.destroy();
    }
  });
});
