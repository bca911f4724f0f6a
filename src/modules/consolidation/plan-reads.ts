import type { Db } from '../../shared/db';
import { chunk } from './rules';

/** Read-only queries of the consolidation plan (its page, its apply and its undo). */

export interface PlanRow {
  id: number;
  consultation_id: number;
  theme_id: number | null;
  applied_by: number | null;
  applied_at: string | Date;
  set_aside: number[];
  links_made: number;
  undone_at: string | Date | null;
}

const normalisePlan = (r: any): PlanRow => ({
  id: Number(r.id),
  consultation_id: Number(r.consultation_id),
  theme_id: r.theme_id == null ? null : Number(r.theme_id),
  applied_by: r.applied_by == null ? null : Number(r.applied_by),
  applied_at: r.applied_at,
  set_aside: (JSON.parse(String(r.set_aside ?? '[]')) as unknown[]).map(Number),
  links_made: Number(r.links_made),
  undone_at: r.undone_at ?? null,
});

/** The actor's last plan in this consultation that is not undone yet (the one « Annuler » offers). */
export async function lastPlanOf(db: Db, consultationId: number, actorId: number): Promise<PlanRow | undefined> {
  const r = await db('consolidation_plans').where({ consultation_id: consultationId, applied_by: actorId }).orderBy('id', 'desc').first();
  return r && r.undone_at == null ? normalisePlan(r) : undefined;
}

export async function findPlan(db: Db, id: number): Promise<PlanRow | undefined> {
  const r = await db('consolidation_plans').where({ id }).first();
  return r ? normalisePlan(r) : undefined;
}

/** A plan's links still active, with where they point. */
export async function activeLinksOfPlan(db: Db, planId: number): Promise<Array<{ id: number; raw_contribution_id: number; consolidated_contribution_id: number }>> {
  const rows = await db('consolidation_links').where({ plan_id: planId }).whereNull('undone_at').select('id', 'raw_contribution_id', 'consolidated_contribution_id').orderBy('id');
  return rows.map((r: any) => ({ id: Number(r.id), raw_contribution_id: Number(r.raw_contribution_id), consolidated_contribution_id: Number(r.consolidated_contribution_id) }));
}

export async function countLinksOfPlan(db: Db, planId: number): Promise<number> {
  const r = await db('consolidation_links').where({ plan_id: planId }).count({ n: '*' }).first();
  return Number(r?.n ?? 0);
}

/** The consolidated contributions a plan created, with whether anything still holds them (a link, a need). */
export async function createdByPlan(db: Db, planId: number): Promise<Array<{ id: number; code: string | null; held: boolean }>> {
  const rows = await db('consolidated_contributions').where({ plan_id: planId }).select('id', 'code').orderBy('id');
  const ids = rows.map((r: any) => Number(r.id));
  const held = new Set<number>();
  for (const part of chunk(ids)) {
    for (const r of await db('consolidation_links').whereIn('consolidated_contribution_id', part).whereNull('undone_at').distinct('consolidated_contribution_id')) held.add(Number(r.consolidated_contribution_id));
    for (const r of await db('need_supports').whereIn('consolidated_contribution_id', part).distinct('consolidated_contribution_id')) held.add(Number(r.consolidated_contribution_id));
  }
  return rows.map((r: any) => ({ id: Number(r.id), code: r.code ?? null, held: held.has(Number(r.id)) }));
}

/** Consolidated contributions by id or by code (what the plan page's fields name), of one consultation. */
export async function targetsByIdOrCode(db: Db, consultationId: number, ids: readonly number[], codes: readonly string[]): Promise<Array<{ id: number; code: string | null; title: string; theme_id: number; version: number; status: string }>> {
  const out = new Map<number, any>();
  for (const part of chunk([...ids])) for (const r of await db('consolidated_contributions').where({ consultation_id: consultationId }).whereIn('id', part)) out.set(Number(r.id), r);
  for (const part of chunk([...codes])) for (const r of await db('consolidated_contributions').where({ consultation_id: consultationId }).whereIn('code', part)) out.set(Number(r.id), r);
  return [...out.values()].map((r) => ({ id: Number(r.id), code: r.code ?? null, title: r.title, theme_id: Number(r.theme_id), version: Number(r.version), status: String(r.status) }));
}

/** Every target the plan page's search list offers: the live consolidated contributions of the themes given. */
export async function liveConsolidated(db: Db, consultationId: number, themeIds: readonly number[]): Promise<Array<{ id: number; code: string | null; title: string; theme_id: number; version: number }>> {
  if (!themeIds.length) return [];
  const rows = await db('consolidated_contributions').where({ consultation_id: consultationId }).whereIn('theme_id', [...themeIds]).whereNot({ status: 'annulee' })
    .select('id', 'code', 'title', 'theme_id', 'version').orderBy('code').orderBy('id').limit(5000);
  return rows.map((r: any) => ({ id: Number(r.id), code: r.code ?? null, title: r.title, theme_id: Number(r.theme_id), version: Number(r.version) }));
}
