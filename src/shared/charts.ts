import { formatNumber } from './i18n';

/**
 * Charts as vector graphics, drawn the same on the web page (SVG) and in the PDF (pdfkit): one layout
 * function computes every rectangle and every text position; each medium only paints them. The numbers
 * are always written next to their bar, and each chart comes with a text description, so that the
 * chart is never the only way to read a figure (RGAA 1.3, WCAG 1.1.1).
 */
export interface ChartData {
  /** Stable id, used for the SVG's title/desc ids. */
  id: string;
  title: string;
  /** What the chart shows, in one or two sentences (the SVG's <desc>, the PDF figure's alternative text). */
  description: string;
  /** bars: one horizontal bar per item; funnel: centred bars, each step narrower than the last. */
  kind: 'bars' | 'funnel';
  items: Array<{ label: string; value: number }>;
}

export interface ChartText {
  text: string;
  x: number;
  /** Baseline. */
  y: number;
  anchor: 'start' | 'middle';
  bold: boolean;
}

export interface ChartRect {
  x: number;
  y: number;
  w: number;
  h: number;
  color: string;
}

export interface ChartLayout {
  width: number;
  height: number;
  fontSize: number;
  rects: ChartRect[];
  texts: ChartText[];
}

export const CHART_WIDTH = 480;
const FONT = 10;
const BAR = 14;
const GAP = 10;
const VALUE_SPACE = 56;
// Blue of the French public services, then lighter steps, all at least 3:1 against white (WCAG 1.4.11).
const COLORS = ['#000091', '#1f1fa8', '#3b3bbd', '#5656cf'];

/** Where every bar and label goes, in points (the SVG's user units and the PDF's points are the same). */
export function layoutChart(data: ChartData, width = CHART_WIDTH): ChartLayout {
  const max = data.items.reduce((m, i) => Math.max(m, i.value), 0);
  const rects: ChartRect[] = [];
  const texts: ChartText[] = [];
  let y = 0;
  data.items.forEach((item, i) => {
    const labelY = y + FONT;
    const barY = labelY + 4;
    if (data.kind === 'funnel') {
      const w = barWidth(item.value, max, width);
      texts.push({ text: `${formatNumber(item.value)} ${item.label}`, x: width / 2, y: labelY, anchor: 'middle', bold: true });
      rects.push({ x: (width - w) / 2, y: barY, w, h: BAR, color: COLORS[Math.min(i, COLORS.length - 1)]! });
    } else {
      const w = barWidth(item.value, max, width - VALUE_SPACE);
      texts.push({ text: item.label, x: 0, y: labelY, anchor: 'start', bold: false });
      rects.push({ x: 0, y: barY, w, h: BAR, color: COLORS[0]! });
      texts.push({ text: formatNumber(item.value), x: w + 6, y: barY + BAR - 3, anchor: 'start', bold: true });
    }
    y = barY + BAR + GAP;
  });
  return { width, height: Math.max(y - GAP, 1), fontSize: FONT, rects, texts };
}

/** A non-zero value always shows at least a sliver; zero shows nothing. */
function barWidth(value: number, max: number, room: number): number {
  if (value <= 0 || max <= 0) return 0;
  return Math.max(2, (value / max) * room);
}

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * The chart as inline SVG: role="img" named by its <title> and described by its <desc> (the page
 * also gives the figures as text). Presentation attributes only, no style attribute: the CSP allows no
 * inline style.
 */
export function chartSvg(data: ChartData, width = CHART_WIDTH): string {
  const l = layoutChart(data, width);
  const id = escapeXml(data.id);
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 ${l.width} ${l.height.toFixed(1)}" width="${l.width}" height="${l.height.toFixed(1)}" role="img" aria-labelledby="${id}-titre ${id}-desc">`,
    `<title id="${id}-titre">${escapeXml(data.title)}</title>`,
    `<desc id="${id}-desc">${escapeXml(data.description)}</desc>`,
  ];
  for (const r of l.rects) parts.push(`<rect x="${r.x.toFixed(1)}" y="${r.y.toFixed(1)}" width="${r.w.toFixed(1)}" height="${r.h}" fill="${r.color}"/>`);
  for (const t of l.texts) {
    parts.push(
      `<text x="${t.x.toFixed(1)}" y="${t.y.toFixed(1)}" font-size="${l.fontSize}" fill="#161616"${t.anchor === 'middle' ? ' text-anchor="middle"' : ''}${t.bold ? ' font-weight="bold"' : ''}>${escapeXml(t.text)}</text>`,
    );
  }
  parts.push('</svg>');
  return parts.join('');
}
