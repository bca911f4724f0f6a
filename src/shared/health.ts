import type { Knex } from 'knex';

/**
 * What `GET /healthz` answers: from memory, plus a bounded database ping (issue 13, item 2), so that a
 * probe never waits behind a slow page, a long write or a pool that is all taken.
 *
 * - At most ONE ping is in flight: probes arriving while it runs share it, they never queue more.
 * - A ping's result is reused for `cacheMs` (1 s): a probe storm costs one query per second.
 * - A probe waits for a ping at most `timeoutMs` (20 ms); past that it answers from the last known
 *   state, marked `stale: true` with its age (`ageMs`), and the ping goes on in the background.
 * - Before any ping has answered (the instance just started), the probe waits for the first one up
 *   to `firstTimeoutMs` (5 s): there is no state to answer from.
 * - A ping left unanswered for `staleLimitMs` (30 s) makes the database unreachable (503), so a
 *   balancer takes the instance out. The clock runs from the moment the database was asked, not from
 *   the last success: after a quiet minute with no probe, one ping slower than `timeoutMs` must not
 *   read as a database silent for a minute (it did: 503 after any idle spell, found by bench:scale).
 *
 * The answer: 200 `{ status: 'ok', database: { status: 'ok', client, stale, ageMs } }`, or 503
 * `{ status: 'error', database: { status: 'unreachable' | 'unknown', client, stale, ageMs } }`.
 */
export interface HealthOptions {
  timeoutMs?: number;
  cacheMs?: number;
  staleLimitMs?: number;
  /** The very first probe, with nothing known yet, waits for its ping this long (5 s). */
  firstTimeoutMs?: number;
  /** The clock (tests). */
  now?: () => number;
}

export interface HealthReport {
  httpStatus: 200 | 503;
  body: {
    status: 'ok' | 'error';
    database: { status: 'ok' | 'unreachable' | 'unknown'; client: 'postgresql' | 'sqlite'; stale: boolean; ageMs: number | null };
  };
}

export interface HealthProbe {
  report(): Promise<HealthReport>;
}

export function createHealthProbe(db: Knex, options: HealthOptions = {}): HealthProbe {
  const timeoutMs = options.timeoutMs ?? 20;
  const cacheMs = options.cacheMs ?? 1000;
  const staleLimitMs = options.staleLimitMs ?? 30_000;
  const firstTimeoutMs = options.firstTimeoutMs ?? 5000;
  const now = options.now ?? Date.now;
  const client = db.client.config.client === 'pg' ? 'postgresql' : 'sqlite';

  /** The last ping that finished: when it started, and whether the database answered. */
  let last: { at: number; ok: boolean } | null = null;
  /** The moment of the last success (a failure after it does not erase it). */
  let lastOkAt: number | null = null;
  let inFlight: Promise<void> | null = null;
  /** When the ping in flight was sent: how long the database has been asked without answering. */
  let askedAt = 0;

  function ping(): Promise<void> {
    if (inFlight) return inFlight;
    const started = now();
    askedAt = started;
    inFlight = db
      .raw('select 1')
      .then(
        () => {
          last = { at: started, ok: true };
          lastOkAt = started;
        },
        () => {
          last = { at: started, ok: false };
        },
      )
      .finally(() => {
        inFlight = null;
      });
    return inFlight;
  }

  function answer(stale: boolean): HealthReport {
    const t = now();
    if (last && !stale) {
      const ageMs = Math.max(0, t - last.at);
      return last.ok
        ? { httpStatus: 200, body: { status: 'ok', database: { status: 'ok', client, stale: false, ageMs } } }
        : { httpStatus: 503, body: { status: 'error', database: { status: 'unreachable', client, stale: false, ageMs } } };
    }
    // The ping is late: the last known state, if it is recent enough.
    if (last && !last.ok) return { httpStatus: 503, body: { status: 'error', database: { status: 'unreachable', client, stale: true, ageMs: t - last.at } } };
    if (lastOkAt !== null && (!inFlight || t - askedAt <= staleLimitMs)) {
      return { httpStatus: 200, body: { status: 'ok', database: { status: 'ok', client, stale: true, ageMs: t - lastOkAt } } };
    }
    return {
      httpStatus: 503,
      body: { status: 'error', database: { status: lastOkAt === null ? 'unknown' : 'unreachable', client, stale: true, ageMs: lastOkAt === null ? null : t - lastOkAt } },
    };
  }

  return {
    async report() {
      if (last && now() - last.at < cacheMs && !inFlight) return answer(false);
      let timer: NodeJS.Timeout | undefined;
      // Nothing known yet (the instance just started; on PostgreSQL the first ping opens a
      // connection): that one ping may take up to firstTimeoutMs.
      const wait = last === null ? firstTimeoutMs : timeoutMs;
      const late = new Promise<'late'>((resolve) => {
        timer = setTimeout(() => resolve('late'), wait);
      });
      const outcome = await Promise.race([ping().then(() => 'done' as const), late]);
      clearTimeout(timer);
      return answer(outcome === 'late');
    },
  };
}
