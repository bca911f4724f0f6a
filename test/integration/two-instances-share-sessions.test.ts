import { expect } from 'chai';
import request from 'supertest';
import type { Express } from 'express';
import type { Knex } from 'knex';
import { freshDb, type TestDb } from '../support/db';
import { buildApp, csrfFrom, makeUser, TEST_PASSWORD } from '../support/app';
import { makeConsultation } from '../support/factories';

/**
 * Two instances of the app behind one load balancer, each with its own connection pool, over one
 * database (PostgreSQL in production; two connections to one WAL file on SQLite): a person moves
 * from one to the other between requests and must not notice.
 */
describe('Two app instances share sessions and the login throttle', () => {
  let t: TestDb;
  let secondDb: Knex;
  let a: Express;
  let b: Express;
  const slug = 'consultation-partagee';
  let themeId: number;
  const limits = { LOGIN_MAX_ATTEMPTS_PER_ACCOUNT: '3', LOGIN_MAX_ATTEMPTS_PER_IP: '50' };

  before(async () => {
    t = await freshDb();
    secondDb = t.open();
    a = buildApp(t.db, limits);
    b = buildApp(secondDb, limits);
    const c = await makeConsultation(t.db, { slug, title: 'Consultation partagée', contributions_open: true }, { themes: [{ code: 'T1', title: 'Outils du conseiller', position: 0 }] });
    themeId = c.themes.T1!;
  });
  after(async () => {
    await secondDb.destroy();
    await t.destroy();
  });

  /** A browser's cookies (the session's, and the one-shot message's), carried by hand from one instance to the other. */
  class Jar {
    private cookies = new Map<string, string>();
    get cookie(): string {
      return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    }
    keep(res: request.Response): request.Response {
      const set = (res.headers['set-cookie'] as unknown as string[] | undefined) ?? [];
      for (const c of set) {
        const [pair, ...attrs] = c.split(';');
        const eq = pair!.indexOf('=');
        const name = pair!.slice(0, eq);
        const gone = attrs.some((a) => /^\s*expires=thu, 01 jan 1970/i.test(a)) || pair!.slice(eq + 1) === '';
        if (gone) this.cookies.delete(name);
        else this.cookies.set(name, pair!.slice(eq + 1));
      }
      return res;
    }
    async get(app: Express, path: string, ip?: string) {
      const req = request(app).get(path).set('Cookie', this.cookie);
      return this.keep(await (ip ? req.set('X-Forwarded-For', ip) : req));
    }
    async post(app: Express, path: string, fields: Record<string, string>, ip?: string) {
      const req = request(app).post(path).set('Cookie', this.cookie).type('form');
      return this.keep(await (ip ? req.set('X-Forwarded-For', ip) : req).send(fields));
    }
  }

  async function attempt(app: Express, email: string, password: string, ip: string) {
    const jar = new Jar();
    const page = await jar.get(app, '/connexion', ip);
    return jar.post(app, '/connexion', { email, password, _csrf: csrfFrom(page.text) }, ip);
  }

  it('logs in on A, works on B with the same cookie and A’s token, logs out on B and is logged out on A', async () => {
    const u = await makeUser(t.db, 'contributeur', { name: 'Inès Deux-Instances' });
    const jar = new Jar();
    const page = await jar.get(a, '/connexion');
    expect((await jar.post(a, '/connexion', { email: u.email, password: TEST_PASSWORD, _csrf: csrfFrom(page.text) })).status).to.equal(303);
    const loggedIn = jar.cookie;
    const token = csrfFrom((await jar.get(a, `/consultations/${slug}/contribuer`)).text);

    // On B: a page that needs login, then a form post with the token A gave.
    const mine = await jar.get(b, '/mes-contributions');
    expect(mine.status).to.equal(200);
    expect(mine.text).to.contain('Inès Deux-Instances');
    const body = 'Déposée sur l’instance B avec le jeton de A.';
    const sent = await jar.post(b, `/consultations/${slug}/contributions`, { _csrf: token, themeId: String(themeId), body });
    expect(sent.status).to.equal(303);
    expect(sent.headers.location).to.equal('/mes-contributions');
    expect(await t.db('raw_contributions').where({ body, author_id: u.id }).first()).to.exist;
    // Back on A, the flash message set on B and the contribution are both there.
    const back = await jar.get(a, '/mes-contributions');
    expect(back.text).to.match(/Votre contribution n° \d+ est enregistrée/).and.contain(body);

    // Log out on B: the session is gone for A too, with the old cookie and with the new one.
    expect((await jar.post(b, '/deconnexion', { _csrf: token })).status).to.equal(303);
    for (const cookie of [loggedIn, jar.cookie]) {
      const res = await request(a).get('/mes-contributions').set('Cookie', cookie);
      expect(res.status, cookie === loggedIn ? 'ancien cookie' : 'nouveau cookie').to.equal(303);
      expect(res.headers.location).to.equal('/connexion');
    }
    const replay = await request(a).post(`/consultations/${slug}/contributions`).set('Cookie', loggedIn).type('form').send({ _csrf: token, themeId: String(themeId), body: 'Rejouée après la déconnexion.' });
    expect(replay.status).to.be.oneOf([303, 403]);
    expect(await t.db('raw_contributions').where({ body: 'Rejouée après la déconnexion.' }).first()).to.equal(undefined);
  });

  it('counts failed logins across both instances: the limit is the same as on one', async () => {
    // Under the limit: two failures, one on each instance, do not block the right password.
    const spared = await makeUser(t.db, 'contributeur');
    expect((await attempt(a, spared.email, 'faux-1', '198.51.100.21')).status).to.equal(401);
    expect((await attempt(b, spared.email, 'faux-2', '198.51.100.21')).status).to.equal(401);
    expect((await attempt(a, spared.email, TEST_PASSWORD, '198.51.100.21')).status).to.equal(303);

    // At the limit: three failures alternated A, B, A block the account on both instances.
    const target = await makeUser(t.db, 'contributeur');
    const instances = [a, b, a];
    for (const [i, app] of instances.entries()) {
      expect((await attempt(app, target.email, `faux-${i}`, '198.51.100.22')).status, `échec n° ${i + 1}`).to.equal(401);
    }
    for (const [name, app] of [['B', b], ['A', a]] as const) {
      const blocked = await attempt(app, target.email, TEST_PASSWORD, '198.51.100.22');
      expect(blocked.status, `instance ${name}`).to.equal(429);
      expect(blocked.text).to.contain('Trop de tentatives de connexion');
      expect(blocked.headers['retry-after']).to.match(/^\d+$/);
    }
  });
});
