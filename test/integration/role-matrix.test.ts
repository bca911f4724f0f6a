import { expect } from 'chai';
import request from 'supertest';
import type { Express } from 'express';
import { freshDb, type TestDb } from '../support/db';
import { buildApp, loginAs, makeUser, tokenFor } from '../support/app';

/** Every DSI page, and every DSI action, refused to visitors (login redirect) and to other roles (403). */
describe('Role matrix: DSI pages stay closed to contributors, ambassadors and visitors', () => {
  let t: TestDb;
  let app: Express;
  let targetId: number;
  const DSI_PAGES = (id: number) => ['/admin/utilisateurs', '/admin/utilisateurs/nouveau', '/admin/utilisateurs/import', `/admin/utilisateurs/${id}`, '/admin/journal'];
  const DSI_ACTIONS = (id: number) => [
    '/admin/utilisateurs',
    `/admin/utilisateurs/${id}`,
    `/admin/utilisateurs/${id}/desactiver`,
    `/admin/utilisateurs/${id}/reactiver`,
    `/admin/utilisateurs/${id}/mot-de-passe`,
  ];

  before(async () => {
    t = await freshDb();
    app = buildApp(t.db);
    targetId = (await makeUser(t.db, 'contributeur')).id;
  });
  after(() => t.destroy());

  it('sends a visitor to the login form for every DSI page', async () => {
    for (const path of DSI_PAGES(targetId)) {
      const res = await request(app).get(path);
      expect(res.status, path).to.equal(303);
      expect(res.headers.location, path).to.equal('/connexion');
    }
  });

  for (const role of ['contributeur', 'ambassadeur'] as const) {
    it(`answers 403 to a ${role} on every DSI page and every DSI action (with a valid CSRF token)`, async () => {
      const u = await makeUser(t.db, role);
      const agent = await loginAs(app, u.email);
      for (const path of DSI_PAGES(targetId)) {
        const res = await agent.get(path);
        expect(res.status, path).to.equal(403);
        expect(res.text).to.contain('Accès refusé');
      }
      const token = await tokenFor(agent);
      const before = await t.db('users').where({ id: targetId }).first();
      for (const path of DSI_ACTIONS(targetId)) {
        const res = await agent.post(path).type('form').send({ _csrf: token, email: 'pirate@exemple.test', displayName: 'Pirate', role: 'dsi', version: 1 });
        expect(res.status, path).to.equal(403);
      }
      const after = await t.db('users').where({ id: targetId }).first();
      expect(after).to.deep.equal(before);
      expect(await t.db('users').where({ email: 'pirate@exemple.test' }).first()).to.equal(undefined);
    });

    it(`does not show the administration entries in a ${role}'s navigation`, async () => {
      const u = await makeUser(t.db, role);
      const agent = await loginAs(app, u.email);
      const home = await agent.get('/');
      expect(home.text).not.to.contain('href="/admin/utilisateurs"');
      expect(home.text).not.to.contain('href="/admin/journal"');
    });
  }

  it('opens every DSI page to the DSI', async () => {
    const dsi = await makeUser(t.db, 'dsi');
    const agent = await loginAs(app, dsi.email);
    for (const path of DSI_PAGES(targetId)) expect((await agent.get(path)).status, path).to.equal(200);
  });

  it('keeps the profile to its owner: a visitor is sent to log in', async () => {
    expect((await request(app).get('/profil')).status).to.equal(303);
    expect((await request(app).get('/profil/mes-donnees.json')).status).to.equal(303);
  });
});
