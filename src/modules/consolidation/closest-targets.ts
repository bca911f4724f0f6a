import type { Db } from '../../shared/db';
import { rankTargets } from '../similarity';

/**
 * The consolidated contributions a selection most resembles (at most `k`, among those offered), each
 * with its mean score over the selection: the top of the list's target picker.
 */
export async function closestTargets(db: Db, consultationId: number, rawIds: number[], offered: ReadonlySet<number>, k = 5): Promise<Array<{ id: number; score: number }>> {
  const sums = new Map<number, number>();
  for (const p of await rankTargets(db, consultationId, { rawIds }, { k: 10 })) {
    for (const c of p.candidates) if (offered.has(c.consolidatedId)) sums.set(c.consolidatedId, (sums.get(c.consolidatedId) ?? 0) + c.score);
  }
  return [...sums].map(([id, s]) => ({ id, score: s / rawIds.length })).sort((a, b) => b.score - a.score || a.id - b.id).slice(0, k);
}
