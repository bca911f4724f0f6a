import './messages';
import fs from 'node:fs';
import path from 'node:path';
import type { Knex } from 'knex';
import type { Logger } from '../../shared/logger';
import { isPostgres } from '../../shared/db';
import { Result, invalid, ok } from '../../shared/http/errors';
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
/** A run still « running » without news for this long was cut short (its transaction rolled back). */
export const STALE_RUN_MS = 15 * 60 * 1000;

const jobs = new Set<Promise<void>>();

/** Resolves when every background import of this process has finished (graceful shutdown, tests). */
export async function importsSettled(): Promise<void> {
  while (jobs.size) await Promise.allSettled([...jobs]);
}

/**
 * Where progress goes while the transaction runs. PostgreSQL: through another pooled connection,
 * so the run's page sees it at once. SQLite: the app's only connection is held by the import's
 * transaction, so a progress write would wait for the very transaction it reports on; the page
 * shows the outcome once the transaction commits.
 */
function progressWriter(db: Knex, runId: number): ((rowsDone: number) => Promise<void>) | undefined {
  if (!isPostgres(db)) return undefined;
  return (rowsDone) => updateRunProgress(db, runId, rowsDone);
}

async function execute(deps: { db: Knex; logger: Logger }, actorId: number, run: ImportRunRow, file: string, requestId?: string): Promise<void> {
  const { db, logger } = deps;
  try {
    const outcome = await runImport(db, {
      consultationId: run.consultation_id,
      actorId,
      source: fileSource(run.file_name, file),
      runId: run.id,
      requestId,
      via: 'web',
      onProgress: progressWriter(db, run.id),
    });
    if (!outcome.ok) {
      await finishRun(db, run.id, {
        status: 'failed',
        rows_done: outcome.rowsTotal,
        error_rows: outcome.errorRows,
        errors_json: JSON.stringify([...outcome.fileErrors.map((reason) => ({ line: 0, reason })), ...outcome.errors]),
      });
    }
  } catch (err) {
    logger.error({ err, importRun: run.id }, "échec inattendu de l'import de contributions");
    await finishRun(db, run.id, { status: 'failed', errors_json: JSON.stringify([{ line: 0, reason: t('imports.run.unexpected') }]) }).catch(() => undefined);
  } finally {
    await fs.promises.rm(file, { force: true });
  }
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
    const reason = run.status === 'preview' ? t('imports.run.hasErrors') : t('imports.run.alreadyStarted');
    return invalid({ _form: t('imports.run.notLaunchable', { reason }) }, run.status === 'preview' ? 422 : 409);
  }
  if (!(await claimRun(db, run.id))) return invalid({ _form: t('imports.run.notLaunchable', { reason: t('imports.run.alreadyStarted') }) }, 409);
  const file = path.join(dataDir, run.file_path);
  if (!fs.existsSync(file)) {
    await finishRun(db, run.id, { status: 'failed', errors_json: JSON.stringify([{ line: 0, reason: t('imports.run.fileGone') }]) });
    return invalid({ _form: t('imports.run.notLaunchable', { reason: t('imports.run.fileGone') }) }, 409);
  }
  const job = execute(deps, actor.id, run, file, requestId);
  if (run.rows_total <= SYNC_MAX_ROWS) {
    await job;
    return ok({ background: false });
  }
  jobs.add(job);
  void job.finally(() => jobs.delete(job));
  return ok({ background: true });
}
