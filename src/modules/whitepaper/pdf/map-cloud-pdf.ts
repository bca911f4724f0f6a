import { layoutCloud, type CloudData } from '../../../shared/cloud';
import { formatNumber } from '../../../shared/i18n';
import { layoutRegionMap, type RegionMapData } from '../../../shared/map';
import { frenchSpacing } from '../../../shared/text/typography';
import type { Composer } from './composer';
import type { StructElem } from './pdfkit-api';
import { printTable } from './tables';

/**
 * The map of the regions and the word cloud, painted from the same layouts as the web pages' SVG
 * (layoutRegionMap, layoutCloud): same shapes, same fills, same words at the same places. Each is one
 * Figure whose alternative text gives every value; the map's values are also in a table after it, the
 * cloud's terms in a list.
 */

function drawText(c: Composer, text: string, bold: boolean, size: number, color: string, x: number, baseline: number, anchor: 'start' | 'middle') {
  const font = bold ? 'semibold' : 'regular';
  const s = frenchSpacing(text);
  const w = c.width(font, size, s);
  const left = anchor === 'middle' ? x - w / 2 : x;
  // The layouts give baselines; pdfkit places text by its top (ascender = 1 em for this font).
  c.drawText(s, font, size, color, left, baseline - size * (c.fonts[font].ascender / 1000));
}

export function printRegionMap(c: Composer, parent: StructElem, data: RegionMapData, x: number, width: number): void {
  const layout = layoutRegionMap(data);
  const scale = Math.min(1, width / layout.width);
  const h = layout.height * scale;
  c.ensure(h + 4);
  const top = c.y;
  const figure = c.struct(parent, 'Figure', { alt: frenchSpacing(`${data.title}. ${data.description}`), bbox: [x, top, x + layout.width * scale, top + h], placement: 'Block' });
  c.openMc(figure, 'Figure');
  c.transformed(x, top, scale, () => {
    for (const f of layout.frames) c.path(`M${f.x} ${f.y}h${f.w}v${f.h}h${-f.w}Z`, '#ffffff', '#929292', 0.8);
    for (const s of layout.shapes) c.path(s.d, s.fill, layout.stroke, layout.strokeWidth);
    for (const s of layout.swatches) c.path(`M${s.x} ${s.y}h${s.w}v${s.h}h${-s.w}Z`, s.fill, layout.stroke, 0.8);
    for (const t of layout.texts) drawText(c, t.text, t.bold, t.size, t.color, t.x, t.y, t.anchor);
  });
  c.closeMc();
  figure.end();
  c.y = top + h;
}

export function printRegionTable(
  c: Composer,
  parent: StructElem,
  lines: Array<{ region: string; workshops: number; participants: number; contributions: number }>,
  total: { workshops: number; participants: number; contributions: number },
  x: number,
  width: number,
): void {
  const num = (width - 200) / 3;
  printTable(c, parent, {
    x,
    columns: [
      { title: 'Région', width: 200 },
      { title: 'Ateliers', width: num, align: 'right' },
      { title: 'Participants', width: num, align: 'right' },
      { title: 'Contributions', width: num, align: 'right' },
    ],
    rows: [
      ...lines.map((l) => [{ text: l.region }, { text: formatNumber(l.workshops) }, { text: formatNumber(l.participants) }, { text: formatNumber(l.contributions) }]),
      [{ text: 'Total', font: 'semibold' as const }, { text: formatNumber(total.workshops), font: 'semibold' as const }, { text: formatNumber(total.participants), font: 'semibold' as const }, { text: formatNumber(total.contributions), font: 'semibold' as const }],
    ],
  });
}

export function cloudAlt(data: CloudData): string {
  const terms = data.terms.map((t) => `${t.text} : ${formatNumber(t.count)}`).join(' ; ');
  return frenchSpacing(`${data.title}. ${data.description} Termes : ${terms}.`);
}

export function printCloud(c: Composer, parent: StructElem, data: CloudData, x: number, width: number): void {
  const layout = layoutCloud(data, width);
  c.ensure(layout.height + 4);
  const top = c.y;
  const figure = c.struct(parent, 'Figure', { alt: cloudAlt(data), bbox: [x, top, x + layout.width, top + layout.height], placement: 'Block' });
  c.openMc(figure, 'Figure');
  for (const w of layout.words) drawText(c, w.text, w.bold, w.size, w.color, x + w.x, top + w.y, 'middle');
  c.closeMc();
  figure.end();
  c.y = top + layout.height;
}
