import { createHash } from 'node:crypto';
import type { Db } from '../../shared/db';
import type { Knowledge } from './knowledge';
import { loadKnowledge } from './learn-associations';
import { proposePlan, type PlanOptions, type PlannedGroup } from './propose-plan';
import { countUnprocessedRaw, listUnprocessedRaw, type RawText } from './queries';
import { placesFor, type Target } from './rank-targets';
import type { GroupScope } from './suggest-groups-for';

export interface ConsolidationPlan {
  groups: PlannedGroup[];
  /** The unprocessed raw contributions the plan covers, by id. */
  raws: ReadonlyMap<number, RawText>;
  /** The consolidated contributions it matched against, with their members' texts (for « closest members »). */
  targets: readonly Target[];
  /** Every unprocessed contribution of the scope, the plan's window included. */
  total: number;
  /** The last id of the window, where the next window starts (the command line walks them all). */
  lastId: number;
}

/**
 * A plan covers the PLAN_WINDOW oldest unprocessed contributions of the theme: the page shows a part of
 * them, and what the ambassador decides there teaches the next window. Its cost is the window's, not
 * the theme's (10 000 waiting contributions cost what 1 000 do).
 */
export const PLAN_WINDOW = 1000;

/**
 * The last plans computed, by consultation and theme, with the fingerprint of everything they were
 * computed from (the texts to place, the targets and their members, what was set aside, the options)
 * and the knowledge object they used (rebuilt whenever the glossary or the associations change). A
 * plan page shown again without any change in between — the usual case while an ambassador reads,
 * and the plan of 10 000 contributions takes seconds — reuses the plan instead of computing it again;
 * any change of input gives another fingerprint, so the plan is always the one its inputs give.
 */
const PLAN_CACHE_SIZE = 16;
const planCache = new Map<string, { fingerprint: string; knowledge: Knowledge; groups: PlannedGroup[] }>();

function fingerprintOf(rows: readonly RawText[], targets: readonly Target[], outOfScope: ReadonlyArray<{ id: number; text: string; reason: string }>, options: Partial<PlanOptions>): string {
  const h = createHash('sha256');
  const put = (...parts: Array<string | number>) => {
    for (const p of parts) h.update(`${p}\u0000`);
  };
  put('options', JSON.stringify({ rank: options.rank ?? {}, group: options.group ?? {} }));
  put('window', rows[0]?.id ?? 0, rows.at(-1)?.id ?? 0);
  put('raws', rows.length);
  for (const r of rows) put(r.id, r.body);
  put('targets', targets.length);
  for (const t of targets) {
    put(t.id, t.title, t.body, t.members.length);
    for (const m of t.members) put(m.id, m.text);
  }
  put('aside', outOfScope.length);
  for (const o of outOfScope) put(o.id, o.text, o.reason);
  return h.digest('hex');
}

/**
 * The consolidation plan of a theme's unprocessed raw contributions (or of the « à classer » ones,
 * matched against every theme's consolidated contributions), with the consultation's glossary and
 * learned associations. Nothing is written.
 */
export type Places = Awaited<ReturnType<typeof placesFor>>;

/**
 * `places`: the scope's targets and set-aside contributions when the caller already read them (the
 * command line walks a theme window by window without writing anything: they are the same for every
 * window, and at a million contributions reading them again for each window cost more than the plans).
 */
export async function planFor(db: Db, consultationId: number, scope: GroupScope, options: Partial<PlanOptions> & { afterId?: number; window?: number; places?: Places } = {}): Promise<ConsolidationPlan> {
  const themeId = scope === 'a_classer' ? null : scope.themeId;
  const rows = await listUnprocessedRaw(db, consultationId, themeId, { afterId: options.afterId, limit: options.window ?? PLAN_WINDOW });
  const total = await countUnprocessedRaw(db, consultationId, themeId);
  const knowledge = options.knowledge ?? (await loadKnowledge(db, consultationId));
  const { targets, outOfScope } = options.places ?? (await placesFor(db, consultationId, themeId ?? undefined));
  const key = `${consultationId}:${themeId ?? 'a_classer'}:${options.afterId ?? 0}`;
  const fingerprint = fingerprintOf(rows, targets, outOfScope, options);
  const hit = planCache.get(key);
  let groups: PlannedGroup[];
  if (hit && hit.fingerprint === fingerprint && hit.knowledge === knowledge) groups = hit.groups;
  else {
    groups = proposePlan(rows.map((r) => ({ id: r.id, text: r.body })), targets, outOfScope, { ...options, knowledge });
    planCache.delete(key);
    planCache.set(key, { fingerprint, knowledge, groups });
    if (planCache.size > PLAN_CACHE_SIZE) planCache.delete(planCache.keys().next().value!);
  }
  return { groups: groups.map(copyGroup), raws: new Map(rows.map((r) => [r.id, r])), targets, total, lastId: rows.at(-1)?.id ?? 0 };
}

/** Each caller gets its own copy (the cached plan is never changed by a page or a command). */
const copyGroup = (g: PlannedGroup): PlannedGroup => ({ ...g, candidates: g.candidates.map((c) => ({ ...c, bestMembers: [...c.bestMembers] })), members: g.members.map((m) => ({ ...m })) });
