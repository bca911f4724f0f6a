import type { Knex } from 'knex';
import type { Db } from '../../shared/db';
import { insertReturningId, insertRows, isPostgres, toBool, type PlainRow } from '../../shared/db';
import { searchableText, stems } from '../../shared/text/french';
import { parisToUtc } from '../../shared/paris-time';
import { normaliseView, viewQuery, type ContributionStatus, type ContributionView, type Source } from './views';

export { SOURCES, STATUSES, whereMatches } from './views';
export type { Source, ContributionStatus, ContributionView } from './views';

export interface NewRawContribution {
  consultation_id: number;
  theme_id: number | null;
  workshop_id?: number | null;
  author_id?: number | null;
  author_name?: string | null;
  structure_id?: number | null;
  anonymous?: boolean;
  source: Source;
  reference?: string | null;
  body: string;
  import_key?: string | null;
  client_key?: string | null;
  submitted_at?: string;
  /** The moment is a calendar day only (an imported date without a time): shown as a date. */
  submitted_day_only?: boolean;
  created_by: number | null;
  /** « Remontée continue » (default false): set by the form after publication (calendar.ts intakeMode). */
  continuous_intake?: boolean;
}

/**
 * The one way raw contributions enter the database (form, live capture, import, seed): the body is
 * kept exactly as typed, and its searchable form is computed here so that search never drifts.
 */
export function rawContributionRow(c: NewRawContribution): Record<string, unknown> {
  const now = new Date().toISOString();
  return {
    workshop_id: null,
    author_id: null,
    author_name: null,
    structure_id: null,
    anonymous: false,
    reference: null,
    import_key: null,
    client_key: null,
    continuous_intake: false,
    submitted_day_only: false,
    ...c,
    status: 'a_traiter',
    search_text: searchableText(c.body),
    submitted_at: c.submitted_at ?? now,
    created_at: now,
    updated_at: now,
  };
}

/** A raw contribution loaded with its history already decided (the demo): its id, status and last change. */
export interface LoadedRawContribution extends NewRawContribution {
  id: number;
  status: ContributionStatus;
  out_of_scope_reason: string | null;
  submitted_at: string;
  updated_at: string;
}

/** rawContributionRow, then what a load knows already: the contribution entered when it was submitted. */
export function loadedContributionRow(c: LoadedRawContribution): PlainRow {
  const { id, status, out_of_scope_reason, updated_at, ...submitted } = c;
  return { ...rawContributionRow(submitted), id, status, out_of_scope_reason, created_at: c.submitted_at, updated_at } as PlainRow;
}

/** Bulk load of built rows (loadedContributionRow), in batches. */
export async function insertRawContributions(db: Db, rows: readonly PlainRow[]): Promise<void> {
  await insertRows(db, 'raw_contributions', rows);
}

export async function insertRawContribution(db: Db, c: NewRawContribution): Promise<number> {
  return insertReturningId(db, 'raw_contributions', rawContributionRow(c));
}

/** Changes a body (author's edit) and keeps the search form in step. */
export async function updateRawContributionBody(
  db: Db,
  id: number,
  version: number,
  changes: { body: string; theme_id?: number | null; anonymous?: boolean },
): Promise<boolean> {
  const n = await db('raw_contributions')
    .where({ id, version })
    .update({ ...changes, search_text: searchableText(changes.body), version: version + 1, updated_at: new Date().toISOString() });
  return n === 1;
}

export async function findContribution(db: Db, id: number): Promise<ContributionView | undefined> {
  const row = await viewQuery(db).where('rc.id', id).first();
  return row ? normaliseView(row) : undefined;
}

/**
 * The contribution's row, locked until the transaction ends on PostgreSQL (SQLite serialises every
 * write on its single connection), so that an edit and a consolidation cannot cross.
 */
export async function lockContribution(db: Db, id: number): Promise<{ id: number; status: ContributionStatus; version: number } | undefined> {
  const q = db('raw_contributions').where({ id }).select('id', 'status', 'version');
  if (isPostgres(db)) q.forUpdate();
  const row = await q.first();
  return row ? { id: Number(row.id), status: row.status, version: Number(row.version) } : undefined;
}

/** An ambassador has used it: a live link to a consolidated contribution (whole or an extract of it). */
export async function isConsolidated(db: Db, id: number): Promise<boolean> {
  const link = await db('consolidation_links').where({ raw_contribution_id: id }).whereNull('undone_at').first('id');
  return !!link;
}

/** A person's own contributions, newest first, by keyset. */
export async function listOwnContributions(db: Db, authorId: number, before: number | null, limit: number): Promise<ContributionView[]> {
  const q = viewQuery(db).where('rc.author_id', authorId).orderBy('rc.id', 'desc').limit(limit);
  if (before) q.where('rc.id', '<', before);
  return (await q).map(normaliseView);
}

export async function withdrawContribution(db: Db, id: number, version: number): Promise<boolean> {
  const n = await db('raw_contributions')
    .where({ id, version, status: 'a_traiter' })
    .update({ status: 'retiree', version: version + 1, updated_at: new Date().toISOString() });
  return n === 1;
}

/**
 * The status follows the consolidation links (consolidation decides which contributions have an
 * active link): linked ones still « à traiter » become « consolidée », unlinked « consolidée » ones
 * go back to « à traiter ». Other statuses (out of scope, withdrawn) are left alone.
 */
export async function setConsolidationStatus(db: Db, ids: number[], linked: boolean): Promise<void> {
  if (!ids.length) return;
  const [from, to] = linked ? ['a_traiter', 'consolidee'] : ['consolidee', 'a_traiter'];
  await db('raw_contributions').whereIn('id', ids).where('status', from).update({ status: to, version: db.raw('version + 1'), updated_at: new Date().toISOString() });
}

/** Theme, status, out-of-scope reason set by an ambassador; the version is bumped for open forms. */
export async function setRawFields(db: Db, id: number, fields: { theme_id?: number; status?: ContributionStatus; out_of_scope_reason?: string | null }): Promise<void> {
  await db('raw_contributions')
    .where({ id })
    .update({ ...fields, version: db.raw('version + 1'), updated_at: new Date().toISOString() });
}

/** Inserts built rows (rawContributionRow), a row already imported (same import key) skipped; returns the new ids. */
export async function insertImportedRows(db: Db, rows: Record<string, unknown>[]): Promise<unknown[]> {
  return db('raw_contributions').insert(rows).onConflict(['consultation_id', 'import_key']).ignore().returning('id');
}

export { parisDayStart, listSelection, countSelection, selectionBatches, selectionChoices } from './selection';
export type { SelectionFilter } from './selection';
