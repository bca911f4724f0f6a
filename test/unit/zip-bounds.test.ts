import { expect } from 'chai';
import {
  findCentralDirectory,
  judgeZip,
  readCentralDirectory,
  ZIP_TAIL_BYTES,
  ZipFormatError,
  type ZipEntry,
  type ZipLimits,
} from '../../src/shared/zip-bounds';
import { buildZip, deflated, spacesBomb, stored, workbookParts } from '../support/zip-builder';

const MB = 1024 * 1024;
const LIMITS: ZipLimits = { maxEntries: 1000, maxTotalBytes: 256 * MB, maxRatio: 200, ratioFromBytes: MB };

/** What a reader does: the tail, then the directory it points to. */
function entriesOf(zip: Buffer): ZipEntry[] {
  const dir = findCentralDirectory(zip.subarray(Math.max(0, zip.length - ZIP_TAIL_BYTES)), zip.length);
  return readCentralDirectory(zip.subarray(dir.offset, dir.offset + dir.size), dir.entries);
}

const entry = (over: Partial<ZipEntry>): ZipEntry => ({
  name: 'xl/worksheets/sheet1.xml',
  method: 8,
  flags: 0,
  compressedSize: 1000,
  uncompressedSize: 10_000,
  localHeaderOffset: 0,
  ...over,
});

/** Rewrites a built ZIP's end record and one entry with ZIP64 markers and records, as big-file writers do. */
function asZip64(zip: Buffer, realSizes: { compressed: number; uncompressed: number }): Buffer {
  const eocdAt = zip.length - 22;
  const cdSize = zip.readUInt32LE(eocdAt + 12);
  const cdOffset = zip.readUInt32LE(eocdAt + 16);
  const count = zip.readUInt16LE(eocdAt + 10);
  const cd = Buffer.from(zip.subarray(cdOffset, cdOffset + cdSize));
  // The directory's first entry: sizes moved to a ZIP64 extra field.
  const nameLength = cd.readUInt16LE(28);
  cd.writeUInt32LE(0xffffffff, 20);
  cd.writeUInt32LE(0xffffffff, 24);
  cd.writeUInt16LE(20, 30);
  const extra = Buffer.alloc(20);
  extra.writeUInt16LE(0x0001, 0);
  extra.writeUInt16LE(16, 2);
  extra.writeBigUInt64LE(BigInt(realSizes.uncompressed), 4);
  extra.writeBigUInt64LE(BigInt(realSizes.compressed), 12);
  const newCd = Buffer.concat([cd.subarray(0, 46 + nameLength), extra, cd.subarray(46 + nameLength)]);
  const record = Buffer.alloc(56);
  record.writeUInt32LE(0x06064b50, 0);
  record.writeBigUInt64LE(44n, 4);
  record.writeBigUInt64LE(BigInt(count), 24);
  record.writeBigUInt64LE(BigInt(count), 32);
  record.writeBigUInt64LE(BigInt(newCd.length), 40);
  record.writeBigUInt64LE(BigInt(cdOffset), 48);
  const locator = Buffer.alloc(20);
  locator.writeUInt32LE(0x07064b50, 0);
  locator.writeBigUInt64LE(BigInt(cdOffset + newCd.length), 8);
  locator.writeUInt32LE(1, 16);
  const end = Buffer.from(zip.subarray(eocdAt));
  end.writeUInt16LE(0xffff, 8);
  end.writeUInt16LE(0xffff, 10);
  end.writeUInt32LE(0xffffffff, 12);
  end.writeUInt32LE(0xffffffff, 16);
  return Buffer.concat([zip.subarray(0, cdOffset), newCd, record, locator, end]);
}

describe('ZIP central directory bounds', () => {
  it('reads every entry with its sizes and offset from an honest ZIP', () => {
    const zip = buildZip([deflated('a.xml', 'x'.repeat(5000)), stored('b.txt', 'bonjour')]);
    const entries = entriesOf(zip);
    expect(entries.map((e) => [e.name, e.method, e.uncompressedSize])).to.deep.equal([
      ['a.xml', 8, 5000],
      ['b.txt', 0, 7],
    ]);
    expect(entries[0]!.compressedSize).to.be.below(100);
    expect(entries[1]!.localHeaderOffset).to.equal(30 + 5 + entries[0]!.compressedSize);
  });

  it('finds the end record behind a comment, and ignores a signature inside the comment', () => {
    const zip = buildZip([stored('a.txt', 'a')]);
    const comment = Buffer.concat([Buffer.from('PK\u0005\u0006', 'latin1'), Buffer.alloc(30, 0x2e)]);
    const withComment = Buffer.from(Buffer.concat([zip, comment]));
    withComment.writeUInt16LE(comment.length, zip.length - 2);
    expect(entriesOf(withComment).map((e) => e.name)).to.deep.equal(['a.txt']);
  });

  it('reads the declared sizes of a zip bomb without inflating it', async () => {
    const zip = buildZip([...workbookParts(), await spacesBomb('xl/worksheets/sheet1.xml', '<x>', 300, '</x>')]);
    const started = Date.now();
    const bomb = entriesOf(zip).find((e) => e.name === 'xl/worksheets/sheet1.xml')!;
    expect(Date.now() - started).to.be.below(100);
    expect(bomb.uncompressedSize).to.equal(300 * MB + 7);
    expect(bomb.uncompressedSize / bomb.compressedSize).to.be.above(900);
  });

  it('reads ZIP64 end records and extra fields', () => {
    const zip = asZip64(buildZip([deflated('big.xml', 'y'.repeat(4000)), stored('small.txt', 'z')]), { compressed: 123, uncompressed: 5_000_000_000 });
    const [big, small] = entriesOf(zip);
    expect(big).to.include({ name: 'big.xml', compressedSize: 123, uncompressedSize: 5_000_000_000 });
    expect(small).to.include({ name: 'small.txt', uncompressedSize: 1 });
  });

  it('refuses what is not a ZIP, or a ZIP whose records contradict each other', () => {
    const notZip = Buffer.from('%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n');
    expect(() => entriesOf(notZip)).to.throw(ZipFormatError);
    expect(() => findCentralDirectory(Buffer.alloc(10), 10)).to.throw(ZipFormatError);
    const zip = buildZip([stored('a.txt', 'a'), stored('b.txt', 'b')]);
    const lying = Buffer.from(zip);
    lying.writeUInt16LE(3, zip.length - 22 + 10); // three entries announced, two present
    expect(() => entriesOf(lying)).to.throw(ZipFormatError, /truncated/);
    const outside = Buffer.from(zip);
    outside.writeUInt32LE(zip.length, zip.length - 22 + 16); // directory after the end of the file
    expect(() => entriesOf(outside)).to.throw(ZipFormatError);
    const marker = Buffer.from(zip);
    marker.writeUInt32LE(0xffffffff, zip.length - 22 + 16); // ZIP64 marker without its records
    expect(() => entriesOf(marker)).to.throw(ZipFormatError, /ZIP64/);
  });

  it('judges the total, the ratio of large entries, the number of entries and the method', () => {
    expect(judgeZip([entry({}), entry({ name: 'b' })], LIMITS)).to.deep.equal({ ok: true, totalBytes: 20_000 });
    expect(judgeZip([entry({ uncompressedSize: 200 * MB, compressedSize: 10 * MB }), entry({ uncompressedSize: 100 * MB, compressedSize: 10 * MB })], LIMITS)).to.include({
      ok: false,
      reason: 'too-large',
    });
    expect(judgeZip([entry({ uncompressedSize: 50 * MB, compressedSize: 100_000 })], LIMITS)).to.include({ ok: false, reason: 'ratio' });
    // A small entry may compress very well (a style sheet of repeated tags): its ratio is not judged.
    expect(judgeZip([entry({ uncompressedSize: 500_000, compressedSize: 400 })], LIMITS)).to.include({ ok: true });
    expect(judgeZip(Array.from({ length: 1001 }, (_, i) => entry({ name: `e${i}`, uncompressedSize: 10, compressedSize: 10 })), LIMITS)).to.include({
      ok: false,
      reason: 'too-many-entries',
    });
    expect(judgeZip([entry({ method: 12 })], LIMITS)).to.include({ ok: false, reason: 'method' });
  });
});
