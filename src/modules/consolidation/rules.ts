/**
 * Pure rules of consolidation (unit-tested, no database): coverage of a raw contribution,
 * codes of consolidated contributions, extracts cut from a contribution's own text.
 */

/** At most this many raw contributions in one bulk action (the form parser accepts 2 000 fields). */
export const MAX_SELECTION = 1000;
/** Rows per query when a selection is read or written (keeps SQLite under its bound-variable limit). */
export const BATCH = 200;

export type RawStatus = 'a_traiter' | 'consolidee' | 'hors_perimetre' | 'retiree';

/** How a raw contribution is accounted for. */
export type Coverage = 'entiere' | 'par_extraits' | 'hors_perimetre' | 'retiree' | 'non_couverte';

export interface CoverageInput {
  status: string;
  outOfScopeReason: string | null;
  activeWholeLinks: number;
  activeExtractLinks: number;
}

/**
 * Every raw contribution must be accounted for: consolidated whole, by extracts, or set aside as
 * out of scope WITH a reason. Withdrawn ones (by their author) are outside the count.
 */
export function coverageOf(c: CoverageInput): Coverage {
  if (c.status === 'retiree') return 'retiree';
  if (c.activeWholeLinks > 0) return 'entiere';
  if (c.activeExtractLinks > 0) return 'par_extraits';
  if (c.status === 'hors_perimetre' && (c.outOfScopeReason ?? '').trim() !== '') return 'hors_perimetre';
  return 'non_couverte';
}

/** Processed, for progress figures: consolidated or set aside. Withdrawn ones are excluded from the total. */
export function isProcessed(status: string): boolean {
  return status === 'consolidee' || status === 'hors_perimetre';
}

export interface Progress {
  processed: number;
  total: number;
  percent: number;
}

export function progressOf(counts: Partial<Record<string, number>>): Progress {
  const processed = (counts.consolidee ?? 0) + (counts.hors_perimetre ?? 0);
  const total = processed + (counts.a_traiter ?? 0);
  return { processed, total, percent: total === 0 ? 100 : Math.floor((processed * 100) / total) };
}

/** The three letters of a theme in codes: ACCOMPAGNEMENT → ACC, « Sécurisation » → SEC. */
export function themePrefix(themeCode: string): string {
  const letters = themeCode
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, '');
  return (letters || 'GEN').slice(0, 3);
}

/** The next code CC-<PREFIX>-<NNN> after those already given in the consultation (gaps are never refilled). */
export function nextCode(themeCode: string, existingCodes: Iterable<string | null>): string {
  const prefix = `CC-${themePrefix(themeCode)}-`;
  let max = 0;
  for (const code of existingCodes) {
    if (!code || !code.startsWith(prefix)) continue;
    const n = Number(code.slice(prefix.length));
    if (Number.isInteger(n) && n > max) max = n;
  }
  return `${prefix}${String(max + 1).padStart(3, '0')}`;
}

export interface ExtractInput {
  start?: number | null;
  end?: number | null;
  quote?: string | null;
}
export type ExtractCheck = { ok: true; start: number; end: number; quote: string } | { ok: false; field: 'start' | 'end' | 'quote'; message: string };

/** Shortest extract worth keeping, in characters. */
export const EXTRACT_MIN = 3;

/**
 * An extract is a fragment of the contribution's OWN text: given as two offsets (start included, end
 * excluded, in characters), or by pasting the fragment (found in the text), or both (they must agree).
 */
export function checkExtract(body: string, input: ExtractInput): ExtractCheck {
  const quote = (input.quote ?? '').trim();
  const hasOffsets = input.start != null && input.end != null;
  if (!hasOffsets && (input.start != null || input.end != null)) {
    return { ok: false, field: input.start == null ? 'start' : 'end', message: 'Indiquez le début et la fin de l’extrait, ou collez le passage.' };
  }
  if (hasOffsets) {
    const start = input.start!;
    const end = input.end!;
    if (!Number.isInteger(start) || start < 0 || start >= body.length) {
      return { ok: false, field: 'start', message: `Le début doit être compris entre 0 et ${Math.max(0, body.length - 1)}.` };
    }
    if (!Number.isInteger(end) || end <= start || end > body.length) {
      return { ok: false, field: 'end', message: `La fin doit être supérieure au début et au plus ${body.length}.` };
    }
    const slice = body.slice(start, end);
    if (quote && slice.trim() !== quote) {
      return { ok: false, field: 'quote', message: 'Le passage collé ne correspond pas aux positions indiquées.' };
    }
    if (slice.trim().length < EXTRACT_MIN) return { ok: false, field: 'end', message: `L’extrait doit contenir au moins ${EXTRACT_MIN} caractères.` };
    return { ok: true, start, end, quote: slice };
  }
  if (!quote) return { ok: false, field: 'quote', message: 'Collez le passage de la contribution à extraire, ou indiquez ses positions.' };
  if (quote.length < EXTRACT_MIN) return { ok: false, field: 'quote', message: `L’extrait doit contenir au moins ${EXTRACT_MIN} caractères.` };
  const at = body.indexOf(quote);
  if (at < 0) return { ok: false, field: 'quote', message: 'Ce passage ne figure pas tel quel dans le texte de la contribution.' };
  return { ok: true, start: at, end: at + quote.length, quote };
}

export function chunk<T>(items: readonly T[], size = BATCH): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** A selection of ids from a form: unique positive integers, in ascending order (a stable lock order). */
export function uniqueIds(values: unknown): number[] {
  const list = Array.isArray(values) ? values : values == null || values === '' ? [] : [values];
  const set = new Set<number>();
  for (const v of list) {
    for (const part of String(v).split(/[\s,]+/)) {
      if (!part) continue;
      const n = Number(part);
      if (Number.isInteger(n) && n > 0) set.add(n);
    }
  }
  return [...set].sort((a, b) => a - b);
}

// Kept here for the module's callers; the rule lives with the database helpers.
export { isUniqueViolation } from '../../shared/db';
