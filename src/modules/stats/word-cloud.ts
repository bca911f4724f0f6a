import { foldAccents } from '../../shared/text/french';
import { normalisedWords, wordTerm } from '../similarity';

/**
 * Counting the words of a set of contributions for the word cloud (pure, unit-tested). A term is a
 * meaningful word — French stop words and request phrasing (« il faudrait », « besoin ») dropped by
 * the shared and similarity analyses — grouped with its other forms by lemma (« financiers »,
 * « financier », « financières » → one term), shown under its most frequent written form; a phrase is
 * two meaningful words written one after the other (no stop word or punctuation between them:
 * « moyens financiers »). Each term counts the contributions that use it (a contribution that repeats
 * a word counts once), which is what the link to the filtered list shows.
 */
export interface CloudTerm {
  /** The most frequent written form (lower case, an acronym kept in capitals). */
  text: string;
  /** Contributions that use the term (any of its forms). */
  count: number;
  kind: 'mot' | 'expression';
}

export interface CloudOptions {
  /** Most words shown. */
  words: number;
  /** Most two-word phrases shown (a phrase needs at least two contributions). */
  phrases: number;
}

export const CLOUD_DEFAULTS: CloudOptions = { words: 40, phrases: 10 };

/** Above this many distinct phrases, those seen in one contribution only are forgotten (memory stays bounded). */
const PHRASES_KEPT = 400_000;

// Words, numbers and hyphenated compounds (« rendez-vous », « France-Travail »), accents kept.
const TOKEN = /[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*/gu;
const ACRONYM = /^(?=.*\p{Lu})[\p{Lu}\p{N}]{2,8}$/u;
const NUMBER = /^[\d-]+$/;

/**
 * Words the shared stop list keeps (search must find them) but that say nothing in a cloud: time and
 * place adverbs, prepositions, quantifiers. Compared folded (no accents).
 */
const CLOUD_STOP = new Set(
  (
    'apres avant fois chez vers selon pendant entre sans contre comme aucune certains certaines plusieurs chaque ' +
    'quelque quelques autres ici voila oui non deux trois part cas exemple niveau faire fait font etre avoir ' +
    'peut peuvent dit dire mettre mis donne donner prendre aller va vont veut veulent'
  ).split(/\s+/),
);

const keys = new Map<string, string | null>();

/**
 * The grouping key of a written word (lower case), or null when it is not meaningful: a stop word,
 * request phrasing, a number. Cached: the vocabulary is small next to the number of words read.
 */
export function termKey(lower: string): string | null {
  let k = keys.get(lower);
  if (k === undefined) {
    const parts = foldAccents(lower).split('-');
    const meaningful = !NUMBER.test(lower) && parts.some((p) => p.length > 1 && !CLOUD_STOP.has(p) && normalisedWords(p).length > 0);
    k = meaningful ? parts.map((p) => wordTerm(p)).join('-') : null;
    if (keys.size < 200_000) keys.set(lower, k);
  }
  return k;
}

/** How a word is shown: lower case, except an acronym (« CEJ », « SI »). */
export function writtenForm(token: string): string {
  return ACRONYM.test(token) ? token : token.toLowerCase();
}

interface Tally {
  /** Contributions that use the key. */
  count: number;
  /** Written forms and how often each was written. */
  forms: Map<string, number>;
}

/** Accumulates contributions one at a time; `terms()` gives the cloud's terms. */
export class CloudCounter {
  private readonly words = new Map<string, Tally>();
  private readonly phrases = new Map<string, Tally>();
  contributions = 0;

  add(text: string): void {
    this.contributions++;
    const seenWords = new Set<string>();
    const seenPhrases = new Set<string>();
    let prev: { key: string; form: string; end: number } | null = null;
    for (const m of text.matchAll(TOKEN)) {
      const token = m[0];
      const start = m.index!;
      const key = termKey(token.toLowerCase());
      if (key === null) {
        prev = null;
        continue;
      }
      const form = writtenForm(token);
      tally(this.words, key, form, seenWords);
      // A phrase: the previous meaningful word, separated by spaces only (no stop word, no punctuation).
      if (prev && prev.key !== key && /^[ \t]+$/.test(text.slice(prev.end, start))) {
        tally(this.phrases, `${prev.key} ${key}`, `${prev.form} ${form}`, seenPhrases);
      }
      prev = { key, form, end: start + token.length };
    }
    if (this.phrases.size > PHRASES_KEPT) for (const [k, t] of this.phrases) if (t.count < 2) this.phrases.delete(k);
  }

  /** The most used words, then phrases, merged most used first (ties: alphabetical), each under its most written form. */
  terms(options: CloudOptions = CLOUD_DEFAULTS): CloudTerm[] {
    const best = (tallies: Map<string, Tally>, kind: CloudTerm['kind'], minCount: number, limit: number): CloudTerm[] =>
      [...tallies.values()]
        .filter((t) => t.count >= minCount)
        .map((t) => ({ text: mostWritten(t.forms), count: t.count, kind }))
        .sort(byCount)
        .slice(0, limit);
    return [...best(this.words, 'mot', 1, options.words), ...best(this.phrases, 'expression', 2, options.phrases)].sort(byCount);
  }
}

function tally(map: Map<string, Tally>, key: string, form: string, seen: Set<string>): void {
  let t = map.get(key);
  if (!t) map.set(key, (t = { count: 0, forms: new Map() }));
  if (!seen.has(key)) {
    seen.add(key);
    t.count++;
  }
  t.forms.set(form, (t.forms.get(form) ?? 0) + 1);
}

const collator = new Intl.Collator('fr');

/** The form written most often; ties: alphabetical (so the result never depends on the reading order). */
function mostWritten(forms: Map<string, number>): string {
  let best = '';
  let n = -1;
  for (const [form, count] of forms) if (count > n || (count === n && collator.compare(form, best) < 0)) (best = form), (n = count);
  return best;
}

const byCount = (a: CloudTerm, b: CloudTerm) => b.count - a.count || collator.compare(a.text, b.text);

/** The terms of a list of texts (tests, small selections). */
export function cloudTerms(texts: Iterable<string>, options: CloudOptions = CLOUD_DEFAULTS): CloudTerm[] {
  const counter = new CloudCounter();
  for (const t of texts) counter.add(t);
  return counter.terms(options);
}
