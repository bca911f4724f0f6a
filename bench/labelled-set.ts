import fs from 'node:fs';
import path from 'node:path';
import type { Doc } from '../src/modules/similarity';

/**
 * A labelled set of paraphrases (bench/labelled/paraphrases.json, or any file in the same format, such
 * as a held-out set): groups of texts that say the same thing, and distractors that belong with
 * no one, each in the "train" or the "dev" half.
 */
export interface LabelledFile {
  groups: Array<{ key?: string; split?: string; texts: string[] }>;
  distractors: Array<{ split?: string; text: string }>;
}

export interface LabelledSet {
  docs: Doc[];
  labelOf: Map<number, string | null>;
  groups: number;
}

export const DEFAULT_LABELLED_FILE = path.resolve(__dirname, '..', '..', 'bench', 'labelled', 'paraphrases.json');

export function readLabelled(file = DEFAULT_LABELLED_FILE): LabelledFile {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as LabelledFile;
}

/** The documents of one split ('all' for both), numbered from 1 in file order. */
export function labelledSet(file: LabelledFile, split: 'train' | 'dev' | 'blind' | 'all'): LabelledSet {
  const docs: Doc[] = [];
  const labelOf = new Map<number, string | null>();
  let groups = 0;
  const keep = (s: string | undefined) => split === 'all' || (s ?? 'train') === split;
  file.groups.forEach((g, i) => {
    if (!keep(g.split)) return;
    groups++;
    for (const text of g.texts) {
      const id = docs.length + 1;
      docs.push({ id, text });
      labelOf.set(id, g.key ?? `g${i}`);
    }
  });
  for (const d of file.distractors) {
    if (!keep(d.split)) continue;
    const id = docs.length + 1;
    docs.push({ id, text: d.text });
    labelOf.set(id, null);
  }
  return { docs, labelOf, groups };
}
