/**
 * The word cloud as vector graphics, drawn the same on the web page (SVG) and in the PDF (pdfkit):
 * one deterministic layout computes every word's size, colour and position; each medium only paints
 * them (as shared/charts does for bars). Rows centred one under the other, the most frequent terms in
 * the middle rows; sizes by frequency (square-root scale). Widths are estimated generously from the
 * number of characters (no font metrics), so that no two words overlap whatever the font that paints
 * them; each word is anchored at its centre. The same terms come with an ordered list and their counts,
 * so that the picture is never the only way to read them (RGAA 1.3, WCAG 1.1.1).
 */
export interface CloudData {
  /** Stable id, used for the SVG's title/desc ids. */
  id: string;
  title: string;
  /** What the cloud shows, in a sentence or two (the SVG's <desc>, the PDF figure's alternative text). */
  description: string;
  /** Most frequent first. */
  terms: Array<{ text: string; count: number }>;
}

export interface CloudWord {
  text: string;
  count: number;
  /** Centre of the word. */
  x: number;
  /** Baseline. */
  y: number;
  size: number;
  bold: boolean;
  color: string;
}

export interface CloudLayout {
  width: number;
  height: number;
  words: CloudWord[];
}

export const CLOUD_WIDTH = 540;
export const CLOUD_MIN_SIZE = 11;
export const CLOUD_MAX_SIZE = 34;
/** Dark colours only, each at least 7:1 against white (WCAG 1.4.3, large and small text alike). */
export const CLOUD_COLORS = ['#000091', '#6e2146', '#1d5232', '#5c3d00', '#2a2a6e'] as const;

/** Estimated advance of a word: generous (about the widest common sans-serif, DejaVu Sans). */
export function estimatedWidth(text: string, size: number, bold: boolean): number {
  return [...text].length * size * (bold ? 0.68 : 0.62);
}

/** Font size of a count between the smallest and the largest count shown (square-root scale). */
export function cloudSize(count: number, min: number, max: number): number {
  if (max <= min) return (CLOUD_MIN_SIZE + CLOUD_MAX_SIZE) / 2;
  const t = Math.sqrt((count - min) / (max - min));
  return Math.round((CLOUD_MIN_SIZE + t * (CLOUD_MAX_SIZE - CLOUD_MIN_SIZE)) * 2) / 2;
}

/** Indices ordered from the centre out: 0 in the middle, then 1 after it, 2 before it, 3 after… */
function centreOut<T>(items: T[]): T[] {
  const out: T[] = [];
  items.forEach((item, i) => (i % 2 === 1 ? out.push(item) : out.unshift(item)));
  return out;
}

/** Where every word goes, in points (the SVG's user units and the PDF's points are the same). */
export function layoutCloud(data: CloudData, width = CLOUD_WIDTH): CloudLayout {
  const counts = data.terms.map((t) => t.count);
  const min = Math.min(...counts), max = Math.max(...counts);
  const sized = data.terms.map((t, i) => {
    const size = cloudSize(t.count, min, max);
    const bold = size >= 20;
    const w = Math.min(width, estimatedWidth(t.text, size, bold));
    return { ...t, size, bold, w, color: CLOUD_COLORS[i % CLOUD_COLORS.length]! };
  });
  // Rows filled in order of frequency.
  const rows: Array<typeof sized> = [];
  let row: typeof sized = [];
  let used = 0;
  for (const s of sized) {
    const gap = s.size * 0.6;
    if (row.length && used + gap + s.w > width) {
      rows.push(row);
      row = [];
      used = 0;
    }
    used += (row.length ? gap : 0) + s.w;
    row.push(s);
  }
  if (row.length) rows.push(row);
  const words: CloudWord[] = [];
  let y = 0;
  for (const r of centreOut(rows)) {
    const ordered = centreOut(r);
    const height = Math.max(...r.map((s) => s.size));
    const total = ordered.reduce((n, s, i) => n + s.w + (i ? s.size * 0.6 : 0), 0);
    let x = (width - total) / 2;
    y += height * 1.05;
    ordered.forEach((s, i) => {
      if (i) x += s.size * 0.6;
      words.push({ text: s.text, count: s.count, x: x + s.w / 2, y, size: s.size, bold: s.bold, color: s.color });
      x += s.w;
    });
    y += height * 0.3;
  }
  return { width, height: Math.max(1, Math.ceil(y)), words };
}

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * The cloud as inline SVG: role="img" named by its <title> and described by its <desc>; the page
 * gives the same terms as an ordered list with their counts. No style attribute (strict CSP).
 */
export function cloudSvg(data: CloudData, width = CLOUD_WIDTH): string {
  const l = layoutCloud(data, width);
  const id = escapeXml(data.id);
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" class="word-cloud" viewBox="0 0 ${l.width} ${l.height}" width="${l.width}" height="${l.height}" role="img" aria-labelledby="${id}-titre ${id}-desc">`,
    `<title id="${id}-titre">${escapeXml(data.title)}</title>`,
    `<desc id="${id}-desc">${escapeXml(data.description)}</desc>`,
  ];
  for (const w of l.words) {
    parts.push(`<text x="${w.x.toFixed(1)}" y="${w.y.toFixed(1)}" font-size="${w.size}" fill="${w.color}" text-anchor="middle"${w.bold ? ' font-weight="bold"' : ''}>${escapeXml(w.text)}</text>`);
  }
  parts.push('</svg>');
  return parts.join('');
}
