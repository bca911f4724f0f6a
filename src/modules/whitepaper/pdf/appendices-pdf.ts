import { formatDate, formatNumber } from '../../../shared/i18n';
import { allNeeds, anchorOf, type WhitePaperDocument } from '../document';
import { ambassadorsNote } from '../rules';
import { chapter, LEFT, NUMBER_COLUMN, RELIEVE_EVERY, type Hooks } from './chapter';
import type { Composer } from './composer';
import type { StructElem } from './pdfkit-api';
import { BODY, CONTENT_WIDTH, MUTED, TEXT } from './style';
import { type Cell, type Column, TableWriter } from './tables';

/** The appendices: held workshops, named ambassadors, and the index of needs with their pages. */

export async function appendices(c: Composer, root: StructElem, doc: WhitePaperDocument, hooks: Hooks): Promise<void> {
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
  const appendix = async <T>(key: string, title: string, columns: Column[], items: T[], cells: (item: T) => Cell[], empty?: string, intro?: string) => {
    const s = sub(key, title);
    if (intro) c.textBlock(s, 'P', [{ text: intro, font: 'regular', size: BODY.size, color: TEXT }]);
    if (empty !== undefined && !items.length) {
      if (empty) c.textBlock(s, 'P', [{ text: empty, font: 'italic', size: BODY.size, color: MUTED }]);
    }
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
    '',
    ambassadorsNote(doc.figures.ambassadors, doc.appendices.ambassadors.length),
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
