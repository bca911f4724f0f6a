import type { Db } from '../../shared/db';
import { inChunks, toIntOrNull } from '../../shared/db';
import { t } from '../../shared/i18n';
import { joinWhereSaid, WHERE_SAID } from '../contributions';
import { readLinks } from './rules';

/**
 * The follow-up's read-only queries, identical on SQLite and PostgreSQL. The followed proposals are the
 * white paper's: validated proposals of validated needs not merged into another (needs'
 * `validatedNeedsWithProposals`), in a consultation that has published an edition.
 */

export interface FollowedRow {
  id: number;
  code: string;
  title: string;
  priority: string;
  targetStream: string;
  needId: number;
  needCode: string;
  needTitle: string;
  themeId: number;
  themeCode: string;
  themeTitle: string;
  /** Current state (null: nothing recorded yet, read as « à étudier »). */
  status: string | null;
  stream: string | null;
  effectiveOn: string | null;
  estimate: number | null;
  links: string[];
}

function followedQuery(db: Db, consultationId: number) {
  return db('functional_proposals as fp')
    .join('needs as n', 'n.id', 'fp.need_id')
    .join('themes as th', 'th.id', 'n.theme_id')
    .leftJoin('followup_current as c', 'c.proposal_id', 'fp.id')
    .where({ 'n.consultation_id': consultationId, 'n.status': 'valide', 'fp.status': 'valide' })
    .whereNull('n.merged_into_id');
}

const COLUMNS = [
  'fp.id', 'fp.code', 'fp.title', 'fp.priority', 'fp.target_stream', 'n.id as need_id', 'n.code as need_code', 'n.title as need_title',
  'th.id as theme_id', 'th.code as theme_code', 'th.title as theme_title', 'c.status', 'c.stream', 'c.effective_on', 'c.estimate', 'c.backlog_links',
];

const toFollowed = (r: any): FollowedRow => ({
  id: Number(r.id), code: r.code, title: r.title, priority: r.priority, targetStream: r.target_stream ?? '',
  needId: Number(r.need_id), needCode: r.need_code, needTitle: r.need_title,
  themeId: Number(r.theme_id), themeCode: r.theme_code, themeTitle: r.theme_title,
  status: r.status ?? null, stream: r.stream ?? null, effectiveOn: r.effective_on ?? null, estimate: toIntOrNull(r.estimate),
  links: r.backlog_links ? readLinks(r.backlog_links) : [],
});

/** Every followed proposal of the consultation with its current state, in the white paper's order. */
export async function followedProposals(db: Db, consultationId: number, options: { needId?: number } = {}): Promise<FollowedRow[]> {
  const q = followedQuery(db, consultationId).select(COLUMNS).orderBy('th.position').orderBy('th.id').orderBy('n.position').orderBy('n.id').orderBy('fp.position').orderBy('fp.id');
  if (options.needId !== undefined) q.where('n.id', options.needId);
  return ((await q) as any[]).map(toFollowed);
}

/** Some followed proposals by id (a bulk change re-reads its selection); ids not followed are absent. */
export async function followedByIds(db: Db, consultationId: number, ids: readonly number[]): Promise<FollowedRow[]> {
  return (await inChunks(ids, (slice) => followedQuery(db, consultationId).whereIn('fp.id', slice).select(COLUMNS))).map(toFollowed);
}

export async function findFollowed(db: Db, consultationId: number, proposalId: number): Promise<FollowedRow | undefined> {
  return (await followedByIds(db, consultationId, [proposalId]))[0];
}

/** A need of the consultation by its public code (B-07), when it is followed (validated, not merged). */
export async function findFollowedNeed(db: Db, consultationId: number, code: string): Promise<{ id: number; code: string; title: string; descriptionMd: string; themeCode: string; themeTitle: string } | undefined> {
  const r = await db('needs as n')
    .join('themes as th', 'th.id', 'n.theme_id')
    .where({ 'n.consultation_id': consultationId, 'n.code': code, 'n.status': 'valide' })
    .whereNull('n.merged_into_id')
    .first('n.id', 'n.code', 'n.title', 'n.description_md', 'th.code as theme_code', 'th.title as theme_title');
  return r ? { id: Number(r.id), code: r.code, title: r.title, descriptionMd: r.description_md, themeCode: r.theme_code, themeTitle: r.theme_title } : undefined;
}

/**
 * The regions each need was heard in: the raw contributions behind it (active consolidation links,
 * withdrawn ones left out), each placed where it was said — contributions' one rule (`whereSaid`),
 * as stats' `contributionsByRegion` and needs' traces. « Région non renseignée » when neither is known.
 */
export async function needRegions(db: Db, consultationId: number, needId?: number): Promise<Map<number, string[]>> {
  const region = WHERE_SAID;
  const q = db('need_supports as s')
    .join('needs as n', 'n.id', 's.need_id')
    .join('consolidation_links as l', 'l.consolidated_contribution_id', 's.consolidated_contribution_id')
    .join('raw_contributions as rc', 'rc.id', 'l.raw_contribution_id')
    .modify(joinWhereSaid)
    .where('n.consultation_id', consultationId)
    .whereNull('l.undone_at')
    .whereNot('rc.status', 'retiree')
    .distinct('s.need_id', db.raw(`${region} as region`));
  if (needId !== undefined) q.where('s.need_id', needId);
  const out = new Map<number, string[]>();
  for (const r of (await q) as Array<{ need_id: number; region: string | null }>) {
    const key = Number(r.need_id);
    const list = out.get(key) ?? [];
    const name = r.region || t('stats.unknownRegion');
    if (!list.includes(name)) list.push(name);
    out.set(key, list);
  }
  for (const list of out.values()) list.sort((a, b) => a.localeCompare(b, 'fr'));
  return out;
}

/** Every status change of the consultation, in the order recorded: the indicator's history. */
export async function statusChanges(db: Db, consultationId: number): Promise<Array<{ proposalId: number; status: string; on: string }>> {
  const rows = (await db('followup_changes').where({ consultation_id: consultationId }).select('proposal_id', 'status', 'effective_on').orderBy('id')) as any[];
  return rows.map((r) => ({ proposalId: Number(r.proposal_id), status: r.status, on: r.effective_on }));
}

export interface ChangeRow {
  id: number;
  proposalId: number;
  status: string;
  stream: string | null;
  effectiveOn: string;
  comment: string;
  links: string[];
  estimate: number | null;
  changedBy: string | null;
  createdAt: Date | string;
}

const toChange = (r: any): ChangeRow => ({
  id: Number(r.id), proposalId: Number(r.proposal_id), status: r.status, stream: r.stream ?? null, effectiveOn: r.effective_on,
  comment: r.comment ?? '', links: readLinks(r.backlog_links), estimate: toIntOrNull(r.estimate), changedBy: r.changed_by_name ?? null, createdAt: r.created_at,
});

/** The whole history of some proposals, newest first. */
export async function historyOf(db: Db, proposalIds: readonly number[]): Promise<Map<number, ChangeRow[]>> {
  const rows = await inChunks(proposalIds, (slice) =>
    db('followup_changes as c')
      .leftJoin('users as u', 'u.id', 'c.changed_by')
      .whereIn('c.proposal_id', slice)
      .select('c.*', 'u.display_name as changed_by_name')
      .orderBy('c.id', 'desc'),
  );
  const out = new Map<number, ChangeRow[]>(proposalIds.map((id) => [id, []]));
  for (const r of rows) out.get(Number((r as any).proposal_id))?.push(toChange(r));
  return out;
}

export interface FeedEntryRow extends ChangeRow {
  proposalCode: string;
  proposalTitle: string;
  needCode: string;
  needTitle: string;
}

/** The latest status changes of the consultation (or of one need), newest first: the Atom feeds. */
export async function latestChanges(db: Db, consultationId: number, limit: number, needId?: number): Promise<FeedEntryRow[]> {
  const q = db('followup_changes as c')
    .join('functional_proposals as fp', 'fp.id', 'c.proposal_id')
    .join('needs as n', 'n.id', 'fp.need_id')
    .where('c.consultation_id', consultationId)
    .select('c.id', 'c.proposal_id', 'c.status', 'c.stream', 'c.effective_on', 'c.comment', 'c.backlog_links', 'c.estimate', 'c.created_at',
      'fp.code as proposal_code', 'fp.title as proposal_title', 'n.code as need_code', 'n.title as need_title')
    .orderBy('c.id', 'desc')
    .limit(limit);
  // A need's changes through its proposals' index, rather than scanning the whole consultation's.
  if (needId !== undefined) q.whereIn('c.proposal_id', db('functional_proposals').select('id').where('need_id', needId));
  return ((await q) as any[]).map((r) => ({ ...toChange(r), changedBy: null, proposalCode: r.proposal_code, proposalTitle: r.proposal_title, needCode: r.need_code, needTitle: r.need_title }));
}

/** The capacity reserved per stream for a year, in person-days. */
export async function capacitiesOf(db: Db, consultationId: number, year: number): Promise<Map<string, number>> {
  const rows = (await db('followup_capacities').where({ consultation_id: consultationId, year }).select('stream', 'person_days')) as any[];
  return new Map(rows.map((r) => [r.stream as string, Number(r.person_days)]));
}

/** The years that have a capacity recorded, most recent first. */
export async function capacityYears(db: Db, consultationId: number): Promise<number[]> {
  const rows = (await db('followup_capacities').where({ consultation_id: consultationId }).distinct('year').orderBy('year', 'desc')) as any[];
  return rows.map((r) => Number(r.year));
}

/**
 * A cheap fingerprint of what the follow-up's figures change with most: the consultation's status
 * changes (count and last id, on their index) and its needs (count, latest update, versions, positions,
 * merges). Aggregates of a few milliseconds where reading the rows takes a hundred at 10 000
 * proposals. Proposals and consolidation links, which seldom change once the paper is published, are
 * caught by the overview's maximum age instead (overview.ts).
 */
export async function followupSignature(db: Db, consultationId: number): Promise<string> {
  const [changes, needs] = await Promise.all([
    db('followup_changes').where({ consultation_id: consultationId }).first(db.raw('count(*) as n'), db.raw('max(id) as m')),
    db('needs').where({ consultation_id: consultationId }).first(
      db.raw('count(*) as n'), db.raw('max(updated_at) as u'), db.raw('sum(version) as v'), db.raw('sum(position) as p'), db.raw('count(merged_into_id) as m'),
    ),
  ]);
  const text = (r: any) => Object.values(r ?? {}).map((v) => (v instanceof Date ? v.toISOString() : String(v))).join(',');
  return `${text(changes)}|${text(needs)}`;
}
