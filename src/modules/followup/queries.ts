import type { Db, PlainRow } from '../../shared/db';
import { insertReturningId, insertRows } from '../../shared/db';

/**
 * The only file that writes the follow-up's tables (followup_changes, followup_current,
 * followup_capacities); the reads are in reads.ts, re-exported here.
 */
export * from './reads';

export interface NewChange {
  consultation_id: number;
  proposal_id: number;
  status: string;
  stream: string | null;
  effective_on: string;
  comment: string;
  backlog_links: string;
  estimate: number | null;
  changed_by: number;
  created_at: string;
}

/** Appends one change to the history and makes it the proposal's current state (same transaction). */
export async function appendChange(db: Db, change: NewChange): Promise<number> {
  const id = await insertReturningId(db, 'followup_changes', { ...change });
  await db('followup_current')
    .insert({
      proposal_id: change.proposal_id, consultation_id: change.consultation_id, change_id: id, status: change.status, stream: change.stream,
      effective_on: change.effective_on, backlog_links: change.backlog_links, estimate: change.estimate,
    })
    .onConflict('proposal_id')
    .merge(['change_id', 'status', 'stream', 'effective_on', 'backlog_links', 'estimate']);
  return id;
}

/** Sets (or, with null, removes) the capacity reserved for a stream and a year. */
export async function saveCapacity(db: Db, row: { consultation_id: number; stream: string; year: number; person_days: number | null; updated_by: number }): Promise<void> {
  const key = { consultation_id: row.consultation_id, stream: row.stream, year: row.year };
  if (row.person_days === null) {
    await db('followup_capacities').where(key).delete();
    return;
  }
  await db('followup_capacities')
    .insert({ ...key, person_days: row.person_days, updated_by: row.updated_by, updated_at: new Date().toISOString() })
    .onConflict(['consultation_id', 'stream', 'year'])
    .merge(['person_days', 'updated_by', 'updated_at']);
}

/** The demo's bulk inserts (ids chosen by its plan). */
export async function insertChangeRows(db: Db, rows: readonly PlainRow[]): Promise<void> {
  await insertRows(db, 'followup_changes', rows);
}
export async function insertCurrentRows(db: Db, rows: readonly PlainRow[]): Promise<void> {
  await insertRows(db, 'followup_current', rows);
}
export async function insertCapacityRows(db: Db, rows: readonly PlainRow[]): Promise<void> {
  await insertRows(db, 'followup_capacities', rows);
}
