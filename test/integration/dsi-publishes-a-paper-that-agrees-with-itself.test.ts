import { expect } from 'chai';
import ExcelJS from 'exceljs';
import type { Express } from 'express';
import type { Knex } from 'knex';
import request from 'supertest';
import { openDemo } from '../support/demo';
import type { TestDb } from '../support/db';
import { csrfFrom, loginAs } from '../support/app';
import { DEMO_PASSWORD, DEMO_SLUG } from '../../seeds/demo';
import { contributionsByRegion, participationFigures } from '../../src/modules/stats';
import { needTraces, quotesOf } from '../../src/modules/needs';
import { whereSaid } from '../../src/modules/contributions';

const ADMIN = `/admin/consultations/${DEMO_SLUG}/livre-blanc`;
const DRAFT = `/consultations/${DEMO_SLUG}/livre-blanc/brouillon`;
/** A text as EJS writes it in a page (names with an apostrophe: « Pays d'Aunis »). */
const html = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&#34;').replace(/'/g, '&#39;');
const count = async (q: Knex.QueryBuilder) => Number(((await q.count({ n: '*' }).first()) as { n: number | string }).n);

/** Binary bodies (XLSX) as a Buffer with supertest. */
const binary = (res: request.Response, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

/**
 * Issue 15 (items 1–6): the white paper never contradicts itself — figures named in the editorial
 * text, numbers left over from the previous edition, the funnel, the ambassadors' appendix, where a
 * contribution was said, workshops held, anonymity in every page and file.
 */
describe('The DSI publishes a white paper that agrees with itself (demo consultation)', function () {
  this.timeout(240_000);
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

  it('lists the figures the editorial text may name, and refuses an unknown name with the known ones, saving nothing', async () => {
    const dsi = await loginAs(app, 'dsi@ensemble.test', DEMO_PASSWORD);
    const page = await dsi.get(ADMIN);
    for (const name of ['{{ateliers}}', '{{participants}}', '{{contributions_brutes}}', '{{ambassadeurs}}', '{{besoins}}']) expect(page.text).to.contain(name);
    const before = await db('whitepaper_content').where({ consultation_id: consultationId }).first();
    const form = await editorialForm(dsi);
    const res = await dsi.post(ADMIN).type('form').send({ ...form, action: 'enregistrer', method_md: `${form.method_md}\n\nSoit {{ateliers_tenus}} ateliers.` });
    expect(res.status).to.equal(422);
    expect(res.text).to.contain('La méthode nomme un chiffre inconnu : {{ateliers_tenus}}.');
    expect(res.text).to.contain('Chiffres disponibles : {{ateliers}}, {{participants}}, {{contributions_brutes}}');
    // What was typed is kept on the form.
    expect(res.text).to.contain('Soit {{ateliers_tenus}} ateliers.');
    const after = await db('whitepaper_content').where({ consultation_id: consultationId }).first();
    expect(after.version).to.equal(before.version);
    expect(after.method_md).to.equal(before.method_md);
  });

  it('refuses attendance and closing before a workshop starts, changes nothing, and counts only begun closed workshops as held', async () => {
    const dsi = await loginAs(app, 'dsi@ensemble.test', DEMO_PASSWORD);
    const held = (await participationFigures(db, consultationId)).workshopsHeld;
    expect(held).to.equal(84);
    const template = await db('workshops').where({ consultation_id: consultationId }).first();
    const [row] = await db('workshops')
      .insert({
        consultation_id: consultationId, title: 'Atelier de février 2027', starts_at: '2027-02-15T09:00:00.000Z', ends_at: '2027-02-15T11:00:00.000Z',
        mode: 'presentiel', place: 'Salle 2', structure_id: template.structure_id, capacity: 20, status: 'planifie',
      })
      .returning('id');
    const id = Number(typeof row === 'object' ? row.id : row);
    const page = await dsi.get(`/ateliers/${id}/presences`);
    expect(page.status).to.equal(200);
    for (const action of ['clore', 'enregistrer']) {
      const res = await dsi.post(`/ateliers/${id}/presences`).type('form').send({ _csrf: csrfFrom(page.text), version: '1', action, anonymousAttendees: '12', reportMd: 'Compte rendu écrit d’avance.' });
      expect(res.status, action).to.equal(409);
      expect(res.text).to.contain('Cet atelier n’a pas encore eu lieu (lundi 15 février 2027');
      expect(res.text).to.contain('Compte rendu écrit d’avance.');
    }
    const after = await db('workshops').where({ id }).first();
    expect([after.status, Number(after.anonymous_attendees), after.report_md, Number(after.version)]).to.deep.equal(['planifie', 0, '', 1]);

    // A workshop closed in advance before the rule existed is not held before its date.
    await db('workshops').where({ id }).update({ status: 'clos', anonymous_attendees: 12, closed_at: '2026-12-02T10:00:00.000Z' });
    const figures = await participationFigures(db, consultationId);
    expect(figures.workshopsHeld).to.equal(84);
    const draft = await dsi.get(DRAFT);
    expect(draft.status).to.equal(200);
    expect(draft.text).to.not.contain('Atelier de février 2027');
    await db('workshops').where({ id }).delete();
  });

  it('places a workshop contribution at its workshop in quotes, traces, figures and pages, whoever typed it', async () => {
    const quoted = await db('representative_quotes as q')
      .join('raw_contributions as rc', 'rc.id', 'q.raw_contribution_id')
      .join('workshops as w', 'w.id', 'rc.workshop_id')
      .join('structures as ws', 'ws.id', 'w.structure_id')
      .whereNotNull('rc.workshop_id')
      .where('rc.consultation_id', consultationId)
      .whereNot('rc.status', 'retiree')
      .first('q.need_id', 'rc.id', 'ws.region as workshop_region');
    expect(quoted, 'a quote from a workshop in the demo').to.not.equal(undefined);
    // Its author now belongs to a structure of another region (a remote participant).
    const elsewhere = await db('structures').whereNot('region', quoted.workshop_region).whereNotNull('region').first();
    const byRegionBefore = await contributionsByRegion(db, consultationId);
    await db('raw_contributions').where({ id: quoted.id }).update({ structure_id: elsewhere.id });

    expect(whereSaid({ workshopId: 1, workshopRegion: quoted.workshop_region, structureRegion: elsewhere.region })).to.equal(quoted.workshop_region);
    const quote = (await quotesOf(db, [Number(quoted.need_id)])).get(Number(quoted.need_id))!.find((q) => q.raw_contribution_id === Number(quoted.id))!;
    expect(quote.region).to.equal(quoted.workshop_region);
    const traced = (await needTraces(db, [Number(quoted.need_id)])).get(Number(quoted.need_id))!.raw.find((r) => r.id === Number(quoted.id))!;
    expect(traced.region).to.equal(quoted.workshop_region);
    // The figures by region did not move: the contribution still counts where it was said.
    expect(await contributionsByRegion(db, consultationId)).to.deep.equal(byRegionBefore);
    const ambassador = await loginAs(app, 'ambassadeur@ensemble.test', DEMO_PASSWORD);
    const page = await ambassador.get(`/contributions/${quoted.id}`);
    expect(page.status).to.equal(200);
    expect(page.text).to.contain(`(${quoted.workshop_region})`);
  });

  it('draws the funnel raw → consolidated → needs, with the proposals beside it per need, never above 100 %', async () => {
    const dsi = await loginAs(app, 'dsi@ensemble.test', DEMO_PASSWORD);
    const { funnel } = await participationFigures(db, consultationId);
    for (const path of [`/admin/consultations/${DEMO_SLUG}/chiffres`, `/admin/consultations/${DEMO_SLUG}/tableau-de-bord`, DRAFT]) {
      const res = await dsi.get(path);
      expect(res.status, path).to.equal(200);
      for (const share of res.text.matchAll(/(\d[\d\s\u202f\u00a0]*(?:,\d+)?)\s?%/g)) expect(Number(share[1]!.replace(/[\s\u202f\u00a0]/g, '').replace(',', '.')), `${path}: ${share[0]}`).to.be.at.most(100);
      expect(res.text, path).to.contain(`${funnel.functionalProposals} propositions fonctionnelles, soit`);
      expect(res.text, path).to.contain('par besoin');
    }
  });

  it('opens the ambassadors’ appendix with how many there were and how many chose to be named', async () => {
    const dsi = await loginAs(app, 'dsi@ensemble.test', DEMO_PASSWORD);
    const total = await count(db('ambassador_applications').where({ consultation_id: consultationId, status: 'retenue' }));
    const named = await count(db('ambassador_applications').where({ consultation_id: consultationId, status: 'retenue', whitepaper_consent: true }));
    expect(total).to.equal(14);
    expect(named).to.be.below(total);
    const draft = await dsi.get(DRAFT);
    expect(draft.text).to.contain(`${total} ambassadeurs ont accompagné la consultation`);
    expect(draft.text).to.contain(`${named} ont choisi d’être nommés ci-dessous, ${total - named}`);
  });

  it('shows an anonymous contribution’s author and structure to the DSI alone, in every page and file', async () => {
    const anonymous = await db('raw_contributions as rc')
      .join('users as u', 'u.id', 'rc.author_id')
      .join('structures as s', 's.id', 'rc.structure_id')
      .where({ 'rc.consultation_id': consultationId, 'rc.anonymous': true, 'rc.source': 'individuelle' })
      .whereNot('rc.status', 'retiree')
      .first('rc.id', 'rc.reference', 'rc.body', 'u.display_name', 's.name as structure', 'u.email');
    expect(anonymous, 'an anonymous contribution with a structure in the demo').to.not.equal(undefined);
    const link = await db('consolidation_links').where({ raw_contribution_id: anonymous.id }).whereNull('undone_at').first();
    const words = String(anonymous.body).split(/\s+/).filter((w: string) => /^[a-zà-ÿ]{6,}$/i.test(w)).slice(0, 2).join(' ');
    const selection = `q=${encodeURIComponent(words)}`;
    const base = `/consultations/${DEMO_SLUG}/contributions`;
    const pages = [
      `/contributions/${anonymous.id}`,
      `${base}?${selection}`,
      `/consolidation/contributions/${anonymous.id}`,
      ...(link ? [`/consolidees/${link.consolidated_contribution_id}`] : []),
    ];
    const ambassador = await loginAs(app, 'ambassadeur@ensemble.test', DEMO_PASSWORD);
    for (const path of pages) {
      const res = await ambassador.get(path);
      expect(res.status, path).to.equal(200);
      // A list may hold other contributions of the same structure: the anonymous one's row is read.
      const shown = path.includes('?') ? (res.text.split('<tr').find((r) => r.includes(`href="/contributions/${anonymous.id}"`)) ?? '') : res.text;
      expect(shown, `${path}: the contribution is listed`).to.not.equal('');
      for (const secret of [anonymous.display_name, anonymous.structure]) expect(shown, path).to.not.contain(html(secret)).and.not.contain(secret);
    }
    // The files, whoever downloads them: the row is there, without name or structure.
    for (const agent of [ambassador, await loginAs(app, 'dsi@ensemble.test', DEMO_PASSWORD)]) {
      const csv = await agent.get(`${base}/export.csv?${selection}`);
      expect(csv.status).to.equal(200);
      const json = await agent.get(`${base}/export.json?${selection}`);
      const rows = (JSON.parse(json.text) as { contributions?: Array<Record<string, unknown>> } | Array<Record<string, unknown>>);
      const list = Array.isArray(rows) ? rows : (rows.contributions ?? []);
      const row = list.find((r) => Number(r.id) === Number(anonymous.id))!;
      expect(row, 'the JSON row').to.not.equal(undefined);
      expect([row.auteur, row.structure]).to.deep.equal(['Anonyme', '']);
      const xlsx = await agent.get(`${base}/export.xlsx?${selection}`).buffer(true).parse(binary);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(xlsx.body);
      const cells: string[] = [];
      book.worksheets[0]!.eachRow((r) => {
        if (Number(r.getCell(1).value) === Number(anonymous.id)) r.eachCell((c) => cells.push(String(c.value ?? '')));
      });
      expect(cells.length, 'the XLSX row').to.be.greaterThan(0);
      // The selection may hold other contributions of the same structure: the anonymous one's row is read.
      const csvRow = csv.text.split('\r\n').find((l) => l.startsWith(`${anonymous.id};`))!;
      expect(csvRow, 'the CSV row').to.not.equal(undefined);
      for (const text of [csvRow, JSON.stringify(row), cells.join('\n')]) {
        expect(text).to.not.contain(anonymous.display_name);
        expect(text).to.not.contain(anonymous.structure);
      }
    }
    // The white paper quotes no name (nor structure) either.
    const paper = await request(app).get(`/consultations/${DEMO_SLUG}/livre-blanc`);
    expect(paper.text).to.not.contain(html(anonymous.display_name));
    // The DSI sees both, marked as seen by the DSI alone.
    const dsi = await loginAs(app, 'dsi@ensemble.test', DEMO_PASSWORD);
    const page = await dsi.get(`/contributions/${anonymous.id}`);
    expect(page.text).to.contain(html(`${anonymous.display_name} — contribution anonyme : nom et structure visibles de la seule DSI`));
    expect(page.text).to.contain(html(anonymous.structure));
    // The public notice says who sees what.
    const notice = await request(app).get(`/consultations/${DEMO_SLUG}`);
    expect(notice.text).to.contain('Seule la DSI voit l');
  });

  it('asks the DSI about each number left over from the previous edition, names its sentence, and publishes once confirmed', async () => {
    const dsi = await loginAs(app, 'dsi@ensemble.test', DEMO_PASSWORD);
    // A workshop held since edition 1: the figures move (85 workshops).
    const template = await db('workshops').where({ consultation_id: consultationId, status: 'clos' }).first();
    await db('workshops').insert({
      consultation_id: consultationId, title: 'Atelier de rattrapage', starts_at: '2024-01-10T09:00:00.000Z', ends_at: '2024-01-10T11:00:00.000Z',
      mode: 'distanciel', place: '', structure_id: template.structure_id, capacity: 20, status: 'clos', anonymous_attendees: 8, closed_at: '2024-01-10T12:00:00.000Z',
    });
    const form = await editorialForm(dsi);
    const saved = await dsi.post(ADMIN).type('form').send({ ...form, action: 'enregistrer', conclusion_md: `${form.conclusion_md}\n\nLa première édition comptait 84 ateliers.` });
    expect(saved.status).to.equal(303);
    const page = await dsi.get(ADMIN);
    expect(page.text).to.contain('Nombres à vérifier avant de publier');
    expect(page.text).to.contain('La première édition comptait 84 ateliers.');
    const version = String((await db('whitepaper_content').where({ consultation_id: consultationId }).first()).version);

    const refused = await dsi.post(`${ADMIN}/publier`).type('form').send({ _csrf: csrfFrom(page.text), version });
    expect(refused.status).to.equal(422);
    expect(refused.text).to.contain('1 nombre du texte éditorial reprend un chiffre de l’édition précédente');
    expect(refused.text).to.contain('value="conclusion_md:84"');
    expect(await count(db('whitepaper_editions').where({ consultation_id: consultationId }))).to.equal(1);

    const published = await dsi.post(`${ADMIN}/publier`).type('form').send({ _csrf: csrfFrom(page.text), version, confirmer: 'conclusion_md:84' });
    expect(published.status).to.equal(303);
    const edition = await db('whitepaper_editions').where({ consultation_id: consultationId, number: 2 }).first();
    const doc = JSON.parse(edition.snapshot_json);
    expect(doc.figures.workshops).to.equal(85);
    // The names read the figures of this edition; the confirmed sentence is kept as written.
    expect(doc.sections.methodMd).to.contain('85 ateliers se sont tenus');
    expect(doc.sections.methodMd).to.not.contain('{{');
    expect(doc.sections.conclusionMd).to.contain('comptait 84 ateliers');
    const audit = await db('audit_log').where({ action: 'whitepaper.publish', object_id: edition.id }).first();
    expect(JSON.parse(audit.after_json).kept_numbers).to.deep.equal([{ text: 'Conclusion', number: 84, sentence: 'La première édition comptait 84 ateliers.' }]);
  });
});
