import './messages';
import fs from 'node:fs';
import path from 'node:path';
import type { Knex } from 'knex';
import type { Logger } from '../../shared/logger';
import { isPostgres } from '../../shared/db';
import { Result, invalid, ok } from '../../shared/http/errors';
import { startJob, type JobStore } from '../../shared/jobs';
import { t } from '../../shared/i18n';
import type { Actor } from '../../shared/actor';
import { fileSource } from './file-reader';
import { claimRun, finishRun, updateRunProgress, type ImportRunRow } from './queries';
import { runImport } from './run-import';

/**
 * Up to this many rows the import runs within the request (the DSI sees the result at once, with or
 * without JavaScript). Beyond it, it runs in the background of this process and the run's page
 * shows its progress. Either way it is the same single transaction.
 */
export const SYNC_MAX_ROWS = 5_000;
/** The imports' kind of job (see shared/jobs): staleness and shutdown know a run by it and its id. */
export const IMPORT_JOB = 'import';

/**
 * Writes of a run's row for the job helper. Progress, on PostgreSQL only: it goes through another
 * pooled connection, so the run's page sees it at once. On SQLite the app's only connection is held
 * by the import's transaction, so a progress write would wait for the very transaction it reports
 * on; the page shows the outcome once the transaction commits.
 */
function runStore(db: Knex, runId: number): JobStore {
  return {
    progress: isPostgres(db) ? (rowsDone) => updateRunProgress(db, runId, rowsDone) : undefined,
    fail: (reason) => finishRun(db, runId, { status: 'echouee', errors_json: JSON.stringify([{ line: 0, reason }]) }),
  };
}

function execute(deps: { db: Knex; logger: Logger }, actorId: number, run: ImportRunRow, file: string, requestId?: string): Promise<void> {
  const { db, logger } = deps;
  const spec = {
    kind: IMPORT_JOB,
    id: run.id,
    store: runStore(db, run.id),
    logger,
    failureLog: "échec inattendu de l'import de contributions",
    // The DSI reads what to do, not the internal error (which is in the log).
    reasonFor: () => t('imports.run.unexpected'),
  };
  return startJob(spec, async (progress) => {
    try {
      const outcome = await runImport(db, {
        consultationId: run.consultation_id,
        actorId,
        source: fileSource(run.file_name, file),
        runId: run.id,
        requestId,
        via: 'web',
        onProgress: (rowsDone) => progress(rowsDone, run.rows_total),
      });
      if (!outcome.ok) {
        await finishRun(db, run.id, {
          status: 'echouee',
          rows_done: outcome.rowsTotal,
          error_rows: outcome.errorRows,
          errors_json: JSON.stringify([...outcome.fileErrors.map((reason) => ({ line: 0, reason })), ...outcome.errors]),
        });
      }
    } finally {
      await fs.promises.rm(file, { force: true });
    }
  });
}

/** The DSI launches a previewed import: synchronously when small, in the background otherwise. */
export async function launchImport(
  deps: { db: Knex; dataDir: string; logger: Logger },
  actor: Actor,
  run: ImportRunRow,
  requestId?: string,
): Promise<Result<{ background: boolean }>> {
  const { db, dataDir } = deps;
  if (run.error_rows > 0 || !run.file_path) {
    const reason = run.status === 'en_attente' ? t('imports.run.hasErrors') : t('imports.run.alreadyStarted');
    return invalid({ _form: t('imports.run.notLaunchable', { reason }) }, run.status === 'en_attente' ? 422 : 409);
  }
  if (!(await claimRun(db, run.id))) return invalid({ _form: t('imports.run.notLaunchable', { reason: t('imports.run.alreadyStarted') }) }, 409);
  const file = path.join(dataDir, run.file_path);
  if (!fs.existsSync(file)) {
    await finishRun(db, run.id, { status: 'echouee', errors_json: JSON.stringify([{ line: 0, reason: t('imports.run.fileGone') }]) });
    return invalid({ _form: t('imports.run.notLaunchable', { reason: t('imports.run.fileGone') }) }, 409);
  }
  // Either way a tracked job: shutdown waits for a background one; a small one is awaited here.
  const job = execute(deps, actor.id, run, file, requestId);
  if (run.rows_total <= SYNC_MAX_ROWS) {
    await job;
    return ok({ background: false });
  }
  return ok({ background: true });
}
