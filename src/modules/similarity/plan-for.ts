import type { Db } from '../../shared/db';
import { loadKnowledge } from './learn-associations';
import { proposePlan, type PlanOptions, type PlannedGroup } from './propose-plan';
import { listUnprocessedRaw, type RawText } from './queries';
import { placesFor, type Target } from './rank-targets';
import type { GroupScope } from './suggest-groups-for';

export interface ConsolidationPlan {
  groups: PlannedGroup[];
  /** The unprocessed raw contributions the plan covers, by id. */
  raws: ReadonlyMap<number, RawText>;
  /** The consolidated contributions it matched against, with their members' texts (for « closest members »). */
  targets: readonly Target[];
}

/**
 * The consolidation plan of a theme's unprocessed raw contributions (or of the « à classer » ones,
 * matched against every theme's consolidated contributions), with the consultation's glossary and
 * learned associations. Nothing is written.
 */
export async function planFor(db: Db, consultationId: number, scope: GroupScope, options: Partial<PlanOptions> = {}): Promise<ConsolidationPlan> {
  const themeId = scope === 'a_classer' ? null : scope.themeId;
  const rows = await listUnprocessedRaw(db, consultationId, themeId);
  const knowledge = options.knowledge ?? (await loadKnowledge(db, consultationId));
  const { targets, outOfScope } = await placesFor(db, consultationId, themeId ?? undefined);
  const groups = proposePlan(rows.map((r) => ({ id: r.id, text: r.body })), targets, outOfScope, { ...options, knowledge });
  return { groups, raws: new Map(rows.map((r) => [r.id, r])), targets };
}
