import type { Db } from '../../shared/db';
import { buildIndex, eachScore, similarTo, type SimilarityIndex } from './engine';
import { consolidatedText } from './find-similar';
import { loadKnowledge } from './learn-associations';
import type { Knowledge } from './knowledge';
import { activeMembers, listConsolidatedTexts, listOutOfScope, rawBodies } from './queries';

/**
 * Where a raw contribution belongs: the consolidated contributions ranked by similarity, each
 * represented by its title and text AND all its members (their centroid), so that a new text finds
 * the one it belongs to even when it shares few words with any single member; and the raw
 * contributions already put out of scope that it resembles (look-alikes), with their reason.
 */
export interface Target {
  id: number;
  /** CC-USA-001… (absent in the pure benches). */
  code?: string | null;
  title: string;
  body: string;
  members: ReadonlyArray<{ id: number; text: string }>;
}

export interface RankedTarget {
  consolidatedId: number;
  score: number;
  /** The two members closest to the text (the plan page shows them beside the target). */
  bestMembers: Array<{ id: number; score: number }>;
}

export interface Placement {
  /** The raw contribution's id, or the position of the text (0, 1…) when texts were given. */
  key: number;
  candidates: RankedTarget[];
  outOfScope: { id: number; score: number; reason: string } | null;
  /** What the plan page proposes: attach to the first candidate, create a new one, or set aside. */
  proposal: 'attach' | 'new' | 'out_of_scope';
}

export interface RankOptions {
  k: number;
  /** Weight of the closest member's similarity, against the centroid's (1 − memberWeight). */
  memberWeight: number;
  /** Below this score, no target is proposed: the text starts a new consolidated contribution. */
  attachThreshold: number;
  /** A look-alike of an out-of-scope contribution at least this close (and closer than any target) proposes out of scope. */
  outOfScopeThreshold: number;
  /**
   * The plan gathers isolated contributions whose best target is at least this close (and below
   * attachThreshold) in an unticked group « à vérifier » for that target: the app's usual floor for
   * « similar » (DEFAULT_MIN_SCORE), chosen without looking at any labelled set.
   */
  checkThreshold: number;
  knowledge?: Knowledge;
}

export const RANK_DEFAULTS: Readonly<RankOptions> = Object.freeze({ k: 5, memberWeight: 0.4, attachThreshold: 0.5, outOfScopeThreshold: 0.5, checkThreshold: 0.15 });

const dot = (a: SimilarityIndex['vectors'][number], b: SimilarityIndex['vectors'][number]) => {
  let i = 0;
  let j = 0;
  let s = 0;
  while (i < a.terms.length && j < b.terms.length) {
    if (a.terms[i] === b.terms[j]) s += a.weights[i++]! * b.weights[j++]!;
    else if (a.terms[i]! < b.terms[j]!) i++;
    else j++;
  }
  return s;
};

/** Pure ranking (the bench and rankTargets share it). Document ids in the index: parts numbered from 1. */
export function rankAgainst(targets: readonly Target[], outOfScope: ReadonlyArray<{ id: number; text: string; reason: string }>, queries: ReadonlyArray<{ key: number; text: string }>, options: Partial<RankOptions> = {}): Placement[] {
  const o = { ...RANK_DEFAULTS, ...options };
  const idx = o.knowledge ? { knowledge: o.knowledge } : {};
  // One part per target (its title and text) and one per member; a part knows its target.
  const parts: Array<{ id: number; text: string }> = [];
  const owner: Array<{ target: number; member: number | null }> = [{ target: -1, member: null }];
  targets.forEach((t, ti) => {
    parts.push({ id: parts.length + 1, text: consolidatedText(t.title, t.body) });
    owner.push({ target: ti, member: null });
    for (const m of t.members) {
      parts.push({ id: parts.length + 1, text: m.text });
      owner.push({ target: ti, member: m.id });
    }
  });
  const index = buildIndex(parts, idx);
  // |sum of a target's part vectors|, for the cosine with its centroid.
  const norms = targets.map(() => 0);
  const partsOf = targets.map(() => [] as number[]);
  for (let p = 1; p < owner.length; p++) partsOf[owner[p]!.target]!.push(p - 1);
  partsOf.forEach((ps, ti) => {
    let s = 0;
    for (const x of ps) for (const y of ps) s += dot(index.vectors[x]!, index.vectors[y]!);
    norms[ti] = Math.sqrt(Math.max(s, 1e-12));
  });
  const oos = outOfScope.length ? buildIndex(outOfScope.map((r) => ({ id: r.id, text: r.text })), idx) : null;
  const reasonOf = new Map(outOfScope.map((r) => [r.id, r.reason]));
  // Per query: each target's sum of part scores and its two best members, in typed arrays reused
  // from one query to the next (the hits come best first, so the sums add up in the same order).
  const T = targets.length;
  const sum = new Float64Array(T);
  const seen = new Uint8Array(T);
  const best1 = new Float64Array(T);
  const best1Id = new Float64Array(T);
  const best2 = new Float64Array(T);
  const best2Id = new Float64Array(T);
  const touched = new Int32Array(T);
  const better = (score: number, id: number, thanScore: number, thanId: number) => score > thanScore || (score === thanScore && id < thanId);
  return queries.map((q) => {
    let count = 0;
    // Part ids are positions + 1 (parts numbered from 1, sorted by id in the index).
    eachScore(index, q.text, (position, score) => {
      const ow = owner[position + 1]!;
      const ti = ow.target;
      if (!seen[ti]) {
        seen[ti] = 1;
        touched[count++] = ti;
        sum[ti] = 0;
        best1[ti] = -1;
        best2[ti] = -1;
      }
      sum[ti] = sum[ti]! + score;
      if (ow.member !== null) {
        if (best1[ti] === -1 || better(score, ow.member, best1[ti]!, best1Id[ti]!)) {
          best2[ti] = best1[ti]!;
          best2Id[ti] = best1Id[ti]!;
          best1[ti] = score;
          best1Id[ti] = ow.member;
        } else if (best2[ti] === -1 || better(score, ow.member, best2[ti]!, best2Id[ti]!)) {
          best2[ti] = score;
          best2Id[ti] = ow.member;
        }
      }
    });
    const candidates: RankedTarget[] = [];
    for (let i = 0; i < count; i++) {
      const ti = touched[i]!;
      seen[ti] = 0;
      const centroid = sum[ti]! / norms[ti]!;
      const top = best1[ti]! >= 0 ? best1[ti]! : centroid;
      const score = (1 - o.memberWeight) * centroid + o.memberWeight * top;
      const bestMembers: RankedTarget['bestMembers'] = [];
      if (best1[ti]! >= 0) bestMembers.push({ id: best1Id[ti]!, score: Math.round(best1[ti]! * 1000) / 1000 });
      if (best2[ti]! >= 0) bestMembers.push({ id: best2Id[ti]!, score: Math.round(best2[ti]! * 1000) / 1000 });
      candidates.push({ consolidatedId: targets[ti]!.id, score: Math.round(Math.min(1, score) * 1000) / 1000, bestMembers });
    }
    candidates.sort((a, b) => b.score - a.score || a.consolidatedId - b.consolidatedId);
    const top = candidates.slice(0, o.k);
    const look = oos ? similarTo(oos, q.text, 1, o.outOfScopeThreshold)[0] : undefined;
    const outOf = look ? { id: look.id, score: Math.round(look.score * 1000) / 1000, reason: reasonOf.get(look.id)! } : null;
    const bestScore = top[0]?.score ?? 0;
    const proposal = outOf && outOf.score > bestScore ? 'out_of_scope' : bestScore >= o.attachThreshold ? 'attach' : 'new';
    return { key: q.key, candidates: top, outOfScope: outOf, proposal };
  });
}

/**
 * For each raw contribution (by id) or text, the consolidated contributions of the consultation (of
 * one theme when given) it most likely belongs to, with the consultation's glossary and learned
 * associations. What the consolidation plan page shows.
 */
export async function rankTargets(db: Db, consultationId: number, input: { rawIds: readonly number[] } | { texts: readonly string[] }, options: Partial<RankOptions> & { themeId?: number } = {}): Promise<Placement[]> {
  const knowledge = options.knowledge ?? (await loadKnowledge(db, consultationId));
  const { targets, outOfScope } = await placesFor(db, consultationId, options.themeId);
  const queries = 'texts' in input ? input.texts.map((text, key) => ({ key, text })) : (await rawBodies(db, consultationId, input.rawIds)).map((r) => ({ key: r.id, text: r.body }));
  return rankAgainst(targets, outOfScope, queries, { ...options, knowledge });
}

/**
 * Where contributions of a consultation (of one theme when given) can go: its consolidated
 * contributions with their members, and the contributions already set aside with their reason.
 */
export async function placesFor(db: Db, consultationId: number, themeId?: number): Promise<{ targets: Target[]; outOfScope: Array<{ id: number; text: string; reason: string }> }> {
  const all = await listConsolidatedTexts(db, consultationId);
  const consolidated = themeId === undefined ? all : all.filter((c) => c.theme_id === themeId);
  const members = await activeMembers(db, consultationId, themeId === undefined ? undefined : consolidated.map((c) => c.id));
  const byTarget = new Map<number, Array<{ id: number; text: string }>>();
  for (const m of members) {
    const list = byTarget.get(m.consolidated_id) ?? [];
    list.push({ id: m.raw_id, text: m.body });
    byTarget.set(m.consolidated_id, list);
  }
  const targets = consolidated.map((c) => ({ id: c.id, code: c.code, title: c.title, body: c.body_md, members: byTarget.get(c.id) ?? [] }));
  const outOfScope = (await listOutOfScope(db, consultationId, themeId)).map((r) => ({ id: r.id, text: r.body, reason: r.reason }));
  return { targets, outOfScope };
}
