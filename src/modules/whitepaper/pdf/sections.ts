import { formatDate, formatNumber } from '../../../shared/i18n';
import { themeAnchor, type WhitePaperDocument } from '../document';
import { appendices } from './appendices-pdf';
import { chapter, LEFT, printIn, type Hooks } from './chapter';
import { type Composer, frenchRuns } from './composer';
import { figures } from './figures-pdf';
import { printMarkdown } from './markdown-pdf';
import { printNeed } from './needs-pdf';
import type { StructElem } from './pdfkit-api';
import { BLUE, CONTENT_WIDTH, MUTED, PAGE, TEXT, WHITE } from './style';
import { contents } from './toc-pdf';
import { prioritisationNote } from '../rules';

/**
 * The white paper's content, in reading order: cover, contents, foreword, figures, method, one chapter
 * per theme (its needs, their quotes and proposals), conclusion, acknowledgements, appendices. Every
 * page break, destination and bookmark comes from here and the sections' files, identically in both passes.
 */
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
    if (doc.prioritisation) printMarkdown(c, `*${prioritisationNote(doc.prioritisation)}*`, { parent: ch.sect, x: LEFT, width: CONTENT_WIDTH, headingBase: 2 });
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

/** The cover: a blue band with the title, the consultation, the edition (or « version de travail ») and the author. */
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

/** The running header names the edition a printed page comes from (the full title would not fit). */
export const shortTitleOf = (doc: WhitePaperDocument): string =>
  doc.edition
    ? `Livre blanc — édition ${doc.edition.number} du ${formatDate(doc.edition.publishedAt)}`
    : `Livre blanc — version de travail du ${formatDate(doc.generatedAt)}`;
