import { foldAccents } from '../../shared/text/french';

export const SLUG_MAX = 80;
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** Words that the administration URLs use after /admin/consultations/: never a consultation's slug. */
export const RESERVED_SLUGS = new Set(['nouvelle']);

/**
 * The URL name of a consultation, from its title: « Construisons ensemble notre nouveau SI ! » →
 * 'construisons-ensemble-notre-nouveau-si'. Accents folded, apostrophes and punctuation become
 * hyphens, cut at a word boundary so that it fits the column.
 */
export function slugify(title: string): string {
  const base = foldAccents(title.toLowerCase())
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (base.length <= SLUG_MAX) return base;
  const cut = base.slice(0, SLUG_MAX + 1);
  const lastHyphen = cut.lastIndexOf('-');
  return (lastHyphen > 20 ? cut.slice(0, lastHyphen) : base.slice(0, SLUG_MAX)).replace(/-+$/, '');
}

/** A free slug: the wanted one, else with -2, -3… appended (still within SLUG_MAX). */
export function freeSlug(wanted: string, taken: (slug: string) => boolean): string {
  if (!taken(wanted) && !RESERVED_SLUGS.has(wanted)) return wanted;
  for (let n = 2; ; n++) {
    const suffix = `-${n}`;
    const candidate = wanted.slice(0, SLUG_MAX - suffix.length).replace(/-+$/, '') + suffix;
    if (!taken(candidate)) return candidate;
  }
}
