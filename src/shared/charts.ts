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
  /**
   * A figure written beside the chart, not drawn as a bar: the funnel's proposals, which detail the
   * needs rather than gather them (« 159 propositions fonctionnelles, soit 1,8 par besoin »).
   */
  aside?: string;
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
  if (data.aside) {
    texts.push({ text: data.aside, x: data.kind === 'funnel' ? width / 2 : 0, y: y + FONT, anchor: data.kind === 'funnel' ? 'middle' : 'start', bold: false });
    y += FONT + 4 + GAP;
  }
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

/**
 * A chart of shares over time (0–100 %), drawn as steps: each series keeps its value until the next
 * point, as an indicator that changes only on the days something happened. Used by the follow-up's
 * uptake indicator; the page gives the same points as a data table (the chart is never the only way
 * to read them). Series are told apart by their dash pattern and their legend, not by colour alone.
 */
export interface StepChartData {
  id: string;
  title: string;
  description: string;
  /** Days 'YYYY-MM-DD', ascending; one point per day. */
  days: string[];
  series: Array<{ label: string; values: number[] }>;
  /** The day the x axis ends (today), so that the last step reaches it; defaults to the last point. */
  until?: string;
}

const STEP_STYLES = [
  { color: '#000091', dash: '' },
  { color: '#18753c', dash: '6 3' },
  { color: '#6a6af4', dash: '2 3' },
];

const dayMs = (d: string) => Date.parse(`${d}T12:00:00Z`);
const shortDayFmt = new Intl.DateTimeFormat('fr-FR', { month: 'short', year: 'numeric', timeZone: 'UTC' });
const shortDay = (d: string) => shortDayFmt.format(new Date(dayMs(d)));

export function stepChartSvg(data: StepChartData, width = 640, height = 260): string {
  const left = 44;
  const right = 12;
  const top = 12;
  const legendHeight = 18 * data.series.length + 6;
  const bottom = 28 + legendHeight;
  const plotW = width - left - right;
  const plotH = height - top - bottom;
  const id = escapeXml(data.id);
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart chart-steps" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="${id}-titre ${id}-desc">`,
    `<title id="${id}-titre">${escapeXml(data.title)}</title>`,
    `<desc id="${id}-desc">${escapeXml(data.description)}</desc>`,
  ];
  const y = (share: number) => top + plotH * (1 - Math.max(0, Math.min(1, share)));
  for (const tick of [0, 0.25, 0.5, 0.75, 1]) {
    parts.push(`<line x1="${left}" x2="${width - right}" y1="${y(tick).toFixed(1)}" y2="${y(tick).toFixed(1)}" stroke="#929292" stroke-width="${tick === 0 ? 1 : 0.5}"/>`);
    parts.push(`<text x="${left - 6}" y="${(y(tick) + 3).toFixed(1)}" font-size="${FONT}" fill="#161616" text-anchor="end">${Math.round(tick * 100)} %</text>`);
  }
  if (data.days.length) {
    const first = dayMs(data.days[0]!);
    const lastDay = data.until && data.until > data.days[data.days.length - 1]! ? data.until : data.days[data.days.length - 1]!;
    const span = Math.max(dayMs(lastDay) - first, 86_400_000);
    const x = (d: string) => left + (plotW * (dayMs(d) - first)) / span;
    for (const d of [data.days[0]!, lastDay]) {
      parts.push(`<text x="${x(d).toFixed(1)}" y="${(top + plotH + 14).toFixed(1)}" font-size="${FONT}" fill="#161616"${d === lastDay ? ' text-anchor="end"' : ''}>${escapeXml(shortDay(d))}</text>`);
    }
    data.series.forEach((s, i) => {
      const style = STEP_STYLES[i % STEP_STYLES.length]!;
      const pts: string[] = [];
      s.values.forEach((v, k) => {
        const px = x(data.days[k]!);
        if (k > 0) pts.push(`${px.toFixed(1)},${y(s.values[k - 1]!).toFixed(1)}`);
        pts.push(`${px.toFixed(1)},${y(v).toFixed(1)}`);
      });
      pts.push(`${x(lastDay).toFixed(1)},${y(s.values[s.values.length - 1] ?? 0).toFixed(1)}`);
      parts.push(`<polyline points="${pts.join(' ')}" fill="none" stroke="${style.color}" stroke-width="2"${style.dash ? ` stroke-dasharray="${style.dash}"` : ''}/>`);
    });
  }
  data.series.forEach((s, i) => {
    const style = STEP_STYLES[i % STEP_STYLES.length]!;
    const ly = height - legendHeight + 18 * i + 10;
    parts.push(`<line x1="${left}" x2="${left + 28}" y1="${ly - 3}" y2="${ly - 3}" stroke="${style.color}" stroke-width="2"${style.dash ? ` stroke-dasharray="${style.dash}"` : ''}/>`);
    const last = s.values[s.values.length - 1];
    parts.push(`<text x="${left + 34}" y="${ly}" font-size="${FONT}" fill="#161616">${escapeXml(s.label)}${last === undefined ? '' : ` (aujourd’hui : ${formatShare(last)})`}</text>`);
  });
  parts.push('</svg>');
  return parts.join('');
}

const shareFmt = new Intl.NumberFormat('fr-FR', { style: 'percent', maximumFractionDigits: 1 });
const formatShare = (v: number) => shareFmt.format(v);
