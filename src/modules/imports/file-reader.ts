import './messages';
import fs from 'node:fs';
import { Readable, pipeline } from 'node:stream';
import iconv from 'iconv-lite';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import { detectDelimiter, normaliseHeader } from '../../shared/csv';
import { t } from '../../shared/i18n';
import { xlsxRefusal } from './xlsx-guard';

/**
 * Reads an uploaded file of raw contributions AS A STREAM, record by record, whatever French
 * offices produce: CSV with semicolons or commas (or tabs), UTF-8 with or without BOM, UTF-16 with
 * BOM (Excel's « texte Unicode »), Windows-1252; or XLSX (first worksheet, exceljs streaming
 * reader). The whole file is never decoded into one string, nor turned into one array of rows.
 */

/** A file that can be read several times (the encoding check, the preview, the run), or in part (a ZIP's directory). */
export interface ImportSource {
  name: string;
  /** The whole file, or the bytes from start (included) to end (excluded). */
  open(range?: { start: number; end: number }): Readable;
  size(): Promise<number>;
}

const CHUNK = 256 * 1024;

export function bufferSource(name: string, buf: Buffer): ImportSource {
  return {
    name,
    open: (range) => {
      const part = range ? buf.subarray(range.start, range.end) : buf;
      return Readable.from(
        (function* () {
          for (let i = 0; i < part.length; i += CHUNK) yield part.subarray(i, i + CHUNK);
        })(),
        { objectMode: false },
      );
    },
    size: async () => buf.length,
  };
}

export function fileSource(name: string, path: string): ImportSource {
  return {
    name,
    open: (range) => {
      if (range && range.end <= range.start) return Readable.from([], { objectMode: false });
      return fs.createReadStream(path, { highWaterMark: CHUNK, ...(range ? { start: range.start, end: range.end - 1 } : {}) });
    },
    size: async () => (await fs.promises.stat(path)).size,
  };
}

/** A malformed, empty or unsupported file: its French message is shown as a file-level error. */
export class ImportFileError extends Error {}

export interface SourceRecord {
  /** Line in the file as a person sees it (1 = header; the worksheet's row number for XLSX). */
  line: number;
  cells: string[];
}

export interface OpenedFile {
  format: 'csv' | 'xlsx';
  encoding: string | null;
  delimiter: string | null;
  /** Normalised header names (normaliseHeader), in column order. */
  headers: string[];
  /** Data records (blank rows skipped); throws ImportFileError beyond maxRows or on malformed input. */
  records: AsyncIterable<SourceRecord>;
}

async function readHead(source: ImportSource, bytes: number): Promise<Buffer> {
  const parts: Buffer[] = [];
  let n = 0;
  const stream = source.open();
  try {
    for await (const chunk of stream) {
      parts.push(chunk as Buffer);
      n += (chunk as Buffer).length;
      if (n >= bytes) break;
    }
  } finally {
    stream.destroy();
  }
  return Buffer.concat(parts).subarray(0, bytes);
}

/** Valid UTF-8 from start to end (checked as a stream: a multi-byte character may span two chunks). */
async function isUtf8(source: ImportSource): Promise<boolean> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  try {
    for await (const chunk of source.open()) decoder.decode(chunk as Buffer, { stream: true });
    decoder.decode();
    return true;
  } catch {
    return false;
  }
}

export async function openImportFile(source: ImportSource, maxRows: number): Promise<OpenedFile> {
  const head = await readHead(source, 64 * 1024);
  if (head.length === 0) throw new ImportFileError(t('imports.file.empty'));
  const refusal = await xlsxRefusal(source);
  if (refusal) throw new ImportFileError(refusal);
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) return openXlsx(source, maxRows);
  if (head[0] === 0xd0 && head[1] === 0xcf && head[2] === 0x11 && head[3] === 0xe0) throw new ImportFileError(t('imports.file.oldXls'));

  let encoding: string;
  if (head[0] === 0xff && head[1] === 0xfe) encoding = 'utf-16le';
  else if (head[0] === 0xfe && head[1] === 0xff) encoding = 'utf-16be';
  else if (head.includes(0)) throw new ImportFileError(t('imports.file.binary'));
  else encoding = (await isUtf8(source)) ? 'utf-8' : 'windows-1252';

  const headText = iconv.decode(head, encoding);
  if (!headText.replace(/^\uFEFF/, '').trim()) throw new ImportFileError(t('imports.file.empty'));
  const delimiter = detectDelimiter(headText.replace(/^\uFEFF/, '').replace(/^(\s*\r?\n)+/, ''));

  const all = csvRecords(source, encoding, delimiter);
  const iterator = all[Symbol.asyncIterator]();
  const first = await iterator.next();
  if (first.done) throw new ImportFileError(t('imports.file.empty'));
  const headers = first.value.cells.map(normaliseHeader);
  return {
    format: 'csv',
    encoding,
    delimiter,
    headers,
    records: limitRows({ [Symbol.asyncIterator]: () => iterator }, maxRows),
  };
}

function countLineBreaks(cells: string[]): number {
  let n = 0;
  for (const c of cells) {
    if (c.includes('\n') || c.includes('\r')) n += c.match(/\r\n|\r|\n/g)!.length;
  }
  return n;
}

const isBlank = (cells: string[]) => cells.every((c) => c.trim() === '');

/**
 * CSV records with the line where each starts (a quoted cell may span several lines). Quotes
 * inside unquoted cells are accepted (hand-made files); an unclosed quote is reported with its line.
 */
async function* csvRecords(source: ImportSource, encoding: string, delimiter: string): AsyncGenerator<SourceRecord> {
  const parser = parse({
    delimiter,
    bom: true,
    relax_quotes: true,
    relax_column_count: true,
    record_delimiter: ['\r\n', '\n', '\r'],
    max_record_size: 200_000,
  });
  const input = source.open();
  pipeline(input, iconv.decodeStream(encoding), parser, () => {
    // Errors surface through the parser's iteration below.
  });
  let line = 1;
  try {
    for await (const cells of parser as AsyncIterable<string[]>) {
      const start = line;
      line += 1 + countLineBreaks(cells);
      if (isBlank(cells)) continue;
      yield { line: start, cells };
    }
  } catch (err) {
    const code = (err as { code?: string }).code ?? '';
    if (code === 'CSV_MAX_RECORD_SIZE') throw new ImportFileError(t('imports.file.recordTooLong', { line }));
    if (code.startsWith('CSV_')) throw new ImportFileError(t('imports.file.malformedCsv', { line }));
    throw err;
  } finally {
    input.destroy();
    parser.destroy();
  }
}

async function* limitRows(records: AsyncIterable<SourceRecord>, maxRows: number): AsyncGenerator<SourceRecord> {
  let n = 0;
  for await (const r of records) {
    if (++n > maxRows) throw new ImportFileError(t('imports.file.tooManyRows', { max: new Intl.NumberFormat('fr-FR').format(maxRows) }));
    yield r;
  }
}

const pad = (n: number) => String(n).padStart(2, '0');

/** One XLSX cell as text; date cells become 'YYYY-MM-DD' (exceljs gives them as UTC dates). */
export function cellText(v: unknown): string {
  if (v == null) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) {
    return Number.isNaN(v.getTime()) ? '' : `${v.getUTCFullYear()}-${pad(v.getUTCMonth() + 1)}-${pad(v.getUTCDate())}`;
  }
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.richText)) return (o.richText as Array<{ text?: string }>).map((r) => r.text ?? '').join('');
    if ('result' in o) return cellText(o.result);
    if ('formula' in o || 'sharedFormula' in o) return '';
    if (typeof o.text === 'string') return o.text;
    if ('error' in o) return '';
  }
  return String(v);
}

async function openXlsx(source: ImportSource, maxRows: number): Promise<OpenedFile> {
  const input = source.open();
  const rows = xlsxRows(input);
  const iterator = rows[Symbol.asyncIterator]();
  let first: IteratorResult<SourceRecord>;
  try {
    first = await iterator.next();
  } catch (err) {
    input.destroy();
    if (err instanceof ImportFileError) throw err;
    throw new ImportFileError(t('imports.file.unreadableXlsx'));
  }
  if (first.done) throw new ImportFileError(t('imports.file.empty'));
  return {
    format: 'xlsx',
    encoding: null,
    delimiter: null,
    headers: first.value.cells.map((c) => normaliseHeader(c)),
    records: limitRows({ [Symbol.asyncIterator]: () => iterator }, maxRows),
  };
}

/** Rows of the first worksheet; date-formatted cells come as dates because styles are read. */
async function* xlsxRows(input: Readable): AsyncGenerator<SourceRecord> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  try {
    for await (const worksheet of reader) {
      for await (const row of worksheet) {
        const values = (row as unknown as { values: unknown[] }).values ?? [];
        const cells: string[] = [];
        for (let i = 1; i < values.length; i++) cells.push(cellText(values[i]));
        if (isBlank(cells)) continue;
        yield { line: (row as unknown as { number: number }).number, cells };
      }
      break; // the first worksheet only
    }
  } catch (err) {
    if (err instanceof ImportFileError) throw err;
    throw new ImportFileError(t('imports.file.unreadableXlsx'));
  } finally {
    input.destroy();
  }
}
