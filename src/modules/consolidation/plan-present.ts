import type { ConsolidationPlan, PlannedGroup } from '../similarity';
import type { PlanForm } from './validation';

/**
 * The plan page's view model (pure): a window of groups (whole groups, about WINDOW contributions:
 * hundreds per page stay readable and under the form's field limits), each with its proposed action,
 * its ranked targets (code, title, score, their two closest members), its members. When a submitted
 * plan comes back with errors, what the ambassador typed and chose is laid over it.
 */
export const PLAN_WINDOW = 150;

export interface PlanMemberView {
  id: number;
  ref: string;
  body: string;
  dest: string;
  score: number | null;
}

export interface PlanGroupView {
  n: number;
  key: string;
  action: PlannedGroup['action'];
  ticked: boolean;
  targetId: number | null;
  targetCode: string;
  title: string;
  reason: string;
  into: number | null;
  label: string;
  cohesion: number;
  lookAlike: { ref: string; reason: string } | null;
  candidates: Array<{ id: number; code: string; title: string; score: number; closest: Array<{ ref: string; excerpt: string }> }>;
  members: PlanMemberView[];
}

export interface PlanView {
  groups: PlanGroupView[];
  shown: number;
  total: number;
  /** Every target one may pick by code (the searchable list), and the versions the page shows. */
  targets: Array<{ id: number; code: string; title: string }>;
  seen: string;
  outReason: string;
  counts: { attach: number; create: number; out_of_scope: number; check: number; single: number };
}

const refOf = (r: { id: number; reference: string | null }) => r.reference || `n° ${r.id}`;
export const excerpt = (s: string, n = 160) => {
  const flat = s.replace(/\s+/g, ' ').trim();
  return [...flat].length > n ? `${[...flat].slice(0, n).join('')}…` : flat;
};

export function planView(plan: ConsolidationPlan, live: ReadonlyArray<{ id: number; code: string | null; title: string; version: number }>, window = PLAN_WINDOW): PlanView {
  const byId = new Map(live.map((c) => [c.id, c]));
  const memberText = new Map<number, string>();
  for (const target of plan.targets) for (const m of target.members) memberText.set(m.id, m.text);
  const groups: PlanGroupView[] = [];
  let shown = 0;
  for (const g of plan.groups) {
    if (shown >= window && groups.length) break;
    const n = groups.length + 1;
    shown += g.members.length;
    const lookAlikeRow = g.lookAlikeId ? { id: g.lookAlikeId, reference: null } : null;
    groups.push({
      n, key: g.key, action: g.action, ticked: g.ticked, targetId: g.targetId ?? g.candidates[0]?.consolidatedId ?? null, targetCode: '', title: g.title, reason: g.reason, into: null,
      label: g.label, cohesion: g.cohesion, lookAlike: lookAlikeRow ? { ref: refOf(lookAlikeRow), reason: g.reason } : null,
      candidates: g.candidates.filter((c) => byId.has(c.consolidatedId)).map((c) => ({
        id: c.consolidatedId, code: byId.get(c.consolidatedId)!.code ?? `n° ${c.consolidatedId}`, title: byId.get(c.consolidatedId)!.title, score: c.score,
        closest: c.bestMembers.map((m) => ({ ref: `n° ${m.id}`, excerpt: excerpt(memberText.get(m.id) ?? '', 120) })),
      })),
      members: g.members.map((m) => {
        const raw = plan.raws.get(m.id)!;
        return { id: m.id, ref: refOf(raw), body: raw.body, dest: `g${n}`, score: m.score };
      }),
    });
  }
  const count = (a: PlannedGroup['action']) => groups.filter((g) => g.action === a && g.ticked).length;
  return {
    groups, shown, total: plan.total,
    targets: live.map((c) => ({ id: c.id, code: c.code ?? `n° ${c.id}`, title: c.title })),
    seen: live.map((c) => `${c.id}:${c.version}`).join(','),
    outReason: '',
    counts: {
      attach: count('attach'), create: count('create'), out_of_scope: count('out_of_scope'),
      check: groups.filter((g) => !g.ticked && g.action === 'attach' && g.members.length > 1).length,
      single: groups.filter((g) => g.members.length === 1 && !g.ticked).length,
    },
  };
}

/** The submitted choices laid over a freshly computed plan (same groups when the data did not change). */
export function overlay(view: PlanView, values: Record<string, unknown>, form: Partial<PlanForm> = {}): PlanView {
  const str = (k: string) => (typeof values[k] === 'string' ? (values[k] as string) : undefined);
  for (const g of view.groups) {
    if (str(`g${g.n}_key`) !== g.key) continue;
    g.ticked = values[`g${g.n}_apply`] === 'on' || values[`g${g.n}_apply`] === '1';
    const action = str(`g${g.n}_action`);
    if (action === 'attach' || action === 'create' || action === 'out_of_scope') g.action = action;
    const target = Number(str(`g${g.n}_target`));
    if (Number.isInteger(target) && target > 0) g.targetId = target;
    g.targetCode = str(`g${g.n}_code`) ?? '';
    g.title = str(`g${g.n}_title`) ?? g.title;
    g.reason = str(`g${g.n}_reason`) ?? g.reason;
    const into = Number(str(`g${g.n}_into`));
    g.into = Number.isInteger(into) && into > 0 ? into : null;
    for (const m of g.members) m.dest = str(`m_${m.id}`) ?? m.dest;
  }
  view.outReason = str('out_reason') ?? form.outReason ?? '';
  return view;
}
