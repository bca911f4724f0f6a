import fs from 'node:fs';
import path from 'node:path';
import type { Knex } from 'knex';
import { insertRawContribution } from '../src/modules/contributions';

/**
 * The labelled set of the effort journey (bench/labelled/effort-accompagnement.json, written before
 * any tuning of the plan): 100 new raw contributions of one theme, 10 topics and 5 off-topic texts.
 */
export interface EffortFile {
  theme: { code: string; title: string };
  groups: Array<{ key: string; texts: string[] }>;
  distractors: Array<{ text: string }>;
}

export const EFFORT_FILE = path.resolve(__dirname, '..', '..', 'bench', 'labelled', 'effort-accompagnement.json');
export const OFF_TOPIC = 'hors-sujet';

export function readEffort(file = EFFORT_FILE): EffortFile {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as EffortFile;
}

/**
 * Inserts the set as new raw contributions of its theme, in a fixed interleaved order (as they would
 * arrive from several workshops), each with a reference « EFF-001 »…; returns each new id's label.
 */
export async function importEffortSet(db: Knex, consultationId: number, file = readEffort()): Promise<{ themeId: number; labelOf: Map<number, string> }> {
  const theme = await db('themes').where({ consultation_id: consultationId, code: file.theme.code }).first('id');
  if (!theme) throw new Error(`thème ${file.theme.code} absent`);
  const items: Array<{ label: string; text: string }> = [];
  const queues = [...file.groups.map((g) => g.texts.map((text) => ({ label: g.key, text }))), file.distractors.map((d) => ({ label: OFF_TOPIC, text: d.text }))];
  for (let round = 0; queues.some((q) => q.length); round++) for (const q of queues) if (q.length) items.push(q.shift()!);
  const ids: number[] = [];
  for (const [i, it] of items.entries()) {
    ids.push(await insertRawContribution(db, { consultation_id: consultationId, theme_id: Number(theme.id), source: 'import', created_by: null, reference: `EFF-${String(i + 1).padStart(3, '0')}`, body: it.text }));
  }
  return { themeId: Number(theme.id), labelOf: new Map(ids.map((id, i) => [Number(id), items[i]!.label])) };
}
