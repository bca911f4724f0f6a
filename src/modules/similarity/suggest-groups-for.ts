import type { Db } from '../../shared/db';
import type { GroupOptions } from './engine';
import { suggestGroups } from './grouping';
import { loadKnowledge } from './learn-associations';
import { listUnprocessedRaw } from './queries';

/** Where groups are looked for: one theme's unprocessed contributions, or the « à classer » ones (no theme). */
export type GroupScope = { themeId: number } | 'a_classer';

export interface SuggestedGroup {
  /** 1, 2, 3… in the order shown (largest groups first). */
  number: number;
  cohesion: number;
  label: string;
  contributions: Array<{ id: number; reference: string | null; body: string }>;
}

/**
 * Suggested groups of near-duplicates among the unprocessed raw contributions (status « à traiter »)
 * of a theme or of the « à classer » list of a consultation. Nothing is written: the ambassador
 * accepts, edits or ignores the suggestions. `window`: only the `limit` oldest after `afterId` (the
 * command line walks a large « à classer » list window by window, its memory bounded by the window's).
 */
export async function suggestGroupsFor(
  db: Db,
  consultationId: number,
  scope: GroupScope,
  options: Partial<GroupOptions> & { window?: { afterId: number; limit: number } } = {},
): Promise<SuggestedGroup[]> {
  const { window, ...groupOptions } = options;
  const rows = await listUnprocessedRaw(db, consultationId, scope === 'a_classer' ? null : scope.themeId, window ?? {});
  const byId = new Map(rows.map((r) => [r.id, r]));
  // The consultation's glossary and learned associations (learned from its links on first use).
  const knowledge = groupOptions.knowledge ?? (await loadKnowledge(db, consultationId));
  const groups = suggestGroups(rows.map((r) => ({ id: r.id, text: r.body })), { ...groupOptions, knowledge });
  return groups.map((g, i) => ({
    number: i + 1,
    cohesion: g.cohesion,
    label: g.label,
    contributions: g.ids.map((id) => {
      const r = byId.get(id)!;
      return { id, reference: r.reference, body: r.body };
    }),
  }));
}
