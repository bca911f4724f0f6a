import { type ChartData, layoutChart } from '../../../shared/charts';
import { formatNumber } from '../../../shared/i18n';
import { frenchSpacing } from '../../../shared/text/typography';
import type { Composer } from './composer';
import type { StructElem } from './pdfkit-api';
import { TEXT } from './style';

/**
 * A chart painted from the same layout as the web page's SVG (layoutChart): same bars, same labels,
 * same positions. In the structure tree it is one Figure whose alternative text gives its title, its
 * description and every value, so that nothing is only in the picture.
 */
export function chartAlt(data: ChartData): string {
  const values = data.items.map((i) => `${i.label} : ${formatNumber(i.value)}`).join(' ; ');
  return frenchSpacing(`${data.title}. ${data.description} Valeurs : ${values}.`);
}

export function printChart(c: Composer, parent: StructElem, data: ChartData, x: number, width: number): void {
  const layout = layoutChart(data, width);
  c.ensure(layout.height + 4);
  const top = c.y;
  const figure = c.struct(parent, 'Figure', { alt: chartAlt(data), bbox: [x, top, x + layout.width, top + layout.height], placement: 'Block' });
  c.openMc(figure, 'Figure');
  for (const r of layout.rects) if (r.w > 0) c.rect(x + r.x, top + r.y, r.w, r.h, r.color);
  for (const t of layout.texts) {
    const font = t.bold ? 'semibold' : 'regular';
    const text = frenchSpacing(t.text);
    const w = c.width(font, layout.fontSize, text);
    const left = t.anchor === 'middle' ? t.x - w / 2 : t.x;
    // layoutChart gives baselines; pdfkit places text by its top (ascender = 1 em for this font).
    c.drawText(text, font, layout.fontSize, TEXT, x + left, top + t.y - layout.fontSize * (c.fonts[font].ascender / 1000));
  }
  c.closeMc();
  figure.end();
  c.y = top + layout.height;
}
