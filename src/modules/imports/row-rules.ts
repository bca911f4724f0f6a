import './messages';
import crypto from 'node:crypto';
import { foldAccents } from '../../shared/text/french';
import { t } from '../../shared/i18n';

/**
 * Pure rules of one imported row (unit-tested): which columns mean what, what a valid text, date,
 * reference and author are, and the content key that makes re-importing the same row a no-op.
 */

export const TEXT_MIN = 10;
export const TEXT_MAX = 5000;
export const REFERENCE_MAX = 60;
export const AUTHOR_MAX = 200;
/** Data rows per file: beyond this the file is refused with a message (split it). */
export const IMPORT_MAX_ROWS = 100_000;
/** Upload size bound (bytes). */
export const IMPORT_MAX_BYTES = 50 * 1024 * 1024;

export type ImportField = 'texte' | 'reference' | 'atelier' | 'thematique' | 'auteur' | 'date';

/** Accepted column names, as normalised by normaliseHeader (accents folded, lower case, `_` for spaces). */
export const COLUMN_NAMES: Record<ImportField, string[]> = {
  texte: ['texte', 'text', 'contribution'],
  reference: ['reference', 'ref', 'numero'],
  atelier: ['atelier', 'workshop'],
  thematique: ['thematique', 'theme'],
  auteur: ['auteur', 'author'],
  date: ['date'],
};

export type ColumnMap = Partial<Record<ImportField, number>>;

/** Field → column index (the first matching column wins); `texte` is required. */
export function mapColumns(headers: string[]): { ok: true; map: ColumnMap } | { ok: false; error: string } {
  const map: ColumnMap = {};
  for (const [field, names] of Object.entries(COLUMN_NAMES) as Array<[ImportField, string[]]>) {
    const i = headers.findIndex((h) => names.includes(h));
    if (i >= 0) map[field] = i;
  }
  if (map.texte === undefined) {
    const found = headers.filter(Boolean).map((h) => `« ${h} »`).join(', ') || 'aucune';
    return { ok: false, error: t('imports.file.missingText', { found }) };
  }
  return { ok: true, map };
}

/** The body as stored: line endings unified, outer blanks trimmed; everything else exactly as typed. */
export function cleanBody(raw: string): string {
  return raw.replace(/\r\n?/g, '\n').trim();
}

export function checkText(body: string): string | null {
  if (!body) return t('imports.row.textMissing');
  if (body.length < TEXT_MIN) return t('imports.row.textTooShort', { length: body.length, min: TEXT_MIN });
  if (body.length > TEXT_MAX) return t('imports.row.textTooLong', { length: body.length, max: TEXT_MAX });
  return null;
}

/** Blanks collapsed, for references and names typed by hand. */
export function squish(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/** Theme codes and titles compare without case, accents or extra blanks (« Usagers » = « usagers »). */
export function looseKey(s: string): string {
  return foldAccents(squish(s).toLowerCase());
}

const EMAIL = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;

/** « marie@ml.fr », « Marie Dupont <marie@ml.fr> » or « Marie Dupont ». */
export function parseAuthor(raw: string): { email: string | null; name: string } {
  const v = squish(raw);
  if (!v) return { email: null, name: '' };
  if (EMAIL.test(v)) return { email: v.toLowerCase(), name: v };
  const m = /^(.*?)\s*<([^<>\s]+)>$/.exec(v);
  if (m && EMAIL.test(m[2]!)) return { email: m[2]!.toLowerCase(), name: m[1]!.trim() || m[2]! };
  return { email: null, name: v };
}

const pad = (n: number) => String(n).padStart(2, '0');

function validDay(y: number, m: number, d: number): string | null {
  if (y < 1900 || y > 2999 || m < 1 || m > 12 || d < 1) return null;
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d) return null;
  return `${y}-${pad(m)}-${pad(d)}`;
}

/**
 * Excel's serial day number (1900 system, counted from 30 December 1899 because of its phantom
 * 29 February 1900) → 'YYYY-MM-DD'. Only 2000 onwards: a bare « 2023 » is a year, not a date.
 */
export const EXCEL_SERIAL_MIN = 36_526; // 1 January 2000
export function excelSerialToDay(serial: number): string | null {
  if (!Number.isFinite(serial) || serial < EXCEL_SERIAL_MIN || serial > 400_000) return null;
  const dt = new Date(Date.UTC(1899, 11, 30) + Math.floor(serial) * 86_400_000);
  return validDay(dt.getUTCFullYear(), dt.getUTCMonth() + 1, dt.getUTCDate());
}

/**
 * A date as typed on a sheet: JJ/MM/AAAA (also J/M/AAAA, with - or . separators), AAAA-MM-JJ
 * (optionally followed by a time, which is ignored), or an Excel serial number. Returns the day
 * ('YYYY-MM-DD'), or an error message in French; an empty value is no date.
 */
export function parseImportDate(raw: string, today: string): { ok: true; day: string | null } | { ok: false; error: string } {
  const v = raw.trim();
  if (!v) return { ok: true, day: null };
  let day: string | null = null;
  let m: RegExpExecArray | null;
  if ((m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:\s+\d{1,2}[:h]\d{2}(?::\d{2})?)?$/.exec(v))) day = validDay(+m[3]!, +m[2]!, +m[1]!);
  else if ((m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(v))) day = validDay(+m[1]!, +m[2]!, +m[3]!);
  else if (/^\d{5,6}(?:[.,]\d+)?$/.test(v)) day = excelSerialToDay(Number(v.replace(',', '.')));
  if (!day) return { ok: false, error: t('imports.row.badDate', { value: v.slice(0, 40) }) };
  if (day > today) return { ok: false, error: t('imports.row.futureDate', { value: v.slice(0, 40) }) };
  return { ok: true, day };
}

/** A dated contribution is stored at noon UTC: the same calendar day in Paris, summer or winter. */
export function dayToTimestamp(day: string): string {
  return `${day}T12:00:00.000Z`;
}

export interface KeyParts {
  consultationId: number;
  reference: string;
  body: string;
  workshopId: number | null;
  /** 'u:<account id>' for a matched account, 'n:<name>' for a name kept as written, '' for none. */
  author: string;
}

/**
 * The import key: SHA-256 of (consultation, normalised reference, body, workshop, author). The same
 * row uploaded again — whatever the file's encoding, separator or line endings — has the same key.
 */
export function importKey(p: KeyParts): string {
  const reference = looseKey(p.reference);
  const payload = JSON.stringify([p.consultationId, reference, p.body.normalize('NFC'), p.workshopId ?? '', p.author.normalize('NFC')]);
  return crypto.createHash('sha256').update(payload, 'utf8').digest('hex');
}

export function authorKey(authorId: number | null, authorName: string | null): string {
  if (authorId) return `u:${authorId}`;
  if (authorName) return `n:${looseKey(authorName)}`;
  return '';
}
