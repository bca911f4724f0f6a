/**
 * The one way a long task runs in the background (an import, a white paper's publication, a draft
 * PDF): the same states, the same progress rhythm, the same staleness rule, the same failure capture,
 * and one set of running jobs that a graceful shutdown (or a test) waits for.
 *
 * The helper writes no table: each module owns its job rows and hands in a JobStore that writes them.
 */
import { toDate } from './db';
import { registerMessages, t } from './i18n';
import { asWriter } from './read-routing';

registerMessages({
  // Stored as the failure reason of a job found stale (shown after « a échoué » on the job's page).
  'jobs.stale': 'interrompue (aucune nouvelle depuis plusieurs minutes)',
});

/**
 * The states of every job row, stored as is: en_attente (prepared, not launched — an import's
 * preview), en_cours, terminee, echouee. Pages show them through each module's French labels.
 */
export const JOB_STATUSES = ['en_attente', 'en_cours', 'terminee', 'echouee'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

/**
 * A job « en_cours » whose row has not been touched for this long, and that does not run in this
 * process, was cut short (its process stopped). Long enough for the longest silent job: an import
 * on SQLite writes no progress until its single transaction commits, and one run from the command
 * line is not in the web server's set.
 */
export const JOB_STALE_MS = 15 * 60 * 1000;

/** Progress is written at most this often (plus the last step): enough for the page polling every 2 s, light for the database. */
export const PROGRESS_EVERY_MS = 500;

/** Failure reasons are stored bounded: they are shown on a page, not used as a log. */
const REASON_MAX = 500;

/** Writes a job's own row, in its module's table. */
export interface JobStore {
  /** Records how far the job is (and so touches the row). Absent when progress cannot be written while the job runs. */
  progress?(done: number, total: number): Promise<void>;
  /** Marks the row « echouee » with the reason users will read. */
  fail(reason: string): Promise<void>;
}

export type Progress = (done: number, total: number) => Promise<void>;

export interface JobSpec {
  /** What kind of job (one word per module's job table), so that staleness knows which rows run here. */
  kind: string;
  /** The job's row id in its module's table. */
  id: number;
  store: JobStore;
  logger: { error(obj: object, msg: string): void };
  /** The log line written when the work throws. */
  failureLog: string;
  /** The reason stored when the work throws; by default the error's message. */
  reasonFor?: (err: unknown) => string;
}

interface Running {
  key: string;
  settled: Promise<void>;
}

// Jobs running in this process: shutdown waits for them, and they are never judged stale.
const running = new Set<Running>();

const keyOf = (kind: string, id: number) => `${kind}:${id}`;

/** Whether this process runs the job (its row may look silent, as an import's on SQLite). */
export function runsHere(kind: string, id: number): boolean {
  const key = keyOf(kind, id);
  for (const job of running) if (job.key === key) return true;
  return false;
}

/** The reason stored for a failure, bounded. */
export const failureReason = (err: unknown): string => (err instanceof Error ? err.message : String(err)).slice(0, REASON_MAX);

/**
 * A progress callback writing at most once per `everyMs`, and always the last step (done ≥ total),
 * so that the page ends on the true figure. A failed write is logged and ignored: progress is only
 * information, and must not fail the work it reports on.
 */
export function throttledProgress(
  write: (done: number, total: number) => Promise<void>,
  onError: (err: unknown) => void,
  everyMs = PROGRESS_EVERY_MS,
): Progress {
  let last = -Infinity;
  return async (done, total) => {
    const now = Date.now();
    if (now - last < everyMs && done < total) return;
    last = now;
    await write(done, total).catch(onError);
  };
}

/**
 * Runs `work` as a tracked job: its progress is throttled to the store, a throw is logged and stored
 * as the row's failure reason, and shutdown waits for it. The work itself marks the row « terminee »
 * (usually in the same transaction as its result). The returned promise never rejects: await it to
 * run the job within a request, or leave it to run in the background.
 */
export function startJob(spec: JobSpec, work: (progress: Progress) => Promise<void>): Promise<void> {
  const { store, logger } = spec;
  const where = { job: spec.kind, id: spec.id };
  const progress: Progress = store.progress
    ? // On the writer whatever context the progress is reported from (a worker's message, a timer).
      throttledProgress((done, total) => asWriter(() => store.progress!(done, total)), (err) => logger.error({ err, ...where }, 'échec de l’écriture de la progression'))
    : async () => undefined;
  const entry: Running = { key: keyOf(spec.kind, spec.id), settled: Promise.resolve() };
  running.add(entry);
  // On the writer, even when a page (a GET, on the readers) started it: a job writes its progress.
  entry.settled = asWriter(async () => {
    try {
      await work(progress);
    } catch (err) {
      logger.error({ err, ...where }, spec.failureLog);
      await store.fail((spec.reasonFor ?? failureReason)(err)).catch((e: unknown) => logger.error({ err: e, ...where }, 'échec de l’enregistrement de l’échec'));
    } finally {
      running.delete(entry);
    }
  });
  return entry.settled;
}

/** Resolves when every job of this process is over, including those started while waiting (graceful shutdown, tests). */
export async function jobsSettled(): Promise<void> {
  while (running.size) await Promise.allSettled([...running].map((j) => j.settled));
}

/** The staleness rule, the same for every job: « en_cours », not running here, and silent for JOB_STALE_MS. */
export function isStale(kind: string, job: { id: number; status: string; updated_at: unknown }, now = Date.now()): boolean {
  if (job.status !== 'en_cours' || runsHere(kind, job.id)) return false;
  return now - (toDate(job.updated_at)?.getTime() ?? 0) > JOB_STALE_MS;
}

/**
 * Fails a stale job with a stated reason, so that it no longer blocks the next one; returns whether
 * it was stale. `fail` is the module's own write (its JobStore's).
 */
export async function failIfStale(
  kind: string,
  job: { id: number; status: string; updated_at: unknown },
  fail: (reason: string) => Promise<void>,
  reason = t('jobs.stale'),
): Promise<boolean> {
  if (!isStale(kind, job)) return false;
  await fail(reason);
  return true;
}
