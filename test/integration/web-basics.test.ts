import { expect } from 'chai';
import request from 'supertest';
import type { Express } from 'express';
import { freshDb, type TestDb } from '../support/db';
import { buildApp, loginAs, makeUser, testConfig, tokenFor, TEST_PASSWORD } from '../support/app';
import { createApp } from '../../src/app';
import { createLogger } from '../../src/shared/logger';

describe('Web basics: health, errors, headers, CSRF, limits', () => {
  let t: TestDb;
  let app: Express;
  before(async () => {
    t = await freshDb();
    app = buildApp(t.db);
  });
  after(() => t.destroy());

  it('answers /healthz in JSON with the database status, without a session cookie', async () => {
    const res = await request(app).get('/healthz');
    expect(res.status).to.equal(200);
    expect(res.body).to.deep.include({ status: 'ok' });
    expect(res.body.database.status).to.equal('ok');
    expect(res.body.database.client).to.equal(t.databaseUrl ? 'postgresql' : 'sqlite');
    expect(res.headers['set-cookie']).to.equal(undefined);
  });

  it('renders a French 404 page', async () => {
    const res = await request(app).get('/nulle-part');
    expect(res.status).to.equal(404);
    expect(res.text).to.contain('Page introuvable').and.contain('lang="fr"');
  });

  it('sends security headers: strict CSP without inline scripts, no framing, no x-powered-by', async () => {
    const res = await request(app).get('/');
    const csp = String(res.headers['content-security-policy']);
    expect(csp).to.contain("script-src 'self'").and.contain("frame-ancestors 'none'").and.not.contain('unsafe-inline');
    expect(res.headers['x-content-type-options']).to.equal('nosniff');
    expect(res.headers['x-powered-by']).to.equal(undefined);
    expect(res.headers['x-request-id']).to.be.a('string');
    expect(res.text).not.to.match(/<script(?![^>]*\bsrc=)[^>]*>/);
  });

  it('keeps a well-formed incoming request id and replaces a malformed one', async () => {
    expect((await request(app).get('/').set('X-Request-Id', 'abc12345-trace')).headers['x-request-id']).to.equal('abc12345-trace');
    expect((await request(app).get('/').set('X-Request-Id', '<script>')).headers['x-request-id']).to.not.equal('<script>');
  });

  it('refuses an unsafe request without a valid CSRF token (403, French page), and changes nothing', async () => {
    const dsi = await makeUser(t.db, 'dsi');
    const agent = await loginAs(app, dsi.email);
    const before = await t.db('users').count({ n: '*' }).first();
    const res = await agent.post('/admin/utilisateurs').type('form').send({ email: 'x@y.test', displayName: 'Sans Jeton', role: 'contributeur' });
    expect(res.status).to.equal(403);
    expect(res.text).to.contain('Formulaire expiré');
    const wrong = await agent.post('/admin/utilisateurs').type('form').send({ email: 'x@y.test', displayName: 'Faux', role: 'contributeur', _csrf: 'faux' });
    expect(wrong.status).to.equal(403);
    const afterCount = await t.db('users').count({ n: '*' }).first();
    expect(Number(afterCount!.n)).to.equal(Number(before!.n));
  });

  it('answers 413 with a French page for an oversized body', async () => {
    const dsi = await makeUser(t.db, 'dsi');
    const agent = await loginAs(app, dsi.email);
    const token = await tokenFor(agent);
    const res = await agent.post('/profil/mot-de-passe').type('form').send({ _csrf: token, currentPassword: 'x'.repeat(300 * 1024) });
    expect(res.status).to.equal(413);
    expect(res.text).to.contain('Envoi trop volumineux');
  });

  it('answers 400, not 500, for a malformed JSON body', async () => {
    const res = await request(app).post('/connexion').set('Content-Type', 'application/json').send('{"email": ');
    expect(res.status).to.equal(400);
  });

  it('serves its own assets (no CDN)', async () => {
    const css = await request(app).get('/static/css/app.css');
    expect(css.status).to.equal(200);
    const home = await request(app).get('/');
    // Assets only: the footer's links to the source code and to a licence are links, not assets.
    expect(home.text).not.to.match(/<(script|link|img|source|iframe)\b[^>]*\s(src|href)="https?:\/\//);
    expect(home.text).to.match(/<link rel="stylesheet" href="\/static\//); // the pattern sees the page's own assets
  });
});

describe('Failures and logs', () => {
  it('answers a French 500 page without any stack trace when the database is gone, and 503 on /healthz', async () => {
    const t = await freshDb();
    const app = buildApp(t.db);
    await t.destroy();
    const res = await request(app).get('/consultations');
    expect(res.status).to.equal(500);
    expect(res.text).to.contain('Erreur interne');
    expect(res.text).not.to.match(/at .*\.js:\d+|Error:|knex/i);
    const health = await request(app).get('/healthz');
    expect(health.status).to.equal(503);
    expect(health.body.database.status).to.equal('unreachable');
  });

  it('logs each request with its id, and never a password, a cookie or a CSRF token', async () => {
    const t = await freshDb();
    try {
      const lines: string[] = [];
      const sink = { write: (s: string) => lines.push(s) };
      const app = createApp({ config: testConfig(), db: t.db, logger: createLogger('info', sink) }, { sessionCleanupMs: 0 });
      const u = await makeUser(t.db, 'contributeur');
      const agent = await loginAs(app, u.email);
      await agent.get('/profil').set('X-Request-Id', 'trace-0001-abc');
      const all = lines.join('\n');
      expect(all).to.contain('trace-0001-abc');
      expect(all).not.to.contain(TEST_PASSWORD);
      expect(all).not.to.contain('ensemble.sid=');
      expect(all).not.to.match(/_csrf=[A-Za-z0-9]/);
    } finally {
      await t.destroy();
    }
  });
});
