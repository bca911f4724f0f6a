import fs from 'node:fs';
import path from 'node:path';
import { stem } from '../../shared/text/french';

/**
 * French word forms grouped by lemma (« dirigées » → « diriger », « jeunes » → « jeune »,
 * « peut » → « pouvoir »), from the Dicollecte dictionary (french-lexicon/lemmas-fr.txt, MPL-2.0, see
 * french-lexicon/README.md). Snowball stems pull unrelated words together (« direction » and « directement »
 * both give « direct »); lemmas keep true inflections (plurals, conjugations) and nothing more.
 * A word the dictionary does not know (typos, abbreviations, jargon) keeps its Snowball stem.
 *
 * The file is read once into a map of its 70 000 lemmas (not of its 360 000 forms, so that loading
 * stays quick); a form is found by trying the endings the paradigms make, and each word is looked up
 * once (cache).
 */
const FILE = path.resolve(__dirname, '..', '..', '..', '..', 'src', 'modules', 'similarity', 'french-lexicon', 'lemmas-fr.txt');

interface Table {
  /** Lemma → its paradigm. */
  paradigm: Map<string, number>;
  /** Per ending: the (paradigm, end of the lemma it replaces) that produce it. */
  byEnding: Map<string, Array<[number, string]>>;
  longestEnding: number;
}

let table: Table | undefined;

function load(): Table {
  const paradigm = new Map<string, number>();
  const codes: Array<Array<[number, string]>> = [];
  for (const line of fs.readFileSync(FILE, 'utf8').split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const sp = line.indexOf(' ');
    if (line.startsWith('=')) {
      codes[Number(line.slice(1, sp))] = line.slice(sp + 1).split(' ').map((c) => [Number(c.slice(0, c.indexOf(':'))), c.slice(c.indexOf(':') + 1)]);
    } else paradigm.set(line.slice(0, sp), Number(line.slice(sp + 1)));
  }
  // Which lemma endings each (paradigm, ending) replaces: usually one (« -er » for « -ons »), so a
  // form is looked up by a few exact candidates instead of a scan.
  const drops = codes.map((list) => [...new Set(list.map(([d]) => d))]);
  const tails = codes.map((_list, id) => new Map<number, Set<string>>(drops[id]!.map((d) => [d, new Set<string>()])));
  for (const [lemma, id] of paradigm) for (const d of drops[id] ?? []) tails[id]!.get(d)!.add(lemma.slice(lemma.length - d));
  const byEnding = new Map<string, Array<[number, string]>>();
  let longestEnding = 0;
  codes.forEach((list, id) => {
    for (const [drop, ending] of list) {
      const entries = byEnding.get(ending) ?? [];
      for (const tail of tails[id]!.get(drop)!) entries.push([id, tail]);
      byEnding.set(ending, entries);
      longestEnding = Math.max(longestEnding, ending.length);
    }
  });
  return { paradigm, byEnding, longestEnding };
}

const commonPrefix = (a: string, b: string) => {
  let k = 0;
  while (k < a.length && k < b.length && a[k] === b[k]) k++;
  return k;
};

/** The lemma of a folded lower-case word, or undefined when the dictionary does not know it. */
export function lemmaOf(word: string): string | undefined {
  const t = (table ??= load());
  if (t.paradigm.has(word)) return word;
  const found: string[] = [];
  for (let j = 0; j <= Math.min(t.longestEnding, word.length - 1); j++) {
    const rules = t.byEnding.get(word.slice(word.length - j));
    if (!rules) continue;
    const base = word.slice(0, word.length - j);
    for (const [id, tail] of rules) {
      const lemma = base + tail;
      if (t.paradigm.get(lemma) === id && !found.includes(lemma)) found.push(lemma);
    }
  }
  // Several lemmas (« saisies »: saisie or saisir): the closest spelling, then the shortest, then a–z.
  found.sort((a, b) => commonPrefix(b, word) - commonPrefix(a, word) || a.length - b.length || (a < b ? -1 : a > b ? 1 : 0));
  return found[0];
}

/**
 * An adverb in « -ment » made on an adjective that is its own lemma compares as that adjective
 * (« automatiquement » → « automatique », « rapidement » → « rapide »), as the Snowball stem did. Only
 * for words the dictionary knows as invariable (nouns in « -ment », « gouvernement », have a plural),
 * and not through a feminine (« directement » is not « direct »: that is what kept « direction » apart).
 */
function adverbBase(word: string, lemma: string): string | undefined {
  if (lemma !== word || !word.endsWith('ment') || word.length < 8) return undefined;
  const t = (table ??= load());
  if (t.paradigm.get(word) !== 0) return undefined;
  const base = word.slice(0, -4);
  return t.paradigm.has(base) ? base : undefined;
}

const cache = new Map<string, string>();

/**
 * The term similarity compares for a folded word: its lemma when the dictionary knows it, else its
 * Snowball stem. Tokens made by the analyser from expressions (« rdv », « francetravail ») are not
 * in the dictionary and stay as they are through the stemmer.
 */
export function term(word: string): string {
  let s = cache.get(word);
  if (s === undefined) {
    // Short tokens are abbreviations (« sms », « rdv », « cej »): no plural to take off.
    if (/^\d+$/.test(word) || word.length <= 3) s = word;
    else {
      const lemma = lemmaOf(word);
      s = lemma === undefined ? stem(word) : (adverbBase(word, lemma) ?? lemma);
    }
    if (cache.size < 200_000) cache.set(word, s);
  }
  return s;
}
