import { newStemmer } from 'snowball-stemmers';

/**
 * French text analysis, shared by full-text search and similarity so that both agree on what a
 * "word" is: lower case, accents folded, elisions split (l', d', qu'…), stop words dropped, and
 * words reduced to their Snowball French stem (« jeunes », « jeune » → « jeun »). Computed in one
 * place in JavaScript, so that SQLite and PostgreSQL index exactly the same terms.
 */
const stemmer = newStemmer('french');

export function foldAccents(s: string): string {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/œ/g, 'oe').replace(/æ/g, 'ae').replace(/Œ/g, 'OE').replace(/Æ/g, 'AE');
}

// Common French function words, plus words that every contribution of this consultation uses.
const STOP = new Set(
  (
    'a ai aie ainsi alors au aucun aussi autre aux avec avoir bon car ce ceci cela celle celles celui cependant ces cet cette ceux chaque ci comme comment dans de des deja depuis devrait doit donc dont du elle elles en encore entre est et etaient etait etc ete etre eu fait faire faut il ils je jusqu la le les leur leurs lors lui ma mais me meme memes mes moi moins mon ne ni non nos notre nous on ont or ou par parce pas peu peut peuvent plus pour pourquoi pourrait quand que quel quelle quelles quels qui quoi sa sans se ses si sien son sont sous soyez sur ta tandis te tel telle tes toi ton tous tout toute toutes tres tu un une vos votre vous y ' +
    'c d j l m n s t qu jusqu lorsqu puisqu ' +
    'cela ca tres trop bien aussi etc avoir etre faire'
  ).split(/\s+/).filter(Boolean),
);

/** Words of a text, folded, without stop words (not stemmed). */
export function words(text: string): string[] {
  return foldAccents(text.toLowerCase())
    .replace(/\b([cdjlmnst]|qu|jusqu|lorsqu|puisqu)['’]/g, ' ')
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 1 && !STOP.has(w));
}

const cache = new Map<string, string>();
export function stem(word: string): string {
  let s = cache.get(word);
  if (s === undefined) {
    s = /^\d+$/.test(word) ? word : stemmer.stem(word);
    if (cache.size < 200_000) cache.set(word, s);
  }
  return s;
}

/** The stems of a text, in order (duplicates kept: frequencies matter for similarity). */
export function stems(text: string): string[] {
  return words(text).map(stem);
}

/** The searchable form of a text: its stems separated by spaces (what the FTS index stores). */
export function searchableText(text: string): string {
  return stems(text).join(' ');
}
