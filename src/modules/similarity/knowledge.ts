import { foldAccents } from '../../shared/text/french';
import { analyseText } from './analyse';

/**
 * What one consultation knows about its own words, in the form the engine uses: its glossary
 * (expressions that mean the same thing) and the associations learned from its ambassadors' links.
 * Pure functions: the database side is in learn-associations.ts and queries.ts.
 */
export interface Knowledge {
  /** Folded expression (word-bounded) → the concept both sides of an entry count as. */
  glossary: ReadonlyArray<readonly [RegExp, string]>;
  /** Term → its strongest associated terms, with a strength in 0–1. */
  associations: ReadonlyMap<string, ReadonlyArray<readonly [string, number]>>;
}

export const NO_KNOWLEDGE: Knowledge = Object.freeze({ glossary: [], associations: new Map() });

export interface GlossaryEntry {
  expression: string;
  meaning: string;
}

export interface AssociationRow {
  term_a: string;
  term_b: string;
  weight: number;
}

/** A folded expression as the analyser sees text: lower case, no accents, apostrophes and hyphens as spaces. */
export function foldExpression(s: string): string {
  return foldAccents(s.toLowerCase()).replace(/[’'`-]/g, ' ').replace(/[^a-z0-9 ]+/g, ' ').replace(/\s+/g, ' ').trim();
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const pattern = (folded: string) => new RegExp(`\\b${folded.split(' ').map(escape).join("[\\s'-]+")}\\b`);

/** Below this learned weight (pairs of members), an association is not used: one coincidence teaches nothing. */
export const MIN_WEIGHT = 2;
/** Associated terms kept per term. */
const PER_TERM = 8;

/**
 * The knowledge of a consultation from its glossary entries and learned association rows. Strength of
 * a learned pair: its weight over the geometric mean of both terms' total weights, so that a word
 * that goes with everything (« jeune ») associates weakly with each.
 */
export function buildKnowledge(entries: readonly GlossaryEntry[], rows: readonly AssociationRow[]): Knowledge {
  const glossary: Array<readonly [RegExp, string]> = [];
  for (const e of entries) {
    const concept = `#=${foldExpression(e.meaning)}`;
    for (const side of [e.expression, e.meaning]) {
      const f = foldExpression(side);
      if (f) glossary.push([pattern(f), concept]);
    }
  }
  const total = new Map<string, number>();
  const used = rows.filter((r) => r.weight >= MIN_WEIGHT);
  for (const r of used) {
    total.set(r.term_a, (total.get(r.term_a) ?? 0) + r.weight);
    total.set(r.term_b, (total.get(r.term_b) ?? 0) + r.weight);
  }
  const lists = new Map<string, Array<[string, number]>>();
  const add = (a: string, b: string, s: number) => {
    const l = lists.get(a) ?? [];
    l.push([b, s]);
    lists.set(a, l);
  };
  for (const r of used) {
    const s = r.weight / Math.sqrt(total.get(r.term_a)! * total.get(r.term_b)!);
    add(r.term_a, r.term_b, s);
    add(r.term_b, r.term_a, s);
  }
  const associations = new Map<string, Array<readonly [string, number]>>();
  for (const [a, l] of lists) associations.set(a, l.sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1)).slice(0, PER_TERM));
  return { glossary, associations };
}

/** Terms of a text that learning associates: its distinct lemmas, the 16 longest (most specific), ties a–z. */
export function learningTerms(text: string): string[] {
  const distinct = [...new Set(analyseText(text).stems)].filter((t) => t.length >= 3 && !/^\d+$/.test(t));
  return distinct.sort((a, b) => b.length - a.length || (a < b ? -1 : a > b ? 1 : 0)).slice(0, 16);
}

/** Key of an unordered pair of terms (a < b). */
export const pairKey = (a: string, b: string) => (a < b ? `${a} ${b}` : `${b} ${a}`);

/**
 * The term pairs two texts put together teach: a term of one that the other lacks, with a term of
 * the other that the first lacks (what they share already matches without learning).
 */
export function pairsBetween(ta: readonly string[], tb: readonly string[]): string[] {
  const sa = new Set(ta);
  const sb = new Set(tb);
  const out: string[] = [];
  for (const a of ta) if (!sb.has(a)) for (const b of tb) if (!sa.has(b)) out.push(pairKey(a, b));
  return out;
}
