import crypto from 'node:crypto';
import { expect } from 'chai';
import type { Knex } from 'knex';
import { freshDb, type TestDb } from '../support/db';
import { verifyPassword } from '../../src/modules/auth/password';
import { DEMO_PASSWORD, DEMO_SLUG, isDatabaseEmpty, seedDemo, type DemoSummary } from '../../seeds/demo';

/**
 * The demo consultation loads into an empty, freshly migrated database with the figures presented at
 * the national seminar (84 workshops, 811 participants, 1091 raw contributions, 300 consolidated,
 * 88 needs), consistently linked, identically on every run, and only once.
 *
 * Measured load time of seedDemo (the ~0.1 s password hash included), on the development container:
 * SQLite 0.25–0.30 s, PostgreSQL 15 (local) 0.40–0.55 s.
 */
describe('The demo consultation loads into an empty database', function () {
  this.timeout(120_000);
  let t: TestDb;
  let db: Knex;
  let summary: DemoSummary;

  const count = async (query: Knex.QueryBuilder): Promise<number> => Number((await query.count({ n: '*' }).first())?.n ?? 0);

  /** One fingerprint of the generated content: raw bodies in id order, then consolidated and need titles. */
  async function fingerprint(k: Knex): Promise<string> {
    const hash = crypto.createHash('sha256');
    for (const r of await k('raw_contributions').select('body', 'reference', 'status').orderBy('id')) hash.update(`${r.body}\u0000${r.reference}\u0000${r.status}\n`);
    for (const r of await k('consolidated_contributions').select('code', 'title').orderBy('id')) hash.update(`${r.code}\u0000${r.title}\n`);
    for (const r of await k('needs').select('code', 'title').orderBy('id')) hash.update(`${r.code}\u0000${r.title}\n`);
    return hash.digest('hex');
  }

  before(async () => {
    // Arrange
    t = await freshDb();
    db = t.db;
    expect(await isDatabaseEmpty(db)).to.equal(true);
    // Act
    summary = await seedDemo(db);
  });
  after(async () => {
    await t?.destroy();
  });

  it('returns the figures of the national seminar', () => {
    expect(summary).to.include({ workshops: 84, participants: 811, rawContributions: 1091, ambassadors: 14, consolidated: 300, needs: 88 });
    expect(summary.proposals).to.be.at.least(88);
  });

  it('stores exactly those figures', async () => {
    const consultation = await db('consultations').where({ slug: DEMO_SLUG }).first();
    expect(consultation.title).to.equal('Construisons ensemble notre nouveau SI');
    expect(consultation.data_notice_md).to.contain('RGPD');
    expect(await count(db('workshops').where({ status: 'clos' }))).to.equal(84);
    const attended = await db('workshop_registrations').where({ attended: true }).countDistinct({ n: 'user_id' }).first();
    expect(Number(attended?.n)).to.equal(811);
    expect(await count(db('raw_contributions').where({ continuous_intake: false }))).to.equal(1091);
    expect(await count(db('users').where({ role: 'ambassadeur' }))).to.equal(14);
    expect(await count(db('consolidated_contributions').where({ status: 'validee' }))).to.equal(300);
    expect(await count(db('needs').where({ status: 'valide' }))).to.equal(88);
    expect(await count(db('functional_proposals'))).to.equal(summary.proposals);
    expect(await count(db('whitepaper_editions'))).to.equal(1);
  });

  it('holds what came after publication: 12 remontées continues to process and the closed 2025 prioritisation', async () => {
    const intake = await db('raw_contributions').where({ continuous_intake: true }).select('source', 'status', 'submitted_at', 'theme_id', 'author_id');
    expect(intake).to.have.length(12);
    for (const c of intake) {
      expect(c).to.include({ source: 'individuelle', status: 'a_traiter' });
      expect(new Date(c.submitted_at).toISOString() >= '2024-03-14').to.equal(true);
      expect(c.theme_id).to.not.equal(null);
    }
    const step = await db('prioritisation_steps').first();
    expect(step.title).to.equal('Priorisation des besoins du livre blanc 2025');
    expect(new Date(step.ends_at).toISOString()).to.equal('2025-03-28T17:00:00.000Z');
    expect(await count(db('prioritisation_ballots'))).to.equal(420);
    const totals = await db('prioritisation_ballots as b').join('prioritisation_lines as l', 'l.ballot_id', 'b.id').select('b.id', 'b.points_total').sum({ s: 'l.points' }).groupBy('b.id', 'b.points_total');
    expect((totals as Array<{ s: unknown; points_total: unknown }>).every((r) => Number(r.s) === Number(r.points_total) && Number(r.s) <= 10 && Number(r.s) > 0)).to.equal(true);
    expect(await count(db('prioritisation_ballots as b').join('users as u', 'u.id', 'b.voter_id').whereNot('u.role', db.ref('b.voter_role')))).to.equal(0);
  });

  it('keeps every participant in exactly one workshop, 5 to 15 per workshop, within capacity', async () => {
    const perUser = await db('workshop_registrations').where({ attended: true }).select('user_id').count({ n: '*' }).groupBy('user_id');
    expect(perUser.every((r) => Number(r.n) === 1)).to.equal(true);
    const perWorkshop: Array<{ capacity: number; n: number | string }> = await db('workshops as w')
      .leftJoin('workshop_registrations as r', function () {
        this.on('r.workshop_id', 'w.id').andOn('r.attended', db.raw('?', [true]));
      })
      .select('w.id', 'w.capacity')
      .count({ n: 'r.id' })
      .groupBy('w.id', 'w.capacity');
    for (const w of perWorkshop) {
      expect(Number(w.n)).to.be.within(5, 15);
      expect(Number(w.n)).to.be.at.most(Number(w.capacity));
    }
    const regions = await db('structures').where({ kind: 'mission_locale' }).distinct('region').pluck('region');
    const hosting = await db('workshops as w').join('structures as s', 's.id', 'w.structure_id').distinct('s.region').pluck('region');
    expect(regions.length).to.be.at.least(12);
    expect([...hosting].sort()).to.deep.equal([...regions].sort());
  });

  it('links every consolidated contribution to raw contributions of its theme, each raw one at most once', async () => {
    const unlinked = await db('consolidated_contributions as c')
      .whereNotExists(db('consolidation_links as l').whereRaw('l.consolidated_contribution_id = c.id').whereNull('l.undone_at'))
      .count({ n: '*' })
      .first();
    expect(Number(unlinked?.n)).to.equal(0);
    const mismatched = await db('consolidation_links as l')
      .join('consolidated_contributions as c', 'c.id', 'l.consolidated_contribution_id')
      .join('raw_contributions as r', 'r.id', 'l.raw_contribution_id')
      .whereNull('l.undone_at')
      .whereRaw('r.theme_id <> c.theme_id')
      .count({ n: '*' })
      .first();
    expect(Number(mismatched?.n)).to.equal(0);
    const twice = await db('consolidation_links').whereNull('undone_at').whereNull('extract_id').select('raw_contribution_id').count({ n: '*' }).groupBy('raw_contribution_id').havingRaw('count(*) > 1');
    expect(twice).to.deep.equal([]);
    // A raw contribution is « consolidée » exactly when something of it is linked.
    const statusOff = await db('raw_contributions as r')
      .whereRaw(
        `(r.status = 'consolidee') <> exists (select 1 from consolidation_links l where l.raw_contribution_id = r.id and l.undone_at is null)`,
      )
      .count({ n: '*' })
      .first();
    expect(Number(statusOff?.n)).to.equal(0);
    expect(await count(db('raw_contributions').whereNull('theme_id').where({ status: 'a_traiter' }))).to.be.within(20, 45);
    expect(await count(db('raw_contributions').where({ status: 'hors_perimetre' }).whereNotNull('out_of_scope_reason'))).to.equal(40);
  });

  it('cuts a few raw contributions into extracts that quote them exactly', async () => {
    const extracts = await db('contribution_extracts as e')
      .join('raw_contributions as r', 'r.id', 'e.raw_contribution_id')
      .select('e.id', 'e.start_offset', 'e.end_offset', 'e.quote', 'r.body');
    expect(extracts.length).to.be.at.least(4);
    for (const e of extracts) expect(e.body.slice(e.start_offset, e.end_offset)).to.equal(e.quote);
    const links = await db('consolidation_links').whereNotNull('extract_id').whereNull('undone_at').select('extract_id', 'consolidated_contribution_id');
    expect(links.length).to.equal(extracts.length);
  });

  it('supports every need with 2 to 6 consolidated contributions of its theme, and uses every consolidated one', async () => {
    const supports = await db('needs as n')
      .leftJoin('need_supports as s', 's.need_id', 'n.id')
      .select('n.id')
      .count({ n: 's.consolidated_contribution_id' })
      .groupBy('n.id');
    expect(supports).to.have.length(88);
    for (const s of supports) expect(Number(s.n)).to.be.within(2, 6);
    const foreign = await db('need_supports as s')
      .join('needs as n', 'n.id', 's.need_id')
      .join('consolidated_contributions as c', 'c.id', 's.consolidated_contribution_id')
      .whereRaw('n.theme_id <> c.theme_id')
      .count({ n: '*' })
      .first();
    expect(Number(foreign?.n)).to.equal(0);
    const unused = await db('consolidated_contributions as c')
      .whereNotExists(db('need_supports as s').whereRaw('s.consolidated_contribution_id = c.id'))
      .count({ n: '*' })
      .first();
    expect(Number(unused?.n)).to.equal(0);
    const codes = await db('needs').orderBy('code').pluck('code');
    expect(codes[0]).to.equal('B-01');
    expect(codes[87]).to.equal('B-88');
    const withoutProposal = await db('needs as n')
      .whereNotExists(db('functional_proposals as p').whereRaw('p.need_id = n.id'))
      .count({ n: '*' })
      .first();
    expect(Number(withoutProposal?.n)).to.equal(0);
  });

  it('includes the contributions of the Institut Bertrand Schwartz word for word', async () => {
    const bodies = await db('raw_contributions').where({ source: 'partenaire', author_name: 'Institut Bertrand Schwartz' }).pluck('body');
    expect(bodies).to.include('Développer et renforcer la caractérisation des aspirations des jeunes dans le SI.');
    expect(bodies.some((b: string) => b.startsWith('Permettre le suivi de cohorte pré-identifiée via le SI'))).to.equal(true);
  });

  it('opens the three demo accounts with the demo password, and no other account', async () => {
    const accounts = await db('users').whereNotNull('password_hash').select('email', 'role', 'password_hash').orderBy('email');
    expect(accounts.map((a) => [a.email, a.role])).to.deep.equal([
      ['ambassadeur@ensemble.test', 'ambassadeur'],
      ['contributeur@ensemble.test', 'contributeur'],
      ['dsi@ensemble.test', 'dsi'],
    ]);
    for (const a of accounts) expect(await verifyPassword(DEMO_PASSWORD, a.password_hash)).to.equal(true);
    const contributor = await db('users').where({ email: 'contributeur@ensemble.test' }).first();
    expect(await count(db('workshop_registrations').where({ user_id: contributor.id, attended: true }))).to.equal(1);
    const ambassador = await db('users').where({ email: 'ambassadeur@ensemble.test' }).first();
    expect(await count(db('ambassador_themes').where({ user_id: ambassador.id }))).to.be.at.least(1);
  });

  it('covers every theme with at least two selected ambassadors', async () => {
    expect(await count(db('ambassador_applications').where({ status: 'retenue' }))).to.equal(14);
    expect(await count(db('ambassador_applications').where({ status: 'non_retenue' }))).to.be.at.least(5);
    const perTheme: Array<{ code: string; n: number | string }> = await db('themes as t')
      .leftJoin('ambassador_themes as a', 'a.theme_id', 't.id')
      .select('t.code')
      .count({ n: 'a.user_id' })
      .groupBy('t.code');
    expect(perTheme.length).to.be.within(6, 7);
    for (const th of perTheme) expect(Number(th.n), th.code).to.be.at.least(2);
  });

  it('follows up every published proposal since March 2024: about 40 % retained or further, a dozen delivered, reasons for those set aside', async () => {
    const byStatus = new Map(((await db('followup_current').select('status').count({ n: '*' }).groupBy('status')) as any[]).map((r) => [r.status as string, Number(r.n)]));
    const followed = [...byStatus.values()].reduce((a, b) => a + b, 0);
    expect(followed).to.equal(summary.proposals);
    const taken = ['retenue', 'planifiee', 'en_cours', 'livree'].reduce((n, s) => n + (byStatus.get(s) ?? 0), 0);
    expect(taken / followed).to.be.within(0.38, 0.42);
    expect(byStatus.get('livree')).to.equal(12);
    expect(byStatus.get('non_retenue')).to.be.at.least(10);
    const changes = (await db('followup_changes').select('proposal_id', 'status', 'effective_on', 'comment', 'stream').orderBy('id')) as any[];
    expect(changes.every((c) => c.effective_on >= '2024-03-14' && c.effective_on <= '2026-12-31')).to.equal(true);
    expect(changes.filter((c) => ['non_retenue', 'livree'].includes(c.status)).every((c) => c.comment.length > 10)).to.equal(true);
    expect(changes.filter((c) => ['retenue', 'planifiee', 'en_cours', 'livree'].includes(c.status)).every((c) => c.stream)).to.equal(true);
    // Each proposal's history goes forward in time, in the order it was recorded; its current state is its last change.
    const last = new Map<number, any>();
    for (const c of changes) {
      const before = last.get(c.proposal_id);
      if (before) expect(c.effective_on >= before.effective_on).to.equal(true);
      last.set(c.proposal_id, c);
    }
    for (const cur of (await db('followup_current').select('proposal_id', 'status')) as any[]) expect(last.get(cur.proposal_id).status).to.equal(cur.status);
    expect(Number((await db('followup_capacities').countDistinct({ n: 'stream' }).first())?.n)).to.equal(8);
    expect(await count(db('followup_capacities'))).to.equal(24);
  });

  it('leaves the id sequences ready for the application’s own inserts', async () => {
    const [max] = await db('users').max({ m: 'id' });
    const [res] = await db('users').insert({ email: 'apres.demo@exemple.test', display_name: 'Après démo', role: 'contributeur' }).returning('id');
    const id = typeof res === 'object' ? Number((res as { id: number }).id) : Number(res);
    expect(id).to.be.greaterThan(Number(max?.m));
    await db('users').where({ id }).delete();
  });

  it('refuses to load a second time and changes nothing', async () => {
    const before = await fingerprint(db);
    let error: unknown;
    try {
      await seedDemo(db);
    } catch (err) {
      error = err;
    }
    expect(error).to.be.instanceOf(Error);
    expect((error as Error).message).to.match(/déjà une consultation/);
    expect(await isDatabaseEmpty(db)).to.equal(false);
    expect(await fingerprint(db)).to.equal(before);
    expect(await count(db('raw_contributions'))).to.equal(1091 + 12);
  });

  it('produces the same content on another fresh database', async () => {
    const other = await freshDb();
    try {
      await seedDemo(other.db);
      expect(await fingerprint(other.db)).to.equal(await fingerprint(db));
    } finally {
      await other.destroy();
    }
  });
});
