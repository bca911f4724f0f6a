import { anchorOf, type DocumentNeed, type DocumentProposal, type DocumentQuote, PRIORITY_LABELS } from '../document';
import { priorityLine, traceLine } from '../rules';
import { LEFT } from './chapter';
import { type Composer, frenchRuns } from './composer';
import { printMarkdown } from './markdown-pdf';
import type { OutlineItem, StructElem } from './pdfkit-api';
import { BODY, CONTENT_WIDTH, HEADINGS, KEEP_AFTER_HEADING, LIGHT_BLUE, MAX_Y, MUTED, PAGE, QUOTE_BAR, SMALL, TEXT } from './style';

/** One need in its theme's chapter: heading, trace line, description, quotes and proposals. */

export function printNeed(c: Composer, parent: StructElem, themeItem: OutlineItem | null, need: DocumentNeed): void {
  const sect = c.struct(parent, 'Sect');
  if (!c.atPageTop) c.y += 10;
  const dest = anchorOf('besoin', need.code);
  c.heading(sect, 2, `${need.code} — ${need.title}`, { dest, outline: themeItem ?? undefined, keepWith: 14 + KEEP_AFTER_HEADING });
  c.textBlock(sect, 'P', [{ text: traceLine(need.trace), font: 'semibold', size: 9.5, color: MUTED }], { lh: 14 });
  if (need.priority) c.textBlock(sect, 'P', [{ text: priorityLine(need.priority), font: 'semibold', size: 9.5, color: MUTED }], { lh: 14 });
  c.y += 4;
  printMarkdown(c, need.descriptionMd, { parent: sect, x: LEFT, width: CONTENT_WIDTH, headingBase: 3 });
  if (need.quotes.length) c.y += 6;
  for (const quote of need.quotes) printQuote(c, sect, quote);
  for (const proposal of need.proposals) printProposal(c, sect, proposal);
  sect.end();
}

/** Indented italic « … » with where it was said; kept on one page when it is not very long. */
function printQuote(c: Composer, parent: StructElem, quote: DocumentQuote): void {
  const indent = 18;
  const width = CONTENT_WIDTH - indent;
  const words = c.lines(frenchRuns([{ text: `« ${quote.text} »`, font: 'italic', size: BODY.size, color: TEXT }]), width);
  const context = quote.context ? c.lines(frenchRuns([{ text: `— ${quote.context}`, font: 'regular', size: SMALL.size, color: MUTED }]), width) : [];
  const height = words.length * BODY.lh + context.length * SMALL.lh;
  c.y += 6;
  c.ensure(height <= (MAX_Y - PAGE.top) * 0.4 ? height : 2 * BODY.lh);
  const block = c.struct(parent, 'BlockQuote');
  c.withBar(LEFT + 4, 2.5, QUOTE_BAR, () => {
    const p = c.struct(block, 'P');
    c.printLines(p, 'P', words, LEFT + indent, BODY.lh);
    p.end();
    if (context.length) {
      const from = c.struct(block, 'P');
      c.printLines(from, 'P', context, LEFT + indent, SMALL.lh);
      from.end();
    }
  });
  block.end();
}

function printProposal(c: Composer, parent: StructElem, proposal: DocumentProposal): void {
  const indent = 14;
  const x = LEFT + indent;
  const sect = c.struct(parent, 'Sect');
  const h = HEADINGS[3]!;
  const title = `${proposal.code} — ${proposal.title}`;
  const titleLines = c.lines(frenchRuns([{ text: title, font: h.font, size: h.size, color: h.color }]), CONTENT_WIDTH - indent);
  c.y += 12;
  // The heading, its priority line and the start of its text go together; the bar starts with them.
  c.ensure(titleLines.length * h.lh + h.after + 14 + KEEP_AFTER_HEADING);
  c.withBar(LEFT, 3, LIGHT_BLUE, () => {
    c.y += 2;
    c.heading(sect, 3, title, { x, dest: anchorOf('proposition', proposal.code), before: 0 });
    const meta = `${PRIORITY_LABELS[proposal.priority] ?? proposal.priority} · Chantier cible : ${proposal.targetStream}`;
    c.textBlock(sect, 'P', [{ text: meta, font: 'semibold', size: 9.5, color: MUTED }], { x, lh: 14 });
    c.y += 3;
    printMarkdown(c, proposal.descriptionMd, { parent: sect, x, width: CONTENT_WIDTH - indent, headingBase: 4 });
    c.y += 2;
  });
  sect.end();
}
