import iconv from 'iconv-lite';
import { parse } from 'csv-parse/sync';

/**
 * Reading what French offices produce: UTF-8 with or without BOM, or Windows-1252 (Excel's
 * « CSV (séparateur : point-virgule) »), with semicolons or commas.
 */
export function decodeText(buf: Buffer): { text: string; encoding: 'utf-8' | 'windows-1252' } {
  const start = buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
  const body = buf.subarray(start);
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(body), encoding: 'utf-8' };
  } catch {
    return { text: iconv.decode(body, 'win1252'), encoding: 'windows-1252' };
  }
}

/** The separator that splits the header line into the most fields. */
export function detectDelimiter(text: string): ';' | ',' | '\t' {
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const counts = { ';': firstLine.split(';').length, ',': firstLine.split(',').length, '\t': firstLine.split('\t').length };
  return (Object.entries(counts).sort((a, b) => b[1] - a[1])[0]![0] as ';' | ',' | '\t');
}

/** Header normalisation: « Rôle », "ROLE " and "role" are the same column. */
export function normaliseHeader(h: string): string {
  return h
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, '_');
}

export class CsvFormatError extends Error {}

export interface ParsedCsv {
  headers: string[];
  /** Each record with its line number in the file (1 = header), for error messages. */
  rows: Array<{ line: number; values: Record<string, string> }>;
  encoding: string;
  delimiter: string;
}

/** Parses a whole (bounded) CSV file; throws CsvFormatError with a French message on malformed input. */
export function parseCsv(buf: Buffer, maxRows: number): ParsedCsv {
  const { text, encoding } = decodeText(buf);
  if (!text.trim()) throw new CsvFormatError('Le fichier est vide.');
  const delimiter = detectDelimiter(text);
  let records: string[][];
  try {
    records = parse(text, { delimiter, relax_column_count: true, skip_empty_lines: true, trim: false, to: maxRows + 2 }); // header + allowed rows + one to detect excess
  } catch (err) {
    const line = (err as { lines?: number }).lines;
    throw new CsvFormatError(`Le fichier CSV est mal formé${line ? ` (vers la ligne ${line})` : ''} : vérifiez les guillemets et les séparateurs.`);
  }
  const [header, ...data] = records;
  if (!header) throw new CsvFormatError('Le fichier est vide.');
  const headers = header.map(normaliseHeader);
  if (data.length > maxRows) throw new CsvFormatError(`Le fichier dépasse ${maxRows} lignes.`);
  const rows = data.map((cells, i) => {
    const values: Record<string, string> = {};
    headers.forEach((h, j) => (values[h] = (cells[j] ?? '').trim()));
    return { line: i + 2, values };
  });
  return { headers, rows, encoding, delimiter };
}

// ---- Writing CSV for French spreadsheets -------------------------------------------------------

/** Excel needs the UTF-8 byte-order mark to read accents right. */
export const BOM = '\uFEFF';

/**
 * Neutralises formula injection: a text cell starting with = + - @ (or a tab / carriage return,
 * which some spreadsheets strip before reading a formula) gets a leading apostrophe and shows as
 * text. Numbers and empty cells pass through. The one rule every export uses.
 */
export function neutraliseCell<T>(value: T): T | string {
  return typeof value === 'string' && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** One CSV line with semicolons (RFC 4180 quoting), every cell neutralised. No line end. */
export function csvLine(cells: unknown[]): string {
  return cells
    .map((c) => {
      const s = c == null ? '' : String(neutraliseCell(c));
      return /[;"\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
    })
    .join(';');
}
