import type { Db } from '../../shared/db';
import { toBool } from '../../shared/db';
import { joinWhereSaid, WHERE_SAID } from '../contributions';
import { chunk } from './rules';

/**
 * The consolidation module's read-only queries: raw contributions, links, consolidated
 * contributions and the actor's themes, for pages and for the use cases' checks. Writes (and the
 * row locks taken before a write) stay in queries.ts, where the ownership test (convention 13) looks
 * for them; queries.ts re-exports these, so callers keep one import.
 */

export const num = (v: unknown) => (v == null ? null : Number(v));

// ---------- raw contributions ----------

export interface RawRow {
  id: number;
  consultation_id: number;
  theme_id: number | null;
  status: string;
  out_of_scope_reason: string | null;
  reference: string | null;
  body: string;
  version: number;
}

export const normaliseRaw = (r: any): RawRow => ({
  ...r,
  id: Number(r.id),
  consultation_id: Number(r.consultation_id),
  theme_id: num(r.theme_id),
  version: Number(r.version),
});

/** Several raw contributions in batches (a bulk selection of hundreds is a few queries, not one per row). */
export async function rawByIds(db: Db, ids: number[]): Promise<RawRow[]> {
  const out: RawRow[] = [];
  for (const part of chunk(ids)) {
    const rows = await db('raw_contributions')
      .whereIn('id', part)
      .select('id', 'consultation_id', 'theme_id', 'status', 'out_of_scope_reason', 'reference', 'body', 'version');
    out.push(...rows.map(normaliseRaw));
  }
  return out;
}

export async function findRaw(db: Db, id: number): Promise<RawRow | undefined> {
  return (await rawByIds(db, [id]))[0];
}

export interface RawDetail extends RawRow {
  theme_title: string | null;
  workshop_id: number | null;
  workshop_title: string | null;
  region: string | null;
  structure_name: string | null;
  author_id: number | null;
  author_label: string | null;
  anonymous: boolean;
  source: string;
}

export async function rawDetails(db: Db, ids: number[]): Promise<RawDetail[]> {
  const out: RawDetail[] = [];
  for (const part of chunk(ids)) {
    const rows = await db('raw_contributions as rc')
      .leftJoin('themes as t', 't.id', 'rc.theme_id')
      .leftJoin('workshops as w', 'w.id', 'rc.workshop_id')
      .leftJoin('structures as s', 's.id', 'rc.structure_id')
      .leftJoin('users as u', 'u.id', 'rc.author_id')
      .modify(joinWhereSaid)
      .whereIn('rc.id', part)
      .select(
        'rc.id', 'rc.consultation_id', 'rc.theme_id', 'rc.status', 'rc.out_of_scope_reason', 'rc.reference', 'rc.body', 'rc.version',
        't.title as theme_title', 'rc.workshop_id', 'w.title as workshop_title', db.raw(`${WHERE_SAID} as region`), 's.name as structure_name',
        'rc.author_id', db.raw('coalesce(u.display_name, rc.author_name) as author_label'), 'rc.anonymous', 'rc.source',
      );
    out.push(
      ...rows.map((r: any): RawDetail => ({ ...r, ...normaliseRaw(r), workshop_id: num(r.workshop_id), author_id: num(r.author_id), anonymous: toBool(r.anonymous) })),
    );
  }
  return out;
}

// ---------- links ----------

export interface LinkRow {
  id: number;
  consolidated_contribution_id: number;
  raw_contribution_id: number;
  extract_id: number | null;
  created_by: number | null;
  created_at: string | Date;
  undone_by: number | null;
  undone_at: string | Date | null;
}
const normaliseLink = (r: any): LinkRow => ({
  ...r,
  id: Number(r.id),
  consolidated_contribution_id: Number(r.consolidated_contribution_id),
  raw_contribution_id: Number(r.raw_contribution_id),
  extract_id: num(r.extract_id),
  created_by: num(r.created_by),
  undone_by: num(r.undone_by),
});

/** Active links of whole contributions among these ids, with the code of the consolidated contribution holding each. */
export async function activeWholeLinks(db: Db, rawIds: number[]): Promise<Array<{ raw_contribution_id: number; code: string | null; reference: string | null }>> {
  const out: Array<{ raw_contribution_id: number; code: string | null; reference: string | null }> = [];
  for (const part of chunk(rawIds)) {
    const rows = await db('consolidation_links as l')
      .join('consolidated_contributions as cc', 'cc.id', 'l.consolidated_contribution_id')
      .join('raw_contributions as rc', 'rc.id', 'l.raw_contribution_id')
      .whereIn('l.raw_contribution_id', part)
      .whereNull('l.undone_at')
      .whereNull('l.extract_id')
      .select('l.raw_contribution_id', 'cc.code', 'rc.reference');
    out.push(...rows.map((r: any) => ({ raw_contribution_id: Number(r.raw_contribution_id), code: r.code, reference: r.reference })));
  }
  return out;
}

export async function findLink(db: Db, id: number): Promise<LinkRow | undefined> {
  const r = await db('consolidation_links').where({ id }).first();
  return r ? normaliseLink(r) : undefined;
}

export interface LinkView extends LinkRow {
  created_by_name: string | null;
  undone_by_name: string | null;
  extract_quote: string | null;
  extract_start: number | null;
  extract_end: number | null;
}

export async function linksOfConsolidated(db: Db, consolidatedId: number): Promise<LinkView[]> {
  const rows = await db('consolidation_links as l')
    .leftJoin('users as cu', 'cu.id', 'l.created_by')
    .leftJoin('users as uu', 'uu.id', 'l.undone_by')
    .leftJoin('contribution_extracts as e', 'e.id', 'l.extract_id')
    .where('l.consolidated_contribution_id', consolidatedId)
    .select('l.*', 'cu.display_name as created_by_name', 'uu.display_name as undone_by_name', 'e.quote as extract_quote', 'e.start_offset as extract_start', 'e.end_offset as extract_end')
    .orderBy('l.id');
  return rows.map((r: any) => ({ ...normaliseLink(r), created_by_name: r.created_by_name, undone_by_name: r.undone_by_name, extract_quote: r.extract_quote, extract_start: num(r.extract_start), extract_end: num(r.extract_end) }));
}

export interface WhereItWent {
  link_id: number;
  consolidated_id: number;
  code: string | null;
  title: string;
  extract_quote: string | null;
  created_at: string | Date;
  created_by_name: string | null;
}

/** Where a raw contribution ended up: its active links (whole or by extracts). */
export async function activeLinksOfRaw(db: Db, rawId: number): Promise<WhereItWent[]> {
  const rows = await db('consolidation_links as l')
    .join('consolidated_contributions as cc', 'cc.id', 'l.consolidated_contribution_id')
    .leftJoin('contribution_extracts as e', 'e.id', 'l.extract_id')
    .leftJoin('users as u', 'u.id', 'l.created_by')
    .where('l.raw_contribution_id', rawId)
    .whereNull('l.undone_at')
    .select('l.id as link_id', 'cc.id as consolidated_id', 'cc.code', 'cc.title', 'e.quote as extract_quote', 'l.created_at', 'u.display_name as created_by_name')
    .orderBy('l.id');
  return rows.map((r: any) => ({ ...r, link_id: Number(r.link_id), consolidated_id: Number(r.consolidated_id) }));
}

// ---------- consolidated contributions ----------

export interface ConsolidatedRow {
  id: number;
  consultation_id: number;
  theme_id: number;
  code: string | null;
  title: string;
  body_md: string;
  status: string;
  split_from_id: number | null;
  created_by: number | null;
  version: number;
  created_at: string | Date;
  updated_at: string | Date;
}
export const normaliseCc = (r: any): ConsolidatedRow => ({
  ...r,
  id: Number(r.id),
  consultation_id: Number(r.consultation_id),
  theme_id: Number(r.theme_id),
  split_from_id: num(r.split_from_id),
  created_by: num(r.created_by),
  version: Number(r.version),
});

export async function findConsolidated(db: Db, id: number): Promise<ConsolidatedRow | undefined> {
  const r = await db('consolidated_contributions').where({ id }).first();
  return r ? normaliseCc(r) : undefined;
}

/** Consolidated contributions of a consultation, optionally of some themes, for pickers (bounded). */
export async function listConsolidated(db: Db, consultationId: number, themeIds: number[] | null, limit = 2000): Promise<Array<Pick<ConsolidatedRow, 'id' | 'code' | 'title' | 'theme_id'>>> {
  const q = db('consolidated_contributions').where({ consultation_id: consultationId }).whereNot({ status: 'annulee' }).select('id', 'code', 'title', 'theme_id').orderBy('code').orderBy('id').limit(limit);
  if (themeIds) q.whereIn('theme_id', themeIds);
  return (await q).map((r: any) => ({ id: Number(r.id), code: r.code, title: r.title, theme_id: Number(r.theme_id) }));
}

/** Codes already given in a consultation for one prefix, to compute the next. */
export async function codesWithPrefix(db: Db, consultationId: number, prefix: string): Promise<string[]> {
  return (await db('consolidated_contributions').where({ consultation_id: consultationId }).where('code', 'like', `${prefix}%`).select('code')).map((r: any) => r.code);
}

// ---------- themes and scope ----------

export interface ThemeLite {
  id: number;
  code: string;
  title: string;
}
export async function themesOf(db: Db, consultationId: number): Promise<ThemeLite[]> {
  return (await db('themes').where({ consultation_id: consultationId }).select('id', 'code', 'title').orderBy('position').orderBy('id')).map((r: any) => ({ ...r, id: Number(r.id) }));
}

export async function assignedThemeIds(db: Db, consultationId: number, userId: number): Promise<number[]> {
  return (await db('ambassador_themes').where({ consultation_id: consultationId, user_id: userId }).select('theme_id')).map((r: any) => Number(r.theme_id));
}

export async function ambassadorsOf(db: Db, consultationId: number): Promise<Array<{ id: number; name: string; themeIds: number[] }>> {
  const rows = await db('ambassador_themes as at').join('users as u', 'u.id', 'at.user_id').where('at.consultation_id', consultationId).select('u.id', 'u.display_name', 'at.theme_id').orderBy('u.display_name').orderBy('u.id');
  const map = new Map<number, { id: number; name: string; themeIds: number[] }>();
  for (const r of rows) {
    const id = Number(r.id);
    if (!map.has(id)) map.set(id, { id, name: r.display_name, themeIds: [] });
    map.get(id)!.themeIds.push(Number(r.theme_id));
  }
  return [...map.values()];
}

/** Consultations where this person consolidates (every consultation for the DSI). */
export async function consultationsFor(db: Db, actor: { id: number; role: string }): Promise<Array<{ id: number; slug: string; title: string }>> {
  const q = db('consultations as c').select('c.id', 'c.slug', 'c.title').orderBy('c.created_at', 'desc').orderBy('c.id', 'desc');
  if (actor.role !== 'dsi') q.whereIn('c.id', db('ambassador_themes').where('user_id', actor.id).select('consultation_id'));
  return (await q).map((r: any) => ({ ...r, id: Number(r.id) }));
}
