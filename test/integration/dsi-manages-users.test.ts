import { expect } from 'chai';
import request from 'supertest';
import iconv from 'iconv-lite';
import type { Express } from 'express';
import { freshDb, type TestDb } from '../support/db';
import { isolateEachTest } from '../support/isolation';
import { buildApp, csrfFrom, loginAs, makeUser, TEST_PASSWORD, tokenFor } from '../support/app';
import { makeStructure } from '../support/factories';

describe('The DSI manages accounts', () => {
  let t: TestDb;
  let app: Express;
  let dsi: request.Agent;
  let dsiId: number;
  let token: string;
  let structureId: number;

  before(async () => {
    t = await freshDb();
    app = buildApp(t.db);
    structureId = await makeStructure(t.db, { name: 'Mission Locale des Hautes-Pyrénées', department_code: '65', department_name: 'Hautes-Pyrénées' });
    const u = await makeUser(t.db, 'dsi', { name: 'Claire DSI' });
    dsiId = u.id;
    dsi = await loginAs(app, u.email);
    token = await tokenFor(dsi);
  });
  after(() => t.destroy());
  // Each test starts from the rows built above (isolation.ts).
  isolateEachTest(() => t.db);

  it('creates an account; the provisional password shown once lets the person log in', async () => {
    const res = await dsi.post('/admin/utilisateurs').type('form').send({ _csrf: token, email: 'Lea.Martin@ML65.test ', displayName: 'Léa Martin', role: 'ambassadeur', structureId: String(structureId) });
    expect(res.status).to.equal(303);
    const page = await dsi.get(String(res.headers.location));
    const password = /mot de passe provisoire de Léa Martin : ([A-Za-z0-9-]+)/.exec(page.text)?.[1];
    expect(password).to.be.a('string');
    const row = await t.db('users').where({ email: 'lea.martin@ml65.test' }).first();
    expect(row.role).to.equal('ambassadeur');
    expect(row.structure_id).to.equal(structureId);
    expect(row.password_hash).to.match(/^scrypt\$/).and.not.contain(password!);
    await loginAs(app, 'lea.martin@ml65.test', password);
    expect(await t.db('audit_log').where({ action: 'user.create', object_id: String(row.id) }).first()).to.exist;
  });

  it('shows the form again with French messages next to the fields and what was typed (422)', async () => {
    const res = await dsi.post('/admin/utilisateurs').type('form').send({ _csrf: token, email: 'pas-une-adresse', displayName: 'Éloïse 😀 Ngô', role: 'chef' });
    expect(res.status).to.equal(422);
    expect(res.text).to.contain('L&#39;adresse électronique n&#39;est pas valide');
    expect(res.text).to.contain('Choisissez un rôle');
    expect(res.text).to.contain('value="Éloïse 😀 Ngô"');
    expect(res.text).to.contain('value="pas-une-adresse"');
    expect(res.text).to.contain('aria-invalid="true"');
  });

  it('refuses a duplicate e-mail with a clear message', async () => {
    const other = await makeUser(t.db, 'contributeur');
    const res = await dsi.post('/admin/utilisateurs').type('form').send({ _csrf: token, email: other.email, displayName: 'Doublon', role: 'contributeur' });
    expect(res.status).to.equal(409);
    expect(res.text).to.contain('déjà utilisée');
  });

  it('detects a concurrent edit: the stale save is refused, both versions shown, nothing overwritten', async () => {
    const u = await makeUser(t.db, 'contributeur', { name: 'Version Un' });
    const other = await loginAs(app, (await makeUser(t.db, 'dsi')).email);
    const otherToken = await tokenFor(other);
    const first = await dsi.post(`/admin/utilisateurs/${u.id}`).type('form').send({ _csrf: token, email: u.email, displayName: 'Nom par Claire', role: 'contributeur', version: 1 });
    expect(first.status).to.equal(303);
    const stale = await other.post(`/admin/utilisateurs/${u.id}`).type('form').send({ _csrf: otherToken, email: u.email, displayName: 'Nom par Marc', role: 'ambassadeur', version: 1 });
    expect(stale.status).to.equal(409);
    expect(stale.text).to.contain('modifié par quelqu').and.contain('Nom par Claire').and.contain('value="Nom par Marc"');
    const row = await t.db('users').where({ id: u.id }).first();
    expect(row.display_name).to.equal('Nom par Claire');
    expect(row.role).to.equal('contributeur');
  });

  it('changes a role and a structure, and logs before and after', async () => {
    const u = await makeUser(t.db, 'contributeur');
    const res = await dsi.post(`/admin/utilisateurs/${u.id}`).type('form').send({ _csrf: token, email: u.email, displayName: 'Promu', role: 'ambassadeur', structureId: String(structureId), version: 1 });
    expect(res.status).to.equal(303);
    const entry = await t.db('audit_log').where({ action: 'user.update', object_id: String(u.id) }).first();
    expect(JSON.parse(entry.before_json).role).to.equal('contributeur');
    expect(JSON.parse(entry.after_json).role).to.equal('ambassadeur');
  });

  it('deactivates an account: its open session ends and it can no longer log in; reactivation restores it', async () => {
    const u = await makeUser(t.db, 'contributeur', { name: 'Bientôt Parti' });
    const victim = await loginAs(app, u.email);
    expect((await victim.get('/profil')).status).to.equal(200);
    expect((await dsi.post(`/admin/utilisateurs/${u.id}/desactiver`).type('form').send({ _csrf: token })).status).to.equal(303);
    expect((await victim.get('/profil')).status).to.equal(303);
    const page = await request.agent(app).get('/connexion');
    const again = await request.agent(app).post('/connexion').type('form').send({ email: u.email, password: TEST_PASSWORD, _csrf: csrfFrom(page.text) });
    expect(again.status).to.be.oneOf([401, 403]);
    await dsi.post(`/admin/utilisateurs/${u.id}/reactiver`).type('form').send({ _csrf: token });
    await loginAs(app, u.email);
  });

  it('never lets the DSI deactivate their own account', async () => {
    const res = await dsi.post(`/admin/utilisateurs/${dsiId}/desactiver`).type('form').send({ _csrf: token });
    expect(res.status).to.equal(303);
    const row = await t.db('users').where({ id: dsiId }).first();
    expect(row.active === true || row.active === 1).to.equal(true);
  });

  it('resets a password: the old one stops working, the new one works', async () => {
    const u = await makeUser(t.db, 'contributeur', { name: 'Oubli Ieux' });
    const res = await dsi.post(`/admin/utilisateurs/${u.id}/mot-de-passe`).type('form').send({ _csrf: token });
    const page = await dsi.get(String(res.headers.location));
    const password = /mot de passe provisoire de Oubli Ieux : ([A-Za-z0-9-]+)/.exec(page.text)?.[1];
    expect(password).to.be.a('string');
    await loginAs(app, u.email, password);
    let refused = false;
    try {
      await loginAs(app, u.email, TEST_PASSWORD);
    } catch {
      refused = true;
    }
    expect(refused).to.equal(true);
  });

  describe('CSV import', () => {
    const upload = (body: Buffer | string, mode: 'apercu' | 'importer') =>
      dsi
        .post('/admin/utilisateurs/import').field('_csrf', token)
        .field('mode', mode)
        .attach('fichier', Buffer.isBuffer(body) ? body : Buffer.from(body), { filename: 'comptes.csv', contentType: 'text/csv' });

    it('rejects a file with errors row by row and imports nothing', async () => {
      const csv = 'email;nom;role;structure\nok1@import.test;Jean Ok;contributeur;\nmauvais;Sans Adresse;;\nok2@import.test;X;roi;\nok3@import.test;Ana Inconnue;;Mission Locale de Nulle Part\nok1@import.test;Jean Bis;;\n';
      const res = await upload(csv, 'importer');
      expect(res.status).to.equal(422);
      expect(res.text).to.contain('rien n’a été importé');
      expect(res.text).to.match(/<th scope="row">3<\/th>[\s\S]*?n&#39;est pas valide/);
      expect(res.text).to.contain('Choisissez un rôle');
      expect(res.text).to.contain('Structure inconnue');
      expect(res.text).to.contain('déjà ligne 2');
      expect(await t.db('users').where('email', 'like', '%@import.test').count({ n: '*' }).first().then((r) => Number(r!.n))).to.equal(0);
    });

    it('previews, then imports a corrected Windows-1252 file once and only once', async () => {
      const csv = 'Courriel;Nom;Rôle;Structure\r\nhelene@import.test;Hélène Bérénice;ambassadeur;Mission Locale des Hautes-Pyrénées\r\nfrancois@import.test;François Œuvray;;\r\n';
      const file = iconv.encode(csv, 'win1252');
      const preview = await upload(file, 'apercu');
      expect(preview.status).to.equal(200);
      expect(preview.text).to.contain('Aperçu').and.contain('Hélène Bérénice');
      expect(await t.db('users').where({ email: 'helene@import.test' }).first()).to.equal(undefined);

      const done = await upload(file, 'importer');
      expect(done.status).to.equal(200);
      expect(done.text).to.contain('Import terminé');
      const helene = await t.db('users').where({ email: 'helene@import.test' }).first();
      expect(helene.display_name).to.equal('Hélène Bérénice');
      expect(helene.role).to.equal('ambassadeur');
      expect(helene.structure_id).to.equal(structureId);
      expect(helene.password_hash).to.equal(null);

      const again = await upload(file, 'importer');
      expect(again.text).to.contain('Déjà existant');
      expect(Number((await t.db('users').where('email', 'like', '%@import.test').count({ n: '*' }).first())!.n)).to.equal(2);
    });

    it('explains a missing column and an empty upload', async () => {
      const res = await upload('nom;role\nA;contributeur\n', 'apercu');
      expect(res.status).to.equal(422);
      expect(res.text).to.contain('Colonne obligatoire absente : « email »');
      const empty = await dsi.post('/admin/utilisateurs/import').field('_csrf', token).field('mode', 'importer');
      expect(empty.status).to.equal(422);
      expect(empty.text).to.contain('Choisissez un fichier');
    });

    it('refuses an oversized upload with 413', async () => {
      const res = await upload(Buffer.alloc(2 * 1024 * 1024 + 10, 'a'), 'apercu');
      expect(res.status).to.equal(413);
    });
  });
});
