import fs from 'node:fs';
import path from 'node:path';
import { foldAccents } from './text/french';
import { formatNumber } from './i18n';

/**
 * The choropleth map of the French regions, drawn the same on the web page (SVG) and in the PDF
 * (pdfkit paths): one layout function computes every shape's fill, every label and the legend; each
 * medium only paints them (as shared/charts does for bars). The outlines are pre-projected at build
 * time (map-data/generate-regions.ts → map-data/regions-fr.json, Natural Earth, public domain): the
 * app never projects anything. The values are always written on the map and given in a table next
 * to it, so that colour is never the only way to read them (WCAG 1.4.1, 1.1.1).
 */

export interface Region {
  /** Stable short code (ISO 3166-2 style, without « FR- »). */
  code: string;
  /** The region's name as the network writes it (structures' `region`). */
  name: string;
  overseas: boolean;
}

/** The 18 regions: 13 metropolitan, 5 overseas (shown as insets). Names as in the structures' list. */
export const REGIONS: readonly Region[] = [
  { code: 'ARA', name: 'Auvergne-Rhône-Alpes', overseas: false },
  { code: 'BFC', name: 'Bourgogne-Franche-Comté', overseas: false },
  { code: 'BRE', name: 'Bretagne', overseas: false },
  { code: 'CVL', name: 'Centre-Val de Loire', overseas: false },
  { code: 'COR', name: 'Corse', overseas: false },
  { code: 'GES', name: 'Grand Est', overseas: false },
  { code: 'HDF', name: 'Hauts-de-France', overseas: false },
  { code: 'IDF', name: 'Île-de-France', overseas: false },
  { code: 'NOR', name: 'Normandie', overseas: false },
  { code: 'NAQ', name: 'Nouvelle-Aquitaine', overseas: false },
  { code: 'OCC', name: 'Occitanie', overseas: false },
  { code: 'PDL', name: 'Pays de la Loire', overseas: false },
  { code: 'PAC', name: "Provence-Alpes-Côte d'Azur", overseas: false },
  { code: 'GUA', name: 'Guadeloupe', overseas: true },
  { code: 'MTQ', name: 'Martinique', overseas: true },
  { code: 'GUF', name: 'Guyane', overseas: true },
  { code: 'REU', name: 'La Réunion', overseas: true },
  { code: 'MYT', name: 'Mayotte', overseas: true },
];

/** A region's name compared loosely: accents, case, hyphens, apostrophes and a leading « La » ignored. */
export function regionKey(name: string): string {
  return foldAccents(name.toLowerCase())
    .replace(/[’'`\-\s]+/g, ' ')
    .trim()
    .replace(/^la /, '');
}

const ALIASES: Record<string, string> = { 'guyane francaise': 'GUF', paca: 'PAC', 'region sud': 'PAC', reunion: 'REU' };
const BY_KEY = new Map<string, Region>(REGIONS.map((r) => [regionKey(r.name), r]));
for (const [alias, code] of Object.entries(ALIASES)) BY_KEY.set(alias, REGIONS.find((r) => r.code === code)!);

/** The region a written name stands for, or undefined (a region the map does not know). */
export function regionByName(name: string): Region | undefined {
  return BY_KEY.get(regionKey(name));
}

// ---- The frame (user units = PDF points) -------------------------------------------------------

const INSET = { w: 96, h: 84, gap: 6 };
export const MAP_FRAME = {
  width: 540,
  mapHeight: 5 * INSET.h + 4 * INSET.gap,
  metropole: { x: 112, y: 0, w: 428, h: 5 * INSET.h + 4 * INSET.gap },
  insets: Object.fromEntries(
    REGIONS.filter((r) => r.overseas).map((r, i) => {
      const top = i * (INSET.h + INSET.gap);
      return [r.code, { box: { x: 0, y: top, w: INSET.w, h: INSET.h }, shape: { x: 6, y: top + 4, w: INSET.w - 12, h: INSET.h - 22 }, labelY: top + INSET.h - 6 }];
    }),
  ) as Record<string, { box: { x: number; y: number; w: number; h: number }; shape: { x: number; y: number; w: number; h: number }; labelY: number }>,
};

interface Outline {
  code: string;
  d: string;
  label: [number, number];
}

let outlines: Map<string, Outline> | undefined;
const FILE = path.resolve(__dirname, '..', '..', '..', 'src', 'shared', 'map-data', 'regions-fr.json');

/** The pre-projected outlines, read once. */
export function regionOutlines(): Map<string, Outline> {
  if (!outlines) {
    const data = JSON.parse(fs.readFileSync(FILE, 'utf8')) as { regions: Outline[] };
    outlines = new Map(data.regions.map((r) => [r.code, r]));
  }
  return outlines;
}

// ---- Data and layout ---------------------------------------------------------------------------

export interface RegionMapData {
  /** Stable id, used for the SVG's title/desc ids. */
  id: string;
  title: string;
  /** What the map shows, in a sentence (the SVG's <desc>, the PDF figure's alternative text). */
  description: string;
  /** The measure, in the plural, for the legend (« contributions »). */
  unit: string;
  /** One value per region of REGIONS (a region missing counts 0). */
  values: Array<{ code: string; value: number }>;
}

export interface MapClass {
  /** Inclusive bounds. */
  from: number;
  to: number;
  fill: string;
  /** Text colour on this fill (contrast ≥ 4.5:1). */
  ink: string;
  label: string;
}

// Sequential blues from the French public services' blue; « aucun » is a near-white with a dark outline.
const ZERO = { fill: '#f6f6f6', ink: '#161616' };
const STEPS = [
  { fill: '#cad2f5', ink: '#161616' },
  { fill: '#8c9de6', ink: '#161616' },
  { fill: '#4a5fd0', ink: '#ffffff' },
  { fill: '#000091', ink: '#ffffff' },
];

/** 1, 1.5, 2, 2.5, 3, 4, 5, 6, 8 × 10^k: the smallest « round » whole step at least `x`. */
export function niceStep(x: number): number {
  if (x <= 1) return 1;
  const p = Math.pow(10, Math.floor(Math.log10(x)));
  for (const m of [1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]) if (m * p >= x && Number.isInteger(m * p)) return m * p;
  return 10 * p;
}

/** The legend's classes: « aucun » (0), then up to four equal round intervals up to the largest value. */
export function classBreaks(values: number[]): MapClass[] {
  const max = values.reduce((m, v) => Math.max(m, v), 0);
  const classes: MapClass[] = [{ from: 0, to: 0, ...ZERO, label: 'aucun' }];
  if (max <= 0) return classes;
  const step = niceStep(max / STEPS.length);
  for (let i = 0; i < STEPS.length; i++) {
    const from = i * step + 1;
    const to = (i + 1) * step;
    if (from > max) break;
    classes.push({ from, to, ...STEPS[i]!, label: from === to ? formatNumber(from) : `${formatNumber(from)} à ${formatNumber(to)}` });
  }
  return classes;
}

export function classOf(value: number, classes: MapClass[]): MapClass {
  return classes.find((c) => value >= c.from && value <= c.to) ?? classes[classes.length - 1]!;
}

export interface MapShape {
  code: string;
  name: string;
  value: number;
  d: string;
  fill: string;
}

export interface MapText {
  text: string;
  x: number;
  /** Baseline. */
  y: number;
  color: string;
  size: number;
  bold: boolean;
  anchor: 'start' | 'middle';
}

export interface MapLayout {
  width: number;
  height: number;
  /** Outline colour and width of every region. */
  stroke: string;
  strokeWidth: number;
  shapes: MapShape[];
  /** The insets' frames (overseas regions). */
  frames: Array<{ x: number; y: number; w: number; h: number }>;
  swatches: Array<{ x: number; y: number; w: number; h: number; fill: string }>;
  texts: MapText[];
  classes: MapClass[];
}

const LEGEND_TOP = 16;

/** Where every region, value and legend item goes, in points (SVG user units and PDF points alike). */
export function layoutRegionMap(data: RegionMapData): MapLayout {
  const values = new Map(data.values.map((v) => [v.code, v.value]));
  const classes = classBreaks(REGIONS.map((r) => values.get(r.code) ?? 0));
  const shapes: MapShape[] = [];
  const texts: MapText[] = [];
  const frames: MapLayout['frames'] = [];
  const outlinesByCode = regionOutlines();
  for (const r of REGIONS) {
    const outline = outlinesByCode.get(r.code);
    if (!outline) continue;
    const value = values.get(r.code) ?? 0;
    const cls = classOf(value, classes);
    shapes.push({ code: r.code, name: r.name, value, d: outline.d, fill: cls.fill });
    texts.push({ text: formatNumber(value), x: outline.label[0], y: outline.label[1] + 3.5, color: cls.ink, size: 10, bold: true, anchor: 'middle' });
    const inset = MAP_FRAME.insets[r.code];
    if (inset) {
      frames.push(inset.box);
      texts.push({ text: r.name, x: inset.box.x + inset.box.w / 2, y: inset.labelY, color: '#161616', size: 8.5, bold: false, anchor: 'middle' });
    }
  }
  // The legend, under the map: a title, then one swatch and its range per class, on one or two lines.
  const top = MAP_FRAME.mapHeight + LEGEND_TOP;
  texts.push({ text: `Légende (${data.unit}) :`, x: 0, y: top + 10, color: '#161616', size: 10, bold: true, anchor: 'start' });
  const swatches: MapLayout['swatches'] = [];
  let x = 0;
  let y = top + 20;
  for (const c of classes) {
    const w = 14 + 6 + c.label.length * 5.6 + 18;
    if (x + w > MAP_FRAME.width) {
      x = 0;
      y += 20;
    }
    swatches.push({ x, y, w: 14, h: 14, fill: c.fill });
    texts.push({ text: c.label, x: x + 20, y: y + 11, color: '#161616', size: 10, bold: false, anchor: 'start' });
    x += w;
  }
  return { width: MAP_FRAME.width, height: y + 16, stroke: '#3a3a3a', strokeWidth: 0.6, shapes, frames, swatches, texts, classes };
}

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * The map as inline SVG: role="img" named by its <title> and described by its <desc>; the page gives
 * the values in a table too. Presentation attributes only (the CSP allows no inline style).
 */
export function regionMapSvg(data: RegionMapData): string {
  const l = layoutRegionMap(data);
  const id = escapeXml(data.id);
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" class="region-map" viewBox="0 0 ${l.width} ${l.height.toFixed(0)}" width="${l.width}" height="${l.height.toFixed(0)}" role="img" aria-labelledby="${id}-titre ${id}-desc">`,
    `<title id="${id}-titre">${escapeXml(data.title)}</title>`,
    `<desc id="${id}-desc">${escapeXml(data.description)}</desc>`,
  ];
  for (const f of l.frames) parts.push(`<rect x="${f.x}" y="${f.y}" width="${f.w}" height="${f.h}" fill="none" stroke="#929292" stroke-width="0.8"/>`);
  for (const s of l.shapes) parts.push(`<path d="${s.d}" fill="${s.fill}" stroke="${l.stroke}" stroke-width="${l.strokeWidth}" stroke-linejoin="round"/>`);
  for (const s of l.swatches) parts.push(`<rect x="${s.x}" y="${s.y}" width="${s.w}" height="${s.h}" fill="${s.fill}" stroke="${l.stroke}" stroke-width="0.8"/>`);
  for (const t of l.texts) {
    parts.push(
      `<text x="${t.x.toFixed(1)}" y="${t.y.toFixed(1)}" font-size="${t.size}" fill="${t.color}"${t.anchor === 'middle' ? ' text-anchor="middle"' : ''}${t.bold ? ' font-weight="bold"' : ''}>${escapeXml(t.text)}</text>`,
    );
  }
  parts.push('</svg>');
  return parts.join('');
}
