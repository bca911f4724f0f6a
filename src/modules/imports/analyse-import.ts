import type { Db } from '../../shared/db';
import { ImportFileError, openImportFile, type ImportSource } from './file-reader';
import { existingImportKeys } from './queries';
import { batches, loadContext, resolveBatch, type RowDisplay } from './resolve-rows';
import { IMPORT_MAX_ROWS, mapColumns } from './row-rules';
import { t } from '../../shared/i18n';

export const BATCH_SIZE = 500;
/** What the preview keeps for display: counts cover every row, lists only the first ones. */
export const MAX_LISTED_ERRORS = 500;
export const MAX_SAMPLE_ROWS = 200;

export interface LineError {
  line: number;
  reason: string;
}

export interface ImportAnalysis {
  format: 'csv' | 'xlsx' | null;
  encoding: string | null;
  delimiter: string | null;
  /** Errors about the whole file (missing column, malformed, too many rows): nothing can be imported. */
  fileErrors: string[];
  rowsTotal: number;
  toCreate: number;
  alreadyImported: number;
  errorRows: number;
  /** The first MAX_LISTED_ERRORS row errors, in file order. */
  errors: LineError[];
  /** The first MAX_SAMPLE_ROWS rows with their fate. */
  sample: RowDisplay[];
}

export const hasErrors = (a: Pick<ImportAnalysis, 'fileErrors' | 'errorRows'>) => a.fileErrors.length > 0 || a.errorRows > 0;

/**
 * The preview: reads the whole file as a stream and decides every row's fate (à créer, déjà
 * importée, erreur) without writing anything. Memory stays bounded: counts for every row, the
 * first errors and rows for display, and one key per row to find duplicates inside the file.
 */
export async function analyseImport(
  db: Db,
  consultationId: number,
  source: ImportSource,
  options: { maxRows?: number; onProgress?: (rowsRead: number) => void } = {},
): Promise<ImportAnalysis> {
  const out: ImportAnalysis = {
    format: null,
    encoding: null,
    delimiter: null,
    fileErrors: [],
    rowsTotal: 0,
    toCreate: 0,
    alreadyImported: 0,
    errorRows: 0,
    errors: [],
    sample: [],
  };
  try {
    const file = await openImportFile(source, options.maxRows ?? IMPORT_MAX_ROWS);
    out.format = file.format;
    out.encoding = file.encoding;
    out.delimiter = file.delimiter;
    const columns = mapColumns(file.headers);
    if (!columns.ok) {
      out.fileErrors.push(columns.error);
      return out;
    }
    const ctx = await loadContext(db, consultationId);
    const seen = new Map<string, number>();
    for await (const batch of batches(file.records, BATCH_SIZE)) {
      const resolved = await resolveBatch(db, ctx, columns.map, batch, null);
      for (const r of resolved) {
        if (!r.key) continue;
        const first = seen.get(r.key);
        if (first !== undefined) {
          r.reasons.push(t('imports.row.duplicate', { line: first }));
          r.key = null;
        } else seen.set(r.key, r.line);
      }
      const existing = await existingImportKeys(db, consultationId, resolved.flatMap((r) => (r.key ? [r.key] : [])));
      for (const r of resolved) {
        out.rowsTotal++;
        const fate = r.reasons.length ? 'erreur' : existing.has(r.key!) ? 'deja_importee' : 'a_creer';
        if (fate === 'erreur') {
          out.errorRows++;
          if (out.errors.length < MAX_LISTED_ERRORS) out.errors.push({ line: r.line, reason: r.reasons.join(' ') });
        } else if (fate === 'deja_importee') out.alreadyImported++;
        else out.toCreate++;
        if (out.sample.length < MAX_SAMPLE_ROWS) out.sample.push({ ...r.display, fate });
      }
      options.onProgress?.(out.rowsTotal);
    }
    if (out.rowsTotal === 0) out.fileErrors.push(t('imports.file.noData'));
  } catch (err) {
    if (!(err instanceof ImportFileError)) throw err;
    out.fileErrors.push(err.message);
  }
  return out;
}
