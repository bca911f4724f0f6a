import type { Knex } from 'knex';
import type { Db } from '../../shared/db';

/**
 * What every request reads about a consultation and which rarely changes — its row, its phases, its
 * themes — kept in memory per app instance (issue 13, item 1), so that a page or a submission does not
 * query them again.
 *
 * Staleness across instances: the table `cache_versions` holds one version per consultation, moved by
 * triggers in the transaction of any write to `consultations`, `consultation_phases` or `themes`. An
 * instance reads that small table (one row per consultation) at most every `checkMs` (1 s by default,
 * CONSULTATION_CACHE_CHECK_MS), one read at a time, and drops a copy whose version is older. A write
 * made through this instance forces that read on the next request once it has committed, so the
 * instance that wrote sees its own change at once; another instance sees it within `checkMs`.
 *
 * Only the app turns it on (createApp → enableConsultationCache): the command line, background jobs
 * and anything that passes a transaction read the database as before. Copies handed out are shallow
 * copies: a caller may not change the cached ones.
 */
export interface CachedConsultation<C, P, T> {
  row: C;
  phases: P[];
  themes: T[];
  version: number;
}

interface Cache {
  checkMs: number;
  /** When the versions were last read (the read's start). */
  lastCheck: number;
  /** Bumped by each write through this instance; `seen` is the value the last read started under. */
  forced: number;
  seen: number;
  checking: Promise<void> | null;
  /** The versions read at the last check. */
  versions: Map<number, number>;
  entries: Map<number, CachedConsultation<any, any, any>>;
  bySlug: Map<string, number>;
}

/** One cache per database (its knex config object, which its transactions share). */
const caches = new WeakMap<object, Cache>();

const keyOf = (db: Db): object => db.client.config as object;

/** `readers`: the readers' knex (shared/db createReadDb) shares the writer's cache, so that a write through the writer is seen by the next read through a reader. */
export function enableConsultationCache(db: Knex, options: { checkMs: number; readers?: Knex }): void {
  const cache: Cache = { checkMs: options.checkMs, lastCheck: 0, forced: 0, seen: 0, checking: null, versions: new Map(), entries: new Map(), bySlug: new Map() };
  caches.set(keyOf(db), cache);
  if (options.readers) caches.set(keyOf(options.readers), cache);
}

export function consultationCacheOf(db: Db): Cache | null {
  if ((db as Knex.Transaction).isTransaction) return null;
  return caches.get(keyOf(db)) ?? null;
}

/** After a write through this instance commits (or now, outside a transaction): the next read checks the versions again. */
export function consultationWritten(db: Db): void {
  const cache = caches.get(keyOf(db));
  if (!cache) return;
  const force = () => {
    cache.forced++;
  };
  force();
  const trx = db as Knex.Transaction;
  if (trx.isTransaction && trx.executionPromise) trx.executionPromise.then(force, force);
}

/**
 * Reads the versions when due: a read that started within `checkMs` before this request (at or after
 * it when 0) and after the last write through this instance. One read at a time; at most two awaited.
 */
async function check(db: Knex, cache: Cache): Promise<void> {
  const arrival = Date.now();
  const wanted = cache.forced;
  const fresh = () => cache.seen >= wanted && (cache.checkMs === 0 ? cache.lastCheck >= arrival : cache.lastCheck > arrival - cache.checkMs);
  while (!fresh()) {
    if (!cache.checking) {
      const started = Date.now();
      const generation = cache.forced;
      cache.checking = (async () => {
        const rows: Array<{ consultation_id: number | string; version: number | string }> = await db('cache_versions').select('consultation_id', 'version');
        cache.versions = new Map(rows.map((r) => [Number(r.consultation_id), Number(r.version)]));
        cache.lastCheck = Math.max(cache.lastCheck, started);
        cache.seen = Math.max(cache.seen, generation);
      })().finally(() => {
        cache.checking = null;
      });
    }
    await cache.checking;
  }
}

/** The version a load is taken under: read BEFORE the data, so a write in between only makes it look older. */
async function versionOf(db: Knex, consultationId: number): Promise<number> {
  const row = await db('cache_versions').where({ consultation_id: consultationId }).first('version');
  return row ? Number(row.version) : 0;
}

/**
 * The consultation by slug or id from the cache, loaded (row, phases, themes) when absent or stale.
 * `load` reads the three by id; undefined when there is no such consultation (absences are not cached).
 */
export async function cachedConsultation<C extends { id: number; slug: string }, P, T>(
  db: Knex,
  cache: Cache,
  key: { slug: string } | { id: number },
  load: (db: Knex, id: number) => Promise<{ row: C; phases: P[]; themes: T[] } | undefined>,
): Promise<CachedConsultation<C, P, T> | undefined> {
  await check(db, cache);
  let id = 'id' in key ? key.id : cache.bySlug.get(key.slug);
  const entry = id === undefined ? undefined : cache.entries.get(id);
  if (entry && ('id' in key || entry.row.slug === key.slug) && entry.version >= (cache.versions.get(entry.row.id) ?? 0)) {
    return entry as CachedConsultation<C, P, T>;
  }
  if ('slug' in key) {
    const found = await db('consultations').where({ slug: key.slug }).first('id');
    if (!found) {
      if (id !== undefined) cache.bySlug.delete(key.slug);
      return undefined;
    }
    id = Number(found.id);
  }
  const version = await versionOf(db, id!);
  const loaded = await load(db, id!);
  if (!loaded) {
    cache.entries.delete(id!);
    return undefined;
  }
  // Renamed between the two reads: answer as the database does now, without keeping it.
  if ('slug' in key && loaded.row.slug !== key.slug) return undefined;
  const fresh: CachedConsultation<C, P, T> = { ...loaded, version };
  const previous = cache.entries.get(loaded.row.id);
  if (previous && previous.row.slug !== loaded.row.slug) cache.bySlug.delete(previous.row.slug);
  cache.entries.set(loaded.row.id, fresh);
  cache.bySlug.set(loaded.row.slug, loaded.row.id);
  return fresh;
}
