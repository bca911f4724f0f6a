import type { FontKey } from './fonts';

/**
 * Line breaking done here rather than by pdfkit's text wrapper: the renderer must know a block's
 * height before printing it (a heading is never left alone at the bottom of a page, a quote is not
 * split), and must decide where pages break itself so that the structure tree and the running header
 * stay right. Breaks happen only at ordinary spaces and explicit line breaks: the non-breaking spaces
 * of French typography (U+00A0, U+202F) hold « : » and « » » to their word. A word longer than the
 * line is cut between characters.
 */
export interface TextStyle {
  font: FontKey;
  size: number;
  color: string;
  /** External link (http, https, mailto). */
  href?: string;
  /** Named destination inside the document. */
  goTo?: string;
  underline?: boolean;
}

export interface StyledRun extends TextStyle {
  text: string;
}

export interface Piece {
  text: string;
  style: TextStyle;
  /** Offset from the line's start. */
  x: number;
  width: number;
}

export interface Line {
  pieces: Piece[];
  width: number;
}

/** Width of `text` at 1 pt in `font` (the caller caches). */
export type Measure = (font: FontKey, text: string) => number;

interface Part {
  text: string;
  style: TextStyle;
  width: number;
}
type Item = { kind: 'box'; parts: Part[]; width: number } | { kind: 'glue'; part: Part } | { kind: 'newline' };

const BREAKS = /(\n)|([ \t]+)/;

function itemsOf(runs: StyledRun[], measure: Measure, measureSpaced: Measure): Item[] {
  const items: Item[] = [];
  let box: Extract<Item, { kind: 'box' }> | null = null;
  for (const run of runs) {
    const { text, ...style } = run;
    const tokens = text.split(BREAKS);
    for (let t = 0; t < tokens.length; t++) {
      const token = tokens[t];
      if (token === undefined || token === '') continue;
      if (token === '\n') {
        box = null;
        items.push({ kind: 'newline' });
      } else if (/^[ \t]+$/.test(token)) {
        box = null;
        items.push({ kind: 'glue', part: { text: ' ', style, width: measure(style.font, ' ') * style.size } });
      } else {
        // A word is measured with the space that follows it, as pdfkit shapes (and caches) it when
        // drawing: each word is then shaped once for both passes instead of twice.
        const next = tokens[t + 1] || tokens[t + 2];
        const spaced = next !== undefined && /^[ \t]+$/.test(next);
        const units = spaced ? measureSpaced(style.font, token) - measure(style.font, ' ') : measure(style.font, token);
        const part = { text: token, style, width: units * style.size };
        if (box) {
          box.parts.push(part);
          box.width += part.width;
        } else {
          box = { kind: 'box', parts: [part], width: part.width };
          items.push(box);
        }
      }
    }
  }
  return items;
}

/**
 * Cuts a box wider than a line into pieces that fit: after a hyphen or a slash when one falls in the
 * line (« Nouvelle-|Aquitaine »), otherwise between two characters.
 */
function splitBox(box: Extract<Item, { kind: 'box' }>, width: number, measure: Measure): Part[][] {
  const chars: Array<{ ch: string; style: TextStyle; w: number }> = [];
  for (const part of box.parts) for (const ch of part.text) chars.push({ ch, style: part.style, w: measure(part.style.font, ch) * part.style.size });
  const chunks: Part[][] = [];
  let start = 0;
  while (start < chars.length) {
    let used = 0;
    let end = start;
    let soft = -1;
    while (end < chars.length && (used + chars[end]!.w <= width || end === start)) {
      used += chars[end]!.w;
      if ((chars[end]!.ch === '-' || chars[end]!.ch === '/') && end + 1 < chars.length) soft = end + 1;
      end++;
    }
    if (end < chars.length && soft > start) end = soft;
    chunks.push(toParts(chars.slice(start, end)));
    start = end;
  }
  return chunks;
}

function toParts(chars: Array<{ ch: string; style: TextStyle; w: number }>): Part[] {
  const parts: Part[] = [];
  for (const c of chars) {
    const last = parts[parts.length - 1];
    if (last && last.style === c.style) {
      last.text += c.ch;
      last.width += c.w;
    } else parts.push({ text: c.ch, style: c.style, width: c.w });
  }
  return parts;
}

export function breakLines(runs: StyledRun[], width: number, measure: Measure, measureSpaced: Measure = (f, w) => measure(f, `${w} `)): Line[] {
  const lines: Line[] = [];
  let parts: Part[] = [];
  let used = 0;
  let glue: Part | null = null;
  const finish = (trailing: Part | null) => {
    // The space at a line's end is kept as text (invisible): tagged PDF wants every word separator.
    if (trailing && parts.length) parts.push({ ...trailing, width: 0 });
    lines.push(toLine(parts, used));
    parts = [];
    used = 0;
  };
  for (const item of itemsOf(runs, measure, measureSpaced)) {
    if (item.kind === 'newline') {
      finish(null);
      glue = null;
    } else if (item.kind === 'glue') {
      if (parts.length) glue = item.part;
    } else {
      const gw = glue && parts.length ? glue.width : 0;
      if (parts.length && used + gw + item.width <= width) {
        if (glue) parts.push(glue);
        parts.push(...item.parts);
        used += gw + item.width;
      } else {
        if (parts.length) finish(glue);
        if (item.width <= width) {
          parts.push(...item.parts);
          used = item.width;
        } else {
          const chunks = splitBox(item, width, measure);
          chunks.forEach((chunk, i) => {
            parts.push(...chunk);
            used = chunk.reduce((s, p) => s + p.width, 0);
            if (i < chunks.length - 1) finish(null);
          });
        }
      }
      glue = null;
    }
  }
  if (parts.length) finish(null);
  return lines;
}

/** Adjacent parts of the same style become one piece (fewer text operators in the PDF). */
function toLine(parts: Part[], width: number): Line {
  const pieces: Piece[] = [];
  let x = 0;
  for (const p of parts) {
    const last = pieces[pieces.length - 1];
    if (last && last.style === p.style) {
      last.text += p.text;
      last.width += p.width;
    } else pieces.push({ text: p.text, style: p.style, x, width: p.width });
    x += p.width;
  }
  return { pieces, width };
}
