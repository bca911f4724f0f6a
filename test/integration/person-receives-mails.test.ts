import { expect } from 'chai';
import type { Express } from 'express';
import request from 'supertest';
import pino from 'pino';
import { freshDb, type TestDb } from '../support/db';
import { buildApp, csrfFrom, loginAs, makeUser, testConfig, tokenFor } from '../support/app';
import { assignAmbassador, linkRaw, makeConsolidated, makeConsultation, makeNeed, makeProposal, makeRawContributions, makeStructure, makeWorkshop } from '../support/factories';
import { startSmtpServer, type ReceivedMail } from '../support/smtp';
import { createMailSender, notify, type MailSender } from '../../src/modules/notifications';
import { remindRegisteredPeople } from '../../src/modules/workshops';
import { createLogger } from '../../src/shared/logger';

const PUBLIC_URL = 'http://ensemble.test';
const quietLogger = () => createLogger('silent', pino.destination(2));

describe('A person receives mails through the outbox', () => {
  let t: TestDb;
  let app: Express;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let sender: MailSender;
  let consultationId: number;
  let themeId: number;
  let structureId: number;
  const env = () => ({ SMTP_URL: smtp.url, PUBLIC_URL, MAIL_FROM: 'Ensemble <ne-pas-repondre@ensemble.test>' });

  before(async () => {
    t = await freshDb();
    smtp = await startSmtpServer();
    app = buildApp(t.db, env());
    sender = createMailSender({ db: t.db, config: testConfig(env()), logger: quietLogger() })!;
    const c = await makeConsultation(t.db, { slug: 'courriels', title: 'Consultation des courriels', consolidation_open: true }, { themes: [{ code: 'USA', title: 'Usagers' }] });
    [consultationId, themeId] = [c.id, c.themes.USA!];
    structureId = await makeStructure(t.db, { name: 'Mission Locale de Tarbes' });
  });
  after(async () => {
    await sender.stop();
    await smtp.stop();
    await t.destroy();
  });

  /** Runs the sender to completion and returns what arrived for `address` since the last call. */
  const seen = new Set<ReceivedMail>();
  async function deliveredTo(address: string): Promise<ReceivedMail[]> {
    await sender.drain();
    const fresh = smtp.mails.filter((m) => !seen.has(m) && m.to.includes(address));
    fresh.forEach((m) => seen.add(m));
    return fresh;
  }
  const futureWorkshop = (attrs: Record<string, unknown> = {}) =>
    makeWorkshop(t.db, consultationId, { structure_id: structureId, title: 'Atelier parcours usagers', day: '2099-06-01', place: 'Salle du conseil', capacity: 20, ...attrs });

  it('confirms a workshop registration with an .ics invitation', async () => {
    const u = await makeUser(t.db, 'contributeur', { name: 'Inès Martin' });
    const agent = await loginAs(app, u.email);
    const id = await futureWorkshop();
    const res = await agent.post(`/ateliers/${id}/inscription`).type('form').send({ _csrf: await tokenFor(agent, `/ateliers/${id}`) });
    expect(res.status).to.equal(303);
    // The request only wrote the outbox: nothing has left yet.
    expect(smtp.mails.filter((m) => m.to.includes(u.email))).to.have.length(0);
    const [mail, ...more] = await deliveredTo(u.email);
    expect(more).to.have.length(0);
    expect(mail!.subject).to.equal('Inscription confirmée : Atelier parcours usagers');
    expect(mail!.from).to.equal('ne-pas-repondre@ensemble.test');
    expect(mail!.text).to.contain('Bonjour Inès Martin,').and.contain('Votre inscription à l’atelier est confirmée').and.contain(`${PUBLIC_URL}/ateliers/${id}`);
    expect(mail!.html).to.contain('<p>Bonjour Inès Martin,</p>').and.contain(`href="${PUBLIC_URL}/ateliers/${id}"`);
    expect(mail!.text, 'a required mail has no unsubscribe link').not.to.contain('desabonnement');
    const ics = mail!.attachments.find((a) => a.filename === 'atelier.ics');
    expect(ics, 'invitation attached').to.exist;
    expect(ics!.contentType).to.contain('text/calendar');
    expect(ics!.content).to.match(/^BEGIN:VCALENDAR\r\n/).and.contain('DTSTART:20990601T080000Z\r\n').and.contain('SUMMARY:Atelier Ensemble : Atelier parcours usagers');
    for (const line of ics!.content.split('\r\n')) expect(Buffer.byteLength(line)).to.be.at.most(75);
    const row = await t.db('outbox_mails').where({ to_address: u.email }).first();
    expect(row.status).to.equal('envoye');
    expect(row.attempts).to.equal(1);
  });

  it('tells the first person on the waiting list that a seat is theirs', async () => {
    const [a, b] = [await makeUser(t.db, 'contributeur'), await makeUser(t.db, 'contributeur', { name: 'Bastien Attente' })];
    const id = await futureWorkshop({ title: 'Petit atelier', capacity: 1 });
    const agentA = await loginAs(app, a.email);
    const agentB = await loginAs(app, b.email);
    expect((await agentA.post(`/ateliers/${id}/inscription`).type('form').send({ _csrf: await tokenFor(agentA, `/ateliers/${id}`) })).status).to.equal(303);
    expect((await agentB.post(`/ateliers/${id}/inscription`).type('form').send({ _csrf: await tokenFor(agentB, `/ateliers/${id}`), waitingList: '1' })).status).to.equal(303);
    expect(await deliveredTo(b.email), 'no mail for a place on the waiting list').to.have.length(0);
    expect((await agentA.post(`/ateliers/${id}/desinscription`).type('form').send({ _csrf: await tokenFor(agentA, `/ateliers/${id}`) })).status).to.equal(303);
    const mails = await deliveredTo(b.email);
    expect(mails.map((m) => m.subject)).to.deep.equal(['Une place s’est libérée : Petit atelier']);
    expect(mails[0]!.text).to.contain('vous quittez la liste d’attente et êtes inscrit').and.contain(`${PUBLIC_URL}/ateliers/${id}`);
    expect(mails[0]!.attachments.map((x) => x.filename)).to.deep.equal(['atelier.ics']);
  });

  it('reminds the people holding a seat the day before, once', async () => {
    const [seat, waiting] = [await makeUser(t.db, 'contributeur', { name: 'Rémi Rappel' }), await makeUser(t.db, 'contributeur')];
    const starts = new Date(Date.now() + 12 * 3600_000);
    const id = await makeWorkshop(t.db, consultationId, { structure_id: structureId, title: 'Atelier de demain', starts_at: starts.toISOString(), ends_at: new Date(starts.getTime() + 3600_000).toISOString(), capacity: 1 });
    const later = await futureWorkshop({ title: 'Atelier lointain' });
    await t.db('workshop_registrations').insert([
      { workshop_id: id, user_id: seat.id, status: 'inscrit' },
      { workshop_id: id, user_id: waiting.id, status: 'liste_attente' },
      { workshop_id: later, user_id: seat.id, status: 'inscrit' },
    ]);
    expect(await remindRegisteredPeople(t.db)).to.equal(1);
    expect(await remindRegisteredPeople(t.db), 'a second run (another instance) writes nothing').to.equal(0);
    const mails = await deliveredTo(seat.email);
    expect(mails.map((m) => m.subject)).to.deep.equal(['Rappel : Atelier de demain, demain']);
    expect(mails[0]!.text).to.contain('Bonjour Rémi Rappel,').and.contain(`${PUBLIC_URL}/ateliers/${id}`);
    expect(await deliveredTo(waiting.email)).to.have.length(0);
  });

  it('tells the ambassadors of its theme that the DSI returned a need, and the DSI when one is submitted', async () => {
    const amb = await makeUser(t.db, 'ambassadeur', { name: 'Anne Ambassadrice' });
    const otherTheme = await makeUser(t.db, 'ambassadeur');
    await assignAmbassador(t.db, consultationId, amb.id, themeId);
    const dsiUser = await makeUser(t.db, 'dsi');
    const needId = await makeNeed(t.db, { consultation_id: consultationId, theme_id: themeId, code: 'USA-01', title: 'Un dossier unique', status: 'brouillon' });
    const ambAgent = await loginAs(app, amb.email);
    const submitted = await ambAgent.post(`/besoins/${needId}/soumettre`).type('form').send({ _csrf: await tokenFor(ambAgent), version: 1 });
    expect(submitted.status).to.equal(303);
    const toDsi = await deliveredTo(dsiUser.email);
    expect(toDsi.map((m) => m.subject)).to.deep.equal(['Besoin USA-01 soumis à votre relecture']);
    expect(toDsi[0]!.text).to.contain('Anne Ambassadrice a soumis le besoin USA-01').and.contain(`${PUBLIC_URL}/besoins/${needId}`);

    const dsi = await loginAs(app, dsiUser.email);
    const version = (await t.db('needs').where({ id: needId }).first()).version;
    const res = await dsi.post(`/besoins/${needId}/renvoyer`).type('form').send({ _csrf: await tokenFor(dsi), version, comment: 'Rattachez les contributions qui le fondent.' });
    expect(res.status).to.equal(303);
    const mails = await deliveredTo(amb.email);
    expect(mails.map((m) => m.subject)).to.deep.equal(['Besoin USA-01 renvoyé par la DSI']);
    expect(mails[0]!.text).to.contain('Son commentaire : Rattachez les contributions qui le fondent.').and.contain(`${PUBLIC_URL}/besoins/${needId}`);
    expect(await deliveredTo(otherTheme.email), 'an ambassador of another theme').to.have.length(0);
  });

  it('tells contributors, once each, that their contributions were taken into a consolidated contribution', async () => {
    const [author, other] = [await makeUser(t.db, 'contributeur', { name: 'Chloé Autrice' }), await makeUser(t.db, 'contributeur')];
    const amb = await makeUser(t.db, 'ambassadeur');
    await assignAmbassador(t.db, consultationId, amb.id, themeId);
    const ids = await makeRawContributions(t.db, consultationId, [
      { theme_id: themeId, reference: 'F-1', body: 'Un seul dossier pour chaque jeune, partagé entre les conseillers.', author_id: author.id },
      { theme_id: themeId, reference: 'F-2', body: 'Ne plus ressaisir les informations du jeune dans trois logiciels.', author_id: author.id },
      { theme_id: themeId, reference: 'F-3', body: 'Un dossier partagé avec les partenaires, avec l’accord du jeune.', author_id: other.id },
    ]);
    const agent = await loginAs(app, amb.email);
    const res = await agent.post('/consultations/courriels/consolidation/consolidees').type('form').send({ _csrf: await tokenFor(agent), ids, title: 'Dossier unique du jeune', themeId });
    expect(res.status).to.equal(303);
    const mails = await deliveredTo(author.email);
    expect(mails).to.have.length(1);
    expect(mails[0]!.text).to.contain('vos contributions').and.contain('F-1 : « Un seul dossier').and.contain('F-2 : « Ne plus ressaisir').and.contain('/desabonnement/');
    expect(await deliveredTo(other.email)).to.have.length(1);
  });

  it('resets a password by email: same answer for an unknown address, a single-use link, sessions closed', async () => {
    const u = await makeUser(t.db, 'contributeur', { name: 'Paul Oubli' });
    const before = await loginAs(app, u.email);
    const visitor = request.agent(app);
    const form = await visitor.get('/mot-de-passe-oublie');
    expect(form.status).to.equal(200);
    const unknown = await visitor.post('/mot-de-passe-oublie').type('form').send({ _csrf: csrfFrom(form.text), email: 'personne@nulle-part.test' });
    const known = await visitor.post('/mot-de-passe-oublie').type('form').send({ _csrf: csrfFrom(form.text), email: u.email.toUpperCase() });
    expect(unknown.status).to.equal(200);
    expect(known.status).to.equal(200);
    const answer = (html: string) => /<div class="notice" role="status"><p>([^<]+)<\/p>/.exec(html)?.[1];
    expect(answer(known.text)).to.contain('Si un compte actif correspond à cette adresse');
    expect(answer(unknown.text)).to.equal(answer(known.text));
    expect(await deliveredTo('personne@nulle-part.test')).to.have.length(0);

    const [mail] = await deliveredTo(u.email);
    expect(mail!.subject).to.equal('Réinitialiser votre mot de passe Ensemble');
    const link = new RegExp(`${PUBLIC_URL}(/mot-de-passe/nouveau/[A-Za-z0-9_-]{43})`).exec(mail!.text)?.[1];
    expect(link, 'reset link in the mail').to.be.a('string');
    const stored = await t.db('password_resets').where({ user_id: u.id }).first();
    expect(stored.token_hash, 'stored hashed').not.to.contain(link!.split('/').pop());

    const page = await visitor.get(link!);
    expect(page.status).to.equal(200);
    const mismatch = await visitor.post(link!).type('form').send({ _csrf: csrfFrom(page.text), newPassword: 'une-nouvelle-phrase-de-passe', confirmPassword: 'autre chose' });
    expect(mismatch.status).to.equal(422);
    expect(mismatch.text).to.contain('La confirmation ne correspond pas');
    const done = await visitor.post(link!).type('form').send({ _csrf: csrfFrom(page.text), newPassword: 'une-nouvelle-phrase-de-passe', confirmPassword: 'une-nouvelle-phrase-de-passe' });
    expect(done.status).to.equal(303);
    expect(done.headers.location).to.equal('/connexion');
    await loginAs(app, u.email, 'une-nouvelle-phrase-de-passe');
    const closed = await before.get('/profil');
    expect(closed.status, 'the old session is closed').to.equal(303);
    expect(closed.headers.location).to.equal('/connexion');

    const again = await visitor.get(link!);
    expect(again.status).to.equal(410);
    expect(again.text).to.contain('Ce lien a déjà servi').and.contain('href="/mot-de-passe-oublie"');
    const reused = await visitor.post(link!).type('form').send({ _csrf: csrfFrom(page.text), newPassword: 'encore-une-autre-phrase', confirmPassword: 'encore-une-autre-phrase' });
    expect(reused.status).to.equal(410);
    expect(await t.db('audit_log').where({ action: 'user.reset_password_by_email', object_id: String(u.id) }).first()).to.exist;
  });

  it('offers a new link when the reset link has expired, and throttles requests', async () => {
    const u = await makeUser(t.db, 'contributeur');
    const visitor = request.agent(app);
    const token = await tokenFor(visitor, '/mot-de-passe-oublie');
    expect((await visitor.post('/mot-de-passe-oublie').type('form').send({ _csrf: token, email: u.email })).status).to.equal(200);
    const [mail] = await deliveredTo(u.email);
    const link = /http:\/\/ensemble\.test(\/mot-de-passe\/nouveau\/\S+)/.exec(mail!.text)![1]!;
    await t.db('password_resets').where({ user_id: u.id }).update({ expires_at: new Date(Date.now() - 1000).toISOString() });
    const expired = await visitor.get(link);
    expect(expired.status).to.equal(410);
    expect(expired.text).to.contain('Ce lien a expiré').and.contain('Recevoir un nouveau lien');
    // Three requests per address within the window, then a French refusal.
    await visitor.post('/mot-de-passe-oublie').type('form').send({ _csrf: token, email: u.email });
    await visitor.post('/mot-de-passe-oublie').type('form').send({ _csrf: token, email: u.email });
    const throttled = await visitor.post('/mot-de-passe-oublie').type('form').send({ _csrf: token, email: u.email });
    expect(throttled.status).to.equal(429);
    expect(throttled.text).to.contain('Trop de demandes de réinitialisation').and.contain(`value="${u.email}"`);
    const bad = await visitor.post('/mot-de-passe-oublie').type('form').send({ _csrf: token, email: '' });
    expect(bad.status).to.equal(422);
  });

  it('keeps a mail when the SMTP server is down and sends it later, with back-off', async () => {
    await sender.drain(); // what the earlier tests left
    const u = await makeUser(t.db, 'contributeur');
    const down = await startSmtpServer();
    await down.stop(); // a port nobody listens on any more
    const failing = createMailSender({ db: t.db, config: testConfig({ ...env(), SMTP_URL: down.url }), logger: quietLogger() })!;
    await t.db.transaction((trx) => notify.ambassadorDecision(trx, u.id, { consultationTitle: 'Consultation des courriels', selected: true, comment: null }));
    const start = new Date();
    expect(await failing.runOnce(start)).to.deep.equal({ sent: 0, failed: 1 });
    let row = await t.db('outbox_mails').where({ to_address: u.email }).first();
    expect(row.status).to.equal('en_attente');
    expect(row.attempts).to.equal(1);
    expect(row.last_error).to.be.a('string').and.not.be.empty;
    const firstDelay = new Date(row.next_attempt_at).getTime() - start.getTime();
    expect(firstDelay).to.equal(60_000);
    // Not due yet: nobody picks it up.
    expect(await failing.runOnce(new Date(start.getTime() + 30_000))).to.deep.equal({ sent: 0, failed: 0 });
    expect(await failing.runOnce(new Date(start.getTime() + 61_000))).to.deep.equal({ sent: 0, failed: 1 });
    row = await t.db('outbox_mails').where({ to_address: u.email }).first();
    expect(new Date(row.next_attempt_at).getTime() - (start.getTime() + 61_000), 'the delay doubles').to.equal(120_000);
    await failing.stop();
    // The server is back: the mail leaves at its next attempt, nothing lost.
    await sender.runOnce(new Date(start.getTime() + 200_000));
    const [mail] = await deliveredTo(u.email);
    expect(mail!.subject).to.equal('Candidature retenue : Consultation des courriels');
    row = await t.db('outbox_mails').where({ to_address: u.email }).first();
    expect(row).to.include({ status: 'envoye' });
    expect(row.attempts).to.equal(3);
  });

  it('gives up after the last attempt, visibly on the DSI’s page', async () => {
    await sender.drain();
    const u = await makeUser(t.db, 'contributeur');
    const down = await startSmtpServer();
    await down.stop();
    const failing = createMailSender({ db: t.db, config: testConfig({ ...env(), SMTP_URL: down.url, MAIL_MAX_ATTEMPTS: '2' }), logger: quietLogger() })!;
    await t.db.transaction((trx) => notify.ambassadorDecision(trx, u.id, { consultationTitle: 'Abandon', selected: false, comment: 'Merci' }));
    await failing.runOnce(new Date());
    await failing.runOnce(new Date(Date.now() + 3600_000));
    await failing.stop();
    const row = await t.db('outbox_mails').where({ to_address: u.email }).first();
    expect(row.status).to.equal('echoue');
    const dsi = await loginAs(app, (await makeUser(t.db, 'dsi')).email);
    const page = await dsi.get('/admin/courriels');
    expect(page.status).to.equal(200);
    expect(page.text).to.contain('Courriels envoyés').and.contain('Abandonné après 2 tentative(s)').and.contain(u.email);
    const one = await dsi.get(`/admin/courriels/${row.id}`);
    expect(one.status).to.equal(200);
    expect(one.text).to.contain('Candidature non retenue : Abandon').and.contain('Son commentaire : Merci');
    const contributor = await loginAs(app, u.email);
    expect((await contributor.get('/admin/courriels')).status).to.equal(403);
  });

  it('sends nothing when the action rolls back', async () => {
    const u = await makeUser(t.db, 'contributeur');
    await t.db
      .transaction(async (trx) => {
        await notify.ambassadorDecision(trx, u.id, { consultationTitle: 'Annulée', selected: true, comment: null });
        throw new Error('échec de l’action');
      })
      .catch(() => undefined);
    expect(await t.db('outbox_mails').where({ to_address: u.email })).to.have.length(0);
  });

  it('tells the contributors of a need, once each per change, that the DSI changed its follow-up status', async () => {
    const [both, one, off, elsewhere] = [
      await makeUser(t.db, 'contributeur', { name: 'Paul Deux-Besoins' }), await makeUser(t.db, 'contributeur', { name: 'Léa Un-Besoin' }),
      await makeUser(t.db, 'contributeur', { name: 'Hugo Sans-Suivi' }), await makeUser(t.db, 'contributeur'),
    ];
    const dsiUser = await makeUser(t.db, 'dsi');
    // The follow-up opens with the white paper's first edition.
    await t.db('whitepaper_editions').insert({ consultation_id: consultationId, number: 1, title: 'Livre blanc des courriels', snapshot_json: '{}', published_by: dsiUser.id });
    const need = async (code: string, title: string, authors: number[], proposals: string[]) => {
      const raws = await makeRawContributions(t.db, consultationId, authors.map((a, i) => ({ theme_id: themeId, reference: `${code}-${i}`, body: `Une contribution pour ${title}.`, author_id: a, status: 'consolidee' })));
      const cc = await makeConsolidated(t.db, { consultation_id: consultationId, theme_id: themeId, title: `Consolidée ${code}`, status: 'validee' });
      await linkRaw(t.db, cc, raws);
      const needId = await makeNeed(t.db, { consultation_id: consultationId, theme_id: themeId, code, title, status: 'valide' });
      await t.db('need_supports').insert({ need_id: needId, consolidated_contribution_id: cc });
      const ids: number[] = [];
      for (const p of proposals) ids.push(await makeProposal(t.db, { need_id: needId, code: p, title: `Proposition ${p}`, status: 'valide', target_stream: 'Socle transverse' }));
      return ids;
    };
    const [p1, p2] = await need('SUI-01', 'Un agenda partagé', [both.id, one.id, off.id], ['SUI-01.1', 'SUI-01.2']);
    const [p3] = await need('SUI-02', 'Des rappels par SMS', [both.id], ['SUI-02.1']);
    const [p4] = await need('SUI-03', 'Un annuaire des partenaires', [elsewhere.id], ['SUI-03.1']);

    // Hugo turns the kind off on his profile (unticked, the other optional kinds kept).
    const offAgent = await loginAs(app, off.email);
    const profile = await offAgent.get('/profil');
    expect(profile.text).to.match(/value="suivi_besoin" checked>/);
    const saved = await offAgent.post('/profil/courriels').type('form').send({ _csrf: csrfFrom(profile.text), kinds: ['contribution_consolidee', 'contribution_publiee'] });
    expect(saved.status).to.equal(303);
    expect((await offAgent.get('/profil')).text).not.to.match(/value="suivi_besoin" checked>/);

    const dsi = await loginAs(app, dsiUser.email);
    const admin = '/admin/consultations/courriels/suivi';
    const bulk = await dsi.post(admin).type('form').send({ _csrf: await tokenFor(dsi, admin), proposalIds: [String(p1), String(p2), String(p3)], status: 'retenue', stream: 'socle', effectiveOn: new Date().toISOString().slice(0, 10), comment: '' });
    expect(bulk.status).to.equal(303);

    const page = (code: string) => `${PUBLIC_URL}/consultations/courriels/suivi/besoins/${code}`;
    const [toBoth, ...moreBoth] = await deliveredTo(both.email);
    expect(moreBoth, 'one mail for the whole bulk change').to.have.length(0);
    expect(toBoth!.subject).to.equal('Suivi de 2 besoins auxquels vous avez contribué : Retenue');
    expect(toBoth!.text).to.contain('Bonjour Paul Deux-Besoins,').and.contain('« Consultation des courriels »')
      .and.contain(`- SUI-01 Un agenda partagé — SUI-01.1, SUI-01.2 : Retenue : ${page('SUI-01')}`)
      .and.contain(`- SUI-02 Des rappels par SMS — SUI-02.1 : Retenue : ${page('SUI-02')}`)
      .and.contain('/desabonnement/');
    expect(toBoth!.html).to.contain(`<li><a href="${page('SUI-01')}">`).and.contain(`<li><a href="${page('SUI-02')}">`);
    const [toOne, ...moreOne] = await deliveredTo(one.email);
    expect(moreOne).to.have.length(0);
    expect(toOne!.subject).to.equal('Suivi du besoin SUI-01 : Retenue');
    expect(toOne!.text).to.contain(`Suivre le besoin SUI-01 : ${page('SUI-01')}`).and.not.contain('SUI-02');
    expect(await deliveredTo(off.email), 'the kind turned off on the profile').to.have.length(0);
    expect(await deliveredTo(elsewhere.email), 'a need the change did not concern').to.have.length(0);

    // One proposal's page: only the contributors of its need; a change that keeps the status sends nothing.
    const single = async (id: number, status: string) => {
      const path = `${admin}/propositions/${id}`;
      const res = await dsi.post(path).type('form').send({ _csrf: await tokenFor(dsi, path), status, stream: 'socle', effectiveOn: new Date().toISOString().slice(0, 10), comment: 'Lot 2', links: '', estimate: '' });
      expect(res.status).to.equal(303);
    };
    await single(p3!, 'planifiee');
    expect((await deliveredTo(both.email)).map((m) => m.subject)).to.deep.equal(['Suivi du besoin SUI-02 : Planifiée']);
    expect(await deliveredTo(one.email)).to.have.length(0);
    await single(p3!, 'planifiee');
    expect(await deliveredTo(both.email), 'same status again').to.have.length(0);
    await single(p4!, 'retenue');
    expect(await deliveredTo(elsewhere.email)).to.have.length(1);
  });

  it('unsubscribes from an optional kind in one click, logged out, and the profile shows it', async () => {
    const u = await makeUser(t.db, 'contributeur', { name: 'Zoé Désabonnée' });
    const send = () => t.db.transaction((trx) => notify.contributionsConsolidated(trx, new Map([[u.id, ['« Un seul dossier pour le jeune »']]]), { title: 'Dossier unique', path: '/consultations/courriels' }));
    expect(await send()).to.equal(1);
    const [mail] = await deliveredTo(u.email);
    expect(mail!.subject).to.equal('Votre contribution a été reprise par les ambassadeurs');
    expect(mail!.text).to.contain('- « Un seul dossier pour le jeune »');
    const link = new RegExp(`${PUBLIC_URL}(/desabonnement/\\S+)`).exec(mail!.text)?.[1];
    expect(link).to.be.a('string');
    expect(mail!.html).to.contain(`href="${PUBLIC_URL}${link}"`);

    const visitor = request.agent(app);
    const ask = await visitor.get(link!);
    expect(ask.status).to.equal(200);
    expect(ask.text).to.contain('Mes contributions reprises dans la consolidation');
    expect(await t.db('notification_preferences').where({ user_id: u.id })).to.have.length(0);
    const done = await visitor.post(link!).type('form').send({ _csrf: csrfFrom(ask.text) });
    expect(done.status).to.equal(200);
    expect(done.text).to.contain('vous ne recevrez plus les courriels');
    expect(await send(), 'no mail once unsubscribed').to.equal(0);
    expect((await visitor.get(link!.slice(0, -3) + 'AAA')).status, 'a forged link').to.equal(404);

    const agent = await loginAs(app, u.email);
    const profile = await agent.get('/profil');
    expect(profile.text).to.match(/id="courriel-contribution_consolidee"[^>]*value="contribution_consolidee">/);
    expect(profile.text).to.match(/value="contribution_publiee" checked>/);
    // Ticking it again on the profile turns it back on.
    const saved = await agent.post('/profil/courriels').type('form').send({ _csrf: csrfFrom(profile.text), kinds: ['contribution_consolidee', 'contribution_publiee'] });
    expect(saved.status).to.equal(303);
    expect(await send()).to.equal(1);
  });
});

describe('Without an SMTP server', () => {
  let t: TestDb;
  before(async () => {
    t = await freshDb();
  });
  after(() => t.destroy());

  it('keeps mails in the outbox and shows them to the DSI as not sent', async () => {
    const app = buildApp(t.db);
    expect(createMailSender({ db: t.db, config: testConfig(), logger: quietLogger() })).to.equal(null);
    const u = await makeUser(t.db, 'contributeur');
    const visitor = request.agent(app);
    const token = await tokenFor(visitor, '/mot-de-passe-oublie');
    expect((await visitor.post('/mot-de-passe-oublie').type('form').send({ _csrf: token, email: u.email })).status).to.equal(200);
    const dsi = await loginAs(app, (await makeUser(t.db, 'dsi')).email);
    const page = await dsi.get('/admin/courriels');
    expect(page.text).to.contain('Aucun serveur d’envoi n’est configuré').and.contain('Non envoyé (pas de serveur SMTP)').and.contain('Réinitialiser votre mot de passe Ensemble');
  });
});
