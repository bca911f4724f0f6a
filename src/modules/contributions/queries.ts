import type { Knex } from 'knex';
import type { Db } from '../../shared/db';
import { insertReturningId, isPostgres } from '../../shared/db';
import { searchableText, stems } from '../../shared/text/french';

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
