import { ABBREVIATIONS, CLOSINGS, GENERIC_DETAILS, NOTE_OPENINGS, OPENINGS, TYPOS } from './content/general';
import type { Random } from './random';

/** Words that keep their capital letter at the start of a sentence fragment. */
const PROPER = /^(France|Pôle|I-Milo|Excel|WhatsApp|Outlook|Teams|Google|Immersion|Erasmus|Cap|Word|L'UNML|UNML|ML|CEJ|PACEA|FAJ|ASP|CAF|CPAM|RGPD|SSO|DSN|Région|Carif)\b/;

export const PARTNER_MARK = /^§(IBS|E2C) /;

export function isPartnerVoice(voice: string): boolean {
  return PARTNER_MARK.test(voice);
}

export function lcFirst(s: string): string {
  if (PROPER.test(s) || !/^[A-ZÀ-Ý][a-zà-ÿ' ]/.test(s)) return s;
  return s.charAt(0).toLowerCase() + s.slice(1);
}

function firstSentence(s: string): string {
  const m = /^(.+?[.!?])(\s|$)/.exec(s);
  return (m ? m[1]! : s).trim();
}

function abbreviate(rng: Random, s: string, all: boolean): string {
  let out = s;
  const rules = all ? ABBREVIATIONS : rng.sample(ABBREVIATIONS, 3);
  for (const [re, rep] of rules) out = out.replace(re, rep);
  return out;
}

function typo(rng: Random, s: string): string {
  for (const [re, rep] of rng.shuffle(TYPOS)) {
    if (re.test(s)) return s.replace(re, rep);
  }
  return s;
}

/** A remark that reads as a full sentence (a subject first), not as a note ("Un agenda…", "Pouvoir…"). */
const SENTENCE = /^(Il|Ils|Elle|On|Les|Le|La|L'|Quand|Aujourd'hui|Chaque|Nos|Notre|Personne|Tout|Ce|Ça|Pas|Beaucoup|En|Sur|Dans|Chez|Après|Si|Pour|Impossible|Trop|Aucun|Aucune|Entre|Une collègue|I-Milo|Le jeune|Les jeunes)\b/;

/** The key word of an opening ("Chez nous, " → "nous"): an opening is not used when the remark already says it. */
function openingKey(opening: string): string {
  const words = opening.replace(/[,:’'\s]+$/, '').split(/[\s’']+/);
  return (words[words.length - 1] ?? '').toLowerCase();
}

/**
 * One person's wording of a voice: sometimes a quick sticky note (first sentence, abbreviations,
 * no capital), sometimes the remark with an opening, a context sentence or a closing, and the odd
 * slip of the keyboard. Several people echoing the same voice make the near-duplicates that
 * consolidation groups.
 */
export function variation(rng: Random, voices: readonly string[], themeDetails: readonly string[], informal: boolean): string {
  let text = rng.pick(voices);
  const mode = rng.next();
  if (informal && mode < 0.1) {
    text = abbreviate(rng, firstSentence(text), true).replace(/\.$/, '');
    if (rng.chance(0.6)) text = lcFirst(text);
    if (rng.chance(0.3)) text += ' !!';
    return text;
  }
  if (mode < 0.2 && voices.length > 1) {
    const other = rng.pick(voices.filter((v) => v !== text));
    text = `${text} ${other}`;
  }
  if (rng.chance(0.25)) {
    const opening = rng.pick(SENTENCE.test(text) ? OPENINGS : NOTE_OPENINGS);
    if (!text.toLowerCase().includes(openingKey(opening))) text = opening + lcFirst(text);
  }
  if (rng.chance(0.3)) text += ' ' + rng.pick(themeDetails.length && rng.chance(0.6) ? themeDetails : GENERIC_DETAILS);
  if (rng.chance(0.15)) text += ' ' + rng.pick(CLOSINGS);
  if (informal && rng.chance(0.1)) text = abbreviate(rng, text, false);
  if (informal && rng.chance(0.08)) text = typo(rng, text);
  return text.length > 600 ? text.slice(0, 597).replace(/\s+\S*$/, '') + '…' : text;
}

/** Plain text for slugs and e-mail local parts: no accents, lower case, hyphens. */
export function slugify(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[’']/g, '-')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
