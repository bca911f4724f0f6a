/**
 * Reads what a ZIP file declares about itself — its central directory — without inflating
 * anything, so that a zip bomb is refused from its declared sizes before any library expands it.
 * Pure functions on buffers (unit-tested); the caller reads the bytes. ZIP64 records are read, not
 * trusted blindly: a ZIP64 size is judged like any other.
 */

export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated; anything else cannot be an office document. */
  method: number;
  /** Bit 3: sizes follow the data in a descriptor instead of the local header. */
  flags: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

export interface CentralDirectory {
  offset: number;
  size: number;
  entries: number;
}

/** Why a file is not a ZIP we can judge: not a ZIP, or a ZIP whose records contradict each other. */
export class ZipFormatError extends Error {}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
/** The end record (22 bytes) followed by a comment of at most 65 535 bytes. */
export const ZIP_TAIL_BYTES = 22 + 0xffff;

/** A 64-bit field, refused beyond what a JavaScript number holds exactly (no real file comes near). */
function uint64(buf: Buffer, at: number): number {
  const n = buf.readBigUInt64LE(at);
  if (n > BigInt(Number.MAX_SAFE_INTEGER)) throw new ZipFormatError('ZIP64 size out of range');
  return Number(n);
}

/**
 * Where the central directory lies, from the last ZIP_TAIL_BYTES of a file of `fileSize` bytes.
 * The end record is searched from the end (a comment may precede it); its ZIP64 twin is read when
 * the 16/32-bit fields carry the ZIP64 markers.
 */
export function findCentralDirectory(tail: Buffer, fileSize: number): CentralDirectory {
  const tailStart = fileSize - tail.length;
  for (let at = tail.length - 22; at >= 0; at--) {
    if (tail.readUInt32LE(at) !== EOCD) continue;
    if (at + 22 + tail.readUInt16LE(at + 20) !== tail.length) continue; // a signature inside the comment
    let entries = tail.readUInt16LE(at + 10);
    let size = tail.readUInt32LE(at + 12);
    let offset = tail.readUInt32LE(at + 16);
    if (entries === 0xffff || size === 0xffffffff || offset === 0xffffffff) {
      const locator = at - 20;
      if (locator < 0 || tail.readUInt32LE(locator) !== ZIP64_LOCATOR) throw new ZipFormatError('ZIP64 locator missing');
      const record = uint64(tail, locator + 8) - tailStart;
      if (record < 0 || record + 56 > locator || tail.readUInt32LE(record) !== ZIP64_EOCD) throw new ZipFormatError('ZIP64 end record missing');
      entries = uint64(tail, record + 32);
      size = uint64(tail, record + 40);
      offset = uint64(tail, record + 48);
    }
    if (offset + size > tailStart + at) throw new ZipFormatError('central directory out of the file');
    return { offset, size, entries };
  }
  throw new ZipFormatError('no end of central directory');
}

/** The ZIP64 extended information (extra field 0x0001) replaces exactly the fields set to 0xFFFFFFFF. */
function applyZip64Extra(extra: Buffer, entry: ZipEntry): void {
  for (let at = 0; at + 4 <= extra.length; ) {
    const id = extra.readUInt16LE(at);
    const len = extra.readUInt16LE(at + 2);
    if (at + 4 + len > extra.length) break;
    if (id === 0x0001) {
      let p = at + 4;
      const next = () => {
        if (p + 8 > at + 4 + len) throw new ZipFormatError('ZIP64 extra field too short');
        const v = uint64(extra, p);
        p += 8;
        return v;
      };
      if (entry.uncompressedSize === 0xffffffff) entry.uncompressedSize = next();
      if (entry.compressedSize === 0xffffffff) entry.compressedSize = next();
      if (entry.localHeaderOffset === 0xffffffff) entry.localHeaderOffset = next();
      return;
    }
    at += 4 + len;
  }
  if (entry.uncompressedSize === 0xffffffff || entry.compressedSize === 0xffffffff || entry.localHeaderOffset === 0xffffffff) {
    throw new ZipFormatError('ZIP64 marker without its extra field');
  }
}

/** The entries of a central directory (the `size` bytes at its offset), exactly `count` of them. */
export function readCentralDirectory(cd: Buffer, count: number): ZipEntry[] {
  const entries: ZipEntry[] = [];
  let at = 0;
  for (let i = 0; i < count; i++) {
    if (at + 46 > cd.length || cd.readUInt32LE(at) !== CENTRAL) throw new ZipFormatError('central directory truncated');
    const nameLength = cd.readUInt16LE(at + 28);
    const extraLength = cd.readUInt16LE(at + 30);
    const commentLength = cd.readUInt16LE(at + 32);
    const end = at + 46 + nameLength + extraLength + commentLength;
    if (end > cd.length) throw new ZipFormatError('central directory truncated');
    const entry: ZipEntry = {
      name: cd.toString('utf8', at + 46, at + 46 + nameLength),
      flags: cd.readUInt16LE(at + 8),
      method: cd.readUInt16LE(at + 10),
      compressedSize: cd.readUInt32LE(at + 20),
      uncompressedSize: cd.readUInt32LE(at + 24),
      localHeaderOffset: cd.readUInt32LE(at + 42),
    };
    applyZip64Extra(cd.subarray(at + 46 + nameLength, at + 46 + nameLength + extraLength), entry);
    entries.push(entry);
    at = end;
  }
  return entries;
}

export interface ZipLimits {
  maxEntries: number;
  /** Sum of the declared uncompressed sizes. */
  maxTotalBytes: number;
  /** Uncompressed / compressed, judged only on entries larger than ratioFromBytes. */
  maxRatio: number;
  ratioFromBytes: number;
}

export type ZipVerdict =
  | { ok: true; totalBytes: number }
  | { ok: false; reason: 'too-many-entries'; entries: number }
  | { ok: false; reason: 'too-large'; totalBytes: number }
  | { ok: false; reason: 'ratio'; entry: ZipEntry }
  | { ok: false; reason: 'method'; entry: ZipEntry };

/** Whether what a ZIP declares stays within the limits (its declarations are checked later, when inflated). */
export function judgeZip(entries: ZipEntry[], limits: ZipLimits): ZipVerdict {
  if (entries.length > limits.maxEntries) return { ok: false, reason: 'too-many-entries', entries: entries.length };
  let totalBytes = 0;
  for (const entry of entries) {
    if (entry.method !== 0 && entry.method !== 8) return { ok: false, reason: 'method', entry };
    totalBytes += entry.uncompressedSize;
    if (totalBytes > limits.maxTotalBytes) return { ok: false, reason: 'too-large', totalBytes };
    const ratio = entry.uncompressedSize / Math.max(1, entry.compressedSize);
    if (entry.uncompressedSize > limits.ratioFromBytes && ratio > limits.maxRatio) return { ok: false, reason: 'ratio', entry };
  }
  return { ok: true, totalBytes };
}
