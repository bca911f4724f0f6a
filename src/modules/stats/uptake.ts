/**
 * The uptake indicator (« taux de prise en compte des exigences »): pure functions, no database, fed by
 * the follow-up module's reads (followup/reads.ts) so that each figure is computed once, here.
 *
 * The statuses are the follow-up's vocabulary (followup/CONTEXT.md): a proposal is *taken into account*
 * when it is retenue, planifiée, en cours or livrée, *delivered* when it is livrée. A proposal with no
 * status recorded yet counts as « à étudier ».
 */

/** Statuses that count as taken into account. */
export const TAKEN_STATUSES: readonly string[] = ['retenue', 'planifiee', 'en_cours', 'livree'];
export const DELIVERED_STATUS = 'livree';

export interface Uptake {
  /** Proposals counted (or their total weight). */
  total: number;
  /** Retenue, planifiée, en cours or livrée. */
  taken: number;
  delivered: number;
  rejected: number;
  /** taken / total, 0 when there is nothing to count. */
  takenShare: number;
  deliveredShare: number;
}

/**
 * The uptake of a set of proposals from their current statuses (null: nothing recorded yet). `weights`,
 * when given, weighs each proposal (e.g. its priority points once the network has voted); a missing or
 * negative weight counts as 0. Without weights every proposal counts 1.
 */
export function uptakeOf(statuses: ReadonlyArray<string | null>, weights?: ReadonlyArray<number>): Uptake {
  let total = 0;
  let taken = 0;
  let delivered = 0;
  let rejected = 0;
  statuses.forEach((status, i) => {
    const w = weights ? Math.max(0, Number(weights[i] ?? 0) || 0) : 1;
    total += w;
    if (status && TAKEN_STATUSES.includes(status)) taken += w;
    if (status === DELIVERED_STATUS) delivered += w;
    if (status === 'non_retenue') rejected += w;
  });
  return { total, taken, delivered, rejected, takenShare: total > 0 ? taken / total : 0, deliveredShare: total > 0 ? delivered / total : 0 };
}

export interface UptakeLine extends Uptake {
  key: string;
  label: string;
}

/**
 * The uptake per group (theme, stream, region, need…). `keysOf` gives each item's groups: one for a
 * theme, several for a region (a need heard in three regions counts in each). Groups come out in the
 * order of `groups` (every group listed, empty ones with a total of 0), then any key met but not listed.
 */
export function uptakeBy<T>(
  items: readonly T[],
  statusOf: (item: T) => string | null,
  keysOf: (item: T) => readonly string[],
  groups: ReadonlyArray<{ key: string; label: string }> = [],
  weightOf?: (item: T) => number,
): UptakeLine[] {
  const buckets = new Map<string, { statuses: Array<string | null>; weights: number[] }>();
  for (const g of groups) buckets.set(g.key, { statuses: [], weights: [] });
  for (const item of items) {
    for (const key of new Set(keysOf(item))) {
      let b = buckets.get(key);
      if (!b) buckets.set(key, (b = { statuses: [], weights: [] }));
      b.statuses.push(statusOf(item));
      b.weights.push(weightOf ? weightOf(item) : 1);
    }
  }
  const labels = new Map(groups.map((g) => [g.key, g.label]));
  return [...buckets].map(([key, b]) => ({ key, label: labels.get(key) ?? key, ...uptakeOf(b.statuses, weightOf ? b.weights : undefined) }));
}

export interface StatusChange {
  proposalId: number;
  status: string;
  /** 'YYYY-MM-DD' */
  on: string;
}

export interface UptakePoint {
  /** 'YYYY-MM-DD': a day on which at least one status changed. */
  on: string;
  taken: number;
  delivered: number;
  takenShare: number;
  deliveredShare: number;
}

/**
 * The indicator over time: one point per day on which a status changed, each proposal taking, that day,
 * the last status recorded on or before it (changes are given in the order they were recorded, which
 * breaks ties on one day). `total` is the number of proposals followed today (the shares' denominator);
 * changes of proposals outside `followed`, when given, are ignored.
 */
export function uptakeOverTime(changes: readonly StatusChange[], total: number, followed?: ReadonlySet<number>): UptakePoint[] {
  const ordered = changes
    .map((c, i) => ({ ...c, i }))
    .filter((c) => !followed || followed.has(c.proposalId))
    .sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : a.i - b.i));
  const current = new Map<number, string>();
  let taken = 0;
  let delivered = 0;
  const points: UptakePoint[] = [];
  for (const c of ordered) {
    const before = current.get(c.proposalId);
    if (before !== undefined) {
      if (TAKEN_STATUSES.includes(before)) taken--;
      if (before === DELIVERED_STATUS) delivered--;
    }
    current.set(c.proposalId, c.status);
    if (TAKEN_STATUSES.includes(c.status)) taken++;
    if (c.status === DELIVERED_STATUS) delivered++;
    const point = { on: c.on, taken, delivered, takenShare: total > 0 ? taken / total : 0, deliveredShare: total > 0 ? delivered / total : 0 };
    if (points.length && points[points.length - 1]!.on === c.on) points[points.length - 1] = point;
    else points.push(point);
  }
  return points;
}

/** The capacity reserved for a stream and what the retained proposals' estimates use of it. */
export interface CapacityUse {
  reserved: number;
  used: number;
  /** used / reserved; null when nothing is reserved. */
  share: number | null;
  /** Retained proposals of the stream with no estimate yet. */
  unestimated: number;
}

/**
 * What the proposals taken into account use of a capacity: the sum of their estimates (person-days).
 * Proposals not taken into account (à étudier, non retenue) use nothing.
 */
export function capacityUseOf(reserved: number, proposals: ReadonlyArray<{ status: string | null; estimate: number | null }>): CapacityUse {
  let used = 0;
  let unestimated = 0;
  for (const p of proposals) {
    if (!p.status || !TAKEN_STATUSES.includes(p.status)) continue;
    if (p.estimate == null) unestimated++;
    else used += p.estimate;
  }
  return { reserved, used, share: reserved > 0 ? used / reserved : null, unestimated };
}
