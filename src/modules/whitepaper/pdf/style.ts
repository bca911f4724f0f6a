/**
 * The look of the white paper: A4, generous margins (lines of about 85 characters), the blue of the
 * French public services for headings and bars, body text at 10.5 pt with an open leading.
 */
export const PAGE = { width: 595.28, height: 841.89, left: 70, right: 70, top: 76, bottom: 72 };
export const CONTENT_WIDTH = PAGE.width - PAGE.left - PAGE.right;
export const MAX_Y = PAGE.height - PAGE.bottom;

export const BLUE = '#000091';
export const TEXT = '#161616';
export const MUTED = '#53535f';
export const LIGHT_BLUE = '#e3e3fd';
/** Bar beside quotations. */
export const QUOTE_BAR = '#9a9af0';
export const RULE = '#c8c8d8';
export const WHITE = '#ffffff';

export const BODY = { size: 10.5, lh: 15.5 };
export const SMALL = { size: 9, lh: 12.5 };
/** Space kept after a heading: the heading never ends a page alone (about three lines of what follows). */
export const KEEP_AFTER_HEADING = 3 * BODY.lh;
export const BLOCK_GAP = 7;

export const HEADINGS: Record<number, { size: number; lh: number; font: 'bold' | 'semibold'; color: string; before: number; after: number }> = {
  1: { size: 22, lh: 27, font: 'bold', color: BLUE, before: 0, after: 14 },
  2: { size: 14.5, lh: 18.5, font: 'semibold', color: BLUE, before: 16, after: 5 },
  3: { size: 12, lh: 15.5, font: 'semibold', color: BLUE, before: 11, after: 3 },
  4: { size: 11, lh: 14.5, font: 'semibold', color: TEXT, before: 9, after: 2 },
  5: { size: 10.5, lh: 14, font: 'semibold', color: TEXT, before: 8, after: 2 },
  6: { size: 10.5, lh: 14, font: 'semibold', color: TEXT, before: 8, after: 2 },
};
