/**
 * Layouts that run after the request has been answered (a long publication, a long draft PDF): kept
 * here so that a graceful shutdown, or a test, can wait for them.
 */
const jobs = new Set<Promise<void>>();

export function inBackground(job: Promise<void>): void {
  jobs.add(job);
  void job.finally(() => jobs.delete(job));
}

/** Resolves when every background layout of this process is over. */
export async function whitepaperJobsSettled(): Promise<void> {
  while (jobs.size) await Promise.allSettled([...jobs]);
}

/** A layout « en cours » without news for this long was cut short (its process stopped). */
const STALE_LAYOUT_MS = 5 * 60 * 1000;
export const isStale = (job: { updated_at: Date }): boolean => Date.now() - job.updated_at.getTime() > STALE_LAYOUT_MS;
/** What a stale layout is marked with when it is found (a running one would otherwise block the next forever). */
export const STALE_ERROR = 'interrompue (aucune nouvelle depuis plusieurs minutes)';

/** The reason stored for a failed layout, bounded. */
export const failureReason = (err: unknown): string => (err instanceof Error ? err.message.slice(0, 500) : String(err));

/**
 * The renderer's progress callback, writing at most twice a second: enough for the progress page,
 * light for the database.
 */
export function progressWriter(write: (done: number, total: number) => Promise<void>): (done: number, total: number) => Promise<void> {
  let last = 0;
  return async (done, total) => {
    if (Date.now() - last < 500) return;
    last = Date.now();
    await write(done, total);
  };
}
