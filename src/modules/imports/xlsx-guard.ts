import './messages';
import zlib from 'node:zlib';
import { pipeline } from 'node:stream';
import { t } from '../../shared/i18n';
import { findCentralDirectory, judgeZip, readCentralDirectory, ZIP_TAIL_BYTES, ZipFormatError, type ZipEntry, type ZipLimits } from '../../shared/zip-bounds';
import type { ImportSource } from './file-reader';

/**
 * Screens a workbook before exceljs sees it. exceljs inflates every entry it meets (to a temporary
 * file when the worksheet comes first), so a 400 MB zip bomb of 400 KB used to be refused only
 * after seconds of inflating and hundreds of megabytes of memory. Here the file is refused from
 * what its central directory declares, then every entry is inflated once into nothing, counting
 * the bytes, and refused as soon as an entry yields more than it declared: declarations can lie.
 */

const MB = 1024 * 1024;

/**
 * The largest CSV accepted is 50 MB; the same rows in a workbook take about three times that once
 * inflated (XML cell markup plus the shared strings), so 256 MB leaves a margin for real files
 * while bounding the work to well under a second. Real worksheets compress 5 to 30 times; deflate
 * tops out near 1 000:1, reached only by repeated bytes. A workbook has a dozen entries, a few
 * hundred with many images.
 */
export const XLSX_LIMITS: ZipLimits = { maxEntries: 1000, maxTotalBytes: 256 * MB, maxRatio: 200, ratioFromBytes: MB };
/** 1 000 entries with generous names and extra fields. */
const MAX_DIRECTORY_BYTES = 4 * MB;

/** Sources already screened: the preview screens before recording anything, then reads the same source again. */
const screened = new WeakSet<ImportSource>();

class Refused extends Error {}
const refuse = (key: string, params: Record<string, string | number> = {}): never => {
  throw new Refused(t(key, params));
};
const unreadable = () => refuse('imports.file.unreadableXlsx');

async function readRange(source: ImportSource, start: number, end: number): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of source.open({ start, end })) parts.push(chunk as Buffer);
  return Buffer.concat(parts);
}

const signature = (buf: Buffer) => (buf.length >= 4 ? buf.readUInt32LE(0) : -1);
const LOCAL = 0x04034b50;
const EMPTY_ZIP = 0x06054b50;
const OLE = 0xe011cfd0;

/**
 * The French reason to refuse this file as a workbook, or null. A file that is not a ZIP passes
 * (it is read as CSV) unless its name says .xlsx; a ZIP is judged as a workbook whatever its name.
 */
export async function xlsxRefusal(source: ImportSource): Promise<string | null> {
  if (screened.has(source)) return null;
  try {
    const size = await source.size();
    const head = await readRange(source, 0, Math.min(4, size));
    const kind = signature(head);
    if (kind === LOCAL) await screenWorkbook(source, size);
    else if (/\.xlsx$/i.test(source.name) && size > 0 && kind !== OLE) refuse('imports.file.notXlsx');
    else if (kind === EMPTY_ZIP) refuse('imports.file.notXlsx');
    screened.add(source);
    return null;
  } catch (err) {
    if (err instanceof Refused) return err.message;
    if (err instanceof ZipFormatError) return t('imports.file.unreadableXlsx');
    throw err;
  }
}

async function screenWorkbook(source: ImportSource, size: number): Promise<void> {
  const tailStart = Math.max(0, size - ZIP_TAIL_BYTES);
  const directory = findCentralDirectory(await readRange(source, tailStart, size), size);
  if (directory.entries > XLSX_LIMITS.maxEntries) refuse('imports.file.xlsxTooManyEntries', { count: directory.entries, max: XLSX_LIMITS.maxEntries });
  if (directory.size > MAX_DIRECTORY_BYTES) unreadable();
  const entries = readCentralDirectory(await readRange(source, directory.offset, directory.offset + directory.size), directory.entries);
  if (!entries.some((e) => e.name === 'xl/workbook.xml')) refuse('imports.file.notXlsx');
  const verdict = judgeZip(entries, XLSX_LIMITS);
  if (!verdict.ok) {
    if (verdict.reason === 'too-many-entries') refuse('imports.file.xlsxTooManyEntries', { count: verdict.entries, max: XLSX_LIMITS.maxEntries });
    if (verdict.reason === 'too-large') refuse('imports.file.xlsxTooLarge', { max: XLSX_LIMITS.maxTotalBytes / MB });
    if (verdict.reason === 'ratio') refuse('imports.file.xlsxRatio', { name: verdict.entry.name, max: XLSX_LIMITS.maxRatio });
    unreadable();
  }
  await checkEntries(source, entries, directory.offset);
}

/**
 * Entries must follow each other from the first byte to the central directory, as every
 * spreadsheet writes them: exceljs reads the local headers in file order, so bytes between
 * entries could hide an entry that the directory does not list, hence that was never judged.
 */
async function checkEntries(source: ImportSource, entries: ZipEntry[], directoryOffset: number): Promise<void> {
  let expected = 0;
  for (const entry of [...entries].sort((a, b) => a.localHeaderOffset - b.localHeaderOffset)) {
    if (entry.localHeaderOffset !== expected) unreadable();
    const header = await readRange(source, expected, expected + 30);
    if (signature(header) !== LOCAL || header.length < 30 || header.readUInt16LE(8) !== entry.method) unreadable();
    const localCompressed = header.readUInt32LE(18);
    const zip64 = localCompressed === 0xffffffff;
    if (!(entry.flags & 8) && !zip64 && localCompressed !== entry.compressedSize) unreadable();
    const dataStart = expected + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
    const dataEnd = dataStart + entry.compressedSize;
    const produced = entry.method === 0 ? entry.compressedSize : await inflatedBytes(source, dataStart, dataEnd, entry.uncompressedSize);
    if (produced !== entry.uncompressedSize) refuse('imports.file.xlsxSizesLie');
    expected = dataEnd;
    if (entry.flags & 8) {
      // The data descriptor: CRC and both sizes, after an optional signature; 64-bit sizes in ZIP64.
      const descriptor = await readRange(source, dataEnd, dataEnd + 4);
      expected += (signature(descriptor) === 0x08074b50 ? 4 : 0) + (zip64 ? 20 : 12);
    }
  }
  if (expected !== directoryOffset) unreadable();
}

/** Inflates the range into nothing, counting; stops one byte past `declared` (the entry lied). */
async function inflatedBytes(source: ImportSource, start: number, end: number, declared: number): Promise<number> {
  const inflate = zlib.createInflateRaw();
  const input = source.open({ start, end });
  pipeline(input, inflate, () => {
    // Errors surface through the iteration below.
  });
  let produced = 0;
  try {
    for await (const chunk of inflate) {
      produced += (chunk as Buffer).length;
      if (produced > declared) break;
    }
  } catch {
    unreadable();
  } finally {
    input.destroy();
    inflate.destroy();
  }
  return produced;
}
