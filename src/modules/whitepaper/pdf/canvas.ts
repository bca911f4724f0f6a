import { FONT_KEYS, type FontKey, registerFonts, trimFontCaches } from './fonts';
import { breakLines, type Line, type StyledRun } from './line-breaker';
import { type OutlineItem, type Pdf, type PdfFont, releasedOnceWritten, type StructElem } from './pdfkit-api';

const WIDTHS = Object.fromEntries(FONT_KEYS.map((k) => [k, new Map<string, number>()])) as Record<FontKey, Map<string, number>>;
/** The same, for a word followed by a space (as pdfkit shapes words when drawing). */
const SPACED = Object.fromEntries(FONT_KEYS.map((k) => [k, new Map<string, number>()])) as Record<FontKey, Map<string, number>>;
const WIDTHS_KEPT = 20_000;

/** Stands for structure elements and bookmarks while nothing is painted. */
const NO_STRUCT: StructElem = { add: () => NO_STRUCT, end: () => undefined };
const NO_OUTLINE: OutlineItem = { addItem: () => NO_OUTLINE, dictionary: { data: {} } };

/**
 * What the composer paints and tags, below any page logic: fonts and cached measurements, the fill
 * colour, marked content, artifacts, structure elements and bookmarks. Every painting method checks
 * `paint`, so that the first pass (layout only) runs the same code for a fraction of the cost; the
 * composer (composer.ts) adds pages, the cursor and text blocks on top.
 */
export class Canvas {
  readonly fonts: Record<FontKey, PdfFont>;
  /** False in the first pass: layout only. */
  readonly paint: boolean;
  /** The marked content being printed, reopened after a page break or an artifact. */
  protected mc: { elem: StructElem; tag: string } | null = null;
  protected fill: string | null = null;

  constructor(
    readonly pdf: Pdf,
    paint: boolean,
  ) {
    this.fonts = registerFonts(pdf);
    this.paint = paint;
    this.fragment = typeof pdf._fragment === 'function' ? pdf._fragment : null;
    this.glyphBox = (this.fonts.regular.ascender - this.fonts.regular.descender) / 1000;
  }

  private readonly fragment: Pdf['_fragment'] | null;

  /** Height of the font's glyph box per point of size: text is centred in its line on it. */
  protected readonly glyphBox: number;

  // ---- measuring ----

  /** Width at 1 pt, cached (for every document of the process): the same words come back thousands of times. */
  readonly measureSpaced = (font: FontKey, word: string): number => {
    const widths = SPACED[font];
    let w = widths.get(word);
    if (w === undefined) {
      w = this.fonts[font].widthOfString(`${word} `, 1);
      if (widths.size >= WIDTHS_KEPT) widths.clear();
      widths.set(word, w);
    }
    return w;
  };

  readonly measure = (font: FontKey, text: string): number => {
    const widths = WIDTHS[font];
    let w = widths.get(text);
    if (w === undefined) {
      w = this.fonts[font].widthOfString(text, 1);
      if (widths.size >= WIDTHS_KEPT) widths.clear();
      widths.set(text, w);
    }
    return w;
  };

  /** Keeps the process-wide caches bounded (called after each need). */
  maintain(): void {
    trimFontCaches(this.fonts);
  }

  width(font: FontKey, size: number, text: string): number {
    return this.measure(font, text) * size;
  }

  lines(runs: StyledRun[], width: number): Line[] {
    return breakLines(runs, width, this.measure, this.measureSpaced);
  }

  /** Cuts `text` to `width`, ending it with « … » when it had to be cut. */
  fit(text: string, font: FontKey, size: number, width: number): string {
    if (this.width(font, size, text) <= width) return text;
    let cut = text;
    while (cut.length > 1 && this.width(font, size, `${cut}…`) > width) cut = cut.slice(0, Math.max(1, Math.floor(cut.length * 0.9)));
    return `${cut.trimEnd()}…`;
  }

  // ---- marked content ----

  openMc(elem: StructElem, tag: string): void {
    if (this.mc && this.mc.elem === elem) return;
    this.closeMc();
    if (this.paint) elem.add(this.pdf.markStructureContent(tag));
    this.mc = { elem, tag };
  }

  closeMc(): void {
    if (!this.mc) return;
    if (this.paint) this.pdf.endMarkedContent();
    this.mc = null;
  }

  /** Draws outside the structure tree (decoration, pagination), then resumes the open content. */
  artifact(type: 'Pagination' | 'Layout', attached: string[] | null, draw: () => void): void {
    if (!this.paint) return;
    const open = this.mc;
    this.closeMc();
    this.pdf.markContent('Artifact', attached ? { type, attached } : { type });
    draw();
    this.pdf.endMarkedContent();
    if (open) this.openMc(open.elem, open.tag);
  }

  /** A structure element added to `parent`. */
  struct(parent: StructElem, tag: string, options?: Parameters<Pdf['struct']>[1]): StructElem {
    if (!this.paint) return NO_STRUCT;
    const el = releasedOnceWritten(this.pdf.struct(tag, options));
    parent.add(el);
    return el;
  }

  /** The root of the structure tree (the Document element). */
  root(): StructElem {
    if (!this.paint) return NO_STRUCT;
    const root = this.pdf.struct('Document');
    this.pdf.addStructure(root);
    return root;
  }

  get outlineRoot(): OutlineItem {
    return this.paint ? this.pdf.outline : NO_OUTLINE;
  }

  // ---- drawing ----

  setFill(color: string): void {
    if (this.fill !== color) {
      this.pdf.fillColor(color);
      this.fill = color;
    }
  }

  drawText(text: string, font: FontKey, size: number, color: string, x: number, y: number, width?: number): void {
    if (!this.paint) return;
    this.setFill(color);
    // The font object is set directly: pdfkit's font(name) reopens the face on every call when it is
    // the same face as the document's default (its cache misses), which cost seconds per document.
    this.pdf._font = this.fonts[font];
    this.pdf.fontSize(size);
    if (this.fragment) this.fragment.call(this.pdf, text, x, y, { textWidth: width ?? this.width(font, size, text), wordCount: 1 });
    else this.pdf.text(text, x, y, { lineBreak: false });
  }

  rect(x: number, y: number, w: number, h: number, color: string): void {
    if (!this.paint) return;
    this.pdf.rect(x, y, w, h).fill(color);
    this.fill = color;
  }

  /** An SVG path (already in points), filled and outlined: the map's regions. */
  path(d: string, fill: string, stroke: string | null, lineWidth: number): void {
    if (!this.paint) return;
    this.pdf.save();
    this.pdf.path(d);
    if (stroke) {
      this.pdf.lineWidth(lineWidth).lineJoin('round');
      this.pdf.fillAndStroke(fill, stroke);
    } else this.pdf.fill(fill);
    this.pdf.restore();
    this.fill = null;
  }

  /** Paints in a coordinate system moved to (dx, dy) and scaled (the map, laid out at its own size). */
  transformed(dx: number, dy: number, scale: number, draw: () => void): void {
    if (!this.paint) return draw();
    this.pdf.save();
    this.pdf.translate(dx, dy);
    this.pdf.scale(scale);
    draw();
    this.pdf.restore();
    // The graphics state (fill colour included) is back to what it was before save().
    this.fill = null;
  }

  /** A bookmark pointing at a named destination (exact position, not just the page). */
  bookmark(parent: OutlineItem, title: string, dest: string): OutlineItem {
    if (!this.paint) return NO_OUTLINE;
    const item = parent.addItem(title);
    // A String object is written as a PDF string: the named destination, resolved by the viewer.
    item.dictionary.data.Dest = new String(dest);
    return item;
  }
}
