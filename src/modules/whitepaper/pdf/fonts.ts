import fs from 'node:fs';
import path from 'node:path';
import type { Pdf, PdfFont } from './pdfkit-api';

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

/** Registers the faces on `pdf` and returns their font objects (for measuring without switching fonts). */
export function registerFonts(pdf: Pdf): Record<FontKey, PdfFont> {
  const fonts = {} as Record<FontKey, PdfFont>;
  for (const key of FONT_KEYS) {
    pdf.registerFont(fontName(key), fontSource(key));
    fonts[key] = pdf.font(fontName(key))._font;
    fonts[key].layoutCache = shaped[key];
    parsed[key] ??= fonts[key].font;
  }
  pdf.font(fontName('regular'));
  return fonts;
}
