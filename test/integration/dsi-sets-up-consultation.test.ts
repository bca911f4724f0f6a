import { expect } from 'chai';
import request from 'supertest';
import type { Express } from 'express';
import { freshDb, type TestDb } from '../support/db';
import { buildApp, loginAs, makeUser, tokenFor } from '../support/app';
import { makeRawContribution } from '../support/factories';
import { parisDay } from '../../src/modules/consultations';

/** A day counted from today in Paris, as 'YYYY-MM-DD'. */
const day = (offset: number) => parisDay(new Date(Date.now() + offset * 86_400_000));

describe('The DSI sets up a consultation: information, calendar, themes, openings', () => {
  let t: TestDb;
  let app: Express;
  let dsi: request.Agent;
  let token: string;

  const audit = (action: string) => t.db('audit_log').where({ action }).orderBy('id', 'desc').first();
  const create = (body: Record<string, string>) => dsi.post('/admin/consultations').type('form').send({ _csrf: token, ...body });

  before(async () => {
    t = await freshDb();
    app = buildApp(t.db);
    const u = await makeUser(t.db, 'dsi', { name: 'Claire DSI' });
    dsi = await loginAs(app, u.email);
    token = await tokenFor(dsi);
  });
  after(() => t.destroy());

  describe('creating and editing', () => {
    it('creates a consultation with a slug made from its title and a sanitised Markdown description', async () => {
      const res = await create({
        title: 'Consultation 2027 : l’accueil des jeunes',
        slug: '',
        descriptionMd: '# Pourquoi\nUne **consultation** <script>alert(1)</script> pour tous 😀',
        dataNoticeMd: 'Nous collectons *votre nom*.',
      });
      expect(res.status).to.equal(303);
      expect(res.headers.location).to.equal('/admin/consultations/consultation-2027-l-accueil-des-jeunes/calendrier');
      const row = await t.db('consultations').where({ slug: 'consultation-2027-l-accueil-des-jeunes' }).first();
      expect(row.title).to.equal('Consultation 2027 : l’accueil des jeunes');
      expect(row.description_md).to.contain('😀');
      const entry = await audit('consultation.create');
      expect(Number(entry.consultation_id)).to.equal(row.id);

      const page = await request(app).get('/consultations/consultation-2027-l-accueil-des-jeunes');
      expect(page.status).to.equal(200);
      expect(page.text).to.contain('<strong>consultation</strong>').and.contain('<h2>Pourquoi</h2>').and.contain('<em>votre nom</em>');
      expect(page.text).not.to.contain('<script>alert(1)');
    });

    it('makes a second consultation with the same title a distinct address (-2); a typed address already used is refused (409)', async () => {
      const again = await create({ title: 'Consultation 2027 : l’accueil des jeunes' });
      expect(again.status).to.equal(303);
      expect(again.headers.location).to.equal('/admin/consultations/consultation-2027-l-accueil-des-jeunes-2/calendrier');
      const taken = await create({ title: 'Autre consultation', slug: 'consultation-2027-l-accueil-des-jeunes' });
      expect(taken.status).to.equal(409);
      expect(taken.text).to.contain('déjà utilisée par une autre consultation').and.contain('value="Autre consultation"');
    });

    it('shows the form again (422) with French messages next to the fields and what was typed', async () => {
      const res = await create({ title: 'A', slug: 'Pas Une Adresse!', descriptionMd: 'Texte gardé\navec retour' });
      expect(res.status).to.equal(422);
      expect(res.text).to.contain('Le titre doit faire au moins 3 caractères.');
      expect(res.text).to.contain('lettres minuscules sans accent');
      expect(res.text).to.contain('value="Pas Une Adresse!"').and.contain('Texte gardé\navec retour');
      expect(res.text).to.contain('aria-invalid="true"');
      const reserved = await create({ title: 'Consultation réservée', slug: 'nouvelle' });
      expect(reserved.status).to.equal(422);
      expect(reserved.text).to.contain('réservée');
    });

    it('edits a consultation, and refuses a stale save (409) showing both versions without overwriting', async () => {
      await create({ title: 'Consultation à modifier' });
      const other = await loginAs(app, (await makeUser(t.db, 'dsi', { name: 'Marc DSI' })).email);
      const otherToken = await tokenFor(other);
      const form = await dsi.get('/admin/consultations/consultation-a-modifier');
      expect(form.status).to.equal(200);
      expect(form.text).to.contain('name="version" value="1"');

      const first = await dsi.post('/admin/consultations/consultation-a-modifier').type('form')
        .send({ _csrf: token, title: 'Titre par Claire', slug: 'consultation-a-modifier', descriptionMd: 'Version de Claire', version: '1' });
      expect(first.status).to.equal(303);
      const stale = await other.post('/admin/consultations/consultation-a-modifier').type('form')
        .send({ _csrf: otherToken, title: 'Titre par Marc', slug: 'consultation-a-modifier', descriptionMd: 'Version de Marc', version: '1' });
      expect(stale.status).to.equal(409);
      expect(stale.text).to.contain('modifiée par quelqu').and.contain('Titre par Claire').and.contain('value="Titre par Marc"').and.contain('Version de Marc');
      expect(stale.text).to.contain('name="version" value="2"');
      const row = await t.db('consultations').where({ slug: 'consultation-a-modifier' }).first();
      expect(row.title).to.equal('Titre par Claire');
      expect(Number(row.version)).to.equal(2);
      const entry = await audit('consultation.update');
      expect(JSON.parse(entry.before_json).title).to.equal('Consultation à modifier');
      expect(JSON.parse(entry.after_json).title).to.equal('Titre par Claire');
    });

    it('renames the address: the consultation answers at its new address', async () => {
      const res = await dsi.post('/admin/consultations/consultation-a-modifier').type('form')
        .send({ _csrf: token, title: 'Titre par Claire', slug: 'nouvelle-adresse', version: '2' });
      expect(res.status).to.equal(303);
      expect(res.headers.location).to.equal('/admin/consultations/nouvelle-adresse');
      expect((await request(app).get('/consultations/nouvelle-adresse')).status).to.equal(200);
      expect((await request(app).get('/consultations/consultation-a-modifier')).status).to.equal(404);
    });
  });

  describe('calendar', () => {
    const slug = 'calendrier-test';
    const phasesOf = async () => t.db('consultation_phases as p').join('consultations as c', 'c.id', 'p.consultation_id').where('c.slug', slug).select('p.*').orderBy('p.position');

    before(async () => {
      await create({ title: 'Calendrier test', slug });
    });

    it('refuses impossible dates and an end before the start (422), keeps what was typed, saves nothing', async () => {
      const res = await dsi.post(`/admin/consultations/${slug}/calendrier`).type('form').send({
        _csrf: token,
        lancement_title: 'Webinaires de lancement',
        lancement_startsOn: '2027-03-10',
        lancement_endsOn: '2027-03-01',
        consultation_title: 'Consultation',
        consultation_startsOn: '2027-02-30',
        consultation_endsOn: '2027-04-01',
        suivi_startsOn: '2027-06-01',
        suivi_endsOn: '',
      });
      expect(res.status).to.equal(422);
      expect(res.text).to.contain('La date de fin de l&#39;étape « Lancement » doit être égale ou postérieure à sa date de début.');
      expect(res.text).to.contain('La date de début de l&#39;étape « Consultation nationale » n&#39;est pas une date valide');
      expect(res.text).to.contain('La date de fin de l&#39;étape « Suivi de la prise en compte » est obligatoire');
      expect(res.text).to.contain('value="Webinaires de lancement"').and.contain('value="2027-03-01"').and.contain('value="2027-02-30"');
      expect(await phasesOf()).to.have.length(0);
    });

    it('saves the six phases (French dates accepted) and shows them as the timeline of the public page', async () => {
      const res = await dsi.post(`/admin/consultations/${slug}/calendrier`).type('form').send({
        _csrf: token,
        lancement_title: 'Webinaires de lancement', lancement_startsOn: day(-30), lancement_endsOn: day(-25),
        selection_ambassadeurs_title: '', selection_ambassadeurs_startsOn: day(-5), selection_ambassadeurs_endsOn: day(5),
        consultation_title: 'Consultation nationale', consultation_startsOn: day(10), consultation_endsOn: day(40),
        consolidation_title: 'Consolidation', consolidation_startsOn: day(41), consolidation_endsOn: day(80),
        publication_title: 'Livre blanc', publication_startsOn: day(90).split('-').reverse().join('/'), publication_endsOn: day(90),
        suivi_title: 'Suivi', suivi_startsOn: day(91), suivi_endsOn: day(400),
      });
      expect(res.status).to.equal(303);
      const phases = await phasesOf();
      expect(phases.map((p: { kind: string }) => p.kind)).to.deep.equal(['lancement', 'selection_ambassadeurs', 'consultation', 'consolidation', 'publication', 'suivi']);
      expect(phases[1].title).to.equal('Sélection des ambassadeurs');
      const entry = await audit('consultation.phases');
      expect(JSON.parse(entry.after_json)).to.have.length(6);

      const page = await request(app).get(`/consultations/${slug}`);
      expect(page.text).to.contain('Webinaires de lancement').and.contain('Livre blanc');
      expect(page.text).to.match(/aria-current="step">[\s\S]*?Sélection des ambassadeurs/);
      expect(page.text).to.contain('Étape en cours : <strong>Sélection des ambassadeurs</strong>');
      expect(page.text).to.contain('Appel à ambassadeurs : <strong>ouvert</strong>');

      const list = await request(app).get('/consultations');
      expect(list.text).to.match(/Calendrier test<\/a><\/h2>\s*<p>En cours : <strong>Sélection des ambassadeurs<\/strong>/);
    });

    it('removes a phase whose two dates are emptied', async () => {
      const form = await dsi.get(`/admin/consultations/${slug}/calendrier`);
      expect(form.text).to.contain(`value="${day(91)}"`);
      const body: Record<string, string> = { _csrf: token };
      for (const p of await phasesOf()) {
        body[`${p.kind}_title`] = p.title;
        body[`${p.kind}_startsOn`] = p.kind === 'suivi' ? '' : String(p.starts_on instanceof Date ? parisDay(p.starts_on) : p.starts_on).slice(0, 10);
        body[`${p.kind}_endsOn`] = p.kind === 'suivi' ? '' : String(p.ends_on instanceof Date ? parisDay(p.ends_on) : p.ends_on).slice(0, 10);
      }
      expect((await dsi.post(`/admin/consultations/${slug}/calendrier`).type('form').send(body)).status).to.equal(303);
      expect((await phasesOf()).map((p: { kind: string }) => p.kind)).not.to.include('suivi');
    });

    it('says so and asks for an explicit confirmation when a calendar change would open the personal-data purge', async () => {
      const guarded = 'purge-gardee';
      await create({ title: 'Purge gardée', slug: guarded });
      const calendar = (suiviEnd: string) => ({
        _csrf: token,
        consultation_title: 'Consultation', consultation_startsOn: day(-60), consultation_endsOn: day(-30),
        suivi_title: 'Suivi', suivi_startsOn: day(-29), suivi_endsOn: suiviEnd,
      });
      const url = `/admin/consultations/${guarded}/calendrier`;
      expect((await dsi.post(url).type('form').send(calendar(day(30)))).status).to.equal(303); // still open: no question
      const phasesNow = async () => (await t.db('consultation_phases as p').join('consultations as c', 'c.id', 'p.consultation_id').where('c.slug', guarded).select('p.ends_on', 'p.kind')).find((p: { kind: string }) => p.kind === 'suivi');

      // Moving the follow-up's end back closes the consultation today: refused until confirmed, what was typed kept.
      const asked = await dsi.post(url).type('form').send(calendar(day(-1)));
      expect(asked.status).to.equal(409);
      expect(asked.text).to.contain('la purge définitive des données personnelles deviendrait possible aussitôt');
      expect(asked.text).to.contain('name="confirmPurgeOpening"').and.contain(`value="${day(-1)}"`);
      expect(String((await phasesNow()).ends_on).slice(0, 10)).not.to.equal(day(-1));
      expect((await dsi.get(`/admin/consultations/${guarded}/rgpd`)).text).not.to.contain('Confirmer la purge');

      const confirmed = await dsi.post(url).type('form').send({ ...calendar(day(-1)), confirmPurgeOpening: 'oui' });
      expect(confirmed.status).to.equal(303);
      expect((await dsi.get(`/admin/consultations/${guarded}/rgpd`)).text).to.contain('Confirmer la purge');
      // Once closed, another change asks nothing more: the purge was already possible.
      expect((await dsi.post(url).type('form').send(calendar(day(-2)))).status).to.equal(303);
    });

    it('lets the DSI force a step open or closed, which changes what the public page says, then follow the calendar again', async () => {
      const set = (choices: Record<string, string>) => dsi.post(`/admin/consultations/${slug}/ouvertures`).type('form').send({ _csrf: token, ...choices });
      expect((await set({ contributions: 'ouvert', consolidation: 'calendrier', ambassadorCall: 'ferme' })).status).to.equal(303);
      let page = await request(app).get(`/consultations/${slug}`);
      expect(page.text).to.contain('Dépôt de contributions : <strong>ouvert</strong>');
      expect(page.text).to.contain('Appel à ambassadeurs : <strong>fermé</strong>');
      const row = await t.db('consultations').where({ slug }).first();
      expect(row.contributions_open === true || row.contributions_open === 1).to.equal(true);
      expect(row.consolidation_open).to.equal(null);
      const entry = await audit('consultation.openings');
      expect(JSON.parse(entry.after_json)).to.deep.equal({ contributions_open: true, consolidation_open: null, ambassador_call_open: false });

      const bad = await set({ contributions: 'peut-etre', consolidation: 'calendrier' });
      expect(bad.status).to.equal(422);
      expect(bad.text).to.contain('Choisissez une option pour « Dépôt de contributions »').and.contain('Choisissez une option pour « Appel à ambassadeurs »');

      await set({ contributions: 'calendrier', consolidation: 'calendrier', ambassadorCall: 'calendrier' });
      page = await request(app).get(`/consultations/${slug}`);
      expect(page.text).to.contain('Dépôt de contributions : <strong>fermé</strong>');
      expect(page.text).to.contain('Appel à ambassadeurs : <strong>ouvert</strong>');
      const form = await dsi.get(`/admin/consultations/${slug}/ouvertures`);
      expect(form.text).to.match(/id="f-contributions-calendrier" name="contributions" value="calendrier" checked/);
    });
  });

  describe('themes', () => {
    const slug = 'thematiques-test';
    let consultationId: number;
    const themes = async () => t.db('themes').where({ consultation_id: consultationId }).orderBy('position');
    const add = (body: Record<string, string>) => dsi.post(`/admin/consultations/${slug}/thematiques`).type('form').send({ _csrf: token, ...body });

    before(async () => {
      await create({ title: 'Thématiques test', slug });
      consultationId = (await t.db('consultations').where({ slug }).first()).id;
    });

    it('adds themes in order; a duplicate code or title is refused with the typed values kept', async () => {
      expect((await add({ title: 'Accompagnement des jeunes', code: 'usagers', descriptionMd: 'Le **parcours**' })).status).to.equal(303);
      expect((await add({ title: 'Pilotage et statistiques', code: 'PILOTAGE' })).status).to.equal(303);
      expect((await add({ title: 'Partenaires', code: 'PARTENAIRES' })).status).to.equal(303);
      const list = await themes();
      expect(list.map((th: { code: string }) => th.code)).to.deep.equal(['USAGERS', 'PILOTAGE', 'PARTENAIRES']);
      expect(list.map((th: { position: number }) => th.position)).to.deep.equal([1, 2, 3]);
      expect(await audit('theme.create')).to.exist;

      const dup = await add({ title: 'Accompagnement des jeunes', code: 'USAGERS', descriptionMd: 'gardé' });
      expect(dup.status).to.equal(409);
      expect(dup.text).to.contain('Ce code est déjà utilisé').and.contain('porte déjà ce titre').and.contain('gardé');
      const bad = await add({ title: 'X', code: 'É T' });
      expect(bad.status).to.equal(422);
      expect(bad.text).to.contain('Le titre doit faire au moins 2 caractères.').and.contain('lettres sans accent');
      expect(await themes()).to.have.length(3);
    });

    it('reorders themes up and down, and edits one', async () => {
      const [a, b, c] = await themes();
      expect((await dsi.post(`/admin/consultations/${slug}/thematiques/${c.id}/monter`).type('form').send({ _csrf: token })).status).to.equal(303);
      expect((await themes()).map((th: { id: number }) => th.id)).to.deep.equal([a.id, c.id, b.id]);
      await dsi.post(`/admin/consultations/${slug}/thematiques/${a.id}/descendre`).type('form').send({ _csrf: token });
      expect((await themes()).map((th: { id: number }) => th.id)).to.deep.equal([c.id, a.id, b.id]);
      const top = await dsi.post(`/admin/consultations/${slug}/thematiques/${c.id}/monter`).type('form').send({ _csrf: token });
      expect(top.status).to.equal(422);
      expect(top.text).to.contain('déjà en tête ou en fin de liste');
      expect(JSON.parse((await audit('theme.move')).after_json).order).to.deep.equal([c.id, a.id, b.id]);

      const edit = await dsi.post(`/admin/consultations/${slug}/thematiques/${b.id}`).type('form').send({ _csrf: token, title: 'Pilotage, statistiques et données', code: 'PILOTAGE', descriptionMd: '' });
      expect(edit.status).to.equal(303);
      expect((await t.db('themes').where({ id: b.id }).first()).title).to.equal('Pilotage, statistiques et données');
      expect(JSON.parse((await audit('theme.update')).before_json).title).to.equal('Pilotage et statistiques');

      const page = await request(app).get(`/consultations/${slug}`);
      const order = ['Partenaires', 'Accompagnement des jeunes', 'Pilotage, statistiques et données'].map((s) => page.text.indexOf(`<h3>${s}</h3>`));
      expect(order.every((i) => i > 0)).to.equal(true);
      expect([...order].sort((x, y) => x - y)).to.deep.equal(order);
    });

    it('deletes an unused theme but refuses, with a French message, to delete a theme that contributions use', async () => {
      const [first, second] = await themes();
      await makeRawContribution(t.db, consultationId, { theme_id: first.id, source: 'individuelle', body: 'Une contribution rattachée' });
      const refused = await dsi.post(`/admin/consultations/${slug}/thematiques/${first.id}/supprimer`).type('form').send({ _csrf: token });
      expect(refused.status).to.equal(409);
      expect(refused.text).to.contain(`La thématique « ${first.title} » ne peut pas être supprimée : 1 objet y est rattaché`);
      expect(await t.db('themes').where({ id: first.id }).first()).to.exist;

      const done = await dsi.post(`/admin/consultations/${slug}/thematiques/${second.id}/supprimer`).type('form').send({ _csrf: token });
      expect(done.status).to.equal(303);
      expect(await t.db('themes').where({ id: second.id }).first()).to.equal(undefined);
      expect((await themes()).map((th: { position: number }) => th.position)).to.deep.equal([1, 2]);
      expect(await audit('theme.delete')).to.exist;
    });

    it('answers 404 for a theme of another consultation', async () => {
      const other = await t.db('themes').whereNot({ consultation_id: consultationId }).first();
      const foreign = other?.id ?? 999_999;
      expect((await dsi.get(`/admin/consultations/${slug}/thematiques/${foreign}`)).status).to.equal(404);
      expect((await dsi.get('/admin/consultations/inconnue/thematiques')).status).to.equal(404);
    });
  });

  describe('overview', () => {
  it('lists every consultation for the DSI with links to its set-up pages, also from the public page', async () => {
    const list = await dsi.get('/admin/consultations');
    expect(list.status).to.equal(200);
    expect(list.text).to.contain('Nouvelle consultation').and.contain('Calendrier test').and.contain('Thématiques test');
    const publicPage = await dsi.get('/consultations/calendrier-test');
    expect(publicPage.text).to.contain('href="/admin/consultations/calendrier-test/calendrier"');
    const visitorPage = await request(app).get('/consultations/calendrier-test');
    expect(visitorPage.text).not.to.contain('/admin/consultations/');
    expect((await dsi.get('/consultations')).text).to.contain('href="/admin/consultations"');
  });
  });

  describe('role matrix', () => {
    const slug = 'calendrier-test';
    const PAGES = ['/admin/consultations', '/admin/consultations/nouvelle', `/admin/consultations/${slug}`, `/admin/consultations/${slug}/calendrier`,
      `/admin/consultations/${slug}/thematiques`, `/admin/consultations/${slug}/ouvertures`, `/admin/consultations/${slug}/candidatures`];
    const ACTIONS = async () => {
      const theme = await t.db('themes').first();
      const c = await t.db('consultations').where({ id: theme.consultation_id }).first();
      return [
        '/admin/consultations',
        `/admin/consultations/${slug}`,
        `/admin/consultations/${slug}/calendrier`,
        `/admin/consultations/${slug}/ouvertures`,
        `/admin/consultations/${c.slug}/thematiques`,
        `/admin/consultations/${c.slug}/thematiques/${theme.id}`,
        `/admin/consultations/${c.slug}/thematiques/${theme.id}/monter`,
        `/admin/consultations/${c.slug}/thematiques/${theme.id}/descendre`,
        `/admin/consultations/${c.slug}/thematiques/${theme.id}/supprimer`,
      ];
    };
    const snapshot = async () => JSON.stringify([await t.db('consultations').orderBy('id'), await t.db('themes').orderBy('id'), await t.db('consultation_phases').orderBy('id')]);

    it('sends a visitor to the login form for every set-up page', async () => {
      for (const path of PAGES) {
        const res = await request(app).get(path);
        expect(res.status, path).to.equal(303);
        expect(res.headers.location, path).to.equal('/connexion');
      }
    });

    for (const role of ['contributeur', 'ambassadeur'] as const) {
      it(`answers 403 to a ${role} on every set-up page and action, and changes nothing`, async () => {
        const agent = await loginAs(app, (await makeUser(t.db, role)).email);
        for (const path of PAGES) {
          const res = await agent.get(path);
          expect(res.status, path).to.equal(403);
          expect(res.text).to.contain('Accès refusé');
        }
        const agentToken = await tokenFor(agent);
        const before = await snapshot();
        for (const path of await ACTIONS()) {
          const res = await agent.post(path).type('form').send({
            _csrf: agentToken, title: 'Piratée', slug: 'piratee', code: 'PIRATE', version: '1',
            contributions: 'ouvert', consolidation: 'ouvert', ambassadorCall: 'ouvert', lancement_startsOn: '2027-01-01', lancement_endsOn: '2027-01-02',
          });
          expect(res.status, path).to.equal(403);
        }
        expect(await snapshot()).to.equal(before);
        const home = await agent.get('/consultations/calendrier-test');
        expect(home.text).not.to.contain('/admin/consultations/');
        expect((await agent.get('/')).text).not.to.contain('href="/admin/consultations"');
      });
    }
  });
});
