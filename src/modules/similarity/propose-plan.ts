import { buildIndex, dot, type GroupOptions } from './engine';
import { groupIndex } from './grouping';
import type { Knowledge } from './knowledge';
import { RANK_DEFAULTS, rankAgainst, type RankOptions, type RankedTarget, type Target } from './rank-targets';

/**
 * The consolidation plan of a list of unprocessed raw contributions (pure: the bench, the command
 * line and the plan page share it). Each contribution is first matched against the consolidated
 * contributions (title, text and members) and against what was already put out of scope; those that
 * match nothing are grouped among themselves. Every group carries one proposed action:
 * - attach: the contributions whose best target is the same consolidated contribution;
 * - out_of_scope: look-alikes of contributions already set aside, with that reason;
 * - create: a group of near-duplicates, titled after its most central member;
 * isolated contributions that still resemble a consolidated contribution (below the attach threshold,
 * above `checkThreshold`) are gathered per target in an unticked attach group « à vérifier »; a
 * contribution that matches nothing and no one is a group of one, proposed « create » but left
 * unticked: the ambassador's next decisions (new targets, learned words) will place most of them.
 */
export type PlanAction = 'attach' | 'create' | 'out_of_scope';

export interface PlannedGroup {
  /** Stable key: the members' ids, ascending, joined by « - ». */
  key: string;
  action: PlanAction;
  /** Ticked on the page (applied unless the ambassador unticks it). */
  ticked: boolean;
  /** attach: the proposed consolidated contribution; the ranked alternatives are in `candidates`. */
  targetId: number | null;
  /** The consolidated contributions this group most resembles, best first (for every action). */
  candidates: RankedTarget[];
  /** create: the proposed title (the most central member's first sentence). */
  title: string;
  /** out_of_scope: the reason of the look-alike already set aside. */
  reason: string;
  lookAlikeId: number | null;
  cohesion: number;
  label: string;
  /** Members, the most central (or closest to the target) first; score against the target when attaching. */
  members: Array<{ id: number; score: number | null }>;
}

export interface PlanOptions {
  rank: Partial<RankOptions>;
  group: Partial<GroupOptions>;
  knowledge?: Knowledge;
}

export const TITLE_MAX = 120;

/** A title from a contribution: its first sentence, cut at a word before TITLE_MAX characters, capitalised. */
export function titleFrom(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const sentence = flat.split(/(?<=[.!?…])\s/u)[0] ?? flat;
  let title = sentence.replace(/[\s.!…:;,]+$/u, '');
  if ([...title].length > TITLE_MAX) {
    const cut = [...title].slice(0, TITLE_MAX).join('');
    const space = cut.lastIndexOf(' ');
    title = `${(space > 40 ? cut.slice(0, space) : cut).replace(/[\s,;:]+$/u, '')}…`;
  }
  return title ? title[0]!.toLocaleUpperCase('fr') + title.slice(1) : '';
}

const keyOf = (ids: readonly number[]) => [...ids].sort((a, b) => a - b).join('-');
const round = (x: number) => Math.round(x * 1000) / 1000;

/** The group's ranked targets: each target's mean score over the members (absent counts 0). */
function groupCandidates(memberIds: readonly number[], placementOf: ReadonlyMap<number, RankedTarget[]>, k: number): RankedTarget[] {
  const sums = new Map<number, { score: number; best: RankedTarget['bestMembers'] }>();
  for (const id of memberIds) {
    for (const c of placementOf.get(id) ?? []) {
      const s = sums.get(c.consolidatedId) ?? { score: 0, best: [] };
      s.score += c.score;
      s.best = [...s.best, ...c.bestMembers].sort((a, b) => b.score - a.score || a.id - b.id).filter((m, i, all) => all.findIndex((x) => x.id === m.id) === i).slice(0, 2);
      sums.set(c.consolidatedId, s);
    }
  }
  return [...sums]
    .map(([consolidatedId, s]) => ({ consolidatedId, score: round(s.score / memberIds.length), bestMembers: s.best }))
    .sort((a, b) => b.score - a.score || a.consolidatedId - b.consolidatedId)
    .slice(0, k);
}

export function proposePlan(
  raws: ReadonlyArray<{ id: number; text: string }>,
  targets: readonly Target[],
  outOfScope: ReadonlyArray<{ id: number; text: string; reason: string }>,
  options: Partial<PlanOptions> = {},
): PlannedGroup[] {
  const knowledge = options.knowledge;
  const rankOptions = { ...options.rank, ...(knowledge ? { knowledge } : {}) };
  const k = rankOptions.k ?? 5;
  const placements = rankAgainst(targets, outOfScope, raws.map((r) => ({ key: r.id, text: r.text })), rankOptions);
  const placementOf = new Map(placements.map((p) => [p.key, p.candidates]));
  const attach = new Map<number, Array<{ id: number; score: number }>>();
  const aside = new Map<string, { lookAlikeId: number; members: Array<{ id: number; score: number }> }>();
  const rest: Array<{ id: number; text: string }> = [];
  const textOf = new Map(raws.map((r) => [r.id, r.text]));
  for (const p of placements) {
    if (p.proposal === 'attach') {
      const top = p.candidates[0]!;
      attach.set(top.consolidatedId, [...(attach.get(top.consolidatedId) ?? []), { id: p.key, score: top.score }]);
    } else if (p.proposal === 'out_of_scope' && p.outOfScope) {
      const g = aside.get(p.outOfScope.reason) ?? { lookAlikeId: p.outOfScope.id, members: [] };
      g.members.push({ id: p.key, score: p.outOfScope.score });
      aside.set(p.outOfScope.reason, g);
    } else rest.push({ id: p.key, text: textOf.get(p.key)! });
  }

  const groups: PlannedGroup[] = [];
  const order = new Map(targets.map((t, i) => [t.id, i]));
  for (const [targetId, members] of [...attach].sort((a, b) => order.get(a[0])! - order.get(b[0])!)) {
    members.sort((a, b) => b.score - a.score || a.id - b.id);
    const ids = members.map((m) => m.id);
    const candidates = groupCandidates(ids, placementOf, k);
    // The group's own target first even when another one wins on average (each member chose it).
    const own = candidates.find((c) => c.consolidatedId === targetId);
    groups.push({
      key: keyOf(ids), action: 'attach', ticked: true, targetId, candidates: own ? [own, ...candidates.filter((c) => c !== own)] : candidates,
      title: '', reason: '', lookAlikeId: null, cohesion: 0, label: '', members,
    });
  }

  // The rest, grouped among themselves; the most central member first (it gives the title).
  const index = buildIndex(rest, knowledge ? { ...options.group, knowledge } : options.group ?? {});
  const formed = groupIndex(index, options.group ?? {});
  const grouped = new Set(formed.flatMap((g) => g.ids));
  const creates: PlannedGroup[] = [];
  for (const g of formed) {
    const positions = g.ids.map((id) => index.positionOf.get(id)!);
    const centrality = positions.map((p) => positions.reduce((s, q) => s + (q === p ? 0 : dot(index.vectors[p]!, index.vectors[q]!)), 0));
    const ranked = g.ids.map((id, i) => ({ id, c: centrality[i]! })).sort((a, b) => b.c - a.c || a.id - b.id);
    creates.push({
      key: keyOf(g.ids), action: 'create', ticked: true, targetId: null, candidates: groupCandidates(g.ids, placementOf, k),
      title: titleFrom(textOf.get(ranked[0]!.id)!), reason: '', lookAlikeId: null, cohesion: g.cohesion, label: g.label,
      members: ranked.map((m) => ({ id: m.id, score: null })),
    });
  }
  groups.push(...creates);
  for (const [reason, g] of aside) {
    g.members.sort((a, b) => b.score - a.score || a.id - b.id);
    const ids = g.members.map((m) => m.id);
    groups.push({
      key: keyOf(ids), action: 'out_of_scope', ticked: true, targetId: null, candidates: groupCandidates(ids, placementOf, k),
      title: titleFrom(textOf.get(ids[0]!)!), reason, lookAlikeId: g.lookAlikeId, cohesion: 0, label: '', members: g.members,
    });
  }
  // Isolated contributions that still resemble a consolidated contribution (below the attach
  // threshold): gathered per target into one unticked « à vérifier » group, so that the ambassador
  // confirms them with one tick (and moves out the odd one) instead of placing each by hand.
  const checkFloor = options.rank?.checkThreshold ?? RANK_DEFAULTS.checkThreshold;
  const toCheck = new Map<number, Array<{ id: number; score: number }>>();
  const alone: typeof rest = [];
  for (const r of rest) {
    if (grouped.has(r.id)) continue;
    const best = placementOf.get(r.id)?.[0];
    if (best && best.score >= checkFloor) toCheck.set(best.consolidatedId, [...(toCheck.get(best.consolidatedId) ?? []), { id: r.id, score: best.score }]);
    else alone.push(r);
  }
  for (const [targetId, members] of [...toCheck].sort((a, b) => order.get(a[0])! - order.get(b[0])!)) {
    if (members.length < 2) {
      alone.push({ id: members[0]!.id, text: textOf.get(members[0]!.id)! });
      continue;
    }
    members.sort((a, b) => b.score - a.score || a.id - b.id);
    const ids = members.map((m) => m.id);
    const candidates = groupCandidates(ids, placementOf, k);
    const own = candidates.find((c) => c.consolidatedId === targetId);
    groups.push({
      key: keyOf(ids), action: 'attach', ticked: false, targetId, candidates: own ? [own, ...candidates.filter((c) => c !== own)] : candidates,
      title: titleFrom(textOf.get(ids[0]!)!), reason: '', lookAlikeId: null, cohesion: 0, label: '', members,
    });
  }
  alone.sort((a, b) => a.id - b.id);
  for (const r of alone) {
    groups.push({
      key: String(r.id), action: 'create', ticked: false, targetId: null, candidates: groupCandidates([r.id], placementOf, k),
      title: titleFrom(r.text), reason: '', lookAlikeId: null, cohesion: 1, label: '', members: [{ id: r.id, score: null }],
    });
  }
  return groups;
}
