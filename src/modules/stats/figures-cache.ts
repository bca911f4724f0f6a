import type { Db } from '../../shared/db';
import { utcToParis } from '../../shared/paris-time';

/**
 * The participation figures kept in memory per consultation, so that the public page, the DSI's
 * figures and the exports do not recount a million contributions at each request. Still computed by
 * the one function of each figure (figures.ts, queries.ts), never counted by hand: the cache only
 * decides WHEN they are computed again.
 *
 * Invalidation: every read first reads the consultation's data stamp from the database (figuresStamp:
 * a few index lookups, whatever the number of contributions) — so a write by this instance or by any
 * other one sharing the database is seen by the next read. Same stamp → the figures kept (exact).
 * Changed stamp:
 *   - a consultation of at most `syncLimit` contributions (counted with a LIMIT: a few ms at most) has
 *     its figures computed again within the request: the next read shows the write;
 *   - larger ones are computed again in the background, at most once every `refreshMs`, while the
 *     pages show the previous figures with the time they were last known current (« chiffres à jour à
 *     14 h 02 »). Freshness bound: `refreshMs` plus one computation, during a burst of writes.
 * One computation at a time per consultation and kind, shared by the requests that wait for it.
 *
 * Not in the stamp: a structure moving to another region (as for the word cloud's cache).
 */

/** A large consultation's figures are computed again at most this often during a burst of writes. */
export const FIGURES_REFRESH_MS = 5000;
/** Up to this many contributions, changed figures are computed again within the request. */
export const FIGURES_SYNC_LIMIT = 10_000;

export interface CacheOptions {
  refreshMs?: number;
  syncLimit?: number;
}

export interface Cached<T> {
  value: T;
  /** When the figures were last known to match the data. */
  asOf: Date;
  /** false: the data changed since, the figures shown are being computed again (within the bound). */
  current: boolean;
}

interface Entry {
  stamp: string;
  value: unknown;
  computedAt: number;
  asOf: number;
  refreshing: boolean;
}

const caches = new WeakMap<Db, Map<string, Entry>>();
const pending = new WeakMap<Db, Map<string, Promise<Entry>>>();

function mapOf<V>(store: WeakMap<Db, Map<string, V>>, db: Db): Map<string, V> {
  let map = store.get(db);
  if (!map) store.set(db, (map = new Map()));
  return map;
}

/**
 * What any change to the figures' data changes: the newest contribution and the latest change of one
 * (index lookups on (consultation_id, id) and (consultation_id, updated_at)), and the number and latest
 * change of the consultation's workshops, attendances, consolidated contributions, needs and proposals
 * (small tables). One statement, one round trip.
 */
export async function figuresStamp(db: Db, consultationId: number): Promise<string> {
  const id = consultationId;
  const res = await db.raw(
    `select
       (select max(id) from raw_contributions where consultation_id = ?) as rc_id,
       (select max(updated_at) from raw_contributions where consultation_id = ?) as rc_at,
       (select count(*) from workshops where consultation_id = ?) as w_n,
       (select max(updated_at) from workshops where consultation_id = ?) as w_at,
       (select count(*) from workshop_registrations r join workshops w on w.id = r.workshop_id where w.consultation_id = ?) as r_n,
       (select max(r.updated_at) from workshop_registrations r join workshops w on w.id = r.workshop_id where w.consultation_id = ?) as r_at,
       (select count(*) from consolidated_contributions where consultation_id = ?) as cc_n,
       (select max(updated_at) from consolidated_contributions where consultation_id = ?) as cc_at,
       (select count(*) from needs where consultation_id = ?) as n_n,
       (select max(updated_at) from needs where consultation_id = ?) as n_at,
       (select count(*) from functional_proposals fp join needs n on n.id = fp.need_id where n.consultation_id = ?) as fp_n,
       (select max(fp.updated_at) from functional_proposals fp join needs n on n.id = fp.need_id where n.consultation_id = ?) as fp_at`,
    Array(12).fill(id),
  );
  const row = (Array.isArray(res) ? res[0] : res.rows[0]) as Record<string, unknown>;
  return JSON.stringify(Object.values(row).map((v) => (v instanceof Date ? v.toISOString() : v == null ? null : String(v))));
}

async function compute<T>(db: Db, key: string, stamp: string, fn: () => Promise<T>): Promise<Entry> {
  const inFlight = mapOf(pending, db);
  const running = inFlight.get(key);
  if (running) return running;
  const job = (async () => {
    const started = Date.now();
    const value = await fn();
    const entry: Entry = { stamp, value, computedAt: started, asOf: started, refreshing: false };
    mapOf(caches, db).set(key, entry);
    return entry;
  })();
  inFlight.set(key, job);
  try {
    return await job;
  } finally {
    inFlight.delete(key);
  }
}

/** Whether the consultation has at most `limit` contributions, counted no further than limit + 1. */
async function atMost(db: Db, consultationId: number, limit: number): Promise<boolean> {
  if (limit <= 0) return false;
  const inner = db('raw_contributions').where('consultation_id', consultationId).select('id').limit(limit + 1);
  const row = (await db.count({ n: '*' }).from(inner.as('x')).first()) as { n?: number | string } | undefined;
  return Number(row?.n ?? 0) <= limit;
}

/** A figure (or a set of figures) of a consultation, through the cache (see above). */
export async function cachedFigure<T>(db: Db, consultationId: number, kind: string, fn: () => Promise<T>, options: CacheOptions = {}): Promise<Cached<T>> {
  const refreshMs = options.refreshMs ?? FIGURES_REFRESH_MS;
  const syncLimit = options.syncLimit ?? FIGURES_SYNC_LIMIT;
  const key = `${consultationId}:${kind}`;
  const stamp = await figuresStamp(db, consultationId);
  const entry = mapOf(caches, db).get(key);
  const now = Date.now();
  if (entry && entry.stamp === stamp) {
    entry.asOf = now;
    return { value: entry.value as T, asOf: new Date(now), current: true };
  }
  if (!entry || (await atMost(db, consultationId, syncLimit))) {
    const fresh = await compute(db, key, stamp, fn);
    return { value: fresh.value as T, asOf: new Date(fresh.asOf), current: true };
  }
  // A large consultation whose data changed: the figures kept, computed again in the background at
  // most once every refreshMs (the stamp is read again at that time, so the burst's last write counts).
  if (!entry.refreshing) {
    entry.refreshing = true;
    const timer = setTimeout(() => {
      void figuresStamp(db, consultationId)
        .then((s) => compute(db, key, s, fn))
        .catch(() => {
          entry.refreshing = false; // the next read tries again
        });
    }, Math.max(0, entry.computedAt + refreshMs - now));
    timer.unref?.();
  }
  return { value: entry.value as T, asOf: new Date(entry.asOf), current: false };
}

/** « 14 h 02 »: the Paris time at which figures were known current, as the pages say it. */
export function asOfLabel(at: Date): string {
  const [h, m] = utcToParis(at).time.split(':');
  return `${Number(h)} h ${m}`;
}
