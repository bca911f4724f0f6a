import { layoutChart } from '../../../shared/charts';
import { formatDate, formatNumber } from '../../../shared/i18n';
import { allNeeds, anchorOf, chaptersOf, type DocumentNeed, type DocumentProposal, type DocumentQuote, PRIORITY_LABELS, themeAnchor, type WhitePaperDocument } from '../document';
import { traceLine } from '../rules';
import { printChart } from './charts-pdf';
import { type Composer, frenchRuns } from './composer';
import { printMarkdown } from './markdown-pdf';
import type { OutlineItem, StructElem } from './pdfkit-api';
import { BLUE, BODY, CONTENT_WIDTH, HEADINGS, KEEP_AFTER_HEADING, LIGHT_BLUE, MAX_Y, MUTED, PAGE, QUOTE_BAR, SMALL, TEXT, WHITE } from './style';
import { type Cell, type Column, TableWriter } from './tables';

/**
 * The white paper's content, in reading order: cover, contents, foreword, figures, method, one chapter
 * per theme (its needs, their quotes and proposals), conclusion, acknowledgements, appendices. Every
 * page break, destination and bookmark comes from here, identically in both passes.
 */
export interface Hooks {
  /** After each need: progress, and a chance for the output to drain. */
  needDone(): Promise<void>;
  /** Every few hundred rows of a long list: lets the output drain. */
  relieve(): Promise<void>;
}

const LEFT = PAGE.left;
const NUMBER_COLUMN = 44;
const RELIEVE_EVERY = 200;

export async function compose(c: Composer, doc: WhitePaperDocument, hooks: Hooks): Promise<void> {
  const root = c.root();
  cover(c, root, doc);
  await contents(c, root, doc, hooks);

  const foreword = chapter(c, root, 'avant-propos', 'Avant-propos');
  printMarkdown(c, doc.sections.forewordMd, { parent: foreword.sect, x: LEFT, width: CONTENT_WIDTH, headingBase: 2 });
  foreword.sect.end();

  figures(c, root, doc);

  const method = chapter(c, root, 'methode', 'La méthode');
  printMarkdown(c, doc.sections.methodMd, { parent: method.sect, x: LEFT, width: CONTENT_WIDTH, headingBase: 2 });
  method.sect.end();

  for (const theme of doc.themes) {
    const ch = chapter(c, root, themeAnchor(theme.code), theme.title);
    printMarkdown(c, theme.introMd, { parent: ch.sect, x: LEFT, width: CONTENT_WIDTH, headingBase: 2 });
    for (const need of theme.needs) {
      printNeed(c, ch.sect, ch.item, need);
      await hooks.needDone();
    }
    ch.sect.end();
  }

  const conclusion = chapter(c, root, 'conclusion', 'Conclusion');
  printMarkdown(c, doc.sections.conclusionMd, { parent: conclusion.sect, x: LEFT, width: CONTENT_WIDTH, headingBase: 2 });
  conclusion.sect.end();

  const thanks = chapter(c, root, 'remerciements', 'Remerciements');
  printMarkdown(c, doc.sections.acknowledgementsMd, { parent: thanks.sect, x: LEFT, width: CONTENT_WIDTH, headingBase: 2 });
  thanks.sect.end();

  await appendices(c, root, doc, hooks);
  root.end();
}

// ---- cover ----

function cover(c: Composer, root: StructElem, doc: WhitePaperDocument): void {
  c.chapter = '';
  c.newPage({ bare: true });
  const sect = c.struct(root, 'Sect');
  const width = CONTENT_WIDTH;
  const label = c.lines([{ text: 'LIVRE BLANC', font: 'semibold', size: 12, color: WHITE }], width);
  const title = c.lines(frenchRuns([{ text: doc.title, font: 'bold', size: 30, color: WHITE }]), width);
  const subtitle = doc.subtitle ? c.lines(frenchRuns([{ text: doc.subtitle, font: 'regular', size: 15, color: WHITE }]), width) : [];
  // The band grows with a long title: white text must never leave the blue.
  const bandTop = 110;
  const bandH = Math.max(300, 60 + label.length * 18 + 10 + title.length * 36 + 14 + subtitle.length * 21 + 50);
  c.artifact('Layout', null, () => {
    c.rect(0, bandTop, PAGE.width, bandH, BLUE);
    c.rect(LEFT, bandTop + bandH + 24, 56, 4, BLUE);
  });
  c.y = bandTop + 60;
  printIn(c, sect, 'P', label, 18);
  c.y += 10;
  printIn(c, sect, 'H1', title, 36);
  c.y += 14;
  if (subtitle.length) printIn(c, sect, 'P', subtitle, 21);

  c.y = bandTop + bandH + 46;
  c.textBlock(sect, 'P', [{ text: 'Consultation', font: 'semibold', size: 10, color: MUTED }], { lh: 14 });
  c.textBlock(sect, 'P', [{ text: doc.consultation.title, font: 'semibold', size: 15, color: TEXT }], { lh: 20 });
  c.y += 14;
  const edition = doc.edition ? `Édition ${formatNumber(doc.edition.number)} — ${formatDate(doc.edition.publishedAt)}` : `Version de travail — ${formatDate(doc.generatedAt)}`;
  c.textBlock(sect, 'P', [{ text: edition, font: 'semibold', size: 12.5, color: BLUE }], { lh: 18 });
  if (!doc.edition) {
    c.textBlock(sect, 'P', [{ text: 'Document provisoire, non publié : son contenu peut encore changer.', font: 'italic', size: 10.5, color: MUTED }], { lh: 15 });
  }
  c.y = Math.max(c.y + 20, PAGE.height - 130);
  c.textBlock(sect, 'P', [{ text: 'Publié par', font: 'semibold', size: 10, color: MUTED }], { lh: 14 });
  c.textBlock(sect, 'P', [{ text: doc.author, font: 'regular', size: 12, color: TEXT }], { lh: 17 });
  sect.end();
}

function printIn(c: Composer, parent: StructElem, tag: string, lines: ReturnType<Composer['lines']>, lh: number): void {
  const el = c.struct(parent, tag);
  c.printLines(el, tag, lines, LEFT, lh);
  el.end();
}

// ---- chapters ----

function chapter(c: Composer, root: StructElem, key: string, title: string): { sect: StructElem; item: OutlineItem | null } {
  c.chapter = title;
  c.newPage();
  c.artifact('Layout', null, () => c.rect(LEFT, c.y, 48, 4, BLUE));
  c.y += 16;
  const sect = c.struct(root, 'Sect');
  const item = c.heading(sect, 1, title, { dest: key, outline: c.outlineRoot, keepWith: KEEP_AFTER_HEADING });
  return { sect, item };
}

// ---- table of contents ----

async function contents(c: Composer, root: StructElem, doc: WhitePaperDocument, hooks: Hooks): Promise<void> {
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

// ---- figures and charts ----

const FIGURES: Array<[keyof WhitePaperDocument['figures'], string, string]> = [
  ['workshops', 'atelier', 'ateliers'],
  ['participants', 'participant', 'participants'],
  ['rawContributions', 'contribution', 'contributions'],
  ['consolidatedContributions', 'contribution consolidée', 'contributions consolidées'],
  ['needs', 'besoin', 'besoins'],
  ['proposals', 'proposition', 'propositions'],
  ['ambassadors', 'ambassadeur', 'ambassadeurs'],
  ['regions', 'région', 'régions'],
];

function figures(c: Composer, root: StructElem, doc: WhitePaperDocument): void {
  const { sect } = chapter(c, root, 'chiffres', 'Les chiffres de la consultation');
  const cols = 4;
  const gap = 10;
  const boxW = (CONTENT_WIDTH - gap * (cols - 1)) / cols;
  const boxH = 74;
  const list = c.struct(sect, 'L');
  FIGURES.forEach(([key, one, many], i) => {
    const col = i % cols;
    if (col === 0) {
      if (i > 0) c.y += boxH + gap;
      c.ensure(boxH);
    }
    const x = LEFT + col * (boxW + gap);
    const top = c.y;
    const value = doc.figures[key];
    c.artifact('Layout', null, () => {
      c.rect(x, top, boxW, boxH, '#f5f5fe');
      c.rect(x, top, 3, boxH, BLUE);
    });
    const li = c.struct(list, 'LI');
    const body = c.struct(li, 'LBody');
    const number = `${formatNumber(value)} `;
    const labelLines = c.lines([{ text: value > 1 ? many : one, font: 'regular', size: 10, color: TEXT }], boxW - 20);
    c.openMc(body, 'LBody');
    c.drawText(number, 'bold', 24, BLUE, x + 12, top + 8);
    labelLines.forEach((line, n) => {
      for (const p of line.pieces) c.drawText(p.text, p.style.font, p.style.size, p.style.color, x + 12 + p.x, top + 40 + n * 13);
    });
    c.closeMc();
    body.end();
    li.end();
  });
  c.y += boxH + 6;
  list.end();

  for (const chart of [doc.charts.funnel, doc.charts.contributionsByTheme, doc.charts.workshopsByRegion]) {
    const height = layoutChart(chart, CONTENT_WIDTH).height;
    c.heading(sect, 2, chart.title, { keepWith: Math.min(height + 8, MAX_Y - PAGE.top - 60) });
    c.y += 4;
    printChart(c, sect, chart, LEFT, CONTENT_WIDTH);
    c.y += 6;
    c.textBlock(sect, 'P', [{ text: chart.description, font: 'italic', size: SMALL.size, color: MUTED }], { lh: SMALL.lh });
  }
  sect.end();
}

// ---- needs ----

function printNeed(c: Composer, parent: StructElem, themeItem: OutlineItem | null, need: DocumentNeed): void {
  const sect = c.struct(parent, 'Sect');
  if (!c.atPageTop) c.y += 10;
  const dest = anchorOf('besoin', need.code);
  c.heading(sect, 2, `${need.code} — ${need.title}`, { dest, outline: themeItem ?? undefined, keepWith: 14 + KEEP_AFTER_HEADING });
  c.textBlock(sect, 'P', [{ text: traceLine(need.trace), font: 'semibold', size: 9.5, color: MUTED }], { lh: 14 });
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

// ---- appendices ----

async function appendices(c: Composer, root: StructElem, doc: WhitePaperDocument, hooks: Hooks): Promise<void> {
  const { sect, item } = chapter(c, root, 'annexes', 'Annexes');
  const sub = (key: string, title: string) => {
    const s = c.struct(sect, 'Sect');
    if (!c.atPageTop) c.y += 8;
    c.heading(s, 2, title, { dest: key, outline: item ?? undefined, keepWith: 50 });
    return s;
  };
  const w = CONTENT_WIDTH;
  let n = 0;
  const relieve = async () => {
    if (++n % RELIEVE_EVERY === 0) await hooks.relieve();
  };

  /** One appendix: a table with a row per item, or (`empty`) a sentence when there is none. */
  const appendix = async <T>(key: string, title: string, columns: Column[], items: T[], cells: (item: T) => Cell[], empty?: string) => {
    const s = sub(key, title);
    if (empty !== undefined && !items.length) c.textBlock(s, 'P', [{ text: empty, font: 'italic', size: BODY.size, color: MUTED }]);
    else {
      const t = new TableWriter(c, s, { x: LEFT, columns });
      for (const item of items) {
        t.row(cells(item));
        await relieve();
      }
      t.end();
    }
    s.end();
  };

  await appendix(
    'annexe-ateliers',
    'Liste des ateliers',
    [
      { title: 'Date', width: w * 0.15 },
      { title: 'Atelier', width: w * 0.27 },
      { title: 'Lieu', width: w * 0.2 },
      { title: 'Structure', width: w * 0.2 },
      { title: 'Région', width: w * 0.18 },
    ],
    doc.appendices.workshops,
    (ws) => [{ text: formatDate(ws.startsAt) }, { text: ws.title }, { text: ws.place }, { text: ws.structure }, { text: ws.region }],
    'Aucun atelier enregistré.',
  );

  await appendix(
    'annexe-ambassadeurs',
    'Les ambassadeurs',
    [
      { title: 'Nom', width: w * 0.26 },
      { title: 'Structure', width: w * 0.3 },
      { title: 'Thématiques', width: w * 0.44 },
    ],
    doc.appendices.ambassadors,
    (a) => [{ text: a.name, font: 'semibold' }, { text: a.structure }, { text: a.themes.join(' ; ') }],
    'Aucun ambassadeur n’a souhaité être cité.',
  );

  await appendix(
    'annexe-index',
    'Index des besoins',
    [
      { title: 'Code', width: 58 },
      { title: 'Besoin', width: w - 58 - NUMBER_COLUMN - 8 },
      { title: 'Page', width: NUMBER_COLUMN + 8, align: 'right' },
    ],
    allNeeds(doc),
    (need) => {
      const dest = anchorOf('besoin', need.code);
      const page = c.info.pages ? (c.info.pages.get(dest) ?? 0) : 0;
      return [{ text: need.code, font: 'semibold', color: TEXT }, { text: need.title, goTo: dest }, { text: formatNumber(page), goTo: dest }];
    },
  );
  sect.end();
}

/** The running header names the edition a printed page comes from (the full title would not fit). */
export const shortTitleOf = (doc: WhitePaperDocument): string =>
  doc.edition
    ? `Livre blanc — édition ${doc.edition.number} du ${formatDate(doc.edition.publishedAt)}`
    : `Livre blanc — version de travail du ${formatDate(doc.generatedAt)}`;
