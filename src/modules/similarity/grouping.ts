import { foldAccents } from '../../shared/text/french';
import { canonicalWord, displayWord, termOf } from './analyse';
import { DEFAULT_OPTIONS, buildIndex, dot, type Doc, type Group, type GroupOptions, type SimilarityIndex, type Vector } from './engine';

/**
 * Suggested groups of near-duplicates (the second half of the engine, see engine.ts): bounded
 * neighbour edges from the inverted index, then average-linkage merging from the strongest edge down.
 */
interface Edges {
  a: Int32Array;
  b: Int32Array;
  score: Float32Array;
  count: number;
}

/** Keeps the `size` best [position, score] pairs seen, best first (ties: lower position first). */
class TopList {
  readonly pos: Int32Array;
  readonly score: Float64Array;
  count = 0;
  constructor(readonly size: number) {
    this.pos = new Int32Array(size);
    this.score = new Float64Array(size);
  }
  offer(p: number, s: number): void {
    if (this.count === this.size && !(s > this.score[this.size - 1]! || (s === this.score[this.size - 1]! && p < this.pos[this.size - 1]!))) return;
    let i = this.count < this.size ? this.count++ : this.size - 1;
    while (i > 0 && (this.score[i - 1]! < s || (this.score[i - 1]! === s && this.pos[i - 1]! > p))) {
      this.score[i] = this.score[i - 1]!;
      this.pos[i] = this.pos[i - 1]!;
      i--;
    }
    this.score[i] = s;
    this.pos[i] = p;
  }
}

/**
 * Each document's best earlier neighbours above the threshold, found through the inverted index.
 * A document visits the postings of its terms from the most to the least distinctive, at most
 * `scanBudget` entries in all (the nearest earlier documents first): on a small set that is every
 * document sharing a term with it, on a large one the cost per document stays bounded. When the
 * budget cut the visit short, the accumulated scores are partial, so the most promising candidates
 * are scored again exactly.
 */
function neighbourEdges(index: SimilarityIndex, opts: GroupOptions): Edges {
  const n = index.ids.length;
  const k = Math.max(1, opts.neighbours);
  const capacity = n * k;
  const edges: Edges = { a: new Int32Array(capacity), b: new Int32Array(capacity), score: new Float32Array(capacity), count: 0 };
  const acc = new Float64Array(n);
  const touched = new Int32Array(n);
  const cursor = new Int32Array(index.df.length); // per term: how many earlier documents contain it
  const budgetPerDoc = Math.max(1, opts.scanBudget);
  const candidates = new TopList(k * 3);
  const kept = new TopList(k);
  for (let i = 0; i < n; i++) {
    const v = index.vectors[i]!;
    const order = Array.from(v.terms.keys()).sort((x, y) => v.weights[y]! - v.weights[x]! || x - y);
    let nTouched = 0;
    let budget = budgetPerDoc;
    let partial = false;
    for (const q of order) {
      const t = v.terms[q]!;
      const end = cursor[t]!++;
      if (end === 0) continue;
      if (budget <= 0) {
        partial = true;
        continue;
      }
      const len = Math.min(end, budget);
      if (len < end) partial = true;
      budget -= len;
      const w = v.weights[q]!;
      const docs = index.postings[t]!;
      const ws = index.postingWeights[t]!;
      for (let p = end - len; p < end; p++) {
        const j = docs[p]!;
        if (acc[j] === 0) touched[nTouched++] = j;
        acc[j] = acc[j]! + w * ws[p]!;
      }
    }
    kept.count = 0;
    if (partial) {
      candidates.count = 0;
      for (let x = 0; x < nTouched; x++) {
        const j = touched[x]!;
        candidates.offer(j, acc[j]!);
        acc[j] = 0;
      }
      for (let c = 0; c < candidates.count; c++) {
        const j = candidates.pos[c]!;
        const exact = dot(v, index.vectors[j]!);
        if (exact >= opts.edgeThreshold) kept.offer(j, exact);
      }
    } else {
      for (let x = 0; x < nTouched; x++) {
        const j = touched[x]!;
        if (acc[j]! >= opts.edgeThreshold) kept.offer(j, acc[j]!);
        acc[j] = 0;
      }
    }
    for (let x = 0; x < kept.count; x++) {
      const c = edges.count++;
      edges.a[c] = kept.pos[x]!;
      edges.b[c] = i;
      edges.score[c] = kept.score[x]!;
    }
  }
  return edges;
}

/** Sum of member vectors of a forming group, kept sparse. */
type Sum = Map<number, number>;

function sumDot(a: Sum, b: Sum): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let s = 0;
  for (const [t, w] of small) {
    const x = large.get(t);
    if (x !== undefined) s += w * x;
  }
  return s;
}

function sumVectorDot(sum: Sum, v: Vector): number {
  let s = 0;
  for (let k = 0; k < v.terms.length; k++) s += (sum.get(v.terms[k]!) ?? 0) * v.weights[k]!;
  return s;
}

/** Groups of near-duplicates in an index: each document in at most one group, singletons left out. */
export function groupIndex(index: SimilarityIndex, options: Partial<GroupOptions> = {}): Group[] {
  const opts: GroupOptions = { ...DEFAULT_OPTIONS, ...options, ...index.options };
  const n = index.ids.length;
  const edges = neighbourEdges(index, opts);
  const order = new Int32Array(edges.count);
  for (let e = 0; e < edges.count; e++) order[e] = e;
  order.sort((x, y) => edges.score[y]! - edges.score[x]! || edges.a[x]! - edges.a[y]! || edges.b[x]! - edges.b[y]!);

  const parent = new Int32Array(n);
  for (let i = 0; i < n; i++) parent[i] = i;
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]!]!;
      x = parent[x]!;
    }
    return x;
  };
  const size = new Int32Array(n).fill(1);
  const sq = new Float64Array(n).fill(1); // |sum of member vectors|², 1 for a single normalised vector
  const sums = new Map<number, Sum>();
  const sumOf = (root: number): Sum => {
    let s = sums.get(root);
    if (!s) {
      const v = index.vectors[root]!;
      s = new Map();
      for (let k = 0; k < v.terms.length; k++) s.set(v.terms[k]!, v.weights[k]!);
      sums.set(root, s);
    }
    return s;
  };

  for (let o = 0; o < order.length; o++) {
    const e = order[o]!;
    let ra = find(edges.a[e]!);
    let rb = find(edges.b[e]!);
    if (ra === rb) continue;
    const na = size[ra]!;
    const nb = size[rb]!;
    let cross: number;
    if (na === 1 && nb === 1) cross = edges.score[e]!;
    else cross = sumDot(sumOf(ra), sumOf(rb));
    if (cross / (na * nb) < opts.linkThreshold) continue;
    if (na < nb || (na === nb && rb < ra)) [ra, rb] = [rb, ra];
    const into = sumOf(ra);
    for (const [t, w] of sumOf(rb)) into.set(t, (into.get(t) ?? 0) + w);
    sums.delete(rb);
    parent[rb] = ra;
    size[ra] = na + nb;
    sq[ra] = sq[ra]! + sq[rb]! + 2 * cross;
  }

  const members = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const r = find(i);
    if (size[r]! < 2) continue;
    let list = members.get(r);
    if (!list) members.set(r, (list = []));
    list.push(i);
  }
  const groups: Array<Group & { first: number }> = [];
  for (const [root, all] of members) {
    const sum = sumOf(root);
    let sqNorm = sq[root]!;
    let list = all;
    if (opts.memberThreshold > 0) {
      // Cohesion check: a member far from the centroid of the others leaves (one pass, weakest first).
      const fit = all.map((p) => {
        const sv = sumVectorDot(sum, index.vectors[p]!);
        const rest = Math.sqrt(Math.max(1e-12, sqNorm - 2 * sv + 1));
        return { p, sv, score: (sv - 1) / rest };
      });
      fit.sort((x, y) => x.score - y.score || x.p - y.p);
      const leaving = new Set<number>();
      for (const f of fit) {
        if (all.length - leaving.size <= 2 || f.score >= opts.memberThreshold) break;
        leaving.add(f.p);
        const v = index.vectors[f.p]!;
        sqNorm = sqNorm - 2 * sumVectorDot(sum, v) + 1;
        for (let k = 0; k < v.terms.length; k++) sum.set(v.terms[k]!, (sum.get(v.terms[k]!) ?? 0) - v.weights[k]!);
      }
      list = all.filter((p) => !leaving.has(p));
      if (list.length === 2 && fit.find((f) => f.p === list[0])!.score < opts.memberThreshold && leaving.size > 0) {
        // Two left that only held through the ones who left: check the pair itself.
        if (dot(index.vectors[list[0]!]!, index.vectors[list[1]!]!) < opts.linkThreshold) continue;
      }
    }
    const m = list.length;
    const cohesion = Math.max(0, Math.min(1, (sqNorm - m) / (m * (m - 1))));
    groups.push({ ids: list.map((p) => index.ids[p]!), cohesion: Math.round(cohesion * 1000) / 1000, label: label(index, sum, list), first: index.ids[list[0]!]! });
  }
  groups.sort((x, y) => y.ids.length - x.ids.length || y.cohesion - x.cohesion || x.first - y.first);
  return groups.map(({ ids, cohesion, label: l }) => ({ ids, cohesion, label: l }));
}

/** Groups of near-duplicates among documents (see groupIndex). */
export function suggestGroups(docs: readonly Doc[], options: Partial<GroupOptions> = {}): Group[] {
  return groupIndex(buildIndex(docs, options), options);
}

const LABEL_WORDS = 4;

/** The group's heaviest stems, each shown as the word its members use most for it. */
function label(index: SimilarityIndex, sum: Sum, members: readonly number[]): string {
  const top = [...sum]
    .filter(([t]) => index.unigram[t])
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .slice(0, LABEL_WORDS)
    .map(([t]) => index.termNames[t]!);
  const seen = new Map<string, Map<string, number>>(top.map((s) => [s, new Map()]));
  for (const pos of members.slice(0, 50)) {
    for (const raw of index.texts[pos]!.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) {
      const s = termOf(canonicalWord(foldAccents(raw)));
      const forms = seen.get(s);
      if (forms) forms.set(raw, (forms.get(raw) ?? 0) + 1);
    }
  }
  return top
    .map((s) => {
      const forms = [...(seen.get(s) ?? [])].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
      return displayWord(s) ?? forms[0]?.[0] ?? s;
    })
    .join(', ');
}
