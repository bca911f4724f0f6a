import { expect } from 'chai';
import request from 'supertest';
import type { Express } from 'express';
import { freshDb, type TestDb } from '../support/db';
import { buildApp, csrfFrom, loginAs, makeUser } from '../support/app';
import { makeConsultation } from '../support/factories';
import { FLASH_COOKIE, encodeFlash } from '../../src/shared/http/flash';
import { testConfig } from '../support/app';

/**
 * The session is written only when it really changes (issue 13, item 1): pages read without writing
 * it (no save, and its expiry moved at most every few minutes), and the one-shot message of a form
 * travels in a signed cookie, so a submission and the page that shows its message write no session.
 * Counted on the database: every INSERT or UPDATE of the `sessions` table.
 */
describe('The session is written only when it changes', () => {
  let t: TestDb;
  let app: Express;
  let agent: Awaited<ReturnType<typeof loginAs>>;
  let token: string;
  let themeId: number;
  const slug = 'sessions-sobres';
  let writes = 0;
  const count = (q: { sql: string }) => {
    if (/^\s*(insert|update)\b[\s\S]*\bsessions\b/i.test(q.sql)) writes++;
  };

  before(async () => {
    t = await freshDb();
    app = buildApp(t.db);
    const c = await makeConsultation(t.db, { slug, title: 'Sessions sobres', contributions_open: true }, { themes: [{ code: 'T1', title: 'Outils', position: 1 }] });
    themeId = c.themes.T1!;
    const person = await makeUser(t.db, 'contributeur');
    agent = await loginAs(app, person.email);
    token = csrfFrom((await agent.get(`/consultations/${slug}/contribuer`)).text);
    t.db.on('query', count);
  });
  after(async () => {
    t.db.off('query', count);
    await t.destroy();
  });

  it('reads pages (and their empty flash) without writing the session', async () => {
    writes = 0;
    for (const path of ['/', '/mes-contributions', `/consultations/${slug}/contribuer`, '/mes-contributions']) {
      expect((await agent.get(path)).status).to.equal(200);
    }
    expect(writes).to.equal(0);
  });

  it('costs at most one session write for a submission and the page that shows its message, which shows once', async () => {
    writes = 0;
    const sent = await agent.post(`/consultations/${slug}/contributions`).type('form').send({ _csrf: token, themeId: String(themeId), body: 'Une contribution qui ne réécrit pas la session.' });
    expect(sent.status).to.equal(303);
    const shown = await agent.get('/mes-contributions');
    expect(shown.text).to.match(/Votre contribution n° \d+ est enregistrée/);
    expect(writes).to.be.at.most(1);
    const again = await agent.get('/mes-contributions');
    expect(again.text).not.to.match(/Votre contribution n° \d+ est enregistrée/);
    expect(writes).to.be.at.most(1);
  });

  it('shows only messages signed with the secret', async () => {
    const forged = encodeFlash([{ kind: 'error', message: 'Message planté par un tiers' }], 'un-autre-secret-de-trente-deux-caracteres');
    const res = await request(app).get('/connexion').set('Cookie', `${FLASH_COOKIE}=${forged}`);
    expect(res.text).not.to.contain('Message planté par un tiers');
    const genuine = encodeFlash([{ kind: 'info', message: 'Message de l’application' }], testConfig().sessionSecret);
    const ok = await request(app).get('/connexion').set('Cookie', `${FLASH_COOKIE}=${genuine}`);
    expect(ok.text).to.contain('Message de l’application');
  });

  it('creates no session for an anonymous visitor reading public pages', async () => {
    writes = 0;
    const res = await request(app).get('/consultations');
    expect(res.status).to.equal(200);
    expect(String(res.headers['set-cookie'] ?? '')).not.to.contain('ensemble.sid=');
    expect(writes).to.equal(0);
  });
});
