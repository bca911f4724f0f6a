import type { Composer } from './composer';
import type { OutlineItem, StructElem } from './pdfkit-api';
import { BLUE, KEEP_AFTER_HEADING, PAGE } from './style';

/**
 * What the white paper's sections share: the left edge, the table of contents' number column, how
 * often a long list lets the output drain, and how a chapter opens (new page, rule, heading with its
 * destination and bookmark). A leaf, so that sections.ts and each section's file import it alike.
 */
export interface Hooks {
  /** After each need: progress, and a chance for the output to drain. */
  needDone(): Promise<void>;
  /** Every few hundred rows of a long list: lets the output drain. */
  relieve(): Promise<void>;
}

export const LEFT = PAGE.left;
export const NUMBER_COLUMN = 44;
export const RELIEVE_EVERY = 200;

export function printIn(c: Composer, parent: StructElem, tag: string, lines: ReturnType<Composer['lines']>, lh: number): void {
  const el = c.struct(parent, tag);
  c.printLines(el, tag, lines, LEFT, lh);
  el.end();
}

export function chapter(c: Composer, root: StructElem, key: string, title: string): { sect: StructElem; item: OutlineItem | null } {
  c.chapter = title;
  c.newPage();
  c.artifact('Layout', null, () => c.rect(LEFT, c.y, 48, 4, BLUE));
  c.y += 16;
  const sect = c.struct(root, 'Sect');
  const item = c.heading(sect, 1, title, { dest: key, outline: c.outlineRoot, keepWith: KEEP_AFTER_HEADING });
  return { sect, item };
}
