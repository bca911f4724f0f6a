/**
 * Generates lemmas-fr.txt (form → lemma of French words) from the Dicollecte / Grammalecte hunspell
 * dictionary shipped by Debian's `hunspell-fr-classical` (MPL-2.0; see README.md beside this file):
 *
 *   apt-get install hunspell-fr-classical && npx tsc -p . && node dist/src/modules/similarity/french-lexicon/generate-lemmas.js
 *
 * Not used at run time. Hunspell's own `unmunch` cannot read this dictionary's two-letter flags, so
 * the suffix rules are expanded here (prefix rules are elisions, which the analyser splits anyway).
 * Forms are lower case with accents folded, as the analyser sees them; proper nouns are left out.
 *
 * Output, compact and readable: lines `=ID code code…` declare a paradigm (how forms are made from
 * their lemma: `k:ending`, drop k letters then add the ending); lines `lemma ID` list the lemmas.
 */
import fs from 'node:fs';
import path from 'node:path';
import { foldAccents } from '../../../shared/text/french';

const DIR = process.argv[2] ?? '/usr/share/hunspell';
const OUT = path.resolve(__dirname, '..', '..', '..', '..', '..', 'src', 'modules', 'similarity', 'french-lexicon', 'lemmas-fr.txt');

interface Rule { strip: string; add: string; cond: RegExp }
const rules = new Map<string, Rule[]>();
for (const line of fs.readFileSync(path.join(DIR, 'fr.aff'), 'utf8').split('\n')) {
  const f = line.trim().split(/\s+/);
  if (f[0] !== 'SFX' || f.length < 5) continue;
  const [, flag, strip, addRaw, cond] = f as [string, string, string, string, string];
  const add = addRaw.split('/')[0]!;
  const list = rules.get(flag!) ?? [];
  list.push({ strip: strip === '0' ? '' : strip, add: add === '0' ? '' : add, cond: new RegExp(`${cond === '.' ? '' : cond}$`) });
  rules.set(flag!, list);
}

/** Parts of speech kept: common words only (names of people and places never help similarity). */
const KEEP = /po:(nom|adj|v\d|adv)/;
const codeOf = (lemma: string, form: string): string => {
  let k = 0;
  while (k < lemma.length && k < form.length && lemma[k] === form[k]) k++;
  return `${lemma.length - k}:${form.slice(k)}`;
};

const formsOf = new Map<string, Set<string>>();
const lines = fs.readFileSync(path.join(DIR, 'fr.dic'), 'utf8').split('\n').slice(1);
for (const line of lines) {
  const m = /^(\S+?)(?:\/(\S*))?(?:\s+(.*))?$/.exec(line.trim());
  if (!m) continue;
  const [, word, flags = '', morph = ''] = m as unknown as [string, string, string?, string?];
  if (!KEEP.test(morph) || /^[A-ZÀ-Ý]/.test(word) || /[\s.]/.test(word)) continue;
  const lemma = foldAccents(word.toLowerCase());
  const set = formsOf.get(lemma) ?? new Set<string>();
  for (let i = 0; i + 2 <= flags.length; i += 2) {
    for (const r of rules.get(flags.slice(i, i + 2)) ?? []) {
      if (!r.cond.test(word) || !word.endsWith(r.strip)) continue;
      const form = foldAccents((word.slice(0, word.length - r.strip.length) + r.add).toLowerCase());
      if (form !== lemma && /^[a-z-]+$/.test(form)) set.add(form);
    }
  }
  formsOf.set(lemma, set);
}

const paradigms = new Map<string, number>();
const out: string[] = [];
const body: string[] = [];
for (const lemma of [...formsOf.keys()].sort()) {
  const codes = [...formsOf.get(lemma)!].map((f) => codeOf(lemma, f)).sort().join(' ');
  let id = paradigms.get(codes);
  if (id === undefined) {
    id = paradigms.size;
    paradigms.set(codes, id);
    out.push(`=${id} ${codes}`);
  }
  body.push(`${lemma} ${id}`);
}
fs.writeFileSync(OUT, `# Formes → lemmes, générées par generate-lemmas.ts depuis hunspell-fr-classical (Dicollecte, MPL-2.0).\n${out.join('\n')}\n${body.join('\n')}\n`);
process.stdout.write(`${formsOf.size} lemmas, ${paradigms.size} paradigms → ${OUT}\n`);
