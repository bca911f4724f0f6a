import type { Knex } from 'knex';
import type { Db } from '../../shared/db';
import { groupByKey, inChunks, toDate } from '../../shared/db';
import { joinWhereSaid, WHERE_SAID } from '../contributions';

/**
 * The needs module's read-only queries for pages, the trace and the white paper. Writes stay in
 * queries.ts, where the ownership test (convention 13) looks for them; queries.ts re-exports these.
 */

export const numbers = <T extends Record<string, unknown>>(row: T, keys: string[]): T => {
  const out: Record<string, unknown> = { ...row };
  for (const k of keys) if (out[k] != null) out[k] = Number(out[k]);
  return out as T;
};
export interface ConsolidatedRow {
  id: number;
  consultation_id: number;
  theme_id: number;
  code: string | null;
  title: string;
  status: string;
}

export async function findConsolidated(db: Db, id: number): Promise<ConsolidatedRow | undefined> {
  const row = await db('consolidated_contributions').where({ id }).first('id', 'consultation_id', 'theme_id', 'code', 'title', 'status');
  return row ? numbers(row, ['id', 'consultation_id', 'theme_id']) : undefined;
}

export type SupportRow = ConsolidatedRow & { raw_count: number };

export async function listSupports(db: Db, needId: number): Promise<SupportRow[]> {
  return (await supportsOf(db, [needId])).get(needId)!;
}

/** The consolidated contributions supporting each need, with their raw contributions counted (one query per 500 needs). */
export async function supportsOf(db: Db, needIds: number[]): Promise<Map<number, SupportRow[]>> {
  const rows = await inChunks(needIds, (slice) =>
    db('need_supports as s')
      .join('consolidated_contributions as c', 'c.id', 's.consolidated_contribution_id')
      .whereIn('s.need_id', slice)
      .select(
        's.need_id', 'c.id', 'c.consultation_id', 'c.theme_id', 'c.code', 'c.title', 'c.status',
        db.raw('(select count(distinct l.raw_contribution_id) from consolidation_links l where l.consolidated_contribution_id = c.id and l.undone_at is null) as raw_count'),
      )
      .orderBy('c.code')
      .orderBy('c.id'),
  );
  const grouped = groupByKey(needIds, rows as any[], (r) => Number(r.need_id));
  return new Map(
    [...grouped].map(([id, list]) => [id, list.map(({ need_id: _n, ...r }) => ({ ...numbers(r, ['id', 'consultation_id', 'theme_id']), raw_count: Number(r.raw_count) }) as SupportRow)]),
  );
}

/** The theme's consolidated contributions an ambassador can tick, optionally searched by title (bounded). */
export async function listThemeConsolidated(db: Db, consultationId: number, themeId: number, q: string, limit = 300): Promise<ConsolidatedRow[]> {
  const query = db('consolidated_contributions').where({ consultation_id: consultationId, theme_id: themeId }).whereNot({ status: 'annulee' }).orderBy('code').orderBy('id').limit(limit);
  if (q) query.whereRaw('lower(title) like ?', [`%${q.toLowerCase().replace(/[\\%_]/g, '')}%`]);
  return (await query.select('id', 'consultation_id', 'theme_id', 'code', 'title', 'status')).map((r: any) => numbers(r, ['id', 'consultation_id', 'theme_id']));
}

export interface CommentRow {
  id: number;
  body: string;
  author_name: string | null;
  author_role: string | null;
  created_at: Date | null;
}

export async function listComments(db: Db, needId: number): Promise<CommentRow[]> {
  const rows = await db('need_comments as c')
    .leftJoin('users as u', 'u.id', 'c.author_id')
    .where('c.need_id', needId)
    .select('c.id', 'c.body', 'c.created_at', 'u.display_name as author_name', 'u.role as author_role')
    .orderBy('c.id')
    .limit(500);
  return rows.map((r: any) => ({ ...r, id: Number(r.id), created_at: toDate(r.created_at) }));
}

/**
 * Joins where a raw contribution (alias `rc`) was said: its workshop (`w`, for its title) and what
 * contributions' one rule (`WHERE_SAID`) reads. Quotes and traces read their region from these.
 */
export function joinPlaces(q: Knex.QueryBuilder): void {
  q.leftJoin('workshops as w', 'w.id', 'rc.workshop_id').modify(joinWhereSaid);
}

export interface QuoteRow {
  id: number;
  need_id: number;
  raw_contribution_id: number;
  extract_id: number | null;
  text: string;
  reference: string | null;
  /** The raw contribution's source (atelier, individuelle…) and status: where the words come from, never who. */
  source: string;
  status: string;
  /** Where it was said (contributions' `whereSaid`): the workshop's region, else the author's structure's. */
  region: string | null;
}

/** Representative quotes: the text only (the extract's quote when one was chosen), never a name. */
export async function listQuotes(db: Db, needId: number): Promise<QuoteRow[]> {
  return (await quotesOf(db, [needId])).get(needId)!;
}

/** The representative quotes of each need, in the order they were chosen (one query per 500 needs). */
export async function quotesOf(db: Db, needIds: number[]): Promise<Map<number, QuoteRow[]>> {
  const rows = await inChunks(needIds, (slice) =>
    db('representative_quotes as q')
      .join('raw_contributions as rc', 'rc.id', 'q.raw_contribution_id')
      .leftJoin('contribution_extracts as e', 'e.id', 'q.extract_id')
      .modify(joinPlaces)
      .whereIn('q.need_id', slice)
      .select(
        'q.id', 'q.need_id', 'q.raw_contribution_id', 'q.extract_id', 'rc.reference', 'rc.source', 'rc.status',
        db.raw('coalesce(e.quote, rc.body) as text'),
        db.raw(`${WHERE_SAID} as region`),
      )
      .orderBy('q.id'),
  );
  const quotes = rows.map((r: any) => ({ ...numbers(r, ['id', 'need_id', 'raw_contribution_id', 'extract_id']), region: r.region || null }) as QuoteRow);
  return groupByKey(needIds, quotes, (q) => q.need_id);
}

/** Suggestions for the target stream: the themes' titles and the streams already used. */
export async function streamSuggestions(db: Db, consultationId: number): Promise<string[]> {
  const themes = (await db('themes').where({ consultation_id: consultationId }).orderBy('position').select('title')).map((r: { title: string }) => r.title);
  const used = (
    await db('functional_proposals as p').join('needs as n', 'n.id', 'p.need_id').where('n.consultation_id', consultationId).whereNot('p.target_stream', '').distinct('p.target_stream').limit(200)
  ).map((r: { target_stream: string }) => r.target_stream);
  return [...new Set([...themes, ...used])].sort((a, b) => a.localeCompare(b, 'fr'));
}
