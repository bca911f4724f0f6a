import type { Knex } from 'knex';
import type { Db } from '../../shared/db';
import { isPostgres, toBool } from '../../shared/db';
import { parisToUtc } from '../../shared/paris-time';
import { normaliseView, viewQuery, whereMatches, type ContributionStatus, type ContributionView, type Source } from './views';

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

/** Applies a selection to a query over `raw_contributions as rc` joined to `structures as s`. */
function applySelection(db: Db, q: Knex.QueryBuilder, consultationId: number, f: SelectionFilter): Knex.QueryBuilder {
  q.where('rc.consultation_id', consultationId);
  if (f.theme === 'a_classer') q.whereNull('rc.theme_id');
  else if (f.theme !== null) q.where('rc.theme_id', f.theme);
  if (f.workshop !== null) q.where('rc.workshop_id', f.workshop);
  if (f.region) q.where('s.region', f.region);
  if (f.status) q.where('rc.status', f.status);
  if (f.source) q.where('rc.source', f.source);
  if (f.continuous !== null) q.where('rc.continuous_intake', f.continuous);
  if (f.from) q.where('rc.submitted_at', '>=', parisDayStart(f.from));
  if (f.to) {
    const next = new Date(Date.parse(`${f.to}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    q.where('rc.submitted_at', '<', parisDayStart(next));
  }
  if (f.q) whereMatches(db, q, f.q, 'rc');
  return q;
}

/**
 * One page of the selection, newest first, by keyset on the id (`before` = the last id of the
 * previous page): the database walks the (consultation_id, id) index from the cursor, so a far page
 * costs what the first one does. Never OFFSET.
 */
export async function listSelection(db: Db, consultationId: number, f: SelectionFilter, before: number | null, limit: number): Promise<ContributionView[]> {
  const q = applySelection(db, viewQuery(db), consultationId, f).orderBy('rc.id', 'desc').limit(limit);
  if (before) q.where('rc.id', '<', before);
  return (await q).map(normaliseView);
}

export async function countSelection(db: Db, consultationId: number, f: SelectionFilter, options: { excludeStatuses?: ContributionStatus[] } = {}): Promise<number> {
  const q = db('raw_contributions as rc').leftJoin('structures as s', 's.id', 'rc.structure_id');
  if (options.excludeStatuses?.length) q.whereNotIn('rc.status', options.excludeStatuses);
  const row = await applySelection(db, q, consultationId, f).count({ n: '*' }).first();
  return Number(row?.n ?? 0);
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
 * The texts of the selection only (no joins but the structure the region filter needs), in keyset
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
    const q = applySelection(db, db('raw_contributions as rc').leftJoin('structures as s', 's.id', 'rc.structure_id'), consultationId, f)
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
