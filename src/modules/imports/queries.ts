import type { Db } from '../../shared/db';
import { insertReturningId, toInt } from '../../shared/db';
import type { JobStatus } from '../../shared/jobs';

export interface WorkshopRef {
  id: number;
  title: string;
  structure_id: number | null;
  starts_at: string | Date | null;
}

export async function listWorkshopsOf(db: Db, consultationId: number): Promise<WorkshopRef[]> {
  return db('workshops').where({ consultation_id: consultationId }).select('id', 'title', 'structure_id', 'starts_at');
}

export interface ThemeRef {
  id: number;
  code: string;
  title: string;
}

export async function listThemesOf(db: Db, consultationId: number): Promise<ThemeRef[]> {
  return db('themes').where({ consultation_id: consultationId }).select('id', 'code', 'title').orderBy('position').orderBy('id');
}

export interface AccountRef {
  id: number;
  email: string;
  display_name: string;
  structure_id: number | null;
}

/** Accounts matching some of these (lower-cased) e-mails; anonymised accounts have none. */
export async function accountsByEmail(db: Db, emails: string[]): Promise<Map<string, AccountRef>> {
  const out = new Map<string, AccountRef>();
  if (!emails.length) return out;
  const rows: AccountRef[] = await db('users').whereIn('email', emails).select('id', 'email', 'display_name', 'structure_id');
  for (const r of rows) out.set(r.email, r);
  return out;
}

/** Which of these import keys already exist in the consultation (at most a batch at a time). */
export async function existingImportKeys(db: Db, consultationId: number, keys: string[]): Promise<Set<string>> {
  if (!keys.length) return new Set();
  const rows: Array<{ import_key: string }> = await db('raw_contributions')
    .where({ consultation_id: consultationId })
    .whereIn('import_key', keys)
    .select('import_key');
  return new Set(rows.map((r) => r.import_key));
}

/** A run is a job (shared/jobs): « en_attente » is its preview, waiting to be launched. */
export type RunStatus = JobStatus;

export interface ImportRunRow {
  id: number;
  consultation_id: number;
  created_by: number | null;
  created_by_name?: string | null;
  file_name: string;
  file_path: string | null;
  file_bytes: number;
  format: string;
  status: RunStatus;
  rows_total: number;
  rows_done: number;
  to_create: number;
  already_imported: number;
  error_rows: number;
  created: number;
  skipped: number;
  errors_json: string;
  preview_json: string;
  created_at: string | Date;
  updated_at: string | Date;
  started_at: string | Date | null;
  finished_at: string | Date | null;
}

const COUNTS = ['file_bytes', 'rows_total', 'rows_done', 'to_create', 'already_imported', 'error_rows', 'created', 'skipped'] as const;
const normalise = (row: any): ImportRunRow => {
  const out = { ...row };
  for (const k of COUNTS) out[k] = toInt(row[k]);
  return out as ImportRunRow;
};

export interface NewImportRun {
  consultation_id: number;
  created_by: number | null;
  file_name: string;
  file_bytes: number;
  format: string;
  status: RunStatus;
  rows_total: number;
  to_create: number;
  already_imported: number;
  error_rows: number;
  errors_json: string;
  preview_json: string;
}

export async function insertRun(db: Db, run: NewImportRun): Promise<number> {
  const now = new Date().toISOString();
  return insertReturningId(db, 'import_runs', { ...run, created_at: now, updated_at: now, started_at: run.status === 'en_cours' ? now : null });
}

export async function findRun(db: Db, id: number): Promise<ImportRunRow | undefined> {
  const row = await db('import_runs as r')
    .leftJoin('users as u', 'u.id', 'r.created_by')
    .where('r.id', id)
    .select('r.*', 'u.display_name as created_by_name')
    .first();
  return row ? normalise(row) : undefined;
}

export async function listRuns(db: Db, consultationId: number, limit: number): Promise<ImportRunRow[]> {
  const rows = await db('import_runs as r')
    .leftJoin('users as u', 'u.id', 'r.created_by')
    .where('r.consultation_id', consultationId)
    .select('r.*', 'u.display_name as created_by_name')
    .orderBy('r.id', 'desc')
    .limit(limit);
  return rows.map(normalise);
}

export async function setRunFile(db: Db, id: number, filePath: string | null): Promise<void> {
  await db('import_runs').where({ id }).update({ file_path: filePath, updated_at: new Date().toISOString() });
}

/**
 * Takes a previewed, error-free run for execution. Only one caller wins (a double click or two
 * DSI launching together): the update matches only while the run is still a preview.
 */
export async function claimRun(db: Db, id: number): Promise<boolean> {
  const now = new Date().toISOString();
  const n = await db('import_runs')
    .where({ id, status: 'en_attente', error_rows: 0 })
    .whereNotNull('file_path')
    .update({ status: 'en_cours', rows_done: 0, started_at: now, updated_at: now });
  return n === 1;
}

export async function updateRunProgress(db: Db, id: number, rowsDone: number): Promise<void> {
  await db('import_runs').where({ id }).update({ rows_done: rowsDone, updated_at: new Date().toISOString() });
}

export async function finishRun(
  db: Db,
  id: number,
  outcome: { status: 'terminee' | 'echouee'; rows_total?: number; rows_done?: number; created?: number; skipped?: number; error_rows?: number; errors_json?: string },
): Promise<void> {
  const now = new Date().toISOString();
  await db('import_runs').where({ id }).update({ ...outcome, file_path: null, updated_at: now, finished_at: now });
}

/** Previews never launched keep their file: forget those older than a day. */
export async function abandonedPreviews(db: Db, olderThan: string): Promise<Array<{ id: number; file_path: string }>> {
  return db('import_runs').where({ status: 'en_attente' }).whereNotNull('file_path').where('created_at', '<', olderThan).select('id', 'file_path').limit(100);
}
