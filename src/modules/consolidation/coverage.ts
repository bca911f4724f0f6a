import type { Db } from '../../shared/db';
import { num } from './reads';

/**
 * Progress and coverage, read-only: what is left to process per theme and what no link or reason
 * accounts for yet (the inbox, the selection list and the coverage page). Re-exported by queries.ts.
 */

/** Counts by theme (null: « à classer ») and status, withdrawn ones excluded. */
export async function statusCounts(db: Db, consultationId: number): Promise<Array<{ theme_id: number | null; status: string; n: number }>> {
  const rows = await db('raw_contributions')
    .where({ consultation_id: consultationId })
    .whereNot('status', 'retiree')
    .select('theme_id', 'status')
    .count({ n: '*' })
    .groupBy('theme_id', 'status');
  return rows.map((r: any) => ({ theme_id: num(r.theme_id), status: r.status, n: Number(r.n) }));
}

export interface RawListItem {
  id: number;
  reference: string | null;
  body: string;
  theme_id: number | null;
  status: string;
}

/** Raw contributions still to process, of some themes (null inside the list: « à classer »), by id. */
export async function listToProcess(db: Db, consultationId: number, themeId: number | null, limit: number, afterId = 0): Promise<RawListItem[]> {
  const q = db('raw_contributions').where({ consultation_id: consultationId, status: 'a_traiter' }).where('id', '>', afterId).select('id', 'reference', 'body', 'theme_id', 'status').orderBy('id').limit(limit);
  if (themeId === null) q.whereNull('theme_id');
  else q.where('theme_id', themeId);
  return (await q).map((r: any) => ({ ...r, id: Number(r.id), theme_id: num(r.theme_id) }));
}

/**
 * Not accounted for: neither withdrawn, nor covered by an active link (whole or extract), nor set
 * aside with a reason. Defined by the links themselves, not only by the status column.
 */
function notCoveredQuery(db: Db, consultationId: number, themes: Array<number | null> | null) {
  const q = db('raw_contributions as rc')
    .where('rc.consultation_id', consultationId)
    .whereNot('rc.status', 'retiree')
    .whereNot((w) => w.where('rc.status', 'hors_perimetre').whereNotNull('rc.out_of_scope_reason').whereNot('rc.out_of_scope_reason', ''))
    .whereNotExists(db('consolidation_links as l').whereRaw('l.raw_contribution_id = rc.id').whereNull('l.undone_at').select(db.raw('1')));
  if (themes) {
    const ids = themes.filter((t): t is number => t !== null);
    const withNull = themes.includes(null);
    q.where((w) => {
      if (ids.length) w.whereIn('rc.theme_id', ids);
      else w.whereRaw('1 = 0');
      if (withNull) w.orWhereNull('rc.theme_id');
    });
  }
  return q;
}

export async function listNotCovered(db: Db, consultationId: number, themes: Array<number | null> | null, limit: number): Promise<RawListItem[]> {
  const rows = await notCoveredQuery(db, consultationId, themes).select('rc.id', 'rc.reference', 'rc.body', 'rc.theme_id', 'rc.status').orderBy('rc.id').limit(limit);
  return rows.map((r: any) => ({ ...r, id: Number(r.id), theme_id: num(r.theme_id) }));
}

export async function countNotCovered(db: Db, consultationId: number, themes: Array<number | null> | null): Promise<number> {
  const r = await notCoveredQuery(db, consultationId, themes).count({ n: '*' }).first();
  return Number((r as any)?.n ?? 0);
}
