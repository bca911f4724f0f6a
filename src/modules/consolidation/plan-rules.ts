import type { PlanForm, PlanGroupAction } from './validation';

/**
 * What a submitted plan asks, once the ambassador's adjustments are resolved (pure, unit-tested): a
 * member follows its destination (its group, another group, a new group, out of scope, later); a
 * group merged into another brings its members along and takes that group's action; only ticked
 * groups are applied (« Appliquer seulement ce groupe »: that one alone).
 */
export interface PlanBatch {
  /** The group's number on the page (new groups: « nouveau 1 »…; out of scope: « hors périmètre »). */
  label: string;
  action: PlanGroupAction;
  targetId: number | null;
  targetCode: string;
  title: string;
  reason: string;
  rawIds: number[];
}

export function resolvePlan(form: PlanForm): PlanBatch[] {
  const byNumber = new Map(form.groups.map((g) => [g.n, g]));
  /** Where a group's members end up: follows « fusionner dans » (a cycle or a missing group stops it). */
  const home = (n: number): number => {
    const seen = new Set<number>();
    let at = n;
    while (!seen.has(at)) {
      seen.add(at);
      const next = byNumber.get(at)?.into;
      if (next == null || !byNumber.has(next)) return at;
      at = next;
    }
    return n;
  };
  const members = new Map<string, number[]>();
  const push = (k: string, id: number) => members.set(k, [...(members.get(k) ?? []), id]);
  for (const m of form.members) {
    if (m.to === 'later') continue;
    if (m.to.startsWith('g')) {
      const n = Number(m.to.slice(1));
      if (byNumber.has(n)) push(`g${home(n)}`, m.rawId);
    } else push(m.to, m.rawId);
  }
  const batches: PlanBatch[] = [];
  for (const g of form.groups) {
    const ids = members.get(`g${g.n}`);
    if (!ids?.length || !g.apply) continue;
    batches.push({ label: String(g.n), action: g.action, targetId: g.targetId, targetCode: g.targetCode, title: g.title, reason: g.reason, rawIds: ids });
  }
  if (form.only) return batches;
  for (const k of ['new1', 'new2', 'new3'] as const) {
    const ids = members.get(k);
    if (ids?.length) batches.push({ label: `nouveau ${k.slice(3)}`, action: 'create', targetId: null, targetCode: '', title: '', reason: '', rawIds: ids });
  }
  const out = members.get('out');
  if (out?.length) batches.push({ label: 'hors périmètre', action: 'out_of_scope', targetId: null, targetCode: '', title: '', reason: form.outReason, rawIds: out });
  return batches;
}
