import { once } from 'node:events';
import zlib from 'node:zlib';

/**
 * Builds ZIP files by hand for the hostile-upload tests: honest ones, and ones whose declared sizes
 * lie or whose one entry inflates to hundreds of megabytes (a zip bomb) without ever holding those
 * megabytes in memory.
 */

export interface ZipPart {
  name: string;
  /** Deflated (method 8) bytes, or stored bytes when method is 0. */
  data: Buffer;
  method: 0 | 8;
  crc: number;
  size: number;
  /** What the headers declare; the real sizes unless a test makes them lie. */
  declaredSize?: number;
}

export const deflated = (name: string, content: string | Buffer): ZipPart => {
  const raw = Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8');
  return { name, data: zlib.deflateRawSync(raw), method: 8, crc: zlib.crc32(raw), size: raw.length };
};

export const stored = (name: string, content: string | Buffer): ZipPart => {
  const raw = Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8');
  return { name, data: raw, method: 0, crc: zlib.crc32(raw), size: raw.length };
};

/**
 * One entry of `head`, then `megabytes` MB of spaces, then `tail`, deflated. Deflate blocks only
 * refer back 32 KB, so once the window holds nothing but spaces, the blocks that encode one more
 * megabyte of spaces decode the same way wherever they are repeated: they are computed once.
 */
export async function spacesBomb(name: string, head: string, megabytes: number, tail: string): Promise<ZipPart> {
  const mb = Buffer.alloc(1024 * 1024, 0x20);
  const deflate = zlib.createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  deflate.on('data', (b: Buffer) => out.push(b));
  const take = () => Buffer.concat(out.splice(0));
  // A sync flush ends on a byte boundary, so the flushed pieces can be concatenated as they are.
  const piece = async (chunk: Buffer) => {
    deflate.write(chunk);
    await new Promise<void>((resolve) => deflate.flush(zlib.constants.Z_SYNC_FLUSH, () => resolve()));
    await new Promise((resolve) => setImmediate(resolve));
    return take();
  };
  const first = await piece(Buffer.concat([Buffer.from(head, 'utf8'), mb]));
  const repeated = await piece(mb);
  const ended = once(deflate, 'end');
  deflate.end(Buffer.from(tail, 'utf8'));
  await ended;
  const last = take();
  const pieces = [first];
  for (let i = 1; i < megabytes; i++) pieces.push(repeated);
  pieces.push(last);
  let crc = zlib.crc32(Buffer.from(head, 'utf8'));
  for (let i = 0; i < megabytes; i++) crc = zlib.crc32(mb, crc);
  crc = zlib.crc32(Buffer.from(tail, 'utf8'), crc);
  const size = Buffer.byteLength(head) + megabytes * mb.length + Buffer.byteLength(tail);
  return { name, data: Buffer.concat(pieces), method: 8, crc, size };
}

/** The ZIP file of these parts, in order, with a central directory (and nothing ZIP64). */
export function buildZip(parts: ZipPart[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const name = Buffer.from(p.name, 'utf8');
    const declared = p.declaredSize ?? p.size;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(p.method, 8);
    local.writeUInt32LE(p.crc >>> 0, 14);
    local.writeUInt32LE(p.data.length, 18);
    local.writeUInt32LE(declared, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(p.method, 10);
    central.writeUInt32LE(p.crc >>> 0, 16);
    central.writeUInt32LE(p.data.length, 20);
    central.writeUInt32LE(declared, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, p.data);
    centrals.push(central, name);
    offset += 30 + name.length + p.data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

const SHEET_HEAD =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';

/** The small parts every workbook has, as exceljs expects them. */
export function workbookParts(): ZipPart[] {
  return [
    deflated(
      '[Content_Types].xml',
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
    ),
    deflated(
      '_rels/.rels',
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    ),
    deflated(
      'xl/workbook.xml',
      '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Feuil1" sheetId="1" r:id="rId1"/></sheets></workbook>',
    ),
    deflated(
      'xl/_rels/workbook.xml.rels',
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
    ),
  ];
}

/** A workbook whose only worksheet inflates to `megabytes` MB of blank space: a zip bomb. */
export async function xlsxBomb(megabytes: number): Promise<Buffer> {
  const sheet = await spacesBomb('xl/worksheets/sheet1.xml', SHEET_HEAD, megabytes, '</sheetData></worksheet>');
  return buildZip([...workbookParts(), sheet]);
}
