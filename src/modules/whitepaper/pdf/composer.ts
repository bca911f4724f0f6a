import { formatNumber } from '../../../shared/i18n';
import { frenchSpacing } from '../../../shared/text/typography';
import { Canvas } from './canvas';
import type { Line, StyledRun } from './line-breaker';
import type { OutlineItem, Pdf, StructElem } from './pdfkit-api';
import { BLUE, BODY, HEADINGS, MAX_Y, MUTED, PAGE, RULE } from './style';

/**
 * Pages and text for the white paper, on the canvas (canvas.ts: fonts, painting, tagging). The
 * composer owns every page break: it knows the height of what it prints before printing it, draws the
 * running header and footer as artifacts on each new page, and reopens the marked content of the
 * element being printed so that the structure tree follows the text across pages. Invariant between two blocks: no marked content is open.
 *
 * Every layout decision (line breaks, page breaks, positions) is taken here from measurements alone,
 * never from pdfkit's state; painting (text, shapes, structure, links, bookmarks) goes through the
 * canvas's methods, which check `paint`. The first pass runs the same code with painting off: it learns
 * the pages at a fraction of the cost, and the second pass checks that it finds the same pages.
 */
export interface PageInfo {
  /** Page of each named destination, from the first pass (null during the first pass). */
  pages: Map<string, number> | null;
  total: number | null;
}

interface Bar {
  x: number;
  width: number;
  color: string;
  top: number;
}

export class Composer extends Canvas {
  y = PAGE.top;
  pageNo = 0;
  /** Shown in the running header of the pages that follow. */
  chapter = '';
  readonly destPages = new Map<string, number>();
  /** Redraws what a block repeats on each page (a table's header row), after the running header. */
  onPageStart: (() => void) | null = null;
  private readonly bars: Bar[] = [];

  constructor(
    pdf: Pdf,
    readonly info: PageInfo,
    readonly shortTitle: string,
  ) {
    super(pdf, info.pages !== null);
  }

  // ---- pages ----

  get atPageTop(): boolean {
    return this.y <= PAGE.top + 0.5;
  }

  /** Starts a new page when `height` does not fit below the cursor (never on an empty page). */
  ensure(height: number): void {
    if (this.y + height > MAX_Y && !this.atPageTop) this.newPage();
  }

  newPage(options: { bare?: boolean } = {}): void {
    const open = this.mc;
    this.closeMc();
    // Bars (quotes, proposals) drawn so far on this page, then continued from the top of the next one.
    for (const bar of this.bars) this.drawBar(bar, this.y);
    if (this.paint) this.pdf.addPage({ size: [PAGE.width, PAGE.height], margin: 0 });
    this.pageNo++;
    this.fill = null;
    this.y = PAGE.top;
    for (const bar of this.bars) bar.top = this.y;
    if (!options.bare && this.paint) this.runningHeader();
    this.onPageStart?.();
    if (open) this.openMc(open.elem, open.tag);
  }

  /** Header (document / chapter) and footer (« Page 3 sur 120 »): pagination artifacts, skipped by screen readers. */
  private runningHeader(): void {
    const size = 8.5;
    const half = (PAGE.width - PAGE.left - PAGE.right) / 2 - 8;
    const left = this.fit(frenchSpacing(this.shortTitle), 'regular', size, half);
    const right = this.fit(frenchSpacing(this.chapter), 'semibold', size, half);
    this.artifact('Pagination', ['Top'], () => {
      this.drawText(left, 'regular', size, MUTED, PAGE.left, 40);
      this.drawText(right, 'semibold', size, BLUE, PAGE.width - PAGE.right - this.width('semibold', size, right), 40);
      this.pdf.rect(PAGE.left, 54, PAGE.width - PAGE.left - PAGE.right, 0.6).fill(RULE);
      this.fill = RULE;
    });
    const total = this.info.total === null ? '…' : formatNumber(this.info.total);
    const footer = `Page ${formatNumber(this.pageNo)} sur ${total}`;
    this.artifact('Pagination', ['Bottom'], () => {
      this.drawText(footer, 'regular', size, MUTED, PAGE.width - PAGE.right - this.width('regular', size, footer), PAGE.height - 44);
    });
  }

  /** A vertical bar left of a block, following it across pages (drawn as a layout artifact). */
  withBar(x: number, width: number, color: string, body: () => void): void {
    const bar: Bar = { x, width, color, top: this.y };
    this.bars.push(bar);
    try {
      body();
    } finally {
      this.bars.pop();
    }
    this.drawBar(bar, this.y);
  }

  private drawBar(bar: Bar, bottom: number): void {
    if (bottom - bar.top < 2) return;
    this.artifact('Layout', null, () => this.rect(bar.x, bar.top, bar.width, bottom - bar.top, bar.color));
  }

  /** A named destination here (target of links, bookmarks and the HTML page's anchors). */
  destination(name: string, y = this.y): void {
    const expected = this.info.pages?.get(name);
    if (this.info.pages && expected !== this.pageNo) throw new Error(`mise en page instable : « ${name} » page ${this.pageNo}, ${expected ?? 'absente'} au premier passage`);
    if (this.paint) this.pdf.addNamedDestination(name, 'XYZ', PAGE.left - 20, Math.max(0, y - 8), null);
    this.destPages.set(name, this.pageNo);
  }

  // ---- text blocks ----

  /**
   * Prints lines already broken for `width`, inside `elem` (content tag `tag`). Links become Link
   * elements holding their annotation; a link cut by a page break becomes two links, so that each
   * annotation's page is right in the structure tree.
   */
  printLines(elem: StructElem, tag: string, lines: Line[], x: number, lh: number): void {
    let link: { el: StructElem; key: string } | null = null;
    const endLink = () => {
      if (!link) return;
      this.closeMc();
      link.el.end();
      link = null;
    };
    for (const line of lines) {
      if (this.y + lh > MAX_Y && !this.atPageTop) {
        endLink();
        this.newPage();
      }
      for (const piece of line.pieces) {
        const s = piece.style;
        const key = s.href ? `h:${s.href}` : s.goTo ? `g:${s.goTo}` : '';
        if (link && link.key !== key) endLink();
        if (key && !link) {
          this.closeMc();
          link = { el: this.struct(elem, 'Link'), key };
        }
        if (link) this.openMc(link.el, 'Link');
        else this.openMc(elem, tag);
        const top = this.y + (lh - s.size * this.glyphBox) / 2;
        this.drawText(piece.text, s.font, s.size, s.color, x + piece.x, top, piece.width);
        const text = piece.text.trim();
        if (link && text && this.paint) {
          const w = this.width(s.font, s.size, text);
          const options = { structParent: link.el, Contents: new String(text) };
          if (s.href) this.pdf.link(x + piece.x, top, w, s.size * 1.3, s.href, options);
          else if (s.goTo) this.pdf.goTo(x + piece.x, top, w, s.size * 1.3, s.goTo, options);
          if (s.underline) this.rect(x + piece.x, top + s.size * 1.12, w, 0.6, s.color);
        }
      }
      this.y += lh;
    }
    endLink();
    this.closeMc();
  }

  /** A paragraph-like element (P, H2, Lbl…) holding `runs`; returns its height. */
  textBlock(parent: StructElem, tag: string, runs: StyledRun[], opts: { x?: number; width?: number; lh?: number; keepWith?: number } = {}): number {
    const x = opts.x ?? PAGE.left;
    const width = opts.width ?? PAGE.width - PAGE.right - x;
    const lh = opts.lh ?? BODY.lh;
    const lines = this.lines(frenchRuns(runs), width);
    if (!lines.length) return 0;
    if (opts.keepWith !== undefined) this.ensure(lines.length * lh + opts.keepWith);
    const el = this.struct(parent, tag);
    const start = this.y;
    this.printLines(el, tag, lines, x, lh);
    el.end();
    return this.y - start;
  }

  /**
   * A heading: never the last thing on a page (it takes `keepWith` points of what follows along),
   * with its named destination and its bookmark.
   */
  heading(parent: StructElem, level: number, text: string, opts: { x?: number; dest?: string; keepWith?: number; outline?: OutlineItem; before?: number } = {}): OutlineItem | null {
    const h = HEADINGS[Math.min(6, Math.max(1, level))]!;
    const x = opts.x ?? PAGE.left;
    const lines = this.lines(frenchRuns([{ text, font: h.font, size: h.size, color: h.color }]), PAGE.width - PAGE.right - x);
    if (!this.atPageTop) this.y += opts.before ?? h.before;
    this.ensure(lines.length * h.lh + (opts.keepWith ?? 0));
    if (opts.dest) this.destination(opts.dest);
    const item = opts.outline && opts.dest ? this.bookmark(opts.outline, frenchSpacing(text), opts.dest) : null;
    const tag = `H${Math.min(6, Math.max(1, level))}`;
    const el = this.struct(parent, tag);
    this.printLines(el, tag, lines, x, h.lh);
    el.end();
    this.y += h.after;
    return item;
  }
}

/**
 * French typography over runs: frenchSpacing on each, then across run boundaries (« **mot** : » has
 * its space in one run and its colon in the next), so that no line ever starts with « : » or « » ».
 */
export function frenchRuns(runs: StyledRun[]): StyledRun[] {
  const out = runs.map((r) => ({ ...r, text: frenchSpacing(r.text) }));
  for (let i = 1; i < out.length; i++) {
    const prev = out[i - 1]!;
    const cur = out[i]!;
    const lead = /^[;!?]/.test(cur.text) ? '\u202F' : /^[:»]/.test(cur.text) ? '\u00A0' : '';
    if (lead && /[ \u00A0\u202F]$/.test(prev.text)) {
      prev.text = prev.text.replace(/[ \u00A0\u202F]+$/, '');
      cur.text = lead + cur.text;
    }
    if (/«\u00A0$/.test(prev.text)) cur.text = cur.text.replace(/^[ \u00A0\u202F]+/, '');
  }
  return out.filter((r) => r.text.length > 0);
}
