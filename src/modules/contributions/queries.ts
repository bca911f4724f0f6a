import type { Knex } from 'knex';
import type { Db } from '../../shared/db';
import { insertReturningId, isPostgres, toBool } from '../../shared/db';
import { searchableText, stems } from '../../shared/text/french';
import { parisToUtc } from '../../shared/paris-time';

/** Where a raw contribution came from. */
export const SOURCES = ['atelier', 'individuelle', 'import', 'partenaire'] as const;
export type Source = (typeof SOURCES)[number];

/** a_traiter → (consolidee | hors_perimetre) by ambassadors; retiree by its author before consolidation. */
export const STATUSES = ['a_traiter', 'consolidee', 'hors_perimetre', 'retiree'] as const;
export type ContributionStatus = (typeof STATUSES)[number];

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
  created_by: number | null;
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
    ...c,
    status: 'a_traiter',
    search_text: searchableText(c.body),
    submitted_at: c.submitted_at ?? now,
    created_at: now,
    updated_at: now,
  };
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

/**
 * Restricts a query on `raw_contributions as <alias>` to the rows matching a French full-text query:
 * every word must match (by stem, accents ignored). SQLite uses FTS5, PostgreSQL a GIN index on
 * to_tsvector('simple', search_text); both index the same stems. Returns false when the query has
 * no searchable word (then no restriction applies).
 */
export function whereMatches(db: Db, query: Knex.QueryBuilder, text: string, alias = 'rc'): boolean {
  const terms = [...new Set(stems(text))].slice(0, 12);
  if (!terms.length) return false;
  if (isPostgres(db)) {
    query.whereRaw(`to_tsvector('simple', ${alias}.search_text) @@ to_tsquery('simple', ?)`, [terms.map((t) => `${t}:*`).join(' & ')]);
  } else {
    // Each stem is quoted (FTS5 syntax is never taken from user input) and prefix-matched.
    const match = terms.map((t) => `"${t.replace(/"/g, '')}"*`).join(' AND ');
    query.whereRaw(`${alias}.id in (select rowid from raw_contributions_fts where raw_contributions_fts match ?)`, [match]);
  }
  return true;
}

// ---- Reading contributions (pages, lists, exports) -------------------------------------------

/** A raw contribution with what every page and export shows around it. */
export interface ContributionView {
  id: number;
  consultation_id: number;
  consultation_slug: string;
  consultation_title: string;
  theme_id: number | null;
  theme_title: string | null;
  workshop_id: number | null;
  workshop_title: string | null;
  workshop_starts_at: string | Date | null;
  author_id: number | null;
  author_display_name: string | null;
  author_name: string | null;
  structure_id: number | null;
  structure_name: string | null;
  region: string | null;
  anonymous: boolean;
  source: Source;
  reference: string | null;
  body: string;
  status: ContributionStatus;
  out_of_scope_reason: string | null;
  submitted_at: string | Date;
  version: number;
}

const COLUMNS = [
  'rc.id',
  'rc.consultation_id',
  'c.slug as consultation_slug',
  'c.title as consultation_title',
  'rc.theme_id',
  't.title as theme_title',
  'rc.workshop_id',
  'w.title as workshop_title',
  'w.starts_at as workshop_starts_at',
  'rc.author_id',
  'u.display_name as author_display_name',
  'rc.author_name',
  'rc.structure_id',
  's.name as structure_name',
  's.region',
  'rc.anonymous',
  'rc.source',
  'rc.reference',
  'rc.body',
  'rc.status',
  'rc.out_of_scope_reason',
  'rc.submitted_at',
  'rc.version',
];

function viewQuery(db: Db) {
  return db('raw_contributions as rc')
    .join('consultations as c', 'c.id', 'rc.consultation_id')
    .leftJoin('themes as t', 't.id', 'rc.theme_id')
    .leftJoin('workshops as w', 'w.id', 'rc.workshop_id')
    .leftJoin('users as u', 'u.id', 'rc.author_id')
    .leftJoin('structures as s', 's.id', 'rc.structure_id')
    .select(COLUMNS);
}

const normaliseView = (row: any): ContributionView => ({
  ...row,
  id: Number(row.id),
  consultation_id: Number(row.consultation_id),
  theme_id: row.theme_id == null ? null : Number(row.theme_id),
  workshop_id: row.workshop_id == null ? null : Number(row.workshop_id),
  author_id: row.author_id == null ? null : Number(row.author_id),
  structure_id: row.structure_id == null ? null : Number(row.structure_id),
  anonymous: toBool(row.anonymous),
  version: Number(row.version),
});

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

export async function countSelection(db: Db, consultationId: number, f: SelectionFilter): Promise<number> {
  const q = db('raw_contributions as rc').leftJoin('structures as s', 's.id', 'rc.structure_id');
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
