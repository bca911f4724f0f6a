import { type MdBlock, type MdRun, markdownBlocks } from '../../../shared/markdown';
import type { Composer } from './composer';
import type { FontKey } from './fonts';
import type { StyledRun } from './line-breaker';
import type { StructElem } from './pdfkit-api';
import { BLOCK_GAP, BLUE, BODY, KEEP_AFTER_HEADING, MUTED, QUOTE_BAR, RULE, SMALL, TEXT } from './style';
import { printTable } from './tables';

/**
 * Markdown written in the app, printed from the sanitised block model (src/shared/markdown.ts): the
 * PDF never sees raw HTML, remote images or unsafe links. Author headings sit below the heading of
 * the place they are printed in (`headingBase`), so the heading levels never skip.
 */
export interface MdContext {
  parent: StructElem;
  x: number;
  width: number;
  /** Level given to an author's « ## » (their first level, h1 being demoted to it). */
  headingBase: number;
  size?: number;
  lh?: number;
  color?: string;
  italic?: boolean;
}

export function fontFor(bold: boolean, italic: boolean): FontKey {
  if (bold) return italic ? 'semiboldItalic' : 'semibold';
  return italic ? 'italic' : 'regular';
}

export function styledRuns(runs: MdRun[], ctx: Pick<MdContext, 'size' | 'color' | 'italic'>): StyledRun[] {
  const size = ctx.size ?? BODY.size;
  return runs.map((r) => {
    const run: StyledRun = { text: r.text, font: fontFor(!!r.bold, !!r.italic !== !!ctx.italic), size, color: r.href ? BLUE : r.code ? MUTED : (ctx.color ?? TEXT) };
    if (r.href) {
      run.href = r.href;
      run.underline = true;
    }
    return run;
  });
}

export function printMarkdown(c: Composer, source: string, ctx: MdContext): void {
  printBlocks(c, markdownBlocks(source), ctx);
}

export function printBlocks(c: Composer, blocks: MdBlock[], ctx: MdContext, gap = BLOCK_GAP): void {
  blocks.forEach((block, i) => {
    if (i > 0 && !c.atPageTop) c.y += gap;
    printBlock(c, block, ctx);
  });
}

function printBlock(c: Composer, block: MdBlock, ctx: MdContext): void {
  const lh = ctx.lh ?? BODY.lh;
  switch (block.type) {
    case 'paragraph':
      c.textBlock(ctx.parent, 'P', styledRuns(block.runs, ctx), { x: ctx.x, width: ctx.width, lh });
      break;
    case 'heading': {
      const level = Math.min(6, ctx.headingBase + block.level - 2);
      c.heading(ctx.parent, level, block.runs.map((r) => r.text).join(''), { x: ctx.x, keepWith: KEEP_AFTER_HEADING });
      break;
    }
    case 'list':
      printList(c, block, ctx, 0);
      break;
    case 'blockquote': {
      const quote = c.struct(ctx.parent, 'BlockQuote');
      c.withBar(ctx.x, 2.5, QUOTE_BAR, () => printBlocks(c, block.blocks, { ...ctx, parent: quote, x: ctx.x + 14, width: ctx.width - 14, italic: !ctx.italic }));
      quote.end();
      break;
    }
    case 'code': {
      // Spaces made non-breaking: code keeps its indentation and breaks only where a line is too long.
      const text = block.text.replace(/ /g, '\u00A0');
      c.textBlock(ctx.parent, 'P', [{ text, font: 'regular', size: SMALL.size, color: MUTED }], { x: ctx.x + 10, width: ctx.width - 10, lh: SMALL.lh });
      break;
    }
    case 'hr':
      c.ensure(10);
      c.artifact('Layout', null, () => c.rect(ctx.x, c.y + 4, ctx.width, 0.6, RULE));
      c.y += 10;
      break;
    case 'table': {
      const n = Math.max(block.header.length, ...block.rows.map((r) => r.length), 1);
      const w = ctx.width / n;
      printTable(c, ctx.parent, {
        x: ctx.x,
        columns: Array.from({ length: n }, (_, i) => ({ title: block.header[i] ?? '', width: w })),
        rows: block.rows.map((r) => Array.from({ length: n }, (_, i) => ({ text: r[i] ?? '' }))),
      });
      break;
    }
  }
}

function printList(c: Composer, block: Extract<MdBlock, { type: 'list' }>, ctx: MdContext, depth: number): void {
  const size = ctx.size ?? BODY.size;
  const lh = ctx.lh ?? BODY.lh;
  const indent = block.ordered ? 20 : 14;
  const list = c.struct(ctx.parent, 'L');
  block.items.forEach((item, i) => {
    if (i > 0) c.y += 2;
    const li = c.struct(list, 'LI');
    const box = item.checked === undefined ? '' : item.checked ? '[x] ' : '[ ] ';
    const label = block.ordered ? `${block.start + i}.` : depth % 2 === 0 ? '•' : '–';
    // The label shares the first line of the body: both are placed after one check of the room left.
    c.ensure(lh);
    const lbl = c.struct(li, 'Lbl');
    const labelY = c.y;
    c.printLines(lbl, 'Lbl', c.lines([{ text: `${label} `, font: 'regular', size, color: block.ordered ? (ctx.color ?? TEXT) : BLUE }], indent), ctx.x, lh);
    lbl.end();
    c.y = labelY;
    const body = c.struct(li, 'LBody');
    const inner = { ...ctx, parent: body, x: ctx.x + indent, width: ctx.width - indent };
    const blocks: MdBlock[] = box && item.blocks[0]?.type === 'paragraph' ? [{ type: 'paragraph', runs: [{ text: box }, ...item.blocks[0].runs] }, ...item.blocks.slice(1)] : item.blocks;
    blocks.forEach((b, k) => {
      if (k > 0) c.y += 3;
      if (b.type === 'list') printList(c, b, inner, depth + 1);
      else printBlock(c, b, inner);
    });
    if (c.y === labelY) c.y += lh;
    body.end();
    li.end();
  });
  list.end();
}

