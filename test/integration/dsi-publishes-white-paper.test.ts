import crypto from 'node:crypto';
import { expect } from 'chai';
import type { Express } from 'express';
import type { Knex } from 'knex';
import request from 'supertest';
import { freshDb, type TestDb } from '../support/db';
import { openDemo } from '../support/demo';
import { makeConsultation } from '../support/factories';
import { buildApp, csrfFrom, loginAs, makeUser, TEST_PASSWORD } from '../support/app';
import { inspectPdf, pagesToPng, plainSpaces, writeTemp } from '../support/pdf';
import { DEMO_PASSWORD, DEMO_SLUG } from '../../seeds/demo';
import { frenchSpacing } from '../../src/shared/text/typography';
import { jobsSettled } from '../../src/shared/jobs';

const BASE = `/consultations/${DEMO_SLUG}/livre-blanc`;
const ADMIN = `/admin/consultations/${DEMO_SLUG}/livre-blanc`;

/** Binary bodies (PDF) as a Buffer with supertest. */
const binary = (res: request.Response, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

describe('The DSI publishes the white paper; everyone reads it (demo consultation)', function () {
  this.timeout(180_000);
  let t: TestDb;
  let db: Knex;
  let app: Express;
  let consultationId: number;

  before(async () => {
    ({ t, db, app, consultationId } = await openDemo());
  });
  after(() => t.destroy());

  const editorialForm = async (agent: ReturnType<typeof request.agent>) => {
    const page = await agent.get(ADMIN);
    expect(page.status).to.equal(200);
    const content = await db('whitepaper_content').where({ consultation_id: consultationId }).first();
    const intros = await db('whitepaper_theme_intros').where({ consultation_id: consultationId });
    const form: Record<string, string> = {
      _csrf: csrfFrom(page.text),
      title: content.title,
      subtitle: content.subtitle,
      foreword_md: content.foreword_md,
      method_md: content.method_md,
      conclusion_md: content.conclusion_md,
      acknowledgements_md: content.acknowledgements_md,
      version: String(content.version),
    };
    for (const i of intros) form[`intro_${i.theme_id}`] = i.intro_md;
    return form;
  };

  it('lets a visitor download the latest edition from the public page: a valid, tagged PDF with every need', async () => {
    const page = await request(app).get(`/consultations/${DEMO_SLUG}`);
    expect(page.status).to.equal(200);
    expect(page.text).to.contain(`href="${BASE}.pdf"`);

    const res = await request(app).get(`${BASE}.pdf`).buffer(true).parse(binary);
    expect(res.status).to.equal(200);
    expect(res.headers['content-type']).to.equal('application/pdf');
    const pdf = res.body as Buffer;
    const edition = await db('whitepaper_editions').where({ consultation_id: consultationId, number: 1 }).first();
    expect(crypto.createHash('sha256').update(pdf).digest('hex')).to.equal(edition.pdf_sha256);
    expect(pdf.length).to.equal(Number(edition.pdf_bytes));

    const file = writeTemp(pdf, 'livre-blanc-v1.pdf');
    const report = inspectPdf(file);
    expect(report.qpdfCheck.status, report.qpdfCheck.output).to.equal(0);
    expect(report.qpdfCheck.output).to.not.match(/WARNING/i);
    expect(report.info.Tagged).to.equal('yes');
    expect(report.info.Title).to.equal('Livre blanc du futur système d’information des Missions Locales');
    expect(Number(report.info.Pages)).to.equal(Number(edition.pages)).and.to.be.greaterThan(20);
    expect(report.fonts.length).to.be.greaterThan(0);
    expect(report.fonts.filter((f) => !f.embedded), 'fonts not embedded').to.deep.equal([]);
    expect(report.outlines).to.include.members(['Avant-propos', 'Les chiffres de la consultation', 'Annexes']);

    const text = plainSpaces(report.text);
    for (const figure of ['84', '811', '1 091', '88']) expect(text).to.contain(figure);
    for (const accents of ['système d’information', 'La méthode', 'région', 'Issu de', '«', '»', 'ç']) expect(text).to.contain(accents);
    const needs = await db('needs').where({ consultation_id: consultationId, status: 'valide' }).select('code', 'title');
    expect(needs).to.have.length(88);
    for (const n of needs) {
      expect(text, n.code).to.contain(`${n.code} `);
      // Titles may wrap across lines: compared with every space made plain.
      expect(text, n.title).to.contain(plainSpaces(frenchSpacing(n.title)));
    }
    expect(pagesToPng(file, 'whitepaper-demo').length).to.be.greaterThan(0);
  });

  it('serves the same edition as a web page with an anchor for each need and each proposal', async () => {
    const res = await request(app).get(BASE);
    expect(res.status).to.equal(200);
    const codes = await db('needs').where({ consultation_id: consultationId }).pluck('code');
    for (const code of codes) expect(res.text).to.contain(`id="besoin-${code}"`);
    const proposals = await db('functional_proposals as p').join('needs as n', 'n.id', 'p.need_id').where('n.consultation_id', consultationId).pluck('p.code');
    for (const code of proposals) expect(res.text).to.contain(`id="proposition-${code.replace(/\./g, '-')}"`);
    expect(res.text).to.contain('<svg');
    expect(res.text).to.match(/Issu de \d+ contributions/);
    // Quotes never carry a name: no anonymous contributor quoted is named on the page.
    const names = await db('representative_quotes as q')
      .join('raw_contributions as rc', 'rc.id', 'q.raw_contribution_id')
      .join('users as u', 'u.id', 'rc.author_id')
      .where('rc.anonymous', true)
      .pluck('u.display_name');
    for (const name of names) expect(res.text).to.not.contain(name);

    expect((await request(app).get(`${BASE}/editions/1`)).status).to.equal(200);
    expect((await request(app).get(`${BASE}/editions/1.pdf`)).headers['content-type']).to.equal('application/pdf');
    expect((await request(app).get(`${BASE}/editions/9`)).status).to.equal(404);
    expect((await request(app).get(`${BASE}/editions/abc`)).status).to.equal(404);
    expect((await request(app).get(`${BASE}/editions`)).text).to.contain(
      (await db('whitepaper_editions').where({ consultation_id: consultationId }).first()).pdf_sha256,
    );
  });

  it('keeps drafts to the DSI and the consultation’s ambassadors', async () => {
    expect((await request(app).get(`${BASE}/brouillon`)).status).to.equal(303);
    const contributor = await loginAs(app, 'contributeur@ensemble.test', DEMO_PASSWORD);
    expect((await contributor.get(`${BASE}/brouillon`)).status).to.equal(403);
    expect((await contributor.get(`${BASE}/brouillon.pdf`)).status).to.equal(403);
    expect((await contributor.get(ADMIN)).status).to.equal(403);
    const otherAmbassador = await makeUser(db, 'ambassadeur');
    expect((await (await loginAs(app, otherAmbassador.email, TEST_PASSWORD)).get(`${BASE}/brouillon`)).status).to.equal(403);

    // Whatever an author typed, no script, remote image or raw HTML reaches the page or the PDF.
    const need = await db('needs').where({ consultation_id: consultationId, code: 'B-05' }).first();
    const hostile = 'Texte sûr. <script>alert("piège")</script> <img src="http://evil.example/x.png"> ![photo](http://evil.example/y.png) <iframe src="http://evil.example"></iframe> [lien](javascript:alert(1))';
    await db('needs').where({ id: need.id }).update({ description_md: hostile });
    const ambassador = await loginAs(app, 'ambassadeur@ensemble.test', DEMO_PASSWORD);
    const draft = await ambassador.get(`${BASE}/brouillon`);
    expect(draft.status).to.equal(200);
    expect(draft.text).to.contain('Version de travail');
    expect(draft.text).to.contain('Texte sûr.');
    expect(draft.text).to.not.match(/piège|evil\.example|<iframe|javascript:/);
    const pdf = await ambassador.get(`${BASE}/brouillon.pdf`).buffer(true).parse(binary);
    expect(pdf.status).to.equal(200);
    expect((pdf.body as Buffer).subarray(0, 5).toString()).to.equal('%PDF-');
    expect((pdf.body as Buffer).subarray(-6).toString()).to.contain('%%EOF');
    const text = inspectPdf(writeTemp(pdf.body as Buffer, 'brouillon.pdf')).text;
    expect(text).to.contain('Texte sûr.');
    expect(text).to.not.match(/piège|evil\.example|javascript:/);
    await db('needs').where({ id: need.id }).update({ description_md: need.description_md });
  });

  it('lets an ambassador decide whether the white paper names them', async () => {
    const ambassador = await loginAs(app, 'ambassadeur@ensemble.test', DEMO_PASSWORD);
    const user = await db('users').where({ email: 'ambassadeur@ensemble.test' }).first();
    const consent = async () => Number((await db('ambassador_applications').where({ consultation_id: consultationId, user_id: user.id }).first()).whitepaper_consent) === 1 ||
      (await db('ambassador_applications').where({ consultation_id: consultationId, user_id: user.id }).first()).whitepaper_consent === true;
    const before = await consent();
    const page = await ambassador.get(`${BASE}/brouillon`);
    const res = await ambassador.post(`${BASE}/consentement`).type('form').send({ _csrf: csrfFrom(page.text), consent: before ? 'non' : 'oui' });
    expect(res.status).to.equal(303);
    expect(await consent()).to.equal(!before);
    const draft = await ambassador.get(`${BASE}/brouillon`);
    expect(draft.text.includes(`<strong>${user.display_name}</strong>`)).to.equal(!before);
    expect(await db('audit_log').where({ action: before ? 'whitepaper.consent.withdraw' : 'whitepaper.consent.give' }).first()).to.not.equal(undefined);

    // The DSI is not an ambassador of the consultation: there is no consent of theirs to set.
    const dsi = await loginAs(app, 'dsi@ensemble.test', DEMO_PASSWORD);
    const admin = await dsi.get(ADMIN);
    expect((await dsi.post(`${BASE}/consentement`).type('form').send({ _csrf: csrfFrom(admin.text), consent: 'oui' })).status).to.equal(404);
  });

  it('saves the editorial content with a preview, keeps what was typed on errors and detects concurrent edits', async () => {
    const dsi = await loginAs(app, 'dsi@ensemble.test', DEMO_PASSWORD);
    const form = await editorialForm(dsi);

    const preview = await dsi.post(ADMIN).type('form').send({ ...form, action: 'apercu', foreword_md: 'Un **aperçu** <script>alert(1)</script> ?' });
    expect(preview.status).to.equal(200);
    expect(preview.text).to.contain('Un <strong>aperçu</strong>');
    expect(preview.text).to.not.contain('<script>alert(1)</script>');
    expect((await db('whitepaper_content').where({ consultation_id: consultationId }).first()).foreword_md).to.equal(form.foreword_md);

    const tooLong = await dsi.post(ADMIN).type('form').send({ ...form, action: 'enregistrer', method_md: 'é'.repeat(12_001), conclusion_md: 'Ma conclusion tapée' });
    expect(tooLong.status).to.equal(422);
    expect(tooLong.text).to.contain('La méthode ne doit pas dépasser');
    expect(tooLong.text).to.contain('Ma conclusion tapée');

    const saved = await dsi.post(ADMIN).type('form').send({ ...form, action: 'enregistrer', subtitle: 'Sous-titre révisé' });
    expect(saved.status).to.equal(303);
    const row = await db('whitepaper_content').where({ consultation_id: consultationId }).first();
    expect(row.subtitle).to.equal('Sous-titre révisé');
    expect(Number(row.version)).to.equal(Number(form.version) + 1);

    // A second tab, still at the old version: refused, both texts shown, nothing overwritten.
    const stale = await dsi.post(ADMIN).type('form').send({ ...form, action: 'enregistrer', subtitle: 'Écrit dans un autre onglet' });
    expect(stale.status).to.equal(409);
    expect(stale.text).to.contain('Sous-titre révisé');
    expect(stale.text).to.contain('Écrit dans un autre onglet');
    expect((await db('whitepaper_content').where({ consultation_id: consultationId }).first()).subtitle).to.equal('Sous-titre révisé');
    expect(await db('audit_log').where({ action: 'whitepaper.content.update' }).count({ n: '*' }).first().then((r) => Number(r?.n))).to.equal(1);
  });

  it('refuses to publish with an unfinished section, listing what is missing', async () => {
    const dsi = await loginAs(app, 'dsi@ensemble.test', DEMO_PASSWORD);
    const form = await editorialForm(dsi);
    const cleared = await dsi.post(ADMIN).type('form').send({ ...form, action: 'enregistrer', conclusion_md: '' });
    expect(cleared.status).to.equal(303);
    const page = await dsi.get(ADMIN);
    expect(page.text).to.contain('La conclusion n’est pas rédigée.');
    const version = (await db('whitepaper_content').where({ consultation_id: consultationId }).first()).version;
    const res = await dsi.post(`${ADMIN}/publier`).type('form').send({ _csrf: csrfFrom(page.text), version: String(version) });
    expect(res.status).to.equal(422);
    expect(res.text).to.contain('1 point à compléter');
    expect(res.text).to.contain('La conclusion n’est pas rédigée.');
    expect(await db('whitepaper_editions').where({ consultation_id: consultationId }).count({ n: '*' }).first().then((r) => Number(r?.n))).to.equal(1);

    const restored = await editorialForm(dsi);
    expect((await dsi.post(ADMIN).type('form').send({ ...restored, action: 'enregistrer', conclusion_md: 'Conclusion rétablie : la suite au prochain numéro !' })).status).to.equal(303);
  });

  it('publishes a new immutable edition, with its changelog, and never changes the previous one', async () => {
    const dsi = await loginAs(app, 'dsi@ensemble.test', DEMO_PASSWORD);
    const v1 = await db('whitepaper_editions').where({ consultation_id: consultationId, number: 1 }).first();
    const need = await db('needs').where({ consultation_id: consultationId, code: 'B-02' }).first();
    await db('needs').where({ id: need.id }).update({ title: 'Un titre revu pour la deuxième édition' });

    const page = await dsi.get(ADMIN);
    const version = (await db('whitepaper_content').where({ consultation_id: consultationId }).first()).version;
    // Published from an old view of the content: refused, the DSI must look again.
    const outdated = await dsi.post(`${ADMIN}/publier`).type('form').send({ _csrf: csrfFrom(page.text), version: String(Number(version) - 1) });
    expect(outdated.status).to.equal(409);

    const res = await dsi.post(`${ADMIN}/publier`).type('form').send({ _csrf: csrfFrom(page.text), version: String(version) });
    expect(res.status).to.equal(303);
    const progress = await dsi.get(res.headers.location!);
    expect(progress.status).to.equal(200);
    expect(progress.text).to.contain('L’édition 2 est publiée');

    const v2 = await db('whitepaper_editions').where({ consultation_id: consultationId, number: 2 }).first();
    expect(v2.pdf_sha256).to.match(/^[0-9a-f]{64}$/);
    expect(crypto.createHash('sha256').update(Buffer.from(v2.pdf)).digest('hex')).to.equal(v2.pdf_sha256);
    const v1After = await db('whitepaper_editions').where({ id: v1.id }).first();
    expect(v1After.snapshot_json).to.equal(v1.snapshot_json);
    expect(v1After.pdf_sha256).to.equal(v1.pdf_sha256);
    expect((await request(app).get(`${BASE}/editions/1`)).text).to.not.contain('Un titre revu pour la deuxième édition');
    expect((await request(app).get(BASE)).text).to.contain('Un titre revu pour la deuxième édition');
    expect(plainSpaces(inspectPdf(writeTemp(Buffer.from(v2.pdf), 'v2.pdf')).text)).to.contain('Un titre revu pour la deuxième');

    const changes = await request(app).get(`${BASE}/changements?de=1&vers=2`);
    expect(changes.status).to.equal(200);
    expect(changes.text).to.contain('Besoins : 0 ajouté, 1 modifié, 0 retiré');
    expect(changes.text).to.contain('Un titre revu pour la deuxième édition</a> — titre');
    expect((await request(app).get(`${BASE}/changements?de=1&vers=7`)).status).to.equal(404);

    const audit = await db('audit_log').where({ action: 'whitepaper.publish', object_id: String(v2.id) }).first();
    expect(JSON.parse(audit.after_json)).to.include({ number: 2, needs: 88, pdf_sha256: v2.pdf_sha256 });

    // The contributors behind the published needs are told, one mail each, listing their needs.
    const mails = await db('outbox_mails').where({ kind: 'contribution_publiee' }).select('to_address', 'subject', 'text_body');
    expect(mails.length).to.be.greaterThan(10);
    expect(new Set(mails.map((m) => m.to_address)).size, 'one mail per person').to.equal(mails.length);
    expect(mails[0].subject).to.match(/^Vos contributions dans le livre blanc : /);
    expect(mails[0].text_body).to.contain('L’édition n° 2 du livre blanc').and.match(/\n- B-\d+ /).and.contain(`${BASE}\n`).and.contain('/desabonnement/');
  });

  /** Polls a progress page's JSON until the layout is over (at most 30 s). */
  async function untilFinished(agent: ReturnType<typeof request.agent>, stateUrl: string) {
    let state = (await agent.get(stateUrl)).body as { finished: boolean; done: number; total: number; message: string };
    expect(state.total).to.equal(100);
    expect(state.message).to.match(/^Mise en page du PDF : \d+ %\.$/);
    for (let i = 0; i < 120 && !state.finished; i++) {
      await new Promise((r) => setTimeout(r, 250));
      state = (await agent.get(stateUrl)).body;
    }
    expect(state.finished).to.equal(true);
    await jobsSettled();
  }

  it('publishes a long document in the background (WHITEPAPER_BACKGROUND_NEEDS), its page showing the progress', async () => {
    const longApp = buildApp(db, { WHITEPAPER_BACKGROUND_NEEDS: '10' });
    const dsi = await loginAs(longApp, 'dsi@ensemble.test', DEMO_PASSWORD);
    const page = await dsi.get(ADMIN);
    const version = Number((await db('whitepaper_content').where({ consultation_id: consultationId }).first()).version);
    const before = Number((await db('whitepaper_editions').where({ consultation_id: consultationId }).max({ m: 'number' }).first())?.m);
    const res = await dsi.post(`${ADMIN}/publier`).type('form').send({ _csrf: csrfFrom(page.text), version: String(version) });
    expect(res.status).to.equal(303);
    const url = String(res.headers.location);
    expect(url).to.match(new RegExp(`^${ADMIN}/publications/\\d+$`));
    // Answered before the layout is over: the page shows its progress.
    const running = await dsi.get(url);
    expect(running.status).to.equal(200);
    expect(running.text).to.contain('<progress').and.contain('/static/js/progress.js').and.contain('Actualiser');
    await untilFinished(dsi, `${url}/etat`);
    expect((await dsi.get(url)).text).to.contain(`L’édition ${before + 1} est publiée`);
    expect((await request(app).get(`${BASE}/editions/${before + 1}.pdf`)).status).to.equal(200);
  });

  it('lays a long draft’s PDF out in the background for an ambassador, and keeps it to those who may read the draft', async () => {
    const longApp = buildApp(db, { WHITEPAPER_BACKGROUND_NEEDS: '10' });
    const ambassador = await loginAs(longApp, 'ambassadeur@ensemble.test', DEMO_PASSWORD);
    const draft = await ambassador.get(`${BASE}/brouillon`);
    // A long draft offers a button (a POST) instead of a link that would keep the browser waiting.
    expect(draft.text).to.contain(`action="${BASE}/brouillon/pdf"`).and.contain('sa progression s’affiche');
    expect(draft.text).to.not.contain(`href="${BASE}/brouillon.pdf"`);
    expect((await (await loginAs(app, 'ambassadeur@ensemble.test', DEMO_PASSWORD)).get(`${BASE}/brouillon`)).text).to.contain(`href="${BASE}/brouillon.pdf"`);

    const res = await ambassador.post(`${BASE}/brouillon/pdf`).type('form').send({ _csrf: csrfFrom(draft.text) });
    expect(res.status).to.equal(303);
    const url = String(res.headers.location);
    expect(url).to.match(new RegExp(`^${BASE}/brouillon/pdf/\\d+$`));
    // Asking again while it runs joins the same layout.
    const again = await ambassador.post(`${BASE}/brouillon/pdf`).type('form').send({ _csrf: csrfFrom(draft.text) });
    const row = await db('whitepaper_draft_pdfs').where({ id: Number(url.split('/').at(-1)) }).first();
    if (row.status === 'en_cours') expect(again.headers.location).to.equal(url);
    const progressPage = await ambassador.get(url);
    expect(progressPage.status).to.equal(200);
    expect(progressPage.text).to.contain('PDF de la version de travail');
    await untilFinished(ambassador, `${url}/etat`);
    const ready = await ambassador.get(url);
    expect(ready.text).to.contain('Le PDF est prêt').and.contain(`${url}.pdf`);
    const pdf = await ambassador.get(`${url}.pdf`).buffer(true).parse(binary);
    expect(pdf.status).to.equal(200);
    expect(pdf.headers['content-type']).to.equal('application/pdf');
    expect(pdf.headers['cache-control']).to.contain('no-store');
    const info = inspectPdf(writeTemp(pdf.body as Buffer, 'brouillon-long.pdf'));
    expect(info.text).to.contain('B-01');
    expect(Number((await db('whitepaper_draft_pdfs').where({ id: row.id }).first()).pages)).to.be.greaterThan(10);

    // Only those who may read the draft: not a contributor, not another consultation's address, not a visitor.
    const contributor = await loginAs(longApp, 'contributeur@ensemble.test', DEMO_PASSWORD);
    expect((await contributor.get(url)).status).to.equal(403);
    expect((await contributor.get(`${url}.pdf`)).status).to.equal(403);
    expect((await contributor.post(`${BASE}/brouillon/pdf`).type('form').send({ _csrf: csrfFrom((await contributor.get('/profil')).text) })).status).to.equal(403);
    expect((await request(longApp).get(`${url}.pdf`)).status).to.equal(303);
    const dsi = await loginAs(longApp, 'dsi@ensemble.test', DEMO_PASSWORD);
    expect((await dsi.get(`${url}.pdf`)).status).to.equal(200);
    await makeConsultation(db, { slug: 'autre-consultation', title: 'Autre consultation' });
    expect((await dsi.get(url.replace(DEMO_SLUG, 'autre-consultation'))).status).to.equal(404);
    expect((await dsi.get(`${BASE}/brouillon/pdf/abc`)).status).to.equal(404);
    // No CSRF token, no layout.
    expect((await ambassador.post(`${BASE}/brouillon/pdf`).type('form').send({})).status).to.equal(403);

    // A failed layout says why and offers to start again; finished files are forgotten after a day.
    await db('whitepaper_draft_pdfs').where({ id: row.id }).update({ status: 'echouee', error: 'mémoire insuffisante' });
    const failed = await ambassador.get(url);
    expect(failed.text).to.contain('La mise en page du PDF a échoué').and.contain('mémoire insuffisante').and.contain('Relancer la mise en page');
    expect((await ambassador.get(`${url}.pdf`)).status).to.equal(404);
    await db('whitepaper_draft_pdfs').where({ id: row.id }).update({ created_at: new Date(Date.now() - 2 * 86_400_000).toISOString() });
    const next = await ambassador.post(`${BASE}/brouillon/pdf`).type('form').send({ _csrf: csrfFrom(draft.text) });
    expect(next.headers.location).to.not.equal(url);
    expect((await ambassador.get(url)).status).to.equal(404);
    await jobsSettled();
  });

  it('runs one publication at a time and refuses publishing to anyone but the DSI', async () => {
    const dsi = await loginAs(app, 'dsi@ensemble.test', DEMO_PASSWORD);
    const page = await dsi.get(ADMIN);
    const version = (await db('whitepaper_content').where({ consultation_id: consultationId }).first()).version;
    const running = await db('whitepaper_publications').insert({
      consultation_id: consultationId, status: 'en_cours', content_version: version, steps_total: 88, steps_done: 10,
      created_at: new Date().toISOString(), updated_at: new Date().toISOString(),
    });
    const res = await dsi.post(`${ADMIN}/publier`).type('form').send({ _csrf: csrfFrom(page.text), version: String(version) });
    expect(res.status).to.equal(409);
    expect(res.text).to.contain('Une publication est déjà en cours');
    await db('whitepaper_publications').where({ status: 'en_cours' }).update({ status: 'echouee' });
    expect(running).to.not.equal(undefined);

    const ambassador = await loginAs(app, 'ambassadeur@ensemble.test', DEMO_PASSWORD);
    const draft = await ambassador.get(`${BASE}/brouillon`);
    expect((await ambassador.post(`${ADMIN}/publier`).type('form').send({ _csrf: csrfFrom(draft.text), version: String(version) })).status).to.equal(403);
    expect((await dsi.post(`${ADMIN}/publier`).type('form').send({ version: String(version) })).status).to.equal(403);
  });
});

describe('Publishing a white paper with nothing validated', function () {
  this.timeout(60_000);
  let t: TestDb;
  after(() => t?.destroy());

  it('is refused with the list of what is missing, and the public address says it is not published', async () => {
    t = await freshDb();
    const app = buildApp(t.db);
    const dsi = await makeUser(t.db, 'dsi');
    const agent = await loginAs(app, dsi.email, TEST_PASSWORD);
    const created = await agent.post('/admin/consultations').type('form').send({ _csrf: csrfFrom((await agent.get('/admin/consultations/nouvelle')).text), title: 'Consultation vide', slug: 'vide', descriptionMd: '', dataNoticeMd: '' });
    expect(created.status).to.equal(303);
    const page = await agent.get('/admin/consultations/vide/livre-blanc');
    expect(page.status).to.equal(200);
    const res = await agent.post('/admin/consultations/vide/livre-blanc/publier').type('form').send({ _csrf: csrfFrom(page.text), version: '0' });
    expect(res.status).to.equal(422);
    expect(res.text).to.contain('Aucun besoin validé');
    expect(res.text).to.contain('Le titre n’est pas renseigné.');
    expect((await request(app).get('/consultations/vide/livre-blanc')).status).to.equal(404);
    expect((await request(app).get('/consultations/vide/livre-blanc.pdf')).status).to.equal(404);
  });
});
