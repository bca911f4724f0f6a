import type { Db } from '../../shared/db';
import { isPostgres } from '../../shared/db';
import { t } from '../../shared/i18n';
import { parisDay } from '../../shared/paris-time';
import { joinWhereSaid, SOURCES, WHERE_SAID } from '../contributions';
import { asWriter } from '../../shared/read-routing';

/**
 * The participation figures of a consultation, each computed from the data by exactly ONE function
 * (no stored counter that could drift). Every page, export and document asks these functions, so two
 * places never disagree. All queries run unchanged on SQLite and PostgreSQL; counts are Number()-ed
 * because PostgreSQL returns them as strings.
 */

/** One line of a breakdown: a stable key (theme code, region, source), its French label and its count. */
export interface BreakdownLine {
  key: string;
  label: string;
  count: number;
}

const WITHDRAWN = 'retiree';
const HELD = 'clos';

/**
 * Held workshops (alias `w`): closed, and begun — the one rule of « ateliers tenus », also used by
 * the white paper's list of workshops. Closing before the start is refused today, but a
 * workshop closed in advance earlier must not count as held before its date.
 */
export function held<Q extends { where: (...a: any[]) => Q }>(q: Q, consultationId: number, w = 'w'): Q {
  return q.where(`${w}.consultation_id`, consultationId).where(`${w}.status`, HELD).where(`${w}.starts_at`, '<=', new Date().toISOString());
}

async function countOf(query: PromiseLike<unknown>): Promise<number> {
  const row = (await query) as { n?: number | string } | undefined;
  return Number(row?.n ?? 0);
}

/**
 * Raw contributions that count: every one of the consultation except those withdrawn by their author
 * and the continuous intake after publication (« remontées continues », counted by continuousIntake):
 * the participation figures are those of the consultation itself, as the published editions say.
 */
function countedContributions(db: Db, consultationId: number) {
  return db('raw_contributions as rc').where('rc.consultation_id', consultationId).whereNot('rc.status', WITHDRAWN).where('rc.continuous_intake', false);
}

/** Continuous intake: contributions submitted after publication outside any workshop (withdrawn ones excluded). */
export async function continuousIntake(db: Db, consultationId: number): Promise<number> {
  return countOf(
    db('raw_contributions').where({ consultation_id: consultationId, continuous_intake: true }).whereNot('status', WITHDRAWN).count({ n: '*' }).first(),
  );
}

/** Workshops held: closed by their facilitator after the session (planned or cancelled ones are not held). */
export async function workshopsHeld(db: Db, consultationId: number): Promise<number> {
  return countOf(held(db('workshops as w'), consultationId).count({ n: '*' }).first());
}

/**
 * Participants: the distinct people marked present at a held workshop, plus the attendees without an
 * account that facilitators counted. A person who attended two workshops counts once.
 */
export async function participants(db: Db, consultationId: number): Promise<number> {
  const withAccount = await countOf(
    db('workshop_registrations as r')
      .join('workshops as w', 'w.id', 'r.workshop_id')
      .modify((q) => held(q, consultationId))
      .where('r.attended', true)
      .countDistinct({ n: 'r.user_id' })
      .first(),
  );
  const withoutAccount = await held(db('workshops as w'), consultationId).sum({ n: 'w.anonymous_attendees' }).first();
  return withAccount + Number((withoutAccount as { n?: number | string | null } | undefined)?.n ?? 0);
}

/** Raw contributions received (withdrawn ones excluded). */
export async function rawContributions(db: Db, consultationId: number): Promise<number> {
  return countOf(countedContributions(db, consultationId).count({ n: '*' }).first());
}

/** Raw contributions by theme, in the themes' order, every theme listed (0 included), then « À classer ». */
export async function contributionsByTheme(db: Db, consultationId: number): Promise<BreakdownLine[]> {
  const themes = await db('themes').where({ consultation_id: consultationId }).select('id', 'code', 'title').orderBy('position').orderBy('id');
  const counts = await countedContributions(db, consultationId).select('rc.theme_id').count({ n: '*' }).groupBy('rc.theme_id');
  const byId = new Map<number | null, number>();
  for (const c of counts as Array<{ theme_id: number | null; n: number | string }>) {
    byId.set(c.theme_id == null ? null : Number(c.theme_id), Number(c.n));
  }
  const lines: BreakdownLine[] = (themes as Array<{ id: number; code: string; title: string }>).map((th) => ({
    key: th.code,
    label: th.title,
    count: byId.get(Number(th.id)) ?? 0,
  }));
  lines.push({ key: 'A_CLASSER', label: t('stats.unclassified'), count: byId.get(null) ?? 0 });
  return lines;
}

/**
 * Raw contributions by region: where each was said (contributions' `whereSaid`: the workshop's
 * region for a workshop contribution, the author's structure's otherwise). Most contributions first; « Région non renseignée » last.
 */
export async function contributionsByRegion(db: Db, consultationId: number): Promise<BreakdownLine[]> {
  const region = WHERE_SAID;
  const rows = (await countedContributions(db, consultationId)
    .modify(joinWhereSaid)
    .select(db.raw(`${region} as region`))
    .count({ n: '*' })
    .groupByRaw(region)) as Array<{ region: string | null; n: number | string }>;
  const known = rows
    .filter((r) => r.region != null && r.region !== '')
    .map((r) => ({ key: r.region!, label: r.region!, count: Number(r.n) }))
    .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label, 'fr'));
  const unknown = rows.filter((r) => r.region == null || r.region === '').reduce((n, r) => n + Number(r.n), 0);
  if (unknown > 0) known.push({ key: 'NON_RENSEIGNEE', label: t('stats.unknownRegion'), count: unknown });
  return known;
}

/** Raw contributions by source (workshop, individual, import, partner), every source listed. */
export async function contributionsBySource(db: Db, consultationId: number): Promise<BreakdownLine[]> {
  const rows = (await countedContributions(db, consultationId).select('rc.source').count({ n: '*' }).groupBy('rc.source')) as Array<{
    source: string;
    n: number | string;
  }>;
  const counts = new Map(rows.map((r) => [r.source, Number(r.n)]));
  const lines: BreakdownLine[] = SOURCES.map((s) => ({ key: s, label: t(`stats.source.${s}`), count: counts.get(s) ?? 0 }));
  // A source unknown to this version (written by a later one) is still counted, under its own name.
  for (const [s, n] of counts) if (!(SOURCES as readonly string[]).includes(s)) lines.push({ key: s, label: s, count: n });
  return lines;
}

/** Consolidated contributions written by the ambassadors for the consultation (not those an undone plan withdrew). */
export async function consolidatedContributions(db: Db, consultationId: number): Promise<number> {
  return countOf(db('consolidated_contributions').where({ consultation_id: consultationId }).whereNot({ status: 'annulee' }).count({ n: '*' }).first());
}

/** Needs of the consultation; a need merged into another one is counted once, as the other one. */
export async function needs(db: Db, consultationId: number): Promise<number> {
  return countOf(db('needs').where({ consultation_id: consultationId }).whereNull('merged_into_id').count({ n: '*' }).first());
}

/** Functional proposals written under the consultation's needs (a merged need's proposals still count). */
export async function functionalProposals(db: Db, consultationId: number): Promise<number> {
  return countOf(
    db('functional_proposals as fp')
      .join('needs as n', 'n.id', 'fp.need_id')
      .where('n.consultation_id', consultationId)
      .count({ n: '*' })
      .first(),
  );
}

/**
 * Ambassadors of the consultation: the people whose application was selected (`retenue`), whatever
 * became of their account since (an anonymised ambassador still was one).
 */
export async function ambassadors(db: Db, consultationId: number): Promise<number> {
  return countOf(db('ambassador_applications').where({ consultation_id: consultationId, status: 'retenue' }).countDistinct({ n: 'user_id' }).first());
}

/** The Monday ('YYYY-MM-DD') of the week of a Paris calendar day. */
export function mondayOf(day: string): string {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  return d.toISOString().slice(0, 10);
}

/**
 * Raw contributions per week (Monday to Sunday, Paris time) of their submission: the contributions
 * that count (withdrawn ones and the continuous intake aside, as `rawContributions`), every week from
 * the first to the last listed, empty ones included. Counted per UTC hour in the database (the Paris
 * offset is a whole number of hours), then placed in its Paris week here: the same on both engines.
 */
export async function contributionsByWeek(db: Db, consultationId: number): Promise<BreakdownLine[]> {
  const hour = isPostgres(db) ? `to_char(rc.submitted_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24')` : `substr(replace(rc.submitted_at, ' ', 'T'), 1, 13)`;
  const rows = (await countedContributions(db, consultationId).select(db.raw(`${hour} as h`)).count({ n: '*' }).groupByRaw(hour)) as Array<{ h: string | null; n: number | string }>;
  const weeks = new Map<string, number>();
  for (const r of rows) {
    if (!r.h) continue;
    const at = new Date(`${r.h}:00:00Z`);
    if (Number.isNaN(at.getTime())) continue;
    const week = mondayOf(parisDay(at));
    weeks.set(week, (weeks.get(week) ?? 0) + Number(r.n));
  }
  if (!weeks.size) return [];
  const keys = [...weeks.keys()].sort();
  const lines: BreakdownLine[] = [];
  for (let w = keys[0]!; w <= keys[keys.length - 1]!; ) {
    lines.push({ key: w, label: t('stats.weekOf', { day: w.split('-').reverse().join('/') }), count: weeks.get(w) ?? 0 });
    const next = new Date(`${w}T12:00:00Z`);
    next.setUTCDate(next.getUTCDate() + 7);
    w = next.toISOString().slice(0, 10);
  }
  return lines;
}

/** Workshops held, by the region of their organising structure: most first, then by name. */
export async function workshopsByRegion(db: Db, consultationId: number): Promise<BreakdownLine[]> {
  const rows = (await db('workshops as w')
    .join('structures as s', 's.id', 'w.structure_id')
    .modify((q) => held(q, consultationId))
    .select('s.region')
    .count({ n: '*' })
    .groupBy('s.region')) as Array<{ region: string; n: number | string }>;
  return rows
    .map((r) => ({ key: r.region, label: r.region, count: Number(r.n) }))
    .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label, 'fr'));
}

/**
 * Participants by region: for each region, the distinct people marked present at a held workshop
 * organised there, plus the attendees without an account counted there. A person who attended
 * workshops in two regions counts in each (the national figure, `participants`, counts them once).
 */
export async function participantsByRegion(db: Db, consultationId: number): Promise<BreakdownLine[]> {
  const withAccount = (await db('workshop_registrations as r')
    .join('workshops as w', 'w.id', 'r.workshop_id')
    .join('structures as s', 's.id', 'w.structure_id')
    .modify((q) => held(q, consultationId))
    .where('r.attended', true)
    .select('s.region')
    .countDistinct({ n: 'r.user_id' })
    .groupBy('s.region')) as Array<{ region: string; n: number | string }>;
  const withoutAccount = (await db('workshops as w')
    .join('structures as s', 's.id', 'w.structure_id')
    .modify((q) => held(q, consultationId))
    .select('s.region')
    .sum({ n: 'w.anonymous_attendees' })
    .groupBy('s.region')) as Array<{ region: string; n: number | string | null }>;
  const byRegion = new Map<string, number>();
  for (const r of [...withAccount, ...withoutAccount]) if (r.region) byRegion.set(r.region, (byRegion.get(r.region) ?? 0) + Number(r.n ?? 0));
  return [...byRegion]
    .map(([region, count]) => ({ key: region, label: region, count }))
    .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label, 'fr'));
}

// ---- The word cloud's cache (table word_clouds, owned by stats) ----------------------------------

/**
 * What any change to a consultation's raw contributions changes: the newest id (a contribution
 * received) and the latest updated_at (edited, withdrawn, reclassified, consolidated, anonymised —
 * every write of the contributions module sets it). Two index lookups, never a scan: raw contributions
 * are never deleted one by one (only with their consultation, which drops the cache rows too).
 */
export async function contributionsStamp(db: Db, consultationId: number): Promise<string> {
  const id = (await db('raw_contributions').where('consultation_id', consultationId).max({ v: 'id' }).first()) as { v?: unknown } | undefined;
  const at = (await db('raw_contributions').where('consultation_id', consultationId).max({ v: 'updated_at' }).first()) as { v?: unknown } | undefined;
  const when = at?.v instanceof Date ? at.v.toISOString() : at?.v == null ? '' : new Date(String(at.v)).toISOString();
  return `${id?.v == null ? 0 : Number(id.v)}|${when}`;
}

export interface WordCloudRow {
  id: number;
  consultation_id: number;
  filter_key: string;
  stamp: string | null;
  terms_json: string | null;
  contributions: number;
  computed_at: unknown;
  status: string;
  steps_done: number;
  steps_total: number;
  error: string | null;
  updated_at: unknown;
}

const normaliseCloud = (r: any): WordCloudRow => ({
  ...r,
  id: Number(r.id),
  consultation_id: Number(r.consultation_id),
  contributions: Number(r.contributions),
  steps_done: Number(r.steps_done),
  steps_total: Number(r.steps_total),
});

export async function findWordCloud(db: Db, consultationId: number, filterKey: string): Promise<WordCloudRow | null> {
  const row = await db('word_clouds').where({ consultation_id: consultationId, filter_key: filterKey }).first();
  return row ? normaliseCloud(row) : null;
}

/**
 * Forgets the clouds of a consultation not counted since `before` (searches asked once, old
 * selections); one still used is simply counted again. Keeps the cache from growing with every search.
 */
export async function purgeWordClouds(db: Db, consultationId: number, before: Date): Promise<void> {
  await asWriter(() => db('word_clouds').where('consultation_id', consultationId).whereNot('status', 'en_cours').where('updated_at', '<', before.toISOString()).delete());
}

/**
 * The row of a (consultation, selection), created empty when it is asked for the first time. The
 * clouds' rows are written while a page (a GET, on the read-only readers) is answered: every write of
 * them goes through asWriter (shared/read-routing).
 */
export async function ensureWordCloud(db: Db, consultationId: number, filterKey: string): Promise<WordCloudRow> {
  const now = new Date().toISOString();
  await asWriter(() =>
    db('word_clouds')
      .insert({ consultation_id: consultationId, filter_key: filterKey, status: 'terminee', contributions: 0, steps_done: 0, steps_total: 0, updated_at: now })
      .onConflict(['consultation_id', 'filter_key'])
      .ignore(),
  );
  return (await findWordCloud(db, consultationId, filterKey))!;
}

/**
 * Takes the recomputation of a cloud for this process: only when none runs, or the one running went
 * silent before `staleBefore` (its process stopped). Two requests, two instances: one wins.
 */
export async function claimWordCloud(db: Db, id: number, total: number, staleBefore: Date): Promise<boolean> {
  const now = new Date().toISOString();
  const n = await asWriter(() =>
    db('word_clouds')
      .where('id', id)
      .where((w) => w.whereNot('status', 'en_cours').orWhere('updated_at', '<', staleBefore.toISOString()))
      .update({ status: 'en_cours', steps_done: 0, steps_total: total, error: null, updated_at: now }),
  );
  return Number(n) === 1;
}

export async function updateWordCloud(
  db: Db,
  id: number,
  fields: Partial<Pick<WordCloudRow, 'stamp' | 'terms_json' | 'contributions' | 'status' | 'steps_done' | 'steps_total' | 'error'>> & { computed_at?: string },
): Promise<void> {
  await asWriter(() => db('word_clouds').where('id', id).update({ ...fields, updated_at: new Date().toISOString() }));
}
