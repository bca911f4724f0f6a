import type { Knex } from 'knex';
import type { Db } from '../../shared/db';
import { isPostgres, toBool } from '../../shared/db';
import { stems } from '../../shared/text/french';
import { joinWhereSaid, WHERE_SAID } from './where-said';

/**
 * The vocabulary of a raw contribution and how pages read one (the view, the search). Read-only:
 * queries.ts (the module's writes) and selection.ts both build on it, and queries.ts re-exports it.
 */

/** Where a raw contribution came from. */
export const SOURCES = ['atelier', 'individuelle', 'import', 'partenaire'] as const;
export type Source = (typeof SOURCES)[number];

/** a_traiter → (consolidee | hors_perimetre) by ambassadors; retiree by its author before consolidation. */
export const STATUSES = ['a_traiter', 'consolidee', 'hors_perimetre', 'retiree'] as const;
export type ContributionStatus = (typeof STATUSES)[number];

/**
 * Restricts a query on `raw_contributions as <alias>` to the rows matching a French full-text query:
 * every word must match (by stem, accents ignored). SQLite uses FTS5, PostgreSQL a GIN index on
 * to_tsvector('simple', search_text); both index the same stems. Returns false when the query has
 * no searchable word (then no restriction applies).
 */
export function whereMatches(db: Db, query: Knex.QueryBuilder, text: string, alias = 'rc'): boolean {
  const terms = searchTerms(text);
  if (!terms.length) return false;
  if (isPostgres(db)) {
    query.whereRaw(`to_tsvector('simple', ${alias}.search_text) @@ to_tsquery('simple', ?)`, [terms.map((t) => `${t}:*`).join(' & ')]);
  } else {
    query.whereRaw(`${alias}.id in (select rowid from raw_contributions_fts where raw_contributions_fts match ?)`, [ftsMatch(terms)]);
  }
  return true;
}

/** The searchable words of a query: distinct French stems, at most 12. */
export function searchTerms(text: string): string[] {
  return [...new Set(stems(text))].slice(0, 12);
}

/**
 * An FTS5 query requiring every stem: each quoted (FTS5 syntax is never taken from user input) and
 * prefix-matched — or, with `exact`, matched as a whole stem (one doclist read newest first and cut at
 * the LIMIT, where a prefix query merges every term of the prefix in memory first).
 */
export function ftsMatch(terms: readonly string[], exact = false): string {
  return terms.map((t) => `"${t.replace(/"/g, '')}"${exact ? '' : '*'}`).join(' AND ');
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
  /** An imported date without a time: shown as a date (the stored noon is not a time anyone gave). */
  submitted_day_only: boolean;
  version: number;
  /** « Remontée continue »: submitted after publication, outside any workshop (see calendar.ts). */
  continuous_intake: boolean;
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
  'rc.anonymous',
  'rc.source',
  'rc.reference',
  'rc.body',
  'rc.status',
  'rc.out_of_scope_reason',
  'rc.submitted_at',
  'rc.submitted_day_only',
  'rc.version',
  'rc.continuous_intake',
];

/**
 * Left joins only (the consultation always exists): SQLite keeps `rc` as the outer table of a left
 * join, so a page walks the filter's (consultation_id, …, id) index newest first and stops at its
 * LIMIT, instead of scanning the consultations first and sorting every match.
 */
export function viewQuery(db: Db): Knex.QueryBuilder<any, any[]> {
  return db('raw_contributions as rc')
    .leftJoin('consultations as c', 'c.id', 'rc.consultation_id')
    .leftJoin('themes as t', 't.id', 'rc.theme_id')
    .leftJoin('workshops as w', 'w.id', 'rc.workshop_id')
    .leftJoin('users as u', 'u.id', 'rc.author_id')
    .leftJoin('structures as s', 's.id', 'rc.structure_id')
    .modify(joinWhereSaid)
    .select(COLUMNS)
    // Where it was said (where-said.ts): the workshop's region, else the author's structure's.
    .select(db.raw(`${WHERE_SAID} as region`));
}

export const normaliseView = (row: any): ContributionView => ({
  ...row,
  id: Number(row.id),
  consultation_id: Number(row.consultation_id),
  theme_id: row.theme_id == null ? null : Number(row.theme_id),
  workshop_id: row.workshop_id == null ? null : Number(row.workshop_id),
  author_id: row.author_id == null ? null : Number(row.author_id),
  structure_id: row.structure_id == null ? null : Number(row.structure_id),
  anonymous: toBool(row.anonymous),
  version: Number(row.version),
  continuous_intake: toBool(row.continuous_intake),
  submitted_day_only: toBool(row.submitted_day_only),
});

