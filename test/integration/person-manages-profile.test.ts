import { expect } from 'chai';
import type { Express } from 'express';
import { freshDb, type TestDb } from '../support/db';
import { buildApp, loginAs, makeUser, TEST_PASSWORD, tokenFor } from '../support/app';

describe('A person manages their profile', () => {
  let t: TestDb;
  let app: Express;
  before(async () => {
    t = await freshDb();
    app = buildApp(t.db);
  });
  after(() => t.destroy());

  it('changes their password after proving the current one', async () => {
    const u = await makeUser(t.db, 'contributeur');
    const agent = await loginAs(app, u.email);
    const token = await tokenFor(agent);
    const bad = await agent.post('/profil/mot-de-passe').type('form').send({ _csrf: token, currentPassword: 'faux', newPassword: 'une-phrase-de-passe-longue', confirmPassword: 'une-phrase-de-passe-longue' });
    expect(bad.status).to.equal(422);
    expect(bad.text).to.contain('Le mot de passe actuel est incorrect.');
    const short = await agent.post('/profil/mot-de-passe').type('form').send({ _csrf: token, currentPassword: TEST_PASSWORD, newPassword: 'court', confirmPassword: 'autre' });
    expect(short.status).to.equal(422);
    expect(short.text).to.contain('au moins 12 caractères').and.contain('ne correspond pas');
    const good = await agent.post('/profil/mot-de-passe').type('form').send({ _csrf: token, currentPassword: TEST_PASSWORD, newPassword: 'une-phrase-de-passe-longue', confirmPassword: 'une-phrase-de-passe-longue' });
    expect(good.status).to.equal(303);
    await loginAs(app, u.email, 'une-phrase-de-passe-longue');
    const entry = await t.db('audit_log').where({ action: 'user.change_password', object_id: String(u.id) }).first();
    expect(entry).to.exist;
    expect(JSON.stringify(entry)).not.to.contain('une-phrase-de-passe-longue');
  });

  it('downloads their own personal data as JSON, and only theirs', async () => {
    const u = await makeUser(t.db, 'contributeur', { name: 'Zoé Export' });
    await makeUser(t.db, 'contributeur', { name: 'Autre Personne' });
    const agent = await loginAs(app, u.email);
    const res = await agent.get('/profil/mes-donnees.json');
    expect(res.status).to.equal(200);
    expect(res.headers['content-disposition']).to.contain('attachment');
    const data = JSON.parse(res.text);
    expect(data.compte.nom).to.equal('Zoé Export');
    expect(data.compte.email).to.equal(u.email);
    expect(res.text).not.to.contain('Autre Personne');
    expect(res.text).not.to.contain('scrypt');
  });
});
