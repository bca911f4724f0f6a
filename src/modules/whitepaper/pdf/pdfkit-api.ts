import type { Readable } from 'node:stream';
import PDFDocument from 'pdfkit';

/**
 * The part of pdfkit 0.20 this renderer uses, typed here because @types/pdfkit (0.17) lags behind it
 * (structure elements with annotations, PDF/UA subset, font objects). Everything goes through this
 * one narrow surface, so an upgrade of pdfkit is checked in one file.
 */
export interface StructContent {
  readonly refs: unknown[];
}

export interface StructElem {
  add(child: StructElem | StructContent): StructElem;
  end(): void;
}

export interface ShapedRun {
  glyphs: Array<{ id: number; advanceWidth: number; codePoints: number[] }>;
  positions: Array<{ xAdvance: number; yAdvance: number; xOffset: number; yOffset: number; advanceWidth?: number }>;
  readonly advanceWidth: number;
}

export interface PdfFont {
  /** The fontkit font behind it (reusable as a source for another document). */
  font: object;
  /** pdfkit's per-font cache of shaped words (replaced by one shared across documents, see fonts.ts). */
  layoutCache: Record<string, unknown>;
  /** Shapes one word (fontkit), its positions scaled to 1 000 units; what layoutCache keeps. */
  layoutRun(text: string, features?: unknown): ShapedRun;
  widthOfString(text: string, size: number): number;
  ascender: number;
  descender: number;
}

export interface OutlineItem {
  addItem(title: string, options?: { expanded?: boolean }): OutlineItem;
  dictionary: { data: Record<string, unknown> };
}

export interface AnnotationOptions {
  structParent?: StructElem;
  Contents?: unknown;
}

export interface Pdf extends Readable {
  page: { width: number; height: number };
  outline: OutlineItem;
  _font: PdfFont;
  addPage(options?: object): Pdf;
  registerFont(name: string, src: Buffer | object): Pdf;
  font(name: string): Pdf;
  fontSize(size: number): Pdf;
  fillColor(color: string): Pdf;
  strokeColor(color: string): Pdf;
  lineWidth(width: number): Pdf;
  lineCap(cap: 'butt' | 'round' | 'square'): Pdf;
  dash(length: number, options: { space: number }): Pdf;
  undash(): Pdf;
  save(): Pdf;
  translate(x: number, y: number): Pdf;
  scale(factor: number): Pdf;
  restore(): Pdf;
  rect(x: number, y: number, w: number, h: number): Pdf;
  path(d: string): Pdf;
  fillAndStroke(fill?: string, stroke?: string): Pdf;
  lineJoin(join: 'miter' | 'round' | 'bevel'): Pdf;
  fill(color?: string): Pdf;
  moveTo(x: number, y: number): Pdf;
  lineTo(x: number, y: number): Pdf;
  stroke(): Pdf;
  text(text: string, x: number, y: number, options?: { lineBreak?: boolean; baseline?: string; textWidth?: number }): Pdf;
  /**
   * pdfkit's own one-line primitive (what text() ends in), called directly with the width already
   * measured: text() would copy its options and measure the string once more to advance its cursor,
   * which the composer does not use. Checked at start-up (see drawText); text() is the fallback.
   */
  _fragment?(text: string, x: number, y: number, options: { textWidth: number; wordCount: number }): void;
  link(x: number, y: number, w: number, h: number, url: string, options?: AnnotationOptions): Pdf;
  goTo(x: number, y: number, w: number, h: number, name: string, options?: AnnotationOptions): Pdf;
  addNamedDestination(name: string, fit: 'XYZ', x: number, y: number, zoom: null): void;
  markContent(tag: string, options?: { type?: 'Pagination' | 'Layout' | 'Page'; attached?: string[] }): Pdf;
  markStructureContent(tag: string): StructContent;
  endMarkedContent(): Pdf;
  struct(tag: string, options?: { alt?: string; title?: string; bbox?: [number, number, number, number]; placement?: string; scope?: 'Row' | 'Column' | 'Both' }): StructElem;
  addStructure(el: StructElem): Pdf;
  end(): void;
}

export interface PdfOptions {
  size: [number, number];
  margin: number;
  autoFirstPage: boolean;
  compress: boolean;
  pdfVersion: '1.7';
  subset?: 'PDF/UA';
  tagged: true;
  lang: string;
  displayTitle: true;
  font: Buffer | object;
  info: Record<string, string | Date>;
}

/** What pdfkit keeps of a structure element once written: all its parent still asks is « has a parent ». */
const WRITTEN = Object.freeze({ P: true });

/**
 * pdfkit writes a structure element as soon as it is ended, but keeps its dictionary's contents until
 * the end of the document (the parent tree refers to the element): some 10 KB per need of a large
 * white paper. Once the element is written, only its object number is ever used again, so its contents
 * are dropped. Relies on pdfkit 0.20's PDFStructureElement (`_flushed`, `dictionary.data`); if these
 * ever change, the element is simply left as pdfkit made it.
 */
export function releasedOnceWritten(el: StructElem): StructElem {
  const raw = el as unknown as { _flushed?: unknown; dictionary?: { data?: object }; end(): void };
  if (typeof raw._flushed !== 'boolean' || !raw.dictionary?.data) return el;
  const end = raw.end.bind(raw);
  raw.end = () => {
    end();
    if (raw._flushed === true && raw.dictionary) raw.dictionary.data = WRITTEN;
  };
  return el;
}

const escapeXml = (v: string) => v.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function createPdf(options: PdfOptions): Pdf {
  const pdf = new (PDFDocument as unknown as new (o: PdfOptions) => Pdf)(options);
  // pdfkit 0.20 copies the title, author… into the XMP metadata without escaping them: a title with
  // « & » would make the metadata unreadable (and the document non-conforming). They are escaped for
  // that step only; the document information dictionary, written before, keeps them as they are.
  const raw = pdf as unknown as { _addInfo?: () => void; info: Record<string, unknown> };
  const addInfo = raw._addInfo;
  if (typeof addInfo === 'function') {
    raw._addInfo = () => {
      const info = raw.info;
      raw.info = Object.fromEntries(Object.entries(info).map(([k, v]) => [k, typeof v === 'string' ? escapeXml(v) : v]));
      try {
        addInfo.call(pdf);
      } finally {
        raw.info = info;
      }
    };
  }
  return pdf;
}
