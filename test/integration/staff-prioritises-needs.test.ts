import { expect } from 'chai';
import request from 'supertest';
import type { Express } from 'express';
import { parse } from 'csv-parse/sync';
import { freshDb, type TestDb } from '../support/db';
import { isolateEachTest } from '../support/isolation';
import { buildApp, loginAs, makeUser, tokenFor } from '../support/app';
import { makeConsultation, makeNeed, makeProposal, makeStructure } from '../support/factories';
import { insertReturningId, isUniqueViolation } from '../../src/shared/db';
import { assembleDocument } from '../../src/modules/whitepaper';

/**
 * Staff spread their points over the validated needs during a prioritisation step opened by the DSI,
 * change their ballot until it closes, and see the ranking move; bad ballots are refused with a French
 * message next to the field, the typed values kept and nothing changed; the DSI follows the results,
 * everyone sees them once the step is closed; the white paper may order each theme by the points.
 */
describe('Staff prioritise the needs of a consultation', function () {
  this.timeout(60_000);
  let t: TestDb;
  let app: Express;
  let consultation: { id: number; slug: string; themes: Record<string, number> };
  const need: Record<string, number> = {};
  let stepId: number;
  let contributor: { id: number; email: string };
  let ambassador: { id: number; email: string };
  let other: { id: number; email: string };
  let agent: request.Agent;
  let token: string;
  let dsi: request.Agent;
  let dsiToken: string;

  const HOUR = 3_600_000;
  const ballots = async () => t.db('prioritisation_ballots').where({ step_id: stepId }).orderBy('id');
  const linesOf = async (voterId: number) =>
    Object.fromEntries(
      (await t.db('prioritisation_lines as l').join('prioritisation_ballots as b', 'b.id', 'l.ballot_id').where({ 'b.step_id': stepId, 'b.voter_id': voterId }).select('l.need_id', 'l.points')).map((r) => [
        Number(r.need_id),
        Number(r.points),
      ]),
    );
  const vote = (fields: Record<string, string>, who = agent, csrf: string | null = token, step = stepId) =>
    who.post(`/priorisations/${step}`).type('form').send({ ...(csrf ? { _csrf: csrf } : {}), ...fields });
  const points = (entries: Record<string, string>) => Object.fromEntries(Object.entries(entries).map(([k, v]) => [`points_${need[k] ?? k}`, v]));
  const setWindow = (startsInHours: number, endsInHours: number) =>
    t.db('prioritisation_steps').where({ id: stepId }).update({ starts_at: new Date(Date.now() + startsInHours * HOUR).toISOString(), ends_at: new Date(Date.now() + endsInHours * HOUR).toISOString() });

  before(async () => {
    t = await freshDb();
    app = buildApp(t.db);
    const occitanie = await makeStructure(t.db, { name: 'Mission Locale de Tarbes', region: 'Occitanie' });
    const bretagne = await makeStructure(t.db, { name: 'Mission Locale de Rennes', region: 'Bretagne' });
    const c = await makeConsultation(t.db, { slug: 'priorisation-essai' }, { themes: [{ code: 'USAGERS', title: 'Usagers' }, { code: 'OUTILS', title: 'Outils du conseiller' }] });
    consultation = { id: c.id, slug: c.slug, themes: c.themes };
    const make = async (key: string, theme: string, code: string, position: number, attrs: Record<string, unknown> = {}) => {
      need[key] = await makeNeed(t.db, { consultation_id: c.id, theme_id: c.themes[theme]!, code, title: `Besoin ${key}`, position, status: 'valide', ...attrs });
      await makeProposal(t.db, { need_id: need[key]!, code: `${code}.1`, title: `Proposition ${key}`, status: 'valide' });
    };
    await make('agenda', 'USAGERS', 'B-01', 1);
    await make('dossier', 'USAGERS', 'B-02', 2);
    await make('sms', 'USAGERS', 'B-03', 3);
    await make('outil', 'OUTILS', 'B-04', 1);
    await make('export', 'OUTILS', 'B-05', 2);
    need.draft = await makeNeed(t.db, { consultation_id: c.id, theme_id: c.themes.OUTILS!, code: 'B-06', title: 'Besoin en brouillon', position: 3, status: 'brouillon' });
    contributor = await makeUser(t.db, 'contributeur', { name: 'Zoé Votante', structureId: occitanie });
    ambassador = await makeUser(t.db, 'ambassadeur', { name: 'Yves Ambassadeur', structureId: bretagne });
    other = await makeUser(t.db, 'contributeur', { name: 'Xavier Autre', structureId: bretagne });
    const admin = await makeUser(t.db, 'dsi', { name: 'Claire DSI' });
    stepId = await insertReturningId(t.db, 'prioritisation_steps', {
      consultation_id: c.id,
      title: 'Priorisation de test',
      starts_at: new Date(Date.now() - 24 * HOUR).toISOString(),
      ends_at: new Date(Date.now() + 24 * HOUR).toISOString(),
      budget: 10,
      whitepaper_order: true,
      created_by: admin.id,
    });
    agent = await loginAs(app, contributor.email);
    token = await tokenFor(agent);
    dsi = await loginAs(app, admin.email);
    dsiToken = await tokenFor(dsi);
  });
  after(() => t.destroy());
  isolateEachTest(() => t.db);

  describe('the ballot', () => {
    it('shows each validated need with a whole-number field, grouped by theme, and the points left', async () => {
      const page = await agent.get(`/priorisations/${stepId}`);
      expect(page.status).to.equal(200);
      expect(page.text).to.contain('<legend>Usagers</legend>').and.contain('<legend>Outils du conseiller</legend>');
      expect(page.text).to.match(new RegExp(`name="points_${need.agenda}" type="number" min="0" step="1"`));
      expect(page.text).not.to.contain(`points_${need.draft}`);
      expect(page.text).to.match(/Points restants : <strong data-remaining>10<\/strong> sur 10/);
      expect(page.text).to.contain('Vous n’avez pas encore voté');
    });

    it('saves a ballot with the voter’s role and region, shows their ranking and the overall one, and audits totals only', async () => {
      const res = await vote(points({ dossier: '6', outil: '3', sms: '' }));
      expect(res.status).to.equal(303);
      expect(res.headers.location).to.equal(`/priorisations/${stepId}#classement`);
      const [ballot] = await ballots();
      expect(ballot).to.include({ voter_role: 'contributeur', voter_region: 'Occitanie' });
      expect(Number(ballot.points_total)).to.equal(9);
      expect(await linesOf(contributor.id)).to.deep.equal({ [need.dossier!]: 6, [need.outil!]: 3 });
      const audit = await t.db('audit_log').where({ action: 'prioritisation.ballot.save' }).first();
      expect(JSON.parse(audit.after_json)).to.deep.equal({ step: stepId, total: 9, needs: 2 });

      const page = await agent.get(`/priorisations/${stepId}`);
      expect(page.text).to.contain('Votre vote est enregistré : 9 points sur 10 répartis entre 2 besoins.');
      expect(page.text).to.match(/Points restants : <strong data-remaining>1<\/strong>/);
      expect(page.text).to.contain('Mon vote').and.contain('Classement d’ensemble');
      const mine = page.text.slice(page.text.indexOf('class="my-ranking"'));
      expect(mine.indexOf('B-02')).to.be.below(mine.indexOf('B-04'));
    });

    it('lets a voter change their ballot until the step closes: the same row, new lines', async () => {
      await vote(points({ dossier: '6', outil: '3' }));
      const res = await vote(points({ agenda: '10', dossier: '0', outil: '' }));
      expect(res.status).to.equal(303);
      const rows = await ballots();
      expect(rows).to.have.length(1);
      expect(Number(rows[0].version)).to.equal(2);
      expect(await linesOf(contributor.id)).to.deep.equal({ [need.agenda!]: 10 });
    });

    it('shows the ranking move with the voter’s ballot', async () => {
      const amb = await loginAs(app, ambassador.email);
      await vote(points({ sms: '4', export: '6' }), amb, await tokenFor(amb));
      await vote(points({ agenda: '7', export: '3' }));
      const page = await agent.get(`/priorisations/${stepId}`);
      const table = page.text.slice(page.text.indexOf('class="ranking"'));
      // export: 9 points (1st), agenda 7 (2nd), sms 4 (3rd); without this ballot agenda shared the 3rd place at 0.
      expect(table.indexOf('B-05')).to.be.below(table.indexOf('B-01'));
      expect(table).to.match(/B-01[\s\S]*?monte de 1 place/);
      expect(table).to.match(/B-03[\s\S]*?descend de 1 place/);
      const ambBallot = (await ballots()).find((b) => Number(b.voter_id) === ambassador.id);
      expect(ambBallot).to.include({ voter_role: 'ambassadeur', voter_region: 'Bretagne' });
    });
  });

  describe('bad ballots: a French message next to the field, the values kept, nothing changed', () => {
    beforeEach(async () => {
      await vote(points({ dossier: '2' }));
    });

    async function refused(fields: Record<string, string>, status: number, message: RegExp, field?: string) {
      const before = await linesOf(contributor.id);
      const auditBefore = await t.db('audit_log').count({ n: '*' }).first();
      const res = await vote(fields);
      expect(res.status, res.text.slice(0, 300)).to.equal(status);
      expect(res.text).to.match(message);
      if (field) expect(res.text).to.match(new RegExp(`id="f-${field}-erreur"[^>]*>[\\s\\S]*?${message.source}`));
      expect(await linesOf(contributor.id)).to.deep.equal(before);
      expect(await t.db('audit_log').count({ n: '*' }).first()).to.deep.equal(auditBefore);
      return res;
    }

    it('refuses more points than allowed, keeping every typed value', async () => {
      const res = await refused(points({ agenda: '6', dossier: '5', outil: '1' }), 422, /Vous avez réparti 12 points alors que vous en avez 10/);
      expect(res.text).to.match(new RegExp(`name="points_${need.agenda}"[^>]*value="6"`));
      expect(res.text).to.match(new RegExp(`name="points_${need.dossier}"[^>]*value="5"`));
      expect(res.text).to.match(/Points restants : <strong data-remaining>-2<\/strong>/);
      await refused(points({ agenda: '11' }), 422, /Vous ne disposez que de 10 points en tout/, `points_${need.agenda}`);
    });

    it('refuses a negative number of points next to its field', async () => {
      const res = await refused(points({ agenda: '-1', dossier: '3' }), 422, /ne peut pas être négatif/, `points_${need.agenda}`);
      expect(res.text).to.match(new RegExp(`name="points_${need.agenda}"[^>]*value="-1"[^>]*aria-invalid="true"`));
    });

    it('refuses a fractional number of points, or text', async () => {
      await refused(points({ outil: '1,5' }), 422, /nombres entiers \(pas de virgule\)/, `points_${need.outil}`);
      await refused(points({ outil: '2.5' }), 422, /nombres entiers \(pas de virgule\)/, `points_${need.outil}`);
      await refused(points({ outil: 'trois' }), 422, /Saisissez un nombre entier de points/, `points_${need.outil}`);
    });

    it('refuses an unknown need, a need not put to the vote and a malformed field name', async () => {
      await refused({ ...points({ agenda: '1' }), points_999999: '2' }, 422, /n’existe pas ou ne fait pas partie de cette priorisation \(n° 999999\)/);
      await refused(points({ draft: '2' }), 422, new RegExp(`n° ${need.draft}`));
      await refused({ 'points_0x10': '2' }, 422, /n° 0/);
    });

    it('refuses a vote before the step opens and after it closes (409)', async () => {
      await setWindow(2, 24);
      await refused(points({ agenda: '1' }), 409, /n’est pas encore ouverte/);
      await setWindow(-48, -1);
      await refused(points({ agenda: '1' }), 409, /est close depuis le/);
      const page = await agent.get(`/priorisations/${stepId}`);
      expect(page.text).to.contain('Le vote est clos depuis le').and.not.contain('Enregistrer mon vote');
    });

    it('refuses a POST without a valid CSRF token (403)', async () => {
      const before = await linesOf(contributor.id);
      expect((await vote(points({ agenda: '1' }), agent, null)).status).to.equal(403);
      expect((await vote(points({ agenda: '1' }), agent, 'jeton-faux-0123456789')).status).to.equal(403);
      expect(await linesOf(contributor.id)).to.deep.equal(before);
    });
  });

  describe('one ballot per person and step', () => {
    it('is enforced by the database: a second row for the same person is refused', async () => {
      await vote(points({ agenda: '1' }));
      let error: unknown;
      try {
        await t.db('prioritisation_ballots').insert({ step_id: stepId, voter_id: contributor.id, voter_role: 'contributeur', points_total: 0 });
      } catch (err) {
        error = err;
      }
      expect(isUniqueViolation(error)).to.equal(true);
    });

    it('turns two submissions that cross into one ballot, the last one winning', async () => {
      const results = await Promise.all([vote(points({ agenda: '4' })), vote(points({ dossier: '5' })), vote(points({ sms: '6' }))]);
      expect(results.map((r) => r.status)).to.deep.equal([303, 303, 303]);
      const rows = (await ballots()).filter((b) => Number(b.voter_id) === contributor.id);
      expect(rows).to.have.length(1);
      expect(Object.keys(await linesOf(contributor.id))).to.have.length(1);
    });
  });

  describe('who may do what', () => {
    it('lets the DSI follow the step but not vote (403), and read the results at any time', async () => {
      const page = await dsi.get(`/priorisations/${stepId}`);
      expect(page.status).to.equal(200);
      expect(page.text).to.contain('elle ne vote pas').and.not.contain('Enregistrer mon vote');
      expect((await vote(points({ agenda: '1' }), dsi, dsiToken)).status).to.equal(403);
      expect(await ballots()).to.have.length(0);
      expect((await dsi.get(`/priorisations/${stepId}/resultats`)).status).to.equal(200);
    });

    it('shows the detailed results to staff only once the step is closed; a visitor is sent to log in', async () => {
      await vote(points({ agenda: '5', outil: '5' }));
      expect((await agent.get(`/priorisations/${stepId}/resultats`)).status).to.equal(403);
      expect((await agent.get(`/priorisations/${stepId}/resultats.csv`)).status).to.equal(403);
      await setWindow(-48, -1);
      const page = await agent.get(`/priorisations/${stepId}/resultats`);
      expect(page.status).to.equal(200);
      expect(page.text).to.contain('Classement d’ensemble').and.contain('Par région').and.contain('Occitanie').and.contain('Contributeurs et contributrices');
      const visitor = await request(app).get(`/priorisations/${stepId}/resultats`);
      expect(visitor.status).to.equal(303);
      expect(visitor.headers.location).to.equal('/connexion');
    });

    it('exports the results as CSV for French Excel and as JSON, aggregates only', async () => {
      const amb = await loginAs(app, ambassador.email);
      await vote(points({ agenda: '5', outil: '5' }));
      await vote(points({ outil: '8', export: '2' }), amb, await tokenFor(amb));
      const csv = await dsi.get(`/priorisations/${stepId}/resultats.csv`).buffer(true).parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      });
      expect(csv.status).to.equal(200);
      expect(csv.headers['content-type']).to.match(/^text\/csv/);
      const bytes = csv.body as Buffer;
      expect([...bytes.subarray(0, 3)]).to.deep.equal([0xef, 0xbb, 0xbf]);
      const text = bytes.toString('utf8');
      expect(text).to.contain('\r\n');
      const rows = parse(bytes, { bom: true, delimiter: ';', columns: true }) as Array<Record<string, string>>;
      const overall = rows.filter((r) => r.Regroupement === 'Ensemble');
      expect(overall[0]).to.include({ Rang: '1', Besoin: 'B-04', Points: '13', Votants: '2' });
      expect(overall).to.have.length(5);
      expect(rows.some((r) => r.Regroupement === 'Région' && r['Catégorie'] === 'Bretagne')).to.equal(true);
      expect(rows.some((r) => r.Regroupement === 'Rôle' && r['Catégorie'] === 'Ambassadeurs et ambassadrices')).to.equal(true);
      expect(text).not.to.contain('Zoé').and.not.contain('Yves');

      const json = await dsi.get(`/priorisations/${stepId}/resultats.json`);
      expect(json.status).to.equal(200);
      const body = JSON.parse(json.text);
      expect(body).to.deep.include({ bulletins: 2, points_attribues: 20 });
      expect(body.classement[0]).to.include({ rang: 1, besoin: 'B-04', points: 13 });
      expect(body.par_role.map((g: { code: string }) => g.code)).to.deep.equal(['contributeur', 'ambassadeur']);
      expect(json.text).not.to.contain('Zoé');
    });

    it('shows the needs by priority on the consultation page: the DSI during the step, staff once closed', async () => {
      await vote(points({ export: '10' }));
      const forDsi = await dsi.get(`/consultations/${consultation.slug}`);
      expect(forDsi.text).to.contain('Priorisation des besoins').and.contain('Les besoins par priorité (provisoire)');
      const forStaff = await agent.get(`/consultations/${consultation.slug}`);
      expect(forStaff.text).to.contain('Modifier mon vote').and.not.contain('Les besoins par priorité');
      await setWindow(-48, -1);
      expect((await agent.get(`/consultations/${consultation.slug}`)).text).to.match(/Les besoins par priorité<\/h3>[\s\S]*?B-05/);
    });
  });

  describe('the DSI sets a step up', () => {
    const form = (extra: Record<string, string> = {}) => ({
      _csrf: dsiToken, title: 'Priorisation 2031', startDay: '03/03/2031', startTime: '9h', endDay: '2031-03-28', endTime: '18:00', budget: '', ...extra,
    });

    it('opens a step with Paris-time dates and 10 points by default', async () => {
      const res = await dsi.post(`/admin/consultations/${consultation.slug}/priorisation`).type('form').send(form({ whitepaperOrder: 'on' }));
      expect(res.status).to.equal(303);
      const step = await t.db('prioritisation_steps').where({ title: 'Priorisation 2031' }).first();
      expect(new Date(step.starts_at).toISOString()).to.equal('2031-03-03T08:00:00.000Z');
      // Winter time until the last Sunday of March 2031 (the 30th): 18:00 in Paris is 17:00 UTC.
      expect(new Date(step.ends_at).toISOString()).to.equal('2031-03-28T17:00:00.000Z');
      expect(Number(step.budget)).to.equal(10);
      expect(await t.db('audit_log').where({ action: 'prioritisation.step.open' }).first()).to.exist;
    });

    it('refuses an end before the start, an overlapping step and a budget out of bounds, keeping the typed values', async () => {
      const late = await dsi.post(`/admin/consultations/${consultation.slug}/priorisation`).type('form').send(form({ endDay: '01/03/2031' }));
      expect(late.status).to.equal(422);
      expect(late.text).to.contain('La fin doit être postérieure au début.').and.contain('value="Priorisation 2031"');
      const overlap = await dsi.post(`/admin/consultations/${consultation.slug}/priorisation`).type('form').send(form({ startDay: new Date().toISOString().slice(0, 10), endDay: '2031-01-01' }));
      expect(overlap.status).to.equal(422);
      expect(overlap.text).to.contain('chevauche « Priorisation de test »');
      const budget = await dsi.post(`/admin/consultations/${consultation.slug}/priorisation`).type('form').send(form({ budget: '2,5' }));
      expect(budget.status).to.equal(422);
      expect(budget.text).to.contain('Le nombre de points doit être un nombre entier de 1 à 1000.');
      expect(Number((await t.db('prioritisation_steps').count({ n: '*' }).first())?.n)).to.equal(1);
    });

    it('changes a step at the version seen; the points per person are locked once someone has voted', async () => {
      await vote(points({ agenda: '1' }));
      const edit = await dsi.get(`/admin/priorisations/${stepId}`);
      expect(edit.status).to.equal(200);
      const base = { _csrf: dsiToken, title: 'Priorisation de test prolongée', startDay: '2020-01-01', startTime: '09:00', endDay: '2099-12-31', endTime: '18:00', budget: '10', version: '1' };
      const locked = await dsi.post(`/admin/priorisations/${stepId}`).type('form').send({ ...base, budget: '20' });
      expect(locked.status).to.equal(422);
      expect(locked.text).to.contain('le nombre de points ne peut plus changer');
      const saved = await dsi.post(`/admin/priorisations/${stepId}`).type('form').send(base);
      expect(saved.status).to.equal(303);
      const stale = await dsi.post(`/admin/priorisations/${stepId}`).type('form').send(base);
      expect(stale.status).to.equal(409);
      expect(stale.text).to.contain('modifiée entre-temps');
      expect((await t.db('prioritisation_steps').where({ id: stepId }).first()).title).to.equal('Priorisation de test prolongée');
    });

    it('is the DSI’s only: staff get 403 and nothing changes', async () => {
      expect((await agent.get(`/admin/consultations/${consultation.slug}/priorisation`)).status).to.equal(403);
      const res = await agent.post(`/admin/consultations/${consultation.slug}/priorisation`).type('form').send({ ...form(), _csrf: token });
      expect(res.status).to.equal(403);
      expect(Number((await t.db('prioritisation_steps').count({ n: '*' }).first())?.n)).to.equal(1);
    });
  });

  describe('the white paper', () => {
    const order = async (at: Date) =>
      (await assembleDocument(t.db, { consultation: { id: consultation.id, slug: consultation.slug, title: 'Essai' }, author: 'DSI', edition: null, at })).themes.map((th) => th.needs.map((n) => n.code));

    it('orders each theme’s needs by points once a flagged step has closed, and not before', async () => {
      const amb = await loginAs(app, ambassador.email);
      await vote(points({ sms: '6', dossier: '1', export: '3' }));
      await vote(points({ sms: '2', dossier: '4', agenda: '1' }), amb, await tokenFor(amb));
      expect(await order(new Date())).to.deep.equal([['B-01', 'B-02', 'B-03'], ['B-04', 'B-05']]);
      await setWindow(-48, -1);
      const doc = await assembleDocument(t.db, { consultation: { id: consultation.id, slug: consultation.slug, title: 'Essai' }, author: 'DSI', edition: null });
      expect(doc.themes.map((th) => th.needs.map((n) => n.code))).to.deep.equal([['B-03', 'B-02', 'B-01'], ['B-05', 'B-04']]);
      expect(doc.themes[0]!.needs[0]!.priority).to.deep.equal({ position: 1, points: 8, rank: 1 });
      expect(doc.prioritisation).to.include({ title: 'Priorisation de test', ballots: 2, budget: 10 });
      // An edition published before the close keeps the needs' own order.
      expect(await order(new Date(Date.now() - 24 * HOUR))).to.deep.equal([['B-01', 'B-02', 'B-03'], ['B-04', 'B-05']]);
      // Without the DSI's option, the needs keep their order.
      await t.db('prioritisation_steps').where({ id: stepId }).update({ whitepaper_order: false });
      expect(await order(new Date())).to.deep.equal([['B-01', 'B-02', 'B-03'], ['B-04', 'B-05']]);
    });
  });

  it('lists the steps for every logged-in person, with the way to vote', async () => {
    const list = await (await loginAs(app, other.email)).get('/priorisation');
    expect(list.status).to.equal(200);
    expect(list.text).to.contain('Priorisation de test').and.contain('Répartir mes points');
  });
});
