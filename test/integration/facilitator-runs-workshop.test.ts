import crypto from 'node:crypto';
import { expect } from 'chai';
import request from 'supertest';
import type { Express } from 'express';
import { freshDb, type TestDb } from '../support/db';
import { buildApp, loginAs, makeUser, tokenFor } from '../support/app';
import { toBool } from '../../src/shared/db';
import { makeConsultation, makeStructure, makeWorkshop } from '../support/factories';
import { utcToParis } from '../../src/modules/workshops/rules';

/**
 * A facilitator runs a workshop from planning to closing: staff register (waiting list included),
 * the facilitator captures the notes live (idempotent, with and without JavaScript), records the
 * attendance, closes the workshop and exports the attendance list. Policies are checked on the object.
 */
describe('A facilitator runs a workshop', () => {
  let t: TestDb;
  let app: Express;
  let consultationId: number;
  let structureId: number;
  let otherStructureId: number;
  const themes: number[] = [];
  let facilitator: { id: number; email: string };
  let otherAmbassador: { id: number; email: string };
  let dsi: { id: number; email: string };
  let fac: request.Agent;
  let facToken: string;
  const inAWeek = utcToParis(new Date(Date.now() + 7 * 86_400_000)).day;

  before(async () => {
    t = await freshDb();
    app = buildApp(t.db);
    structureId = await makeStructure(t.db, { name: 'Mission Locale de Pau', department_code: '64', department_name: 'Pyrénées-Atlantiques', region: 'Nouvelle-Aquitaine' });
    otherStructureId = await makeStructure(t.db, { name: 'Mission Locale de Brest', department_code: '29', department_name: 'Finistère', region: 'Bretagne' });
    const themeSpecs = [{ code: 'USAGERS', title: 'Les usagers' }, { code: 'OUTILS', title: 'Les outils' }, { code: 'PILOTAGE', title: 'Le pilotage' }];
    const c = await makeConsultation(t.db, { slug: 'consultation-ateliers', title: 'Consultation des ateliers' }, { themes: themeSpecs });
    consultationId = c.id;
    themes.push(...c.themeIds);
    facilitator = await makeUser(t.db, 'ambassadeur', { name: 'Anne Animatrice', structureId });
    otherAmbassador = await makeUser(t.db, 'ambassadeur', { name: 'Bruno Autre' });
    dsi = await makeUser(t.db, 'dsi', { name: 'Claire DSI' });
    fac = await loginAs(app, facilitator.email);
    facToken = await tokenFor(fac);
  });
  after(() => t.destroy());

  const form = (over: Record<string, unknown> = {}) => ({
    consultationId: String(consultationId),
    title: 'Atelier de Pau — les usagers',
    day: inAWeek,
    startTime: '09:30',
    endTime: '12:00',
    mode: 'presentiel',
    place: 'Salle du conseil, 2 rue des Cordeliers',
    structureId: String(structureId),
    facilitatorId: String(facilitator.id),
    facilitatorEmail: '',
    capacity: '20',
    themeIds: [String(themes[0]), String(themes[1])],
    ...over,
  });

  async function plan(over: Record<string, unknown> = {}, agent = fac, token = facToken): Promise<number> {
    const res = await agent.post('/ateliers').type('form').send({ _csrf: token, ...form(over) });
    expect(res.status, res.text.slice(0, 400)).to.equal(303);
    return Number(/\/ateliers\/(\d+)$/.exec(String(res.headers.location))![1]);
  }

  async function contributor(name: string) {
    const u = await makeUser(t.db, 'contributeur', { name, structureId: otherStructureId });
    const agent = await loginAs(app, u.email);
    return { ...u, agent, token: await tokenFor(agent) };
  }

  const registration = (workshopId: number, userId: number) => t.db('workshop_registrations').where({ workshop_id: workshopId, user_id: userId }).first();

  describe('planning', () => {
    it('keeps what was typed and shows French messages next to the fields when the form is wrong (422)', async () => {
      const res = await fac.post('/ateliers').type('form').send({
        _csrf: facToken,
        ...form({ title: 'Éé', startTime: '14:00', endTime: '10h', capacity: '0', themeIds: undefined, place: '' }),
      });
      expect(res.status).to.equal(422);
      expect(res.text).to.contain('Le titre doit faire au moins 3 caractères');
      expect(res.text).to.contain('La capacité doit être un nombre entier de 1 à 500 places');
      expect(res.text).to.contain('Cochez au moins une thématique');
      expect(res.text).to.contain('value="Éé"');
      expect(res.text).to.contain('aria-invalid="true"');
      expect(await t.db('workshops').count({ n: '*' }).first().then((r) => Number(r?.n))).to.equal(0);

      const times = await fac.post('/ateliers').type('form').send({ _csrf: facToken, ...form({ startTime: '14:00', endTime: '10:00', place: '' }) });
      expect(times.status).to.equal(422);
      expect(times.text).to.contain('L’heure de fin doit être après l’heure de début');
      expect(times.text).to.contain('Indiquez le lieu');
    });

    it('plans a workshop: Paris time stored as UTC, themes saved, department and region read from the structure', async () => {
      const id = await plan();
      const row = await t.db('workshops').where({ id }).first();
      const start = new Date(row.starts_at);
      expect(utcToParis(start)).to.deep.equal({ day: inAWeek, time: '09:30' });
      expect(row.created_by).to.equal(facilitator.id);
      expect(row.facilitator_id).to.equal(facilitator.id);
      expect((await t.db('workshop_themes').where({ workshop_id: id }).pluck('theme_id')).map(Number).sort()).to.deep.equal([themes[0], themes[1]].sort());
      const page = await fac.get(`/ateliers/${id}`);
      expect(page.text).to.contain('64 Pyrénées-Atlantiques').and.contain('Nouvelle-Aquitaine').and.contain('09:30');
      expect(await t.db('audit_log').where({ action: 'workshop.plan', object_id: String(id) }).first()).to.exist;
    });

    it('finds a facilitator by e-mail, and refuses an unknown address', async () => {
      const staff = await makeUser(t.db, 'contributeur', { name: 'Paul Conseiller' });
      const id = await plan({ facilitatorId: '', facilitatorEmail: staff.email.toUpperCase() });
      expect((await t.db('workshops').where({ id }).first()).facilitator_id).to.equal(staff.id);
      const res = await fac.post('/ateliers').type('form').send({ _csrf: facToken, ...form({ facilitatorEmail: 'personne@nulle-part.test' }) });
      expect(res.status).to.equal(422);
      expect(res.text).to.contain('Aucun compte actif ne correspond');
    });

    it('does not let a contributor plan a workshop', async () => {
      const c = await contributor('Carla Contributrice');
      expect((await c.agent.get('/ateliers/nouveau')).status).to.equal(403);
      const res = await c.agent.post('/ateliers').type('form').send({ _csrf: c.token, ...form() });
      expect(res.status).to.equal(403);
      expect((await c.agent.get('/ateliers')).status).to.equal(200);
    });

    it('refuses a stale edit with both versions shown, nothing overwritten', async () => {
      const id = await plan({ title: 'Atelier à modifier' });
      const dsiAgent = await loginAs(app, dsi.email);
      const dsiToken = await tokenFor(dsiAgent);
      const first = await dsiAgent.post(`/ateliers/${id}/modifier`).type('form').send({ _csrf: dsiToken, ...form({ title: 'Titre par la DSI', version: '1' }) });
      expect(first.status).to.equal(303);
      const stale = await fac.post(`/ateliers/${id}/modifier`).type('form').send({ _csrf: facToken, ...form({ title: 'Titre par Anne', version: '1' }) });
      expect(stale.status).to.equal(409);
      expect(stale.text).to.contain('modifié par quelqu').and.contain('Titre par la DSI').and.contain('value="Titre par Anne"');
      expect((await t.db('workshops').where({ id }).first()).title).to.equal('Titre par la DSI');
    });

    it('lists workshops with filters by region, theme, consultation and dates', async () => {
      const id = await plan({ title: 'Atelier filtrable', themeIds: [String(themes[2])] });
      const byRegion = await fac.get('/ateliers?region=Nouvelle-Aquitaine');
      expect(byRegion.text).to.contain('Atelier filtrable');
      expect((await fac.get('/ateliers?region=Bretagne')).text).not.to.contain('Atelier filtrable');
      expect((await fac.get(`/ateliers?theme=${themes[2]}`)).text).to.contain(`/ateliers/${id}"`);
      expect((await fac.get(`/ateliers?theme=${themes[0]}`)).text).not.to.contain('Atelier filtrable');
      expect((await fac.get(`/ateliers?consultation=${consultationId}&du=${inAWeek}&au=${inAWeek}`)).text).to.contain('Atelier filtrable');
      expect((await fac.get('/ateliers?du=2020-01-01&au=2020-01-31')).text).not.to.contain('Atelier filtrable');
      expect((await fac.get('/ateliers?quand=passes')).text).not.to.contain('Atelier filtrable');
      expect((await fac.get('/ateliers?page=abc&du=pas-une-date&theme=%27')).status).to.equal(200);
    });

    it('shows the most recent workshops by default once none is to come, and counts in French', async () => {
      const over = await makeConsultation(t.db, { slug: 'terminee' });
      await makeWorkshop(t.db, over.id, { structure_id: structureId, title: 'Atelier de 2023', day: '2023-03-01', capacity: 10 });
      await makeWorkshop(t.db, over.id, { structure_id: structureId, title: 'Atelier de 2024', day: '2024-03-01', capacity: 10 });
      const list = await fac.get(`/ateliers?consultation=${over.id}`);
      expect(list.text).to.contain('Aucun atelier à venir : voici les ateliers passés').and.contain('2 ateliers correspondent');
      expect(list.text.indexOf('Atelier de 2024')).to.be.greaterThan(0).and.lessThan(list.text.indexOf('Atelier de 2023'));
      expect(list.text).to.match(/<option value="passes" selected>/);
      // A period the person chose is kept, even when empty; singular for 0.
      const chosen = await fac.get(`/ateliers?consultation=${over.id}&quand=a_venir`);
      expect(chosen.text).to.contain('0 atelier correspond à ces critères').and.not.contain('Aucun atelier à venir : voici');

      const full = await makeWorkshop(t.db, consultationId, { structure_id: structureId, title: 'Atelier à une place', day: inAWeek, capacity: 1 });
      await t.db('workshop_registrations').insert({ workshop_id: full, user_id: dsi.id, status: 'inscrit' });
      expect((await fac.get(`/ateliers/${full}`)).text).to.contain('Complet (1 place)');
    });
  });

  describe('registration', () => {
    it('registers, refuses a full workshop unless on the waiting list, and promotes the first waiting when a seat frees', async () => {
      const id = await plan({ title: 'Petit atelier', capacity: '2' });
      const [a, b, c, d] = [await contributor('Alice'), await contributor('Bilal'), await contributor('Chloé'), await contributor('Dao')];
      expect((await a.agent.post(`/ateliers/${id}/inscription`).type('form').send({ _csrf: a.token })).status).to.equal(303);
      expect((await b.agent.post(`/ateliers/${id}/inscription`).type('form').send({ _csrf: b.token })).status).to.equal(303);

      const full = await c.agent.post(`/ateliers/${id}/inscription`).type('form').send({ _csrf: c.token });
      expect(full.status).to.equal(409);
      expect(full.text).to.contain('L’atelier est complet').and.contain('liste d’attente');
      expect(await registration(id, c.id)).to.equal(undefined);

      const twice = await a.agent.post(`/ateliers/${id}/inscription`).type('form').send({ _csrf: a.token });
      expect(twice.status).to.equal(409);
      expect(twice.text).to.contain('déjà inscrit');

      expect((await c.agent.post(`/ateliers/${id}/inscription`).type('form').send({ _csrf: c.token, waitingList: '1' })).status).to.equal(303);
      expect((await d.agent.post(`/ateliers/${id}/inscription`).type('form').send({ _csrf: d.token, waitingList: '1' })).status).to.equal(303);
      expect((await registration(id, c.id)).status).to.equal('liste_attente');
      const page = await c.agent.get(`/ateliers/${id}`);
      expect(page.text).to.contain('liste d’attente (position 1)');

      expect((await a.agent.post(`/ateliers/${id}/desinscription`).type('form').send({ _csrf: a.token })).status).to.equal(303);
      expect((await registration(id, a.id)).status).to.equal('annule');
      expect((await registration(id, c.id)).status).to.equal('inscrit');
      expect((await registration(id, d.id)).status).to.equal('liste_attente');
      const audit = await t.db('audit_log').where({ action: 'workshop.unregister', object_id: String(id) }).first();
      expect(JSON.parse(audit.after_json).promotedUserIds).to.deep.equal([c.id]);
    });

    it('gives the last seat to one person only when many register at the same time', async () => {
      const id = await plan({ title: 'Une seule place', capacity: '1' });
      const people = await Promise.all(['Eva', 'Farid', 'Gaëlle', 'Hugo', 'Inès'].map((n) => contributor(n)));
      const results = await Promise.all(people.map((p) => p.agent.post(`/ateliers/${id}/inscription`).type('form').send({ _csrf: p.token })));
      expect(results.filter((r) => r.status === 303)).to.have.length(1);
      expect(results.filter((r) => r.status === 409)).to.have.length(4);
      const seats = await t.db('workshop_registrations').where({ workshop_id: id, status: 'inscrit' }).count({ n: '*' }).first();
      expect(Number(seats?.n)).to.equal(1);
    });

    it('refuses registration to a closed or cancelled workshop with a clear message, changing nothing', async () => {
      const c = await contributor('Jules');
      for (const [status, message] of [['clos', 'Cet atelier est clos'], ['annule', 'Cet atelier est annulé']] as const) {
        const id = await plan({ title: `Atelier ${status}` });
        await t.db('workshops').where({ id }).update({ status });
        const res = await c.agent.post(`/ateliers/${id}/inscription`).type('form').send({ _csrf: c.token, waitingList: '1' });
        expect(res.status).to.equal(409);
        expect(res.text).to.contain(message).and.contain('Rien n’a été enregistré');
        expect(await registration(id, c.id)).to.equal(undefined);
      }
    });
  });

  describe('live capture, attendance and closing', () => {
    let id: number;
    let alice: Awaited<ReturnType<typeof contributor>>;
    let bilal: Awaited<ReturnType<typeof contributor>>;

    before(async () => {
      id = await plan({ title: 'Atelier de saisie', capacity: '10' });
      alice = await contributor('Alice Saisie');
      bilal = await contributor('=HYPERLINK("http://x";"Bilal")');
      await alice.agent.post(`/ateliers/${id}/inscription`).type('form').send({ _csrf: alice.token });
      await bilal.agent.post(`/ateliers/${id}/inscription`).type('form').send({ _csrf: bilal.token });
    });

    const keyFrom = (html: string) => /name="clientKey" value="([0-9a-f-]{36})"/.exec(html)![1]!;

    it('captures 20 notes without JavaScript: each POST answers 303 back to the screen with the running count', async () => {
      let page = await fac.get(`/ateliers/${id}/saisie`);
      expect(page.status).to.equal(200);
      expect(page.text).to.contain('accesskey="1"').and.contain('autofocus');
      for (let i = 1; i <= 20; i++) {
        const body = i === 1 ? 'Première note : « accès aux données » 📎\nsur deux lignes' : `Note numéro ${i} recopiée du mur`;
        const res = await fac.post(`/ateliers/${id}/saisie`).type('form').send({
          _csrf: facToken,
          clientKey: keyFrom(page.text),
          body,
          themeId: String(themes[i % 2]),
          participantId: i === 1 ? String(alice.id) : '',
        });
        expect(res.status).to.equal(303);
        expect(String(res.headers.location)).to.match(new RegExp(`^/ateliers/${id}/saisie\\?theme=\\d+$`));
        page = await fac.get(String(res.headers.location));
        expect(page.text).to.contain(`<span id="capture-count">${i}</span>`);
      }
      const rows = await t.db('raw_contributions').where({ workshop_id: id }).orderBy('id');
      expect(rows).to.have.length(20);
      expect(rows[0].body).to.equal('Première note : « accès aux données » 📎\nsur deux lignes');
      expect(rows[0]).to.include({ source: 'atelier', author_id: alice.id, created_by: facilitator.id, structure_id: otherStructureId, consultation_id: consultationId });
      expect(rows[1]).to.include({ author_id: null, structure_id: structureId });
      expect(rows[0].search_text).to.contain('donne');
      expect(page.text).to.contain('Note numéro 20 recopiée du mur');
    });

    it('stores a note sent twice with the same client key once', async () => {
      const page = await fac.get(`/ateliers/${id}/saisie`);
      const note = { _csrf: facToken, clientKey: keyFrom(page.text), body: 'Une note envoyée deux fois après une coupure', themeId: String(themes[0]) };
      expect((await fac.post(`/ateliers/${id}/saisie`).type('form').send(note)).status).to.equal(303);
      const again = await fac.post(`/ateliers/${id}/saisie`).type('form').send(note);
      expect(again.status).to.equal(303);
      expect((await fac.get(String(again.headers.location))).text).to.contain('déjà enregistrée');
      expect(await t.db('raw_contributions').where({ client_key: note.clientKey }).count({ n: '*' }).first().then((r) => Number(r?.n))).to.equal(1);
      const json = await fac.post(`/ateliers/${id}/saisie`).set('Accept', 'application/json').set('x-csrf-token', facToken).type('form').send({ ...note, _csrf: undefined });
      expect(json.status).to.equal(200);
      expect(json.body).to.include({ ok: true, duplicate: true, count: 21 });
    });

    it('answers JSON to the script, and 422 with the text kept when the note is too short', async () => {
      const ok = await fac
        .post(`/ateliers/${id}/saisie`)
        .set('Accept', 'application/json')
        .set('x-csrf-token', facToken)
        .type('form')
        .send({ clientKey: crypto.randomUUID(), body: 'Une note envoyée par le script', themeId: '' });
      expect(ok.status).to.equal(201);
      expect(ok.body).to.include({ ok: true, duplicate: false, count: 22 });
      expect(ok.body.entry).to.include({ body: 'Une note envoyée par le script', theme: null });
      const short = await fac.post(`/ateliers/${id}/saisie`).type('form').send({ _csrf: facToken, clientKey: crypto.randomUUID(), body: 'Bref !', themeId: String(themes[0]) });
      expect(short.status).to.equal(422);
      expect(short.text).to.contain('au moins 10 caractères').and.contain('>Bref !</textarea>');
      const bad = await fac.post(`/ateliers/${id}/saisie`).set('Accept', 'application/json').set('x-csrf-token', facToken).type('form').send({ clientKey: 'pas-une-cle', body: 'Une note sans clé valide' });
      expect(bad.status).to.equal(422);
      expect(bad.body.errors.clientKey).to.contain('rechargez la page');
    });

    it('refuses another ambassador who is not the facilitator (403) on capture, attendance and closing', async () => {
      const other = await loginAs(app, otherAmbassador.email);
      const token = await tokenFor(other);
      expect((await other.get(`/ateliers/${id}/saisie`)).status).to.equal(403);
      expect((await other.post(`/ateliers/${id}/saisie`).type('form').send({ _csrf: token, clientKey: crypto.randomUUID(), body: 'Je ne suis pas l’animateur' })).status).to.equal(403);
      expect((await other.get(`/ateliers/${id}/presences`)).status).to.equal(403);
      expect((await other.post(`/ateliers/${id}/presences`).type('form').send({ _csrf: token, version: '1', action: 'clore', reportMd: 'x' })).status).to.equal(403);
      expect((await other.get(`/ateliers/${id}/presences.csv`)).status).to.equal(403);
      expect((await other.get(`/ateliers/${id}/modifier`)).status).to.equal(403);
      expect((await alice.agent.get(`/ateliers/${id}/saisie`)).status).to.equal(403);
      expect((await t.db('workshops').where({ id }).first()).status).to.equal('planifie');
    });

    it('records attendance, refuses to close without a report, then closes the workshop', async () => {
      const version = Number((await t.db('workshops').where({ id }).first()).version);
      // Before the session: nobody attended yet, nothing is recorded.
      const early = await fac.post(`/ateliers/${id}/presences`).type('form').send({ _csrf: facToken, version: String(version), action: 'clore', attended: [String(alice.id)], anonymousAttendees: '3', reportMd: 'Écrit trop tôt' });
      expect(early.status).to.equal(409);
      expect(early.text).to.contain('Cet atelier n’a pas encore eu lieu');
      expect((await t.db('workshops').where({ id }).first()).status).to.equal('planifie');
      // The session has begun (the clock moved past its start).
      await t.db('workshops').where({ id }).update({ starts_at: new Date(Date.now() - 3_600_000).toISOString(), ends_at: new Date(Date.now() + 3_600_000).toISOString() });
      const noReport = await fac.post(`/ateliers/${id}/presences`).type('form').send({ _csrf: facToken, version: String(version), action: 'clore', attended: [String(alice.id)], anonymousAttendees: '3', reportMd: '  ' });
      expect(noReport.status).to.equal(422);
      expect(noReport.text).to.contain('Rédigez le compte rendu');
      const saved = await fac.post(`/ateliers/${id}/presences`).type('form').send({ _csrf: facToken, version: String(version), action: 'enregistrer', attended: String(alice.id), anonymousAttendees: '3', reportMd: '' });
      expect(saved.status).to.equal(303);
      expect(toBool((await registration(id, alice.id)).attended)).to.equal(true);
      const closed = await fac.post(`/ateliers/${id}/presences`).type('form').send({
        _csrf: facToken,
        version: String(version + 1),
        action: 'clore',
        attended: [String(alice.id), String(bilal.id)],
        anonymousAttendees: '3',
        reportMd: '## Bilan\n\nTrès **bonne** séance.<script>alert(1)</script>',
      });
      expect(closed.status).to.equal(303);
      const row = await t.db('workshops').where({ id }).first();
      expect(row.status).to.equal('clos');
      expect(row.closed_at).to.not.equal(null);
      expect(Number(row.anonymous_attendees)).to.equal(3);
      expect(toBool((await registration(id, bilal.id)).attended)).to.equal(true);
      const page = await fac.get(`/ateliers/${id}`);
      expect(page.text).to.contain('<strong>bonne</strong>').and.not.contain('<script>alert');
      expect(await t.db('audit_log').where({ action: 'workshop.close', object_id: String(id) }).first()).to.exist;
    });

    it('closes capture and registration once the workshop is closed', async () => {
      const res = await fac.post(`/ateliers/${id}/saisie`).type('form').send({ _csrf: facToken, clientKey: crypto.randomUUID(), body: 'Une note arrivée trop tard' });
      expect(res.status).to.equal(303);
      expect((await fac.get(String(res.headers.location))).text).to.contain('la saisie des contributions est fermée');
      expect(await t.db('raw_contributions').where({ body: 'Une note arrivée trop tard' }).first()).to.equal(undefined);
      const late = await contributor('Tardif');
      const reg = await late.agent.post(`/ateliers/${id}/inscription`).type('form').send({ _csrf: late.token });
      expect(reg.status).to.equal(409);
    });

    it('exports the attendance list as CSV for French spreadsheets: BOM, semicolons, accents, no live formula', async () => {
      const res = await fac
        .get(`/ateliers/${id}/presences.csv`)
        .buffer(true)
        .parse((r, done) => {
          const chunks: Buffer[] = [];
          r.on('data', (c: Buffer) => chunks.push(c));
          r.on('end', () => done(null, Buffer.concat(chunks)));
        });
      expect(res.status).to.equal(200);
      expect(res.headers['content-type']).to.contain('text/csv');
      const bytes = res.body as Buffer;
      expect([...bytes.subarray(0, 3)]).to.deep.equal([0xef, 0xbb, 0xbf]);
      const text = bytes.toString('utf8').slice(1);
      const lines = text.split('\r\n');
      expect(lines[0]).to.equal('Nom;Adresse électronique;Structure;Inscription;Présence');
      expect(text).to.contain('Alice Saisie;').and.contain('Présent(e)');
      expect(text).to.contain(`"'=HYPERLINK(""http://x"";""Bilal"")"`);
      expect(text).not.to.match(/(^|;)=/m);
      expect(text).to.contain('Participants sans compte;;;;3');
    });
  });
});
