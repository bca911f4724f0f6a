import { expect } from 'chai';
import request from 'supertest';
import type { Express } from 'express';
import type { Knex } from 'knex';
import { freshDb, type TestDb } from '../support/db';
import { buildApp, csrfFrom, loginAs, makeUser, tokenFor } from '../support/app';
import { DEMO_PASSWORD, DEMO_SLUG } from '../../seeds/demo';
import { participationFigures } from '../../src/modules/stats';
import { insertRawContribution } from '../../src/modules/contributions';
import { isPostgres } from '../../src/shared/db';
import { makeConsultation, makeWorkshop } from '../support/factories';

const NEW_NAME = 'Zéphyrine Anonymisable';
const BODY = 'Quasimodo témoigne : le logiciel de suivi ralentit nos entretiens avec les jeunes.';

/** Every table of the database, as text: what "erased everywhere" is checked against. */
async function wholeDatabaseText(db: Knex): Promise<string> {
  const tables: string[] = isPostgres(db)
    ? (await db.raw("select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'")).rows.map((r: { name: string }) => r.name)
    : (await db.raw("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like 'raw_contributions_fts%'")).map((r: { name: string }) => r.name);
  const parts: string[] = [];
  for (const table of tables) parts.push(JSON.stringify(await db(table).select('*')));
  return parts.join('\n').toLowerCase();
}

/**
 * RGPD: the DSI anonymises a person (name and e-mail erased everywhere, contributions kept but
 * detached, figures unchanged) and purges the personal data of a closed consultation (refused while
 * it is open). Every action is in the audit log; a contributor can do none of it.
 */
describe('The DSI anonymises a person and purges a closed consultation', function () {
  this.timeout(120_000);
  let t: TestDb;
  let app: Express;
  let dsi: request.Agent;
  let token: string;
  let demoId: number;
  let person: { id: number; email: string; oldName: string };
  let contributionId: number;

  before(async () => {
    t = await freshDb({ template: 'demo' });
    app = buildApp(t.db);
    demoId = Number((await t.db('consultations').where({ slug: DEMO_SLUG }).first()).id);
    dsi = await loginAs(app, 'dsi@ensemble.test', DEMO_PASSWORD);
    token = await tokenFor(dsi);
    const row = await t.db('users').where({ email: 'contributeur@ensemble.test' }).first();
    person = { id: Number(row.id), email: row.email, oldName: row.display_name };
  });
  after(() => t?.destroy());

  describe('anonymising a person', () => {
    let victim: request.Agent;
    let figuresBefore: Awaited<ReturnType<typeof participationFigures>>;
    let registrationsBefore: number;

    before(async () => {
      // Arrange: the person is logged in, has a named contribution, and the DSI renamed them once (audit entry with the e-mail).
      victim = await loginAs(app, person.email, DEMO_PASSWORD);
      expect((await victim.get('/profil')).status).to.equal(200);
      const structure = await t.db('structures').first();
      contributionId = await insertRawContribution(t.db, {
        consultation_id: demoId,
        theme_id: null,
        author_id: person.id,
        structure_id: Number(structure.id),
        source: 'individuelle',
        body: BODY,
        created_by: person.id,
      });
      const rename = await dsi.post(`/admin/utilisateurs/${person.id}`).type('form').send({ _csrf: token, email: person.email, displayName: NEW_NAME, role: 'contributeur', version: 1 });
      expect(rename.status).to.equal(303);
      figuresBefore = await participationFigures(t.db, demoId);
      registrationsBefore = Number((await t.db('workshop_registrations').where({ user_id: person.id }).count({ n: '*' }).first())?.n);
      expect(registrationsBefore).to.be.greaterThan(0);
      expect(await wholeDatabaseText(t.db)).to.contain(person.email).and.contain(NEW_NAME.toLowerCase());
    });

    it('first, the person downloads everything Ensemble holds about them', async () => {
      const res = await victim.get('/profil/mes-donnees.json');
      expect(res.status).to.equal(200);
      const data = JSON.parse(res.text);
      expect(data.compte).to.include({ email: person.email, nom: NEW_NAME });
      expect(data.inscriptions_ateliers).to.have.length(registrationsBefore);
      expect(data.inscriptions_ateliers[0]).to.include.keys('consultation', 'atelier', 'date', 'statut', 'present');
      expect(data.inscriptions_ateliers.some((r: { present: boolean }) => r.present === true)).to.equal(true);
      expect(data.contributions.map((c: { texte: string }) => c.texte)).to.include(BODY);
      expect(data.contributions[0]).to.include.keys('consultation', 'thematique', 'atelier', 'source', 'anonyme', 'statut');
      expect(data).to.include.keys('candidatures_ambassadeur', 'thematiques_ambassadeur', 'ateliers_animes', 'commentaires_besoins', 'actions_journal');
      expect(res.text).not.to.contain('scrypt');
      // The DSI's export lists the actions the audit log records them doing, without the objects' details.
      const mine = JSON.parse((await dsi.get('/profil/mes-donnees.json')).text);
      expect(mine.actions_journal.map((a: { action: string }) => a.action)).to.include('user.update');
      expect(JSON.stringify(mine.actions_journal)).not.to.contain(person.email);
    });

    it('offers the action on the account page and asks for confirmation', async () => {
      const account = await dsi.get(`/admin/utilisateurs/${person.id}`);
      expect(account.text).to.contain(`/admin/utilisateurs/${person.id}/anonymiser`);
      const page = await dsi.get(`/admin/utilisateurs/${person.id}/anonymiser`);
      expect(page.status).to.equal(200);
      expect(page.text).to.contain('Anonymiser ' + NEW_NAME.replace('é', 'é')).and.contain('définitive').and.contain('name="confirmation"');
    });

    it('changes nothing without the confirmation tick (422, French message)', async () => {
      const res = await dsi.post(`/admin/utilisateurs/${person.id}/anonymiser`).type('form').send({ _csrf: token });
      expect(res.status).to.equal(422);
      expect(res.text).to.contain('Cochez la case pour confirmer');
      expect((await t.db('users').where({ id: person.id }).first()).display_name).to.equal(NEW_NAME);
    });

    it('a contributor may not anonymise anyone (403)', async () => {
      const other = await makeUser(t.db, 'contributeur');
      const agent = await loginAs(app, other.email);
      const otherToken = await tokenFor(agent);
      expect((await agent.get(`/admin/utilisateurs/${person.id}/anonymiser`)).status).to.equal(403);
      expect((await agent.post(`/admin/utilisateurs/${person.id}/anonymiser`).type('form').send({ _csrf: otherToken, confirmation: 'oui' })).status).to.equal(403);
      expect((await t.db('users').where({ id: person.id }).first()).anonymised_at).to.equal(null);
    });

    it('the DSI cannot anonymise themselves', async () => {
      const me = await t.db('users').where({ email: 'dsi@ensemble.test' }).first();
      expect((await dsi.get(`/admin/utilisateurs/${me.id}/anonymiser`)).status).to.equal(403);
    });

    it('erases name, e-mail and password, ends the sessions, keeps contributions detached and registrations', async () => {
      // Act
      const res = await dsi.post(`/admin/utilisateurs/${person.id}/anonymiser`).type('form').send({ _csrf: token, confirmation: 'oui' });
      // Assert
      expect(res.status).to.equal(303);
      expect(res.headers.location).to.equal('/admin/utilisateurs');
      expect((await dsi.get('/admin/utilisateurs')).text).to.contain(`Personne anonymisée n° ${person.id}`);
      const user = await t.db('users').where({ id: person.id }).first();
      expect(user).to.include({ display_name: `Personne anonymisée n° ${person.id}`, email: null, password_hash: null });
      expect(user.anonymised_at).to.not.equal(null);
      expect(user.active === false || user.active === 0).to.equal(true);
      const c = await t.db('raw_contributions').where({ id: contributionId }).first();
      expect(c).to.include({ author_id: null, author_name: null, created_by: null, body: BODY });
      expect(c.anonymous === true || c.anonymous === 1).to.equal(true);
      expect(Number((await t.db('raw_contributions').where({ author_id: person.id }).count({ n: '*' }).first())?.n)).to.equal(0);
      expect(Number((await t.db('workshop_registrations').where({ user_id: person.id }).count({ n: '*' }).first())?.n)).to.equal(registrationsBefore);
    });

    it('leaves the participation figures unchanged', async () => {
      expect(await participationFigures(t.db, demoId)).to.deep.equal(figuresBefore);
    });

    // Checked before anyone types the old address into the login form (a failed attempt is counted under what was typed).
    it('the name and e-mail are gone from the whole database and from every page the DSI can reach', async () => {
      const everything = await wholeDatabaseText(t.db);
      expect(everything).not.to.contain(person.email);
      expect(everything).not.to.contain(NEW_NAME.toLowerCase());
      const pages = [
        '/admin/journal',
        '/admin/utilisateurs',
        `/consultations/${DEMO_SLUG}`,
        `/contributions/${contributionId}`,
        `/consultations/${DEMO_SLUG}/contributions?q=Quasimodo`,
        `/consultations/${DEMO_SLUG}/contributions/export.csv?q=Quasimodo`,
        `/consultations/${DEMO_SLUG}/chiffres.json`,
      ];
      let reached = 0;
      for (const path of pages) {
        const res = await dsi.get(path);
        if (res.status === 404) continue; // a page another module has not published yet
        expect(res.status, path).to.equal(200);
        reached++;
        const text = (res.text ?? '').toLowerCase();
        expect(text, path).not.to.contain(person.email);
        expect(text, path).not.to.contain(NEW_NAME.toLowerCase());
      }
      expect(reached).to.be.at.least(4);
      // Searching the accounts by the former name finds nobody.
      expect((await dsi.get(`/admin/utilisateurs?q=${encodeURIComponent('Zéphyrine')}`)).text).to.contain('Aucun compte ne correspond');
      expect((await dsi.get(`/admin/utilisateurs/${person.id}`)).status).to.equal(404);
    });

    it('the person can no longer use their session nor log in', async () => {
      expect((await victim.get('/profil')).status).to.equal(303);
      const agent = request.agent(app);
      const form = await agent.get('/connexion');
      const login = await agent.post('/connexion').type('form').send({ email: person.email, password: DEMO_PASSWORD, _csrf: csrfFrom(form.text) });
      expect(login.status).to.not.equal(303);
    });

    it('records user.anonymise saying which fields were erased, never their values', async () => {
      const entry = await t.db('audit_log').where({ action: 'user.anonymise', object_id: String(person.id) }).first();
      expect(entry).to.exist;
      const after = JSON.parse(entry.after_json);
      expect(after.erasedFields).to.deep.equal(['display_name', 'email', 'password_hash']);
      expect(after.contributionsDetached).to.be.at.least(1);
      expect(`${entry.before_json}${entry.after_json}`.toLowerCase()).not.to.contain(person.email).and.not.contain(NEW_NAME.toLowerCase());
      // The earlier rename is still logged, without the identities it carried.
      const rename = await t.db('audit_log').where({ action: 'user.update', object_id: String(person.id) }).first();
      expect(rename).to.exist;
      expect(JSON.parse(rename.after_json)).to.include({ role: 'contributeur', display_name: '[effacé]', email: '[effacé]' });
      expect(JSON.parse(rename.before_json)).to.include({ displayName: '[effacé]', email: '[effacé]' });
      expect(rename.before_json).not.to.contain(person.oldName);
    });

    it('the contribution page shows the text without any author', async () => {
      const res = await dsi.get(`/contributions/${contributionId}`);
      if (res.status === 404) return; // contributions pages not mounted in this build
      expect(res.text).to.contain('Quasimodo');
      expect(res.text).not.to.contain(person.oldName);
    });
  });

  describe('purging the personal data of a consultation', () => {
    let closedSlug: string;
    let closedId: number;
    let authorId: number;

    before(async () => {
      // Arrange: a consultation whose follow-up phase ended in 2022, with a workshop, attendees, named contributions and an application.
      closedSlug = 'consultation-2021';
      const now = new Date().toISOString();
      const phase = (kind: string, starts_on: string, ends_on: string) => ({ kind, starts_on, ends_on });
      const closed = await makeConsultation(t.db, { slug: closedSlug, title: 'Consultation 2021', created_at: now, updated_at: now }, {
        phases: [phase('consultation', '2021-09-01', '2021-09-30'), phase('publication', '2022-01-10', '2022-01-10'), phase('suivi', '2022-01-11', '2022-12-31')],
        themes: [{ code: 'OUTILS', title: 'Outils' }],
      });
      closedId = closed.id;
      const themeId = closed.themes.OUTILS!;
      const structure = await t.db('structures').where({ region: 'Occitanie' }).first();
      const workshopId = await makeWorkshop(t.db, closedId, {
        title: 'Atelier 2021',
        starts_at: '2021-09-10T08:00:00.000Z',
        ends_at: '2021-09-10T10:00:00.000Z',
        structure_id: structure.id,
        status: 'clos',
        anonymous_attendees: 3,
      });
      const author = await makeUser(t.db, 'contributeur', { name: 'Auteur Deux-Mille-Vingt-Et-Un' });
      authorId = author.id;
      await t.db('workshop_registrations').insert({ workshop_id: workshopId, user_id: author.id, status: 'inscrit', attended: true });
      for (let i = 0; i < 3; i++) {
        await insertRawContribution(t.db, { consultation_id: closedId, theme_id: themeId, workshop_id: workshopId, author_id: author.id, source: 'atelier', body: `Contribution ${i} de 2021, assez longue.`, created_by: author.id });
      }
      await insertRawContribution(t.db, { consultation_id: closedId, theme_id: null, author_name: 'Jean Papier', source: 'import', body: 'Saisie depuis une fiche papier.', created_by: null });
      await t.db('ambassador_applications').insert({ consultation_id: closedId, user_id: author.id, motivation: 'Je suis Auteur, joignable au 06 00 00 00 00.', decision_comment: 'Bravo Auteur', status: 'retenue' });
    });

    it('refuses to purge a consultation that is not closed, with a French message, and changes nothing', async () => {
      const page = await dsi.get(`/admin/consultations/${DEMO_SLUG}/rgpd`);
      expect(page.status).to.equal(200);
      expect(page.text).to.contain('consultation non close').and.not.contain('name="confirmation"');
      const identified = await t.db('raw_contributions').where({ consultation_id: demoId }).whereNotNull('author_id').count({ n: '*' }).first();
      const res = await dsi.post(`/admin/consultations/${DEMO_SLUG}/rgpd`).type('form').send({ _csrf: token, confirmation: 'oui' });
      expect(res.status).to.equal(409);
      expect(res.text).to.contain('Purge refusée').and.contain('31 décembre 2026').and.contain('Rien n’a été modifié');
      const still = await t.db('raw_contributions').where({ consultation_id: demoId }).whereNotNull('author_id').count({ n: '*' }).first();
      expect(Number(still?.n)).to.equal(Number(identified?.n)).and.to.be.greaterThan(0);
      expect((await t.db('consultations').where({ id: demoId }).first()).personal_data_purged_at).to.equal(null);
      expect(await t.db('audit_log').where({ action: 'consultation.purge_personal_data' }).first()).to.equal(undefined);
    });

    it('a contributor may not purge (403)', async () => {
      const other = await makeUser(t.db, 'contributeur');
      const agent = await loginAs(app, other.email);
      expect((await agent.get(`/admin/consultations/${closedSlug}/rgpd`)).status).to.equal(403);
      expect((await agent.post(`/admin/consultations/${closedSlug}/rgpd`).type('form').send({ _csrf: await tokenFor(agent), confirmation: 'oui' })).status).to.equal(403);
    });

    it('asks for the confirmation tick (422)', async () => {
      const page = await dsi.get(`/admin/consultations/${closedSlug}/rgpd`);
      expect(page.text).to.contain('consultation close').and.contain('name="confirmation"');
      const res = await dsi.post(`/admin/consultations/${closedSlug}/rgpd`).type('form').send({ _csrf: token });
      expect(res.status).to.equal(422);
      expect(res.text).to.contain('Cochez la case pour confirmer la purge');
      expect((await t.db('consultations').where({ id: closedId }).first()).personal_data_purged_at).to.equal(null);
    });

    it('purges a closed consultation: contributions detached, free texts erased, figures unchanged, other consultations untouched', async () => {
      const figuresBefore = await participationFigures(t.db, closedId);
      expect(figuresBefore).to.include({ workshopsHeld: 1, participants: 4, rawContributions: 4 });
      const demoIdentified = await t.db('raw_contributions').where({ consultation_id: demoId }).whereNotNull('author_id').count({ n: '*' }).first();
      // Act
      const res = await dsi.post(`/admin/consultations/${closedSlug}/rgpd`).type('form').send({ _csrf: token, confirmation: 'oui' });
      // Assert
      expect(res.status).to.equal(303);
      const after = await dsi.get(String(res.headers.location));
      expect(after.text).to.contain('4 contributions détachées');
      const rows = await t.db('raw_contributions').where({ consultation_id: closedId });
      expect(rows).to.have.length(4);
      for (const r of rows) {
        expect(r.author_id).to.equal(null);
        expect(r.author_name).to.equal(null);
        expect(r.anonymous === true || r.anonymous === 1).to.equal(true);
      }
      const application = await t.db('ambassador_applications').where({ consultation_id: closedId }).first();
      expect(application).to.include({ motivation: '[purgé]', decision_comment: '[purgé]', status: 'retenue' });
      expect(await participationFigures(t.db, closedId)).to.deep.equal(figuresBefore);
      expect(Number((await t.db('workshop_registrations').where({ user_id: authorId }).count({ n: '*' }).first())?.n)).to.equal(1);
      const demoStill = await t.db('raw_contributions').where({ consultation_id: demoId }).whereNotNull('author_id').count({ n: '*' }).first();
      expect(Number(demoStill?.n)).to.equal(Number(demoIdentified?.n));
      expect((await t.db('consultations').where({ id: closedId }).first()).personal_data_purged_at).to.not.equal(null);
    });

    it('records consultation.purge_personal_data with its counts', async () => {
      const entry = await t.db('audit_log').where({ action: 'consultation.purge_personal_data', object_id: String(closedId) }).first();
      expect(entry).to.exist;
      expect(Number(entry.consultation_id)).to.equal(closedId);
      expect(JSON.parse(entry.after_json)).to.include({ contributionsDetached: 4, applicationsErased: 1 });
    });

    it('the public page states the purge date', async () => {
      const res = await request(app).get(`/consultations/${closedSlug}`);
      expect(res.status).to.equal(200);
      expect(res.text).to.contain('Données personnelles purgées le').and.contain('31 décembre 2022');
      expect(res.text).not.to.contain('Auteur Deux-Mille');
    });
  });
});
