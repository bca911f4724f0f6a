import type { Db } from '../../shared/db';
import { insertRows, type PlainRow } from '../../shared/db';
import { groupByKey, inChunks, insertReturningId } from '../../shared/db';
import { assignedThemeIds } from '../ambassadors';
import { listPhases, openings, parisDay, type ConsultationRow } from '../consultations';
import type { MaybeActor } from '../../shared/actor';
import type { NeedsContext } from './policy';
import { numbers } from './reads';

export { findConsolidated, listSupports, supportsOf, listThemeConsolidated, listComments, joinPlaces, listQuotes, quotesOf, streamSuggestions } from './reads';
export type { ConsolidatedRow, SupportRow, CommentRow, QuoteRow } from './reads';

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

const needOut = (r: any): NeedRow => numbers(r, ['id', 'consultation_id', 'theme_id', 'position', 'merged_into_id', 'version', 'created_by', 'validated_by']);
const proposalOut = (r: any): ProposalRow => numbers(r, ['id', 'need_id', 'position', 'version', 'validated_by']);

/** The actor's place in the consultation, as the policy needs it. */
export async function needsContext(db: Db, actor: MaybeActor, consultation: ConsultationRow): Promise<NeedsContext> {
  const themeIds = actor ? await assignedThemeIds(db, consultation.id, actor.id) : [];
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
async function updateIfVersion(db: Db, table: 'needs' | 'functional_proposals', id: number, version: number, changes: Record<string, unknown>): Promise<boolean> {
  const n = await db(table)
    .where({ id, version })
    .update({ ...changes, version: version + 1, updated_at: new Date().toISOString() });
  return Number(n) === 1;
}
export const updateNeedIfVersion = (db: Db, id: number, version: number, changes: Record<string, unknown>) => updateIfVersion(db, 'needs', id, version, changes);
export const updateProposalIfVersion = (db: Db, id: number, version: number, changes: Record<string, unknown>) =>
  updateIfVersion(db, 'functional_proposals', id, version, changes);

/** Bumps the version of a need changed through its parts (links, proposals): open edit forms then see it. */
export async function touchNeed(db: Db, id: number): Promise<void> {
  await db('needs').where({ id }).update({ version: db.raw('version + 1'), updated_at: new Date().toISOString() });
}

const now = () => new Date().toISOString();

export async function insertNeed(db: Db, row: { consultation_id: number; theme_id: number; code: string; title: string; description_md: string; position: number; created_by: number }): Promise<number> {
  return insertReturningId(db, 'needs', { ...row, status: 'brouillon', created_at: now(), updated_at: now() });
}

/** The need's draft and returned proposals go to the DSI with it. */
export async function submitProposalsOf(db: Db, needId: number): Promise<void> {
  await db('functional_proposals').where({ need_id: needId }).whereIn('status', ['brouillon', 'renvoye']).update({ status: 'soumis', updated_at: now() });
}

export async function insertProposal(
  db: Db,
  row: { need_id: number; code: string; title: string; description_md: string; priority: string; target_stream: string; position: number; created_by: number },
): Promise<number> {
  return insertReturningId(db, 'functional_proposals', { ...row, status: 'brouillon', created_at: now(), updated_at: now() });
}

/** A proposal under another need (moved or merged): its new code and place there, its version bumped. */
export async function reassignProposal(db: Db, p: ProposalRow, needId: number, code: string, position: number): Promise<void> {
  await db('functional_proposals').where({ id: p.id }).update({ need_id: needId, code, position, version: p.version + 1, updated_at: now() });
}

/** A merged need keeps its row, hidden from lists; merged_into_id says where it went. */
export async function markNeedMerged(db: Db, from: NeedRow, intoId: number): Promise<void> {
  await db('needs').where({ id: from.id }).update({ merged_into_id: intoId, version: from.version + 1, updated_at: now() });
}

/**
 * Writes new codes. Codes are unique per consultation, so a first pass moves every changed need to a
 * temporary code no live code can take.
 */
export async function writeCodes(db: Db, needs: Array<{ id: number; to: string }>, proposals: Array<{ id: number; to: string }>): Promise<void> {
  for (const c of needs) await db('needs').where({ id: c.id }).update({ code: `~${c.id}` });
  const at = now();
  for (const c of needs) await db('needs').where({ id: c.id }).update({ code: c.to, updated_at: at });
  for (const c of proposals) await db('functional_proposals').where({ id: c.id }).update({ code: c.to, updated_at: at });
}

/** Every need (merged ones too) and proposal of a consultation, with what renumbering orders them by. */
export async function codesToRenumber(db: Db, consultationId: number): Promise<{ needs: any[]; proposals: any[] }> {
  const needs = await db('needs as n')
    .join('themes as t', 't.id', 'n.theme_id')
    .where('n.consultation_id', consultationId)
    .select('n.id', 'n.code', 'n.position', 'n.theme_id', 'n.merged_into_id', 't.position as theme_position');
  const proposals = await db('functional_proposals as p').join('needs as n', 'n.id', 'p.need_id').where('n.consultation_id', consultationId).select('p.id', 'p.code', 'p.position', 'p.need_id');
  return { needs, proposals };
}

/** Which of `ids` already support the need (all of its supports when ids is omitted). */
export async function supportedIds(db: Db, needId: number, ids?: number[]): Promise<Set<number>> {
  const q = db('need_supports').where({ need_id: needId });
  if (ids) q.whereIn('consolidated_contribution_id', ids);
  return new Set((await q.select('consolidated_contribution_id')).map((r: any) => Number(r.consolidated_contribution_id)));
}

export async function countSupports(db: Db, needId: number): Promise<number> {
  return Number((await db('need_supports').where({ need_id: needId }).count({ n: '*' }).first())?.n ?? 0);
}

export async function insertSupports(db: Db, rows: Array<{ need_id: number; consolidated_contribution_id: number; created_by: number | null; created_at: string }>): Promise<void> {
  for (const row of rows) await db('need_supports').insert(row);
}

/** The supports a merged need had, moved to the need it went into (one kept where both had it). */
export async function moveSupports(db: Db, fromId: number, intoId: number): Promise<number[]> {
  const supports = (await db('need_supports').where({ need_id: fromId }).select('consolidated_contribution_id', 'created_by', 'created_at')) as any[];
  const existing = await supportedIds(db, intoId);
  await insertSupports(
    db,
    supports
      .filter((s) => !existing.has(Number(s.consolidated_contribution_id)))
      .map((s) => ({ need_id: intoId, consolidated_contribution_id: s.consolidated_contribution_id, created_by: s.created_by, created_at: s.created_at })),
  );
  await db('need_supports').where({ need_id: fromId }).delete();
  return supports.map((s) => Number(s.consolidated_contribution_id));
}

/** Returns how many links went (0: the contribution did not support the need). */
export async function deleteSupport(db: Db, needId: number, consolidatedId: number): Promise<number> {
  return Number(await db('need_supports').where({ need_id: needId, consolidated_contribution_id: consolidatedId }).delete());
}

/** The consultation of each consolidated contribution found among `ids`. */
export async function consultationsOfConsolidated(db: Db, ids: number[]): Promise<Array<{ id: number; consultation_id: number }>> {
  return (await db('consolidated_contributions').whereIn('id', ids).select('id', 'consultation_id')).map((r: any) => numbers(r, ['id', 'consultation_id']));
}

/** Whether the raw contribution (through this extract, if one is given) is behind the need by an active link. */
export async function isBehindNeed(db: Db, needId: number, rawId: number, extractId: number | null): Promise<boolean> {
  const q = db('need_supports as s')
    .join('consolidation_links as l', 'l.consolidated_contribution_id', 's.consolidated_contribution_id')
    .where({ 's.need_id': needId, 'l.raw_contribution_id': rawId })
    .whereNull('l.undone_at');
  if (extractId) q.where('l.extract_id', extractId);
  return Boolean(await q.first('l.id'));
}

export async function findQuote(db: Db, needId: number, where: { id: number } | { raw_contribution_id: number }): Promise<any> {
  return db('representative_quotes').where({ need_id: needId, ...where }).first();
}

export async function insertQuote(db: Db, row: { need_id: number; raw_contribution_id: number; extract_id: number | null; created_by: number }): Promise<number> {
  return insertReturningId(db, 'representative_quotes', { ...row, created_at: now() });
}

export async function deleteQuote(db: Db, id: number): Promise<void> {
  await db('representative_quotes').where({ id }).delete();
}

/** Quotes and comments follow a merged need; a contribution quoted under both is quoted once. */
export async function moveQuotesAndComments(db: Db, fromId: number, intoId: number): Promise<void> {
  const quoted = new Set((await db('representative_quotes').where({ need_id: intoId }).select('raw_contribution_id')).map((r: any) => Number(r.raw_contribution_id)));
  for (const q of (await db('representative_quotes').where({ need_id: fromId }).select('id', 'raw_contribution_id')) as any[]) {
    if (quoted.has(Number(q.raw_contribution_id))) await db('representative_quotes').where({ id: q.id }).delete();
    else await db('representative_quotes').where({ id: q.id }).update({ need_id: intoId });
  }
  await db('need_comments').where({ need_id: fromId }).update({ need_id: intoId });
}

export async function insertComment(db: Db, row: { need_id: number; author_id: number; body: string }): Promise<number> {
  return insertReturningId(db, 'need_comments', { ...row, created_at: now() });
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

// Bulk loads (the demo): rows whose ids and history are already decided, written in batches.
export async function insertNeeds(db: Db, rows: readonly PlainRow[]): Promise<void> {
  await insertRows(db, 'needs', rows);
}
export async function insertSupportRows(db: Db, rows: readonly PlainRow[]): Promise<void> {
  await insertRows(db, 'need_supports', rows);
}
export async function insertProposals(db: Db, rows: readonly PlainRow[]): Promise<void> {
  await insertRows(db, 'functional_proposals', rows);
}
export async function insertQuotes(db: Db, rows: readonly PlainRow[]): Promise<void> {
  await insertRows(db, 'representative_quotes', rows);
}
export async function insertComments(db: Db, rows: readonly PlainRow[]): Promise<void> {
  await insertRows(db, 'need_comments', rows);
}
