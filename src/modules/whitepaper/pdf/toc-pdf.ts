import { formatNumber } from '../../../shared/i18n';
import { chaptersOf, type WhitePaperDocument } from '../document';
import { LEFT, NUMBER_COLUMN, RELIEVE_EVERY, type Hooks } from './chapter';
import { type Composer, frenchRuns } from './composer';
import type { StructElem } from './pdfkit-api';
import { BLUE, CONTENT_WIDTH, KEEP_AFTER_HEADING, MUTED, TEXT } from './style';

/** The white paper's table of contents: one linked entry per chapter and theme, page numbers from the first pass. */

export async function contents(c: Composer, root: StructElem, doc: WhitePaperDocument, hooks: Hooks): Promise<void> {
  c.chapter = 'Sommaire';
  c.newPage();
  c.artifact('Layout', null, () => c.rect(LEFT, c.y, 48, 4, BLUE));
  c.y += 16;
  const sect = c.struct(root, 'Sect');
  c.heading(sect, 1, 'Sommaire', { keepWith: KEEP_AFTER_HEADING });
  const toc = c.struct(sect, 'TOC');
  let n = 0;
  for (const ch of chaptersOf(doc)) {
    const item = tocEntry(c, toc, ch.title, ch.key, 0, !!ch.children?.length);
    if (ch.children?.length) {
      const sub = c.struct(item, 'TOC');
      for (const child of ch.children) {
        tocEntry(c, sub, child.title, child.key, 1, false).end();
        if (++n % RELIEVE_EVERY === 0) await hooks.relieve();
      }
      sub.end();
    }
    item.end();
  }
  toc.end();
  sect.end();
}

/**
 * One entry: its text and page number are one link to the destination; the page number sits in a
 * fixed-width column, so the entry's layout does not depend on the number (both passes match).
 */
function tocEntry(c: Composer, parent: StructElem, title: string, key: string, level: 0 | 1, hasChildren: boolean): StructElem {
  const size = level === 0 ? 11 : 10;
  const lh = level === 0 ? 16 : 14;
  const font = level === 0 ? 'semibold' : 'regular';
  const color = level === 0 ? BLUE : TEXT;
  const indent = level * 16;
  const textWidth = CONTENT_WIDTH - indent - NUMBER_COLUMN - 10;
  const lines = c.lines(frenchRuns([{ text: title, font, size, color, goTo: key }]), textWidth);
  const page = c.info.pages ? c.info.pages.get(key) : 0;
  // Every entry of chaptersOf must have a destination here: an entry pointing nowhere is a bug.
  if (page === undefined) throw new Error(`sommaire : aucune destination « ${key} » dans le PDF`);
  // The space is part of the text read out (« Avant-propos 3 »); the number stays right-aligned.
  const number = ` ${formatNumber(page)}`;
  const numberWidth = c.width(font, size, number);
  const last = lines[lines.length - 1];
  if (level === 0 && !c.atPageTop) c.y += 7;
  c.ensure(lines.length * lh + (hasChildren ? 14 : 0));
  if (last) {
    const style = last.pieces[last.pieces.length - 1]!.style;
    last.pieces.push({ text: number, style, x: CONTENT_WIDTH - indent - numberWidth, width: numberWidth });
    // Dotted leader from the end of the title to the number: decoration only.
    const y = c.y + (lines.length - 1) * lh + lh / 2 + size * 0.3;
    const from = LEFT + indent + last.width + 6;
    const to = LEFT + CONTENT_WIDTH - NUMBER_COLUMN;
    if (to - from > 8) {
      c.artifact('Layout', null, () => {
        c.pdf.save();
        c.pdf.lineWidth(0.9).lineCap('round').dash(0.01, { space: 3 }).strokeColor(MUTED).moveTo(from, y).lineTo(to, y).stroke();
        c.pdf.restore();
      });
    }
  }
  const item = c.struct(parent, 'TOCI');
  c.printLines(item, 'TOCI', lines, LEFT + indent, lh);
  return item;
}
