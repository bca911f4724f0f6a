import { stem as snowball } from '../../shared/text/french';
import { analyseText } from './analyse';
import { concepts } from './lexicon';
import { NO_KNOWLEDGE, type Knowledge } from './knowledge';

/**
 * French-aware text similarity between contributions, and suggested groups of near-duplicates.
 *
 * A text becomes a sparse vector over its stems and its pairs of neighbouring stems (taken in either
 * order, so that « saisie double » meets « double saisie »), weighted by TF-IDF — the IDF computed
 * over the set being compared, so that what every contribution of a theme says weighs little — and
 * normalised; two texts compare by cosine.
 *
 * Grouping never compares all pairs: an inverted index over the terms lists, for each term, the
 * documents that contain it; a document is scored only against the earlier documents that share a
 * term with it, its most distinctive terms first and at most `scanBudget` postings in all, so the cost
 * per document is bounded whatever the size of the set. Each document keeps its
 * best `neighbours` edges above `edgeThreshold`; edges are then taken from the strongest down and two
 * groups merge only when the average similarity between their members stays above `linkThreshold`
 * (average linkage, computed in constant space from the sums of the members' vectors): a text that
 * resembles one member but not the others does not drag its own neighbours in (no chaining).
 */

export interface Doc {
  id: number;
  text: string;
}

export interface Scored {
  id: number;
  score: number;
}

export interface Group {
  ids: number[];
  /** Average similarity between two members of the group (0–1). */
  cohesion: number;
  /** A few representative words. */
  label: string;
}

export interface IndexOptions {
  /** Weight of a pair of neighbouring stems, relative to a single stem. */
  bigramWeight: number;
  /** Weight of a concept of the domain lexicon (lexicon.ts), relative to a single stem. */
  conceptWeight: number;
  /** Weight of the character 4-grams of a stem (all of them together), relative to the stem itself. */
  gramWeight: number;
  /** Weight of the terms a text's terms are associated with (learned from the ambassadors' links), times the association's strength. */
  associationWeight: number;
  /** Weight of the Snowball stem of each lemma (derivations: « saisie » / « saisir »), relative to the lemma. */
  stemWeight: number;
  /** Weight of a concept of the consultation's glossary, relative to a single stem. */
  glossaryWeight: number;
  /** The consultation's glossary and learned associations (none: the built-in lexicon only). */
  knowledge?: Knowledge;
}

export interface GroupOptions extends IndexOptions {
  /** Minimum similarity for two documents to be linked at all. */
  edgeThreshold: number;
  /** Minimum average similarity between the members of two groups for them to merge. */
  linkThreshold: number;
  /** Edges kept per document (its best earlier neighbours). */
  neighbours: number;
  /** At most this many postings are visited per document (bounds the cost on large sets). */
  scanBudget: number;
  /** A member whose similarity to the rest of its group (their centroid) is below this leaves the group (0: no check). */
  memberThreshold: number;
}

/**
 * Tuned on the "train" half (glossaryWeight, associationWeight: issue 11, train only) of bench/labelled/paraphrases.json together with the demo's consolidation
 * (maximising the mean of both F1, so that paraphrases are found without merging distinct ideas of
 * real data); "dev" and "blind" are only measured. See bench/similarity.ts for the figures.
 */
export const DEFAULT_OPTIONS: Readonly<GroupOptions> = Object.freeze({
  bigramWeight: 0.5,
  conceptWeight: 2,
  gramWeight: 0,
  associationWeight: 0.5,
  glossaryWeight: 0.5,
  stemWeight: 0.5,
  edgeThreshold: 0.15,
  linkThreshold: 0.35,
  neighbours: 10,
  scanBudget: 3000,
  memberThreshold: 0,
});

/** Default minimum score of a "similar contribution" shown beside another one. */
export const DEFAULT_MIN_SCORE = 0.15;

export interface Vector {
  terms: Int32Array; // term ids, ascending
  weights: Float64Array; // same order, L2-normalised
}

export interface SimilarityIndex {
  readonly ids: readonly number[];
  readonly positionOf: ReadonlyMap<number, number>;
  readonly texts: readonly string[];
  readonly vectors: readonly Vector[];
  readonly termIds: ReadonlyMap<string, number>;
  readonly termNames: readonly string[];
  /** Per term: is it a single stem (true) or a pair (false). */
  readonly unigram: readonly boolean[];
  readonly df: Int32Array;
  /** Per term, the positions of the documents containing it (ascending) and their weights. */
  readonly postings: readonly Int32Array[];
  readonly postingWeights: readonly Float32Array[];
  readonly options: Readonly<IndexOptions>;
}

/**
 * Term counts already computed, per knowledge object and weights (a knowledge object is rebuilt
 * whenever the glossary or the associations change, so a stale entry can never be read): a plan
 * analyses each text for the targets, the look-alikes and the grouping, and pages ask again. Bounded:
 * emptied past MEMO_TEXTS texts. Callers never change the maps they get.
 */
const MEMO_TEXTS = 50_000;
let memo = new WeakMap<Knowledge, Map<string, Map<string, Prepared>>>();
let memoSize = 0;
function memoOf(opts: IndexOptions): Map<string, Prepared> {
  const k = opts.knowledge ?? NO_KNOWLEDGE;
  let byWeights = memo.get(k);
  if (!byWeights) memo.set(k, (byWeights = new Map()));
  const sig = `${opts.bigramWeight}|${opts.conceptWeight}|${opts.gramWeight}|${opts.associationWeight}|${opts.glossaryWeight}|${opts.stemWeight}`;
  let texts = byWeights.get(sig);
  if (!texts) byWeights.set(sig, (texts = new Map()));
  return texts;
}

/** A text's terms with their weighted frequencies ((1 + log tf) × the weight of the term's kind): all but the IDF, which is the index's. */
interface Prepared {
  terms: string[];
  w: Float64Array;
}

function prepare(counts: Map<string, number>, opts: IndexOptions): Prepared {
  const terms = [...counts.keys()];
  const w = new Float64Array(terms.length);
  terms.forEach((term, i) => {
    const tf = counts.get(term)!;
    w[i] = (tf >= 1 ? 1 + Math.log(tf) : tf) * termWeight(term, opts);
  });
  return { terms, w };
}

/** Term frequencies of a text: stems, unordered pairs of neighbouring stems, concepts of the lexicon. */
function termCounts(text: string, opts: IndexOptions): Prepared {
  let texts = memoOf(opts);
  const hit = texts.get(text);
  if (hit) return hit;
  if (memoSize >= MEMO_TEXTS) {
    memo = new WeakMap();
    memoSize = 0;
    texts = memoOf(opts);
  }
  const prepared = prepare(computeTermCounts(text, opts), opts);
  texts.set(text, prepared);
  memoSize++;
  return prepared;
}

function computeTermCounts(text: string, opts: IndexOptions): Map<string, number> {
  const { stems, folded } = analyseText(text);
  const counts = new Map<string, number>();
  for (const s of stems) counts.set(s, (counts.get(s) ?? 0) + 1);
  if (opts.conceptWeight > 0) for (const c of concepts(stems, folded)) counts.set(c, (counts.get(c) ?? 0) + 1);
  // Lemmas keep « direction » and « directement » apart; their stems, weighed less, keep some derivations close.
  if (opts.stemWeight > 0) for (const s of stems) if (s.length > 3 && !/^\d+$/.test(s)) counts.set(`~:${snowball(s)}`, (counts.get(`~:${snowball(s)}`) ?? 0) + 1);
  const knowledge = opts.knowledge ?? NO_KNOWLEDGE;
  if (opts.glossaryWeight > 0) for (const [re, c] of knowledge.glossary) if (re.test(folded)) counts.set(c, (counts.get(c) ?? 0) + 1);
  if (opts.associationWeight > 0 && knowledge.associations.size) {
    // Soft matching: a text also weighs, a little, the terms its own terms were learned to go with.
    const extra = new Map<string, number>();
    for (const s of new Set(stems)) {
      for (const [b, strength] of knowledge.associations.get(s) ?? []) extra.set(b, (extra.get(b) ?? 0) + opts.associationWeight * strength);
    }
    for (const [b, x] of extra) counts.set(b, (counts.get(b) ?? 0) + Math.min(1, x));
  }
  if (opts.gramWeight > 0) {
    for (const s of stems) {
      if (s.length < 5) continue;
      const grams = s.length - 3;
      for (let i = 0; i + 4 <= s.length; i++) {
        const g = `~${s.slice(i, i + 4)}`;
        counts.set(g, (counts.get(g) ?? 0) + 1 / grams);
      }
    }
  }
  const bigramWeight = opts.bigramWeight;
  if (bigramWeight > 0) {
    for (let i = 1; i < stems.length; i++) {
      const a = stems[i - 1]!;
      const b = stems[i]!;
      if (a === b) continue;
      const key = a < b ? `${a} ${b}` : `${b} ${a}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  return counts;
}

const idf = (n: number, df: number) => Math.log((1 + n) / (1 + df)) + 1;

const termWeight = (term: string, opts: IndexOptions) =>
  term.startsWith('~:') ? opts.stemWeight : term.startsWith('#=') ? opts.glossaryWeight : term.startsWith('#') ? opts.conceptWeight : term.startsWith('~') ? opts.gramWeight : term.includes(' ') ? opts.bigramWeight : 1;

function weigh(p: Prepared, termIds: ReadonlyMap<string, number>, df: (termId: number) => number, n: number, unknownIdf: number): Vector {
  const m = p.terms.length;
  const ids = new Int32Array(m);
  const ws = new Float64Array(m);
  let k = 0;
  let norm = 0; // terms absent from the index still make the text less similar to the others
  for (let i = 0; i < m; i++) {
    const id = termIds.get(p.terms[i]!);
    if (id === undefined) {
      const x = p.w[i]! * unknownIdf;
      norm += x * x;
    } else {
      ids[k] = id;
      ws[k++] = p.w[i]! * idf(n, df(id));
    }
  }
  const order = new Int32Array(k);
  for (let i = 0; i < k; i++) order[i] = i;
  order.sort((a, b) => ids[a]! - ids[b]!);
  for (let i = 0; i < k; i++) norm += ws[i]! * ws[i]!;
  norm = Math.sqrt(norm) || 1;
  const terms = new Int32Array(k);
  const weights = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    terms[i] = ids[order[i]!]!;
    weights[i] = ws[order[i]!]! / norm;
  }
  return { terms, weights };
}

export function dot(a: Vector, b: Vector): number {
  let i = 0;
  let j = 0;
  let s = 0;
  const at = a.terms;
  const bt = b.terms;
  while (i < at.length && j < bt.length) {
    const x = at[i]!;
    const y = bt[j]!;
    if (x === y) s += a.weights[i++]! * b.weights[j++]!;
    else if (x < y) i++;
    else j++;
  }
  return s;
}

/** Indexes a set of documents (sorted by id, so that the same set always gives the same index). */
export function buildIndex(docs: readonly Doc[], options: Partial<IndexOptions> = {}): SimilarityIndex {
  const opts: IndexOptions = {
    bigramWeight: options.bigramWeight ?? DEFAULT_OPTIONS.bigramWeight,
    conceptWeight: options.conceptWeight ?? DEFAULT_OPTIONS.conceptWeight,
    gramWeight: options.gramWeight ?? DEFAULT_OPTIONS.gramWeight,
    associationWeight: options.associationWeight ?? DEFAULT_OPTIONS.associationWeight,
    glossaryWeight: options.glossaryWeight ?? DEFAULT_OPTIONS.glossaryWeight,
    stemWeight: options.stemWeight ?? DEFAULT_OPTIONS.stemWeight,
    ...(options.knowledge ? { knowledge: options.knowledge } : {}),
  };
  const sorted = [...docs].sort((a, b) => a.id - b.id);
  const positionOf = new Map<number, number>();
  sorted.forEach((d, i) => {
    if (positionOf.has(d.id)) throw new Error(`identifiant en double : ${d.id}`);
    positionOf.set(d.id, i);
  });
  const termIds = new Map<string, number>();
  const termNames: string[] = [];
  const unigram: boolean[] = [];
  let dfList: number[] = [];
  const counts = sorted.map((d) => {
    const c = termCounts(d.text, opts);
    for (const term of c.terms) {
      let id = termIds.get(term);
      if (id === undefined) {
        id = termNames.length;
        termIds.set(term, id);
        termNames.push(term);
        unigram.push(!term.includes(' ') && !term.startsWith('#') && !term.startsWith('~'));
        dfList.push(0);
      }
      dfList[id]!++;
    }
    return c;
  });
  const df = Int32Array.from(dfList);
  dfList = [];
  const n = sorted.length;
  const vectors = counts.map((c) => weigh(c, termIds, (id) => df[id]!, n, 0));
  const postings = Array.from(df, (k) => new Int32Array(k));
  const postingWeights = Array.from(df, (k) => new Float32Array(k));
  const fill = new Int32Array(df.length);
  vectors.forEach((v, pos) => {
    for (let k = 0; k < v.terms.length; k++) {
      const t = v.terms[k]!;
      const at = fill[t]!++;
      postings[t]![at] = pos;
      postingWeights[t]![at] = v.weights[k]!;
    }
  });
  return {
    ids: sorted.map((d) => d.id),
    positionOf,
    texts: sorted.map((d) => d.text),
    vectors,
    termIds,
    termNames,
    unigram,
    df,
    postings,
    postingWeights,
    options: opts,
  };
}

/** The vector of an outside text, weighted with the index's IDF (the text counted as one more document). */
function queryVector(index: SimilarityIndex, text: string): Vector {
  const n = index.ids.length + 1;
  return weigh(termCounts(text, index.options), index.termIds, (id) => index.df[id]! + 1, n, idf(n, 1));
}

/**
 * The k documents of the index most similar to a text (or to one of the index's documents, given
 * by id, itself excluded), best first, above `minScore`. Ties are broken by id.
 */
export function similarTo(index: SimilarityIndex, query: string | { id: number }, k = 10, minScore = DEFAULT_MIN_SCORE): Scored[] {
  let vector: Vector;
  let self = -1;
  if (typeof query === 'string') vector = queryVector(index, query);
  else {
    const pos = index.positionOf.get(query.id);
    if (pos === undefined) return [];
    vector = index.vectors[pos]!;
    self = pos;
  }
  const out: Scored[] = [];
  visitScores(index, vector, (pos, score) => {
    if (pos !== self && score >= minScore) out.push({ id: index.ids[pos]!, score });
  });
  out.sort((a, b) => b.score - a.score || a.id - b.id);
  return out.slice(0, Math.max(0, k));
}

interface Scratch {
  acc: Float64Array;
  seen: Uint8Array;
  touched: Int32Array;
}
const scratch = new WeakMap<SimilarityIndex, Scratch>();
/** Per index: one score per document (kept at zero between queries) and the list of documents touched. */
function scratchOf(index: SimilarityIndex): Scratch {
  let s = scratch.get(index);
  if (!s) {
    s = { acc: new Float64Array(index.ids.length), seen: new Uint8Array(index.ids.length), touched: new Int32Array(index.ids.length) };
    scratch.set(index, s);
  }
  return s;
}

/**
 * Every document of the index sharing a term with the text, with its score, in the order they were
 * met (no sort, no object per hit): for callers that sum scores over thousands of queries (the plan's
 * ranking of targets). `visit` is called once per document with its position and score.
 */
export function eachScore(index: SimilarityIndex, text: string, visit: (position: number, score: number) => void): void {
  visitScores(index, queryVector(index, text), visit);
}

/**
 * Scores of every document sharing a term with the vector, accumulated in a typed array reused per
 * index (a Map per query was most of the time at 10 000 queries), then visited in the order met and
 * the array left at zero for the next query.
 */
function visitScores(index: SimilarityIndex, vector: Vector, visit: (position: number, score: number) => void): void {
  const { acc, seen, touched } = scratchOf(index);
  let count = 0;
  for (let q = 0; q < vector.terms.length; q++) {
    const t = vector.terms[q]!;
    const w = vector.weights[q]!;
    const docs = index.postings[t]!;
    const ws = index.postingWeights[t]!;
    for (let p = 0; p < docs.length; p++) {
      const d = docs[p]!;
      if (!seen[d]) {
        seen[d] = 1;
        touched[count++] = d;
      }
      acc[d] = acc[d]! + w * ws[p]!;
    }
  }
  for (let i = 0; i < count; i++) {
    const pos = touched[i]!;
    const score = acc[pos]!;
    acc[pos] = 0;
    seen[pos] = 0;
    if (score > 0) visit(pos, Math.min(1, score));
  }
}

/** Cosine similarity of two texts (IDF over the two of them: mostly for tests and explanations). */
export function similarity(a: string, b: string, options: Partial<IndexOptions> = {}): number {
  const index = buildIndex([{ id: 1, text: a }, { id: 2, text: b }], options);
  return dot(index.vectors[0]!, index.vectors[1]!);
}
