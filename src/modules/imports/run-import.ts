import './messages';
import type { Knex } from 'knex';
import { insertImportedRows, rawContributionRow } from '../contributions';
import { recordAudit } from '../audit';
import { t } from '../../shared/i18n';
import { ImportFileError, openImportFile, type ImportSource } from './file-reader';
import { BATCH_SIZE, MAX_LISTED_ERRORS, type LineError } from './analyse-import';
import { batches, loadContext, resolveBatch } from './resolve-rows';
import { finishRun } from './queries';
import { IMPORT_MAX_ROWS, mapColumns } from './row-rules';

export interface RunInput {
  consultationId: number;
  /** The importer: recorded as created_by and in the audit log, never as the author. */
  actorId: number | null;
  source: ImportSource;
  /** The import_runs row to close as done in the same transaction. */
  runId?: number;
  requestId?: string;
  via?: 'web' | 'cli';
  maxRows?: number;
  /** Called after each batch with the number of rows read so far. */
  onProgress?: (rowsDone: number) => void | Promise<void>;
}

export type RunOutcome =
  | { ok: true; rowsTotal: number; created: number; skipped: number }
  | { ok: false; fileErrors: string[]; errorRows: number; errors: LineError[]; rowsTotal: number };

const INSERT_SLICE = 250;

class Rejected extends Error {
  constructor(readonly outcome: Extract<RunOutcome, { ok: false }>) {
    super('import rejected');
  }
}

/**
 * Imports the file in ONE transaction: all rows or none. Every row is checked again (the database
 * may have changed since the preview); at the first error nothing more is inserted, the remaining
 * rows are still checked so that every error is reported, and the transaction is rolled back.
 * Idempotent: a row whose import key already exists in the consultation is skipped (the unique
 * (consultation_id, import_key) index decides, even against an import running at the same time).
 */
export async function runImport(db: Knex, input: RunInput): Promise<RunOutcome> {
  try {
    return await db.transaction(async (trx) => {
      const file = await openImportFile(input.source, input.maxRows ?? IMPORT_MAX_ROWS);
      const columns = mapColumns(file.headers);
      if (!columns.ok) throw new Rejected({ ok: false, fileErrors: [columns.error], errorRows: 0, errors: [], rowsTotal: 0 });
      const ctx = await loadContext(trx, input.consultationId);
      const seen = new Map<string, number>();
      const errors: LineError[] = [];
      let errorRows = 0;
      let rowsTotal = 0;
      let created = 0;
      let skipped = 0;
      for await (const batch of batches(file.records, BATCH_SIZE)) {
        const resolved = await resolveBatch(trx, ctx, columns.map, batch, input.actorId);
        const rows: Array<Record<string, unknown>> = [];
        for (const r of resolved) {
          rowsTotal++;
          if (r.key) {
            const first = seen.get(r.key);
            if (first !== undefined) r.reasons.push(t('imports.row.duplicate', { line: first }));
            else seen.set(r.key, r.line);
          }
          if (r.reasons.length) {
            errorRows++;
            if (errors.length < MAX_LISTED_ERRORS) errors.push({ line: r.line, reason: r.reasons.join(' ') });
          } else if (errorRows === 0) rows.push(rawContributionRow(r.contribution!));
        }
        // SQLite turns a multi-row insert into a compound SELECT, limited to 500 terms: insert by halves.
        for (let i = 0; errorRows === 0 && i < rows.length; i += INSERT_SLICE) {
          const slice = rows.slice(i, i + INSERT_SLICE);
          const inserted = await insertImportedRows(trx, slice);
          created += inserted.length;
          skipped += slice.length - inserted.length;
        }
        await input.onProgress?.(rowsTotal);
      }
      if (rowsTotal === 0) throw new Rejected({ ok: false, fileErrors: [t('imports.file.noData')], errorRows: 0, errors: [], rowsTotal });
      if (errorRows > 0) throw new Rejected({ ok: false, fileErrors: [], errorRows, errors, rowsTotal });

      if (input.runId) {
        await finishRun(trx, input.runId, { status: 'terminee', rows_total: rowsTotal, rows_done: rowsTotal, created, skipped });
      }
      await recordAudit(trx, {
        actorId: input.actorId,
        action: 'import.run',
        objectType: 'import_run',
        objectId: input.runId ?? null,
        consultationId: input.consultationId,
        after: { file: input.source.name, format: file.format, rows: rowsTotal, created, skipped, via: input.via ?? 'web' },
        requestId: input.requestId,
      });
      return { ok: true as const, rowsTotal, created, skipped };
    });
  } catch (err) {
    if (err instanceof Rejected) return err.outcome;
    if (err instanceof ImportFileError) return { ok: false, fileErrors: [err.message], errorRows: 0, errors: [], rowsTotal: 0 };
    throw err;
  }
}
