import { layoutChart } from '../../../shared/charts';
import { formatNumber, plural } from '../../../shared/i18n';
import type { WhitePaperDocument } from '../document';
import { chapter, LEFT } from './chapter';
import { printChart } from './charts-pdf';
import { layoutCloud } from '../../../shared/cloud';
import { layoutRegionMap } from '../../../shared/map';
import { printCloud, printRegionMap, printRegionTable } from './map-cloud-pdf';
import type { Composer } from './composer';
import type { StructElem } from './pdfkit-api';
import { BLUE, CONTENT_WIDTH, MAX_Y, MUTED, PAGE, SMALL, TEXT } from './style';

/** The figures chapter: the consultation's counts in boxes, then its charts with their descriptions. */

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

export function figures(c: Composer, root: StructElem, doc: WhitePaperDocument): void {
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
    const labelLines = c.lines([{ text: plural(value, one, many), font: 'regular', size: 10, color: TEXT }], boxW - 20);
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
  // Editions published before the map and the cloud existed have neither in their snapshot.
  if (doc.regions) {
    const map = doc.regions.map;
    const height = layoutRegionMap(map).height * Math.min(1, CONTENT_WIDTH / layoutRegionMap(map).width);
    c.heading(sect, 2, map.title, { keepWith: Math.min(height + 8, MAX_Y - PAGE.top - 60) });
    c.y += 4;
    printRegionMap(c, sect, map, LEFT, CONTENT_WIDTH);
    c.y += 8;
    printRegionTable(c, sect, doc.regions.lines, doc.regions.total, LEFT, CONTENT_WIDTH);
    c.y += 6;
  }
  if (doc.wordCloud && doc.wordCloud.terms.length) {
    const cloud = doc.wordCloud;
    const height = layoutCloud(cloud, CONTENT_WIDTH).height;
    c.heading(sect, 2, cloud.title, { keepWith: Math.min(height + 8, MAX_Y - PAGE.top - 60) });
    c.y += 4;
    printCloud(c, sect, cloud, LEFT, CONTENT_WIDTH);
    c.y += 6;
    c.textBlock(sect, 'P', [{ text: cloud.description, font: 'italic', size: SMALL.size, color: MUTED }], { lh: SMALL.lh });
  }
  sect.end();
}
