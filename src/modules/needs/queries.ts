import type { Knex } from 'knex';
import type { Db } from '../../shared/db';
import { groupByKey, inChunks, toDate } from '../../shared/db';
import { listPhases, openings, parisDay, type ConsultationRow } from '../consultations';
import type { MaybeActor } from '../../shared/actor';
import type { NeedsContext } from './policy';

export interface NeedRow {
  id: number;
  consultation_id: number;
  theme_id: number;
  code: string;
  title: string;
  description_md: string;
  position: number;
  status: string;
  review_comment: string | null;
  merged_into_id: number | null;
  created_by: number | null;
  validated_by: number | null;
  validated_at: string | Date | null;
  version: number;
  updated_at: string | Date;
}

export interface ProposalRow {
  id: number;
  need_id: number;
  code: string;
  title: string;
  description_md: string;
  priority: string;
  target_stream: string;
  position: number;
  status: string;
  review_comment: string | null;
  validated_by: number | null;
  validated_at: string | Date | null;
  version: number;
}

const numbers = <T extends Record<string, unknown>>(row: T, keys: string[]): T => {
  const out: Record<string, unknown> = { ...row };
  for (const k of keys) if (out[k] != null) out[k] = Number(out[k]);
  return out as T;
};
const needOut = (r: any): NeedRow => numbers(r, ['id', 'consultation_id', 'theme_id', 'position', 'merged_into_id', 'version', 'created_by', 'validated_by']);
const proposalOut = (r: any): ProposalRow => numbers(r, ['id', 'need_id', 'position', 'version', 'validated_by']);

/** The actor's place in the consultation, as the policy needs it. */
export async function needsContext(db: Db, actor: MaybeActor, consultation: ConsultationRow): Promise<NeedsContext> {
  const themeIds = actor
    ? (await db('ambassador_themes').where({ consultation_id: consultation.id, user_id: actor.id }).select('theme_id')).map((r: { theme_id: number }) => Number(r.theme_id))
    : [];
  const open = openings(await listPhases(db, consultation.id), consultation, parisDay(new Date()));
  return { themeIds, consolidationOpen: open.consolidation };
}

export async function findNeed(db: Db, id: number): Promise<NeedRow | undefined> {
  const row = await db('needs').where({ id }).first();
  return row ? needOut(row) : undefined;
}

export interface NeedListRow extends NeedRow {
  theme_code: string;
  theme_title: string;
  supports: number;
  proposals: number;
  validated_proposals: number;
}

/** Live needs of a consultation (merged ones hidden), in theme then position order, with their counts. */
export async function listNeeds(db: Db, consultationId: number, themeId?: number): Promise<NeedListRow[]> {
  const q = db('needs as n')
    .join('themes as t', 't.id', 'n.theme_id')
    .where('n.consultation_id', consultationId)
    .whereNull('n.merged_into_id')
    .select(
      'n.*',
      't.code as theme_code',
      't.title as theme_title',
      db.raw('(select count(*) from need_supports s where s.need_id = n.id) as supports'),
      db.raw('(select count(*) from functional_proposals p where p.need_id = n.id) as proposals'),
      db.raw("(select count(*) from functional_proposals p where p.need_id = n.id and p.status = 'valide') as validated_proposals"),
    )
    .orderBy('t.position')
    .orderBy('t.id')
    .orderBy('n.position')
    .orderBy('n.id');
  if (themeId) q.where('n.theme_id', themeId);
  return (await q).map((r: any): NeedListRow => ({ ...needOut(r), theme_code: r.theme_code, theme_title: r.theme_title, supports: Number(r.supports), proposals: Number(r.proposals), validated_proposals: Number(r.validated_proposals) }));
}

export async function needCodes(db: Db, consultationId: number): Promise<string[]> {
  return (await db('needs').where({ consultation_id: consultationId }).select('code')).map((r: { code: string }) => r.code);
}

/** Live needs of a theme in display order (ids only): what reordering works on. */
export async function themeNeedOrder(db: Db, consultationId: number, themeId: number): Promise<number[]> {
  const rows = await db('needs').where({ consultation_id: consultationId, theme_id: themeId }).whereNull('merged_into_id').orderBy('position').orderBy('id').select('id');
  return rows.map((r: { id: number }) => Number(r.id));
}

export async function nextPosition(db: Db, table: 'needs' | 'functional_proposals', where: Record<string, unknown>): Promise<number> {
  const row = await db(table).where(where).max({ m: 'position' }).first();
  return row?.m == null ? 0 : Number(row.m) + 1;
}

/** Writes positions 0..n-1 in the given order. */
export async function writeOrder(db: Db, table: 'needs' | 'functional_proposals', ids: number[]): Promise<void> {
  for (const [i, id] of ids.entries()) await db(table).where({ id }).update({ position: i });
}

/** Optimistic lock: updates only when the version still matches, and bumps it. */
export async function updateIfVersion(db: Db, table: 'needs' | 'functional_proposals', id: number, version: number, changes: Record<string, unknown>): Promise<boolean> {
  const n = await db(table)
    .where({ id, version })
    .update({ ...changes, version: version + 1, updated_at: new Date().toISOString() });
  return Number(n) === 1;
}

/** Bumps the version of a need changed through its parts (links, proposals): open edit forms then see it. */
export async function touchNeed(db: Db, id: number): Promise<void> {
  await db('needs').where({ id }).update({ version: db.raw('version + 1'), updated_at: new Date().toISOString() });
}

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
  const query = db('consolidated_contributions').where({ consultation_id: consultationId, theme_id: themeId }).orderBy('code').orderBy('id').limit(limit);
  if (q) query.whereRaw('lower(title) like ?', [`%${q.toLowerCase().replace(/[\\%_]/g, '')}%`]);
  return (await query.select('id', 'consultation_id', 'theme_id', 'code', 'title', 'status')).map((r: any) => numbers(r, ['id', 'consultation_id', 'theme_id']));
}

export async function findProposal(db: Db, id: number): Promise<ProposalRow | undefined> {
  const row = await db('functional_proposals').where({ id }).first();
  return row ? proposalOut(row) : undefined;
}

export async function listProposals(db: Db, needId: number): Promise<ProposalRow[]> {
  return (await proposalsOf(db, [needId])).get(needId)!;
}

/** The proposals of each need, in their order (one query per 500 needs). */
export async function proposalsOf(db: Db, needIds: number[]): Promise<Map<number, ProposalRow[]>> {
  const rows = await inChunks(needIds, (slice) => db('functional_proposals').whereIn('need_id', slice).orderBy('position').orderBy('id'));
  return groupByKey(needIds, rows.map(proposalOut), (p) => p.need_id);
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
 * Joins where a raw contribution (alias `rc`) was said: its structure (`st`), its workshop (`w`) and
 * the workshop's structure (`ws`). Quotes and traces read their region from these.
 */
export function joinPlaces(q: Knex.QueryBuilder): void {
  q.leftJoin('structures as st', 'st.id', 'rc.structure_id')
    .leftJoin('workshops as w', 'w.id', 'rc.workshop_id')
    .leftJoin('structures as ws', 'ws.id', 'w.structure_id');
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
  /** Where it was said: the workshop's region, else the region of the contribution's structure. */
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
        db.raw('coalesce(ws.region, st.region) as region'),
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
