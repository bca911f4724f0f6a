import type { Db } from '../../shared/db';
import { insertReturningId, isPostgres } from '../../shared/db';
import { insertRows, type PlainRow } from '../../shared/db';
import { setConsolidationStatus } from '../contributions';
import { chunk } from './rules';
import { normaliseCc, normaliseRaw, type ConsolidatedRow, type RawRow, type ThemeLite } from './reads';

// Reads live in reads.ts and coverage.ts; re-exported so that the module's files import queries only.
export {
  rawByIds, findRaw, rawDetails, activeWholeLinks, findLink, linksOfConsolidated, activeLinksOfRaw, findConsolidated, listConsolidated, codesWithPrefix,
  themesOf, assignedThemeIds, ambassadorsOf, consultationsFor,
} from './reads';
export type { RawRow, RawDetail, LinkRow, LinkView, WhereItWent, ConsolidatedRow, ThemeLite } from './reads';
export { statusCounts, listToProcess, listNotCovered, countNotCovered, type RawListItem } from './coverage';
export { lastPlanOf, findPlan, activeLinksOfPlan, countLinksOfPlan, createdByPlan, targetsByIdOrCode, liveConsolidated, type PlanRow } from './plan-reads';

// ---------- raw contributions ----------

/** The status follows the links: consolidated while at least one active link exists, else back to « à traiter ». */
export async function refreshStatuses(db: Db, rawIds: number[]): Promise<void> {
  for (const part of chunk(rawIds)) {
    const linked = new Set(
      (await db('consolidation_links').whereIn('raw_contribution_id', part).whereNull('undone_at').distinct('raw_contribution_id')).map((r: any) =>
        Number(r.raw_contribution_id),
      ),
    );
    await setConsolidationStatus(db, part.filter((id) => linked.has(id)), true);
    await setConsolidationStatus(db, part.filter((id) => !linked.has(id)), false);
  }
}

/** Locks a raw contribution's row until the transaction ends on PostgreSQL (SQLite serialises writes). */
export async function lockRaw(db: Db, id: number): Promise<RawRow | undefined> {
  const q = db('raw_contributions').where({ id }).select('id', 'consultation_id', 'theme_id', 'status', 'out_of_scope_reason', 'reference', 'body', 'version');
  if (isPostgres(db)) q.forUpdate();
  const r = await q.first();
  return r ? normaliseRaw(r) : undefined;
}

// ---------- links ----------

export async function insertLinks(db: Db, rows: Array<{ consolidated_contribution_id: number; raw_contribution_id: number; extract_id?: number | null }>, actorId: number, planId: number | null = null): Promise<void> {
  const now = new Date().toISOString();
  for (const part of chunk(rows, 100)) {
    await db('consolidation_links').insert(part.map((r) => ({ extract_id: null, ...r, created_by: actorId, created_at: now, plan_id: planId })));
  }
}

/** Undoing stamps the link (who, when); it is never deleted. Only still-active links are stamped. */
export async function undoLinks(db: Db, ids: number[], actorId: number): Promise<number> {
  let n = 0;
  const now = new Date().toISOString();
  for (const part of chunk(ids)) {
    n += await db('consolidation_links').whereIn('id', part).whereNull('undone_at').update({ undone_at: now, undone_by: actorId });
  }
  return n;
}

export async function insertExtract(db: Db, row: { raw_contribution_id: number; start_offset: number; end_offset: number; quote: string }, actorId: number): Promise<number> {
  return insertReturningId(db, 'contribution_extracts', { ...row, created_by: actorId, created_at: new Date().toISOString() });
}

// ---------- consolidated contributions ----------

export async function lockConsolidated(db: Db, id: number): Promise<ConsolidatedRow | undefined> {
  const q = db('consolidated_contributions').where({ id });
  if (isPostgres(db)) q.forUpdate();
  const r = await q.first();
  return r ? normaliseCc(r) : undefined;
}

export async function insertConsolidated(db: Db, row: { consultation_id: number; theme_id: number; code: string; title: string; body_md: string; split_from_id?: number | null; plan_id?: number | null }, actorId: number): Promise<number> {
  const now = new Date().toISOString();
  return insertReturningId(db, 'consolidated_contributions', { split_from_id: null, ...row, status: 'brouillon', created_by: actorId, version: 1, created_at: now, updated_at: now });
}

/** Optimistic update: applies only when the row still has the version the editor saw. */
export async function updateConsolidatedIfVersion(db: Db, id: number, version: number, fields: Record<string, unknown>): Promise<boolean> {
  const n = await db('consolidated_contributions')
    .where({ id, version })
    .update({ ...fields, version: version + 1, updated_at: new Date().toISOString() });
  return n === 1;
}

/** A plan's undo withdraws the consolidated contributions it created that nothing holds any more. */
export async function withdrawConsolidated(db: Db, ids: number[]): Promise<void> {
  for (const part of chunk(ids)) {
    await db('consolidated_contributions').whereIn('id', part).update({ status: 'annulee', version: db.raw('version + 1'), updated_at: new Date().toISOString() });
  }
}

// ---------- plans ----------

export async function insertPlan(db: Db, row: { consultation_id: number; theme_id: number | null }, actorId: number): Promise<number> {
  return insertReturningId(db, 'consolidation_plans', { ...row, applied_by: actorId, applied_at: new Date().toISOString(), set_aside: '[]', links_made: 0 });
}

export async function recordPlanResult(db: Db, id: number, result: { setAside: number[]; linksMade: number }): Promise<void> {
  await db('consolidation_plans').where({ id }).update({ set_aside: JSON.stringify(result.setAside), links_made: result.linksMade });
}

export async function markPlanUndone(db: Db, id: number, actorId: number): Promise<boolean> {
  return (await db('consolidation_plans').where({ id }).whereNull('undone_at').update({ undone_at: new Date().toISOString(), undone_by: actorId })) === 1;
}

export async function lockPlan(db: Db, id: number): Promise<void> {
  const q = db('consolidation_plans').where({ id }).select('id');
  if (isPostgres(db)) q.forUpdate();
  await q.first();
}

// ---------- themes ----------

export async function lockTheme(db: Db, id: number): Promise<ThemeLite & { consultation_id: number } | undefined> {
  const q = db('themes').where({ id }).select('id', 'code', 'title', 'consultation_id');
  if (isPostgres(db)) q.forUpdate();
  const r = await q.first();
  return r ? { ...r, id: Number(r.id), consultation_id: Number(r.consultation_id) } : undefined;
}

// Bulk loads (the demo): rows whose ids and history are already decided, written in batches.
export async function insertConsolidatedRows(db: Db, rows: readonly PlainRow[]): Promise<void> {
  await insertRows(db, 'consolidated_contributions', rows);
}
export async function insertExtracts(db: Db, rows: readonly PlainRow[]): Promise<void> {
  await insertRows(db, 'contribution_extracts', rows);
}
export async function insertLinkRows(db: Db, rows: readonly PlainRow[]): Promise<void> {
  await insertRows(db, 'consolidation_links', rows);
}
