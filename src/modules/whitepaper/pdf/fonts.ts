import fs from 'node:fs';
import path from 'node:path';
import type { Pdf, PdfFont, ShapedRun } from './pdfkit-api';

/**
 * Source Sans 3 (SIL Open Font License, npm package `source-sans`), embedded and subset by pdfkit: it
 * has every French character, the guillemets and both non-breaking spaces French typography needs,
 * and no standard-14 font (which would not be embedded) is ever used.
 */
export type FontKey = 'regular' | 'italic' | 'semibold' | 'semiboldItalic' | 'bold';

const FILES: Record<FontKey, string> = {
  regular: 'SourceSans3-Regular.ttf',
  italic: 'SourceSans3-It.ttf',
  semibold: 'SourceSans3-Semibold.ttf',
  semiboldItalic: 'SourceSans3-SemiboldIt.ttf',
  bold: 'SourceSans3-Bold.ttf',
};
export const FONT_KEYS = Object.keys(FILES) as FontKey[];

let loaded: Record<FontKey, Buffer> | null = null;

/** The font files, read once per process (every rendering parses them again: pdfkit subsets per document). */
export function fontFiles(): Record<FontKey, Buffer> {
  if (!loaded) {
    const dir = path.join(path.dirname(require.resolve('source-sans/package.json')), 'TTF');
    loaded = Object.fromEntries(FONT_KEYS.map((k) => [k, fs.readFileSync(path.join(dir, FILES[k]))])) as Record<FontKey, Buffer>;
  }
  return loaded;
}

export const fontName = (key: FontKey): string => `ensemble-${key}`;

/**
 * The faces as parsed by fontkit (pdfkit's font engine), kept for the life of the process: parsing a
 * TrueType file costs more than laying out a hundred pages, and each document (each pass) would do it
 * again. pdfkit accepts a parsed font as a source and still makes its own subset per document.
 */
const parsed: Partial<Record<FontKey, object>> = {};

/** What to give pdfkit for a face: the parsed font once known, the file before. */
export function fontSource(key: FontKey): Buffer | object {
  return parsed[key] ?? fontFiles()[key];
}

/**
 * Shaped words (glyphs and positions), shared by every document of the process: fontkit's shaping is
 * the costliest step of the layout, and pdfkit would otherwise shape each word again for each pass and
 * keep its own unbounded cache per document. Bounded: emptied when it grows past WORDS_KEPT words.
 */
const WORDS_KEPT = 20_000;
const shaped: Record<FontKey, Record<string, unknown>> = Object.fromEntries(FONT_KEYS.map((k) => [k, Object.create(null) as Record<string, unknown>])) as Record<FontKey, Record<string, unknown>>;
let shapedChecked = 0;

/** Empties the shared caches when they have grown too big (called now and then during a layout). */
export function trimFontCaches(fonts: Record<FontKey, PdfFont>): void {
  // Counting keys costs as much as the words counted: done only every few thousand words at most.
  if (++shapedChecked % 500 !== 0) return;
  for (const key of FONT_KEYS) {
    if (Object.keys(shaped[key]).length > WORDS_KEPT) {
      shaped[key] = Object.create(null) as Record<string, unknown>;
      fonts[key].layoutCache = shaped[key];
    }
  }
}

/**
 * Codes, counts and page numbers (« B-01234 », « 1.2 », « 8 015 ») are most of the distinct words of a
 * large white paper (nine in ten at 1 000 needs), and shaping each with fontkit was the costliest step
 * of its layout. Such a word, when every character is in FIGURE_CHARS and every pair of neighbours
 * shapes as the two characters side by side (no kerning, no ligature: checked with fontkit the first
 * time the pair is met, per face), is built from its characters' own runs instead: the same glyphs
 * and positions fontkit gives, for a few map lookups. Any other word is shaped by fontkit.
 */
const FIGURE_CHARS = new Set('0123456789B.,:;-–—()/%#\u00a0\u202f '.split(''));
interface Assembly {
  chars: Map<string, ShapedRun>;
  /** Pair of characters → whether fontkit shapes it as its two characters side by side. */
  pairs: Map<string, boolean>;
}
const assemblies = new WeakMap<object, Assembly>();

function sameRun(a: ShapedRun, b: ShapedRun): boolean {
  if (a.glyphs.length !== b.glyphs.length) return false;
  for (let i = 0; i < a.glyphs.length; i++) {
    const p = a.positions[i]!;
    const q = b.positions[i]!;
    if (a.glyphs[i]!.id !== b.glyphs[i]!.id || p.xAdvance !== q.xAdvance || p.yAdvance !== q.yAdvance || p.xOffset !== q.xOffset || p.yOffset !== q.yOffset) return false;
  }
  return true;
}

function joined(parts: ShapedRun[]): ShapedRun {
  const glyphs: ShapedRun['glyphs'] = [];
  const positions: ShapedRun['positions'] = [];
  let width = 0;
  for (const part of parts) {
    for (let i = 0; i < part.glyphs.length; i++) {
      glyphs.push(part.glyphs[i]!);
      positions.push({ ...part.positions[i]! });
      width += part.positions[i]!.xAdvance;
    }
  }
  return { glyphs, positions, advanceWidth: width };
}

/** Makes `font` assemble figure words from their characters (see FIGURE_CHARS); pdfkit's own shaping otherwise. */
function assembleFigures(font: PdfFont): void {
  const shape = font.layoutRun.bind(font);
  let asm = assemblies.get(font.font);
  if (!asm) assemblies.set(font.font, (asm = { chars: new Map(), pairs: new Map() }));
  const { chars, pairs } = asm;
  const char = (ch: string): ShapedRun => {
    let run = chars.get(ch);
    if (!run) chars.set(ch, (run = shape(ch)));
    return run;
  };
  font.layoutRun = (text: string, features?: unknown): ShapedRun => {
    if (features !== undefined || text.length < 2) return shape(text, features);
    for (let i = 0; i < text.length; i++) if (!FIGURE_CHARS.has(text[i]!)) return shape(text);
    for (let i = 1; i < text.length; i++) {
      const pair = text.slice(i - 1, i + 1);
      let additive = pairs.get(pair);
      if (additive === undefined) pairs.set(pair, (additive = sameRun(shape(pair), joined([char(pair[0]!), char(pair[1]!)]))));
      if (!additive) return shape(text);
    }
    return joined(Array.from(text, char));
  };
}

/** Registers the faces on `pdf` and returns their font objects (for measuring without switching fonts). */
export function registerFonts(pdf: Pdf): Record<FontKey, PdfFont> {
  const fonts = {} as Record<FontKey, PdfFont>;
  for (const key of FONT_KEYS) {
    pdf.registerFont(fontName(key), fontSource(key));
    fonts[key] = pdf.font(fontName(key))._font;
    fonts[key].layoutCache = shaped[key];
    assembleFigures(fonts[key]);
    parsed[key] ??= fonts[key].font;
  }
  pdf.font(fontName('regular'));
  return fonts;
}
