import fs from 'node:fs/promises';
import path from 'node:path';
import type { Knex } from 'knex';
import type { Actor } from '../../shared/actor';
import { analyseImport, hasErrors, type ImportAnalysis } from './analyse-import';
import { bufferSource } from './file-reader';
import { xlsxRefusal } from './xlsx-guard';
import { abandonedPreviews, insertRun, setRunFile } from './queries';

export const UPLOAD_DIR = 'imports';
const PREVIEW_TTL_MS = 24 * 3600 * 1000;

/** Errors as stored with a run: file-level errors carry line 0. */
export function errorsJson(a: Pick<ImportAnalysis, 'fileErrors' | 'errors'>): string {
  return JSON.stringify([...a.fileErrors.map((reason) => ({ line: 0, reason })), ...a.errors]);
}

/** Browsers send non-ASCII file names as UTF-8 bytes that the multipart parser reads as Latin-1. */
export function cleanFileName(original: string): string {
  let name = path.basename(original || 'fichier');
  const utf8 = Buffer.from(name, 'latin1').toString('utf8');
  if (!utf8.includes('\uFFFD') && Buffer.from(utf8, 'utf8').equals(Buffer.from(name, 'latin1'))) name = utf8;
  return name.replace(/[\u0000-\u001f\u007f]/g, '').slice(0, 255) || 'fichier';
}

export type PreviewOutcome = { ok: true; value: { runId: number; analysis: ImportAnalysis } } | { ok: false; errors: { fichier: string } };

/**
 * The DSI uploads a file: every row's fate is decided (nothing is imported) and recorded as a run
 * in the « preview » state. A file without errors waits under DATA_DIR until the DSI launches it.
 * A hostile workbook (zip bomb, renamed file) is refused before anything is recorded.
 * Not audited: nothing changes in the consultation.
 */
export async function previewImport(
  deps: { db: Knex; dataDir: string },
  actor: Actor,
  consultation: { id: number },
  upload: { originalName: string; buffer: Buffer },
): Promise<PreviewOutcome> {
  const { db, dataDir } = deps;
  const fileName = cleanFileName(upload.originalName);
  const source = bufferSource(fileName, upload.buffer);
  const refusal = await xlsxRefusal(source);
  if (refusal) return { ok: false, errors: { fichier: refusal } };
  await forgetAbandonedPreviews(db, dataDir);
  const analysis = await analyseImport(db, consultation.id, source);
  const runId = await insertRun(db, {
    consultation_id: consultation.id,
    created_by: actor.id,
    file_name: fileName,
    file_bytes: upload.buffer.length,
    format: analysis.format ?? 'csv',
    status: 'en_attente',
    rows_total: analysis.rowsTotal,
    to_create: analysis.toCreate,
    already_imported: analysis.alreadyImported,
    error_rows: analysis.errorRows,
    errors_json: errorsJson(analysis),
    preview_json: JSON.stringify(analysis.sample),
  });
  if (!hasErrors(analysis)) {
    const relative = path.join(UPLOAD_DIR, `run-${runId}.upload`);
    await fs.mkdir(path.join(dataDir, UPLOAD_DIR), { recursive: true });
    await fs.writeFile(path.join(dataDir, relative), upload.buffer, { mode: 0o600 });
    await setRunFile(db, runId, relative);
  }
  return { ok: true, value: { runId, analysis } };
}

async function forgetAbandonedPreviews(db: Knex, dataDir: string): Promise<void> {
  for (const run of await abandonedPreviews(db, new Date(Date.now() - PREVIEW_TTL_MS).toISOString())) {
    await fs.rm(path.join(dataDir, run.file_path), { force: true });
    await setRunFile(db, run.id, null);
  }
}
