import type { Knex } from 'knex';
import type { Db } from '../../shared/db';
import { isPostgres } from '../../shared/db';
import { parisToUtc } from '../../shared/paris-time';
import { ftsMatch, normaliseView, searchTerms, viewQuery, whereMatches, type ContributionStatus, type ContributionView, type Source } from './views';

/**
 * The selection of raw contributions that ambassadors and the DSI browse and export: read-only, kept
 * apart from queries.ts so that the module's writes stay in one short file (convention 13).
 */

/** The UTC instant at which a Paris calendar day starts (the network's days, whatever the season). */
export function parisDayStart(day: string): string {
  return parisToUtc(day, '00:00')!.toISOString();
}

/** The selection browsed and exported by ambassadors and the DSI (see validation.ts parseFilter). */
export interface SelectionFilter {
  theme: number | 'a_classer' | null;
  workshop: number | null;
  region: string | null;
  status: ContributionStatus | null;
  source: Source | null;
  from: string | null;
  to: string | null;
  q: string | null;
  /** true: only the continuous intake (« remontées continues »); false: none of it; null: all. */
  continuous: boolean | null;
}

/**
 * Applies a selection to a query over `raw_contributions as rc`, without any join: the region filter
 * asks `structures` in a subquery (the same rows as joining and testing the region: a contribution
 * without a structure has no region), so a count or a page never pays a join its filter does not need.
 * Each filter has its keyset index (consultation_id, <column>, id): migrations/20261202040000.
 */
function applySelection(db: Db, q: Knex.QueryBuilder, consultationId: number, f: SelectionFilter, options: { search?: boolean; ordered?: boolean } = {}): Knex.QueryBuilder {
  q.where('rc.consultation_id', consultationId);
  if (f.theme === 'a_classer') q.whereNull('rc.theme_id');
  else if (f.theme !== null) q.where('rc.theme_id', f.theme);
  if (f.workshop !== null) q.where('rc.workshop_id', f.workshop);
  if (f.region) {
    const inRegion = db('structures').select('id').where('region', f.region);
    // A page newest first walks the (consultation_id, id) index and tests each row's structure (SQLite's
    // unary + keeps it off the structure index, which would gather and sort the whole region); a count
    // reads the (consultation_id, structure_id, id) index.
    if (options.ordered && !isPostgres(db)) q.whereRaw('+rc.structure_id in (?)', [inRegion]);
    else q.whereIn('rc.structure_id', inRegion);
  }
  if (f.status) q.where('rc.status', f.status);
  if (f.source) q.where('rc.source', f.source);
  if (f.continuous !== null) q.where('rc.continuous_intake', f.continuous);
  if (f.from) q.where('rc.submitted_at', '>=', parisDayStart(f.from));
  if (f.to) {
    const next = new Date(Date.parse(`${f.to}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    q.where('rc.submitted_at', '<', parisDayStart(next));
  }
  if (f.q && options.search !== false) whereMatches(db, q, f.q, 'rc');
  return q;
}

/**
 * One page of the selection, newest first, by keyset on the id (`before` = the last id of the
 * previous page): the database walks the (consultation_id, <filter>, id) index from the cursor, so a
 * far page costs what the first one does. Never OFFSET. A search is listed by `searchSelection`.
 */
export async function listSelection(db: Db, consultationId: number, f: SelectionFilter, before: number | null, limit: number): Promise<ContributionView[]> {
  const q = applySelection(db, viewQuery(db), consultationId, f, { ordered: true }).orderBy('rc.id', 'desc').limit(limit);
  if (before) q.where('rc.id', '<', before);
  return (await q).map(normaliseView);
}

/** True when the selection holds a search with at least one searchable word (then it is ranked). */
export function isSearch(f: SelectionFilter): boolean {
  return !!f.q && searchTerms(f.q).length > 0;
}

/**
 * A search is ranked by relevance (FTS5's bm25 on SQLite, ts_rank on PostgreSQL) among its
 * SEARCH_RANKED most recent matches: ranking every match of a common word of a million contributions
 * would cost what the exact count did. The page says so when the window is full.
 */
export const SEARCH_RANKED = 1000;

/**
 * The ids of the selection's most recent matches (at most `limit`) with their relevance `score`
 * (lower is better on both engines). SQLite: the full-text index drives the query (CROSS JOIN keeps
 * it outer), newest first, and stops at the limit, the other filters checked on each match's row;
 * PostgreSQL: the GIN index.
 */
function matches(db: Db, consultationId: number, f: SelectionFilter, limit: number, withScore: boolean, exact = false): Knex.QueryBuilder {
  const terms = searchTerms(f.q ?? '');
  if (isPostgres(db)) {
    const query = terms.map((t) => `${t}:*`).join(' & ');
    const q = db('raw_contributions as rc').whereRaw(`to_tsvector('simple', rc.search_text) @@ to_tsquery('simple', ?)`, [query]);
    q.select('rc.id');
    if (withScore) q.select(db.raw(`-ts_rank(to_tsvector('simple', rc.search_text), to_tsquery('simple', ?)) as score`, [query]));
    return applySelection(db, q, consultationId, f, { search: false }).orderBy('rc.id', 'desc').limit(limit);
  }
  const q = db('raw_contributions_fts')
    .crossJoin(db.raw('raw_contributions as rc'))
    .whereRaw('rc.id = raw_contributions_fts.rowid')
    .whereRaw('raw_contributions_fts match ?', [ftsMatch(terms, exact)])
    .select('rc.id');
  if (withScore) q.select(db.raw('bm25(raw_contributions_fts) as score'));
  return applySelection(db, q, consultationId, f, { search: false }).orderByRaw('raw_contributions_fts.rowid desc').limit(limit);
}

/** Whether the exact stems of a search match at least SEARCH_RANKED contributions of the selection. */
async function exactFillsWindow(db: Db, consultationId: number, f: SelectionFilter): Promise<boolean> {
  const inner = matches(db, consultationId, f, SEARCH_RANKED, false, true);
  const row = (await db.count({ n: '*' }).from(inner.as('x')).first()) as { n?: number | string } | undefined;
  return Number(row?.n ?? 0) >= SEARCH_RANKED;
}

/**
 * One page of a search, best first (ties: newest first), `offset` rows into the ranked window. The
 * window's ranked ids are kept per selection under the contributions' stamp (as the capped counts):
 * the next page, or the same search again, reads only its 50 rows by id.
 */
export async function searchSelection(db: Db, consultationId: number, f: SelectionFilter, offset: number, limit: number): Promise<ContributionView[]> {
  const ids = await remembered(db, rankCache, `${consultationId}|${JSON.stringify(f)}`, consultationId, () => rankedIds(db, consultationId, f));
  const pageIds = ids.slice(Math.max(0, offset), Math.max(0, offset) + limit);
  if (!pageIds.length) return [];
  const rows = (await viewQuery(db).whereIn('rc.id', pageIds)).map(normaliseView);
  const position = new Map(pageIds.map((id, i) => [id, i]));
  return rows.sort((a, b) => position.get(a.id)! - position.get(b.id)!);
}

/**
 * The ids of a search's window, best first. SQLite: a prefix query (« jeun* ») merges the whole
 * doclist of every matching term before the LIMIT applies (linear in the matches of a common word);
 * the exact stems are read newest first and stop at the window. When they fill it, the window is
 * theirs (the words as written); otherwise the prefix query runs, on words with few matches.
 */
async function rankedIds(db: Db, consultationId: number, f: SelectionFilter): Promise<number[]> {
  let window = matches(db, consultationId, f, SEARCH_RANKED, true);
  if (!isPostgres(db) && (await exactFillsWindow(db, consultationId, f))) window = matches(db, consultationId, f, SEARCH_RANKED, true, true);
  const rows = (await db.from(window.as('w')).select('w.id').orderBy('w.score').orderBy('w.id', 'desc')) as Array<{ id: number | string }>;
  return rows.map((r) => Number(r.id));
}

/** The exact number of contributions of a selection (walks every match: for small selections). */
export async function countSelection(db: Db, consultationId: number, f: SelectionFilter, options: { excludeStatuses?: ContributionStatus[] } = {}): Promise<number> {
  const q = db('raw_contributions as rc');
  if (options.excludeStatuses?.length) q.whereNotIn('rc.status', options.excludeStatuses);
  const row = await applySelection(db, q, consultationId, f).count({ n: '*' }).first();
  return Number(row?.n ?? 0);
}

/**
 * The number of contributions of a selection, counted up to `cap` (then `capped`: the page says
 * « plus de <cap> »): a LIMITed subquery over the filter's index, so that the count of a million
 * rows costs what the count of `cap` rows does.
 */
export async function countSelectionCapped(db: Db, consultationId: number, f: SelectionFilter, cap: number): Promise<{ count: number; capped: boolean }> {
  // Counted once per selection while the consultation's contributions do not change (their stamp:
  // newest id and latest change, two index lookups), in memory, per app instance: another instance's
  // write changes the stamp read here too. Not in the stamp: a structure moving to another region.
  return remembered(db, countCache, `${consultationId}|${cap}|${JSON.stringify(f)}`, consultationId, () => cappedCount(db, consultationId, f, cap));
}

type Memo<T> = WeakMap<Db, Map<string, { stamp: string; value: T }>>;
const MEMO_SIZE = 500;
const countCache: Memo<{ count: number; capped: boolean }> = new WeakMap();
const rankCache: Memo<number[]> = new WeakMap();

/** A value kept per app instance and key while the consultation's contributions keep their stamp (the MEMO_SIZE latest keys). */
async function remembered<T>(db: Db, memo: Memo<T>, key: string, consultationId: number, compute: () => Promise<T>): Promise<T> {
  const stamp = await selectionStamp(db, consultationId);
  let map = memo.get(db);
  if (!map) memo.set(db, (map = new Map()));
  const kept = map.get(key);
  if (kept && kept.stamp === stamp) return kept.value;
  const value = await compute();
  map.delete(key);
  if (map.size >= MEMO_SIZE) map.delete(map.keys().next().value!);
  map.set(key, { stamp, value });
  return value;
}

/** The newest contribution of the consultation and its latest change: what any write to them changes. */
async function selectionStamp(db: Db, consultationId: number): Promise<string> {
  const res = await db.raw(
    'select (select max(id) from raw_contributions where consultation_id = ?) as id, (select max(updated_at) from raw_contributions where consultation_id = ?) as at',
    [consultationId, consultationId],
  );
  const row = (Array.isArray(res) ? res[0] : res.rows[0]) as { id: unknown; at: unknown };
  return `${String(row.id)}|${row.at instanceof Date ? row.at.toISOString() : String(row.at)}`;
}

async function cappedCount(db: Db, consultationId: number, f: SelectionFilter, cap: number): Promise<{ count: number; capped: boolean }> {
  // A search whose exact stems already pass the cap: so do its prefix matches (a superset), without
  // merging a common word's whole doclist (see searchSelection).
  if (isSearch(f) && !isPostgres(db)) {
    const exact = matches(db, consultationId, f, cap + 1, false, true);
    const row = (await db.count({ n: '*' }).from(exact.as('x')).first()) as { n?: number | string } | undefined;
    if (Number(row?.n ?? 0) > cap) return { count: cap, capped: true };
  }
  const inner = isSearch(f) ? matches(db, consultationId, f, cap + 1, false) : applySelection(db, db('raw_contributions as rc').select('rc.id'), consultationId, f).limit(cap + 1);
  const row = (await db.count({ n: '*' }).from(inner.as('x')).first()) as { n?: number | string } | undefined;
  const n = Number(row?.n ?? 0);
  return n > cap ? { count: cap, capped: true } : { count: n, capped: false };
}

/**
 * Walks the whole selection in keyset batches (newest first) without ever holding more than one
 * batch: exports stream what this yields. Each batch is its own short query, so no connection is
 * held while the client downloads.
 */
export async function* selectionBatches(
  db: Db,
  consultationId: number,
  f: SelectionFilter,
  options: { batchSize?: number; excludeStatuses?: ContributionStatus[] } = {},
): AsyncGenerator<ContributionView[]> {
  const size = options.batchSize ?? 1000;
  let before: number | null = null;
  for (;;) {
    const q = applySelection(db, viewQuery(db), consultationId, f).orderBy('rc.id', 'desc').limit(size);
    if (before) q.where('rc.id', '<', before);
    if (options.excludeStatuses?.length) q.whereNotIn('rc.status', options.excludeStatuses);
    const rows = (await q).map(normaliseView);
    if (rows.length) yield rows;
    if (rows.length < size) return;
    before = rows[rows.length - 1]!.id;
  }
}

/**
 * The texts of the selection only (no join), in keyset
 * batches: what the figures that read every word (the word cloud) walk through, a batch at a time.
 */
export async function* selectionBodies(
  db: Db,
  consultationId: number,
  f: SelectionFilter,
  options: { batchSize?: number; excludeStatuses?: ContributionStatus[] } = {},
): AsyncGenerator<string[]> {
  const size = options.batchSize ?? 2000;
  let before: number | null = null;
  for (;;) {
    const q = applySelection(db, db('raw_contributions as rc'), consultationId, f)
      .select('rc.id', 'rc.body')
      .orderBy('rc.id', 'desc')
      .limit(size);
    if (before) q.where('rc.id', '<', before);
    if (options.excludeStatuses?.length) q.whereNotIn('rc.status', options.excludeStatuses);
    const rows = (await q) as Array<{ id: number | string; body: string }>;
    if (rows.length) yield rows.map((r) => r.body);
    if (rows.length < size) return;
    before = Number(rows[rows.length - 1]!.id);
  }
}

/** The choices offered by the browse filters. */
export async function selectionChoices(db: Db, consultationId: number) {
  const [workshops, regions] = await Promise.all([
    db('workshops').where({ consultation_id: consultationId }).select('id', 'title', 'starts_at').orderBy('starts_at').orderBy('id'),
    db('structures').distinct('region').whereNotNull('region').orderBy('region'),
  ]);
  return {
    workshops: workshops.map((w: any) => ({ id: Number(w.id), title: String(w.title), starts_at: w.starts_at })),
    regions: regions.map((r: { region: string }) => r.region),
  };
}
