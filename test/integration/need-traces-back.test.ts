import { expect } from 'chai';
import type { Express } from 'express';
import type { Knex } from 'knex';
import type { TestDb } from '../support/db';
import { openDemo } from '../support/demo';
import { loginAs, tokenFor } from '../support/app';
import { DEMO_PASSWORD, DEMO_SLUG } from '../../seeds/demo';
import { funnel, needTrace, whereItEndedUp } from '../../src/modules/needs';

describe('A need traces back to every raw contribution (demo consultation)', function () {
  this.timeout(120_000);
  let t: TestDb;
  let db: Knex;
  let app: Express;
  let consultationId: number;

  before(async () => {
    ({ t, db, app, consultationId } = await openDemo());
  });
  after(() => t.destroy());

  /** The same figures by an independent, single SQL per figure. */
  async function expected(needId: number) {
    const base = `from need_supports s join consolidation_links l on l.consolidated_contribution_id = s.consolidated_contribution_id and l.undone_at is null
      join raw_contributions rc on rc.id = l.raw_contribution_id left join structures st on st.id = rc.structure_id
      left join workshops w on w.id = rc.workshop_id left join structures ws on ws.id = w.structure_id where s.need_id = ?`;
    const one = async (sql: string) => Number(Object.values((await db.raw(sql, [needId])).rows?.[0] ?? (await db.raw(sql, [needId]))[0])[0]);
    return {
      raw: await one(`select count(distinct rc.id) ${base}`),
      workshops: await one(`select count(distinct rc.workshop_id) ${base}`),
      // Where each was said (issue 15): the workshop's region, else the author's structure's.
      regions: await one(`select count(distinct coalesce(ws.region, st.region)) ${base}`),
      contributors: await one(`select count(distinct case when rc.author_id is not null then 'u' || rc.author_id when rc.author_name is not null and rc.author_name <> '' then 'n:' || lower(trim(rc.author_name)) end) ${base}`),
      rawIds: ((await db.raw(`select distinct rc.id ${base} order by rc.id`, [needId])).rows ?? (await db.raw(`select distinct rc.id ${base} order by rc.id`, [needId]))).map((r: { id: number }) => Number(r.id)),
    };
  }

  it("lists on the need's page every raw contribution behind it, with the counts computed right", async () => {
    const need = await db('needs').where({ consultation_id: consultationId, code: 'B-01' }).first();
    const trace = await needTrace(db, need.id);
    const want = await expected(need.id);
    expect(trace.raw.length).to.be.greaterThan(0);
    expect(trace.raw.map((r) => r.id)).to.deep.equal(want.rawIds);
    expect(trace.counts).to.include({ raw: want.raw, workshops: want.workshops, regions: want.regions, contributors: want.contributors });

    const agent = await loginAs(app, 'contributeur@ensemble.test', DEMO_PASSWORD);
    const page = await agent.get(`/besoins/${need.id}`);
    expect(page.status).to.equal(200);
    const refs = await db('raw_contributions').whereIn('id', want.rawIds).select('id', 'reference');
    for (const r of refs) expect(page.text).to.contain(r.reference ?? `n° ${r.id}`);
    // anonymous authors are never named on the page
    const anonymousNames = (await db('raw_contributions as rc').join('users as u', 'u.id', 'rc.author_id').whereIn('rc.id', want.rawIds).where('rc.anonymous', true).select('u.display_name')).map((r) => r.display_name);
    for (const name of anonymousNames) expect(page.text).to.not.contain(name);
  });

  it("folds the raw contributions under their count, after the forms, twenty to a page", async () => {
    const needs = await db('needs').where({ consultation_id: consultationId }).whereNull('merged_into_id').select('id');
    let widest = { id: 0, rawIds: [] as number[] };
    for (const n of needs) {
      const want = await expected(n.id);
      if (want.rawIds.length > widest.rawIds.length) widest = { id: n.id, rawIds: want.rawIds };
    }
    expect(widest.rawIds.length, 'a demo need with more than one page of raw contributions').to.be.greaterThan(20);
    const refs = new Map((await db('raw_contributions').whereIn('id', widest.rawIds).select('id', 'reference')).map((r) => [Number(r.id), `<td>${r.reference ?? `n° ${r.id}`}</td>`]));
    const row = (i: number) => refs.get(widest.rawIds[i]!)!;
    const agent = await loginAs(app, 'ambassadeur@ensemble.test', DEMO_PASSWORD);

    const first = await agent.get(`/besoins/${widest.id}`);
    expect(first.status).to.equal(200);
    expect(first.text).to.contain(`Contributions brutes derrière ce besoin (${widest.rawIds.length})`);
    expect(first.text).to.match(/<details class="raw-trace" id="brutes">/);
    expect(first.text).to.contain(row(0)).and.to.contain(row(19)).and.not.to.contain(row(20));
    // The figures and the proposals come before the long list.
    expect(first.text.indexOf('id="propositions-h"')).to.be.within(0, first.text.indexOf('id="brutes"'));
    expect(first.text.indexOf('contributions brutes</li>')).to.be.within(0, first.text.indexOf('id="propositions-h"'));

    const second = await agent.get(`/besoins/${widest.id}?brutes=2`);
    expect(second.text).to.match(/<details class="raw-trace" id="brutes" open>/);
    expect(second.text).to.contain(row(20)).and.not.to.contain(row(19));
    expect(second.text).to.contain(`href="/besoins/${widest.id}?brutes=1#brutes"`);

    const beyond = await agent.get(`/besoins/${widest.id}?brutes=9999`);
    expect(beyond.status).to.equal(200);
    expect(beyond.text).to.contain(row(widest.rawIds.length - 1));
    expect((await agent.get(`/besoins/${widest.id}?brutes=abc`)).status).to.equal(200);
  });

  it('computes the same counts for every need of the demo', async () => {
    for (const need of await db('needs').where({ consultation_id: consultationId }).select('id')) {
      const trace = await needTrace(db, need.id);
      const want = await expected(need.id);
      expect(trace.counts).to.include({ raw: want.raw, workshops: want.workshops, regions: want.regions, contributors: want.contributors });
    }
  });

  it('tells where a raw contribution ended up: its consolidated contributions and their needs', async () => {
    const link = await db('consolidation_links as l').join('need_supports as s', 's.consolidated_contribution_id', 'l.consolidated_contribution_id').whereNull('l.undone_at').first('l.raw_contribution_id', 'l.consolidated_contribution_id', 's.need_id');
    const ended = await whereItEndedUp(db, Number(link.raw_contribution_id));
    const cc = ended.consolidated.find((c) => c.id === Number(link.consolidated_contribution_id));
    expect(cc, 'consolidated contribution').to.exist;
    expect(cc!.needs.map((n) => n.id)).to.include(Number(link.need_id));
    const nowhere = await db('raw_contributions').where({ consultation_id: consultationId }).whereNotExists(db('consolidation_links').whereRaw('consolidation_links.raw_contribution_id = raw_contributions.id').whereNull('undone_at')).first('id');
    if (nowhere) expect((await whereItEndedUp(db, Number(nowhere.id))).consolidated).to.deep.equal([]);
  });

  it('names, on a consolidated contribution’s page, the needs it supports with links to them', async () => {
    const support = await db('need_supports as s').join('needs as n', 'n.id', 's.need_id').whereNull('n.merged_into_id').first('s.consolidated_contribution_id as cid', 'n.id', 'n.code', 'n.title');
    const agent = await loginAs(app, 'dsi@ensemble.test', DEMO_PASSWORD);
    const page = await agent.get(`/consolidees/${support.cid}`);
    expect(page.status).to.equal(200);
    expect(page.text).to.contain('Besoins qu’elle soutient').and.contain(`<a href="/besoins/${support.id}">${support.code} — `);
    const alone = await db('consolidated_contributions as c').where({ consultation_id: consultationId }).whereNotExists(db('need_supports').whereRaw('need_supports.consolidated_contribution_id = c.id')).first('c.id');
    if (alone) expect((await agent.get(`/consolidees/${alone.id}`)).text).to.contain('Elle ne soutient encore aucun besoin.');
  });

  it('shows the funnel 1 091 → 300 → 88 → 159, and the themes add up to it', async () => {
    const f = await funnel(db, consultationId);
    expect(f.overall).to.include({ raw: 1091, consolidated: 300, needs: 88, proposals: 159 });
    const sum = (k: 'raw' | 'consolidated' | 'needs' | 'proposals') => f.themes.reduce((n, l) => n + l[k], 0);
    expect([sum('raw'), sum('consolidated'), sum('needs'), sum('proposals')]).to.deep.equal([1091, 300, 88, 159]);
    const agent = await loginAs(app, 'contributeur@ensemble.test', DEMO_PASSWORD);
    const page = await agent.get(`/consultations/${DEMO_SLUG}/entonnoir`);
    expect(page.status).to.equal(200);
    expect(page.text.replace(/\s|&#8239;|\u202f|\u00a0/g, '')).to.contain('1091').and.contain('300').and.contain('88').and.contain('159');
  });

  it('lets an ambassador mark a representative quote, shown without a name', async () => {
    await db('consultations').where({ id: consultationId }).update({ consolidation_open: true });
    const amb = await db('users').where({ email: 'ambassadeur@ensemble.test' }).first();
    const themeIds = (await db('ambassador_themes').where({ consultation_id: consultationId, user_id: amb.id })).map((r) => r.theme_id);
    const need = await db('needs').where({ consultation_id: consultationId }).whereIn('theme_id', themeIds).orderBy('code').first();
    const trace = await needTrace(db, need.id);
    const quoted = new Set((await db('representative_quotes').where({ need_id: need.id })).map((q) => Number(q.raw_contribution_id)));
    const raw = trace.raw.find((r) => !quoted.has(r.id))!;
    const agent = await loginAs(app, 'ambassadeur@ensemble.test', DEMO_PASSWORD);
    const token = await tokenFor(agent, `/besoins/${need.id}`);
    const res = await agent.post(`/besoins/${need.id}/citations`).type('form').send({ _csrf: token, rawId: String(raw.id) });
    expect(res.status).to.equal(303);
    expect(await db('representative_quotes').where({ need_id: need.id, raw_contribution_id: raw.id }).first()).to.exist;
    const outsider = await db('raw_contributions').whereNotIn('id', trace.raw.map((r) => r.id)).first('id');
    const refused = await agent.post(`/besoins/${need.id}/citations`).type('form').send({ _csrf: token, rawId: String(outsider.id) });
    expect(refused.status).to.equal(422);
    expect(refused.text).to.contain('n’est pas derrière ce besoin');
    expect(await db('audit_log').where({ action: 'quote.add', object_id: String(need.id) }).first()).to.exist;
    await db('consultations').where({ id: consultationId }).update({ consolidation_open: null });
  });
});
