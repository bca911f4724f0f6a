import fs from 'node:fs';
import path from 'node:path';
import knexFactory, { Knex } from 'knex';
import { Config, PROJECT_ROOT } from '../config';

export type Db = Knex | Knex.Transaction;

/** Compiled migrations live beside the compiled code; the same files serve SQLite and PostgreSQL. */
export const MIGRATIONS_DIR = path.join(PROJECT_ROOT, 'dist', 'migrations');

export function migrationConfig(): Knex.MigratorConfig {
  return { directory: MIGRATIONS_DIR, loadExtensions: ['.js'], tableName: 'knex_migrations' };
}

/**
 * Builds the knex instance. SQLite runs on ONE connection: every write is serialised by the pool,
 * so two requests never race for the write lock (no SQLITE_BUSY), and WAL keeps readers of other
 * processes (the CLI) unblocked. Only knex itself may use that connection: a library that takes it
 * from the pool for a multi-statement sequence of its own can hand it back inside a transaction
 * (issue 9: the login throttle's store did, and every later write failed).
 * `synchronous = FULL` by default: in WAL mode, NORMAL keeps the database consistent after a power
 * loss but may lose the last acknowledged transactions; FULL syncs the WAL at each commit.
 * PostgreSQL gets a real pool (min/max from the configuration): it is the multi-instance path.
 */
export function createDb(config: Pick<Config, 'databaseUrl' | 'dataDir'> & Partial<Pick<Config, 'sqliteSynchronous' | 'databasePool'>>): Knex {
  if (config.databaseUrl) {
    // A real pool (DATABASE_POOL_MIN / DATABASE_POOL_MAX, 2–10 by default): a few connections stay
    // open so that a request never pays a connection's set-up; idle ones beyond min close after 30 s;
    // waiting for a free connection gives up after 10 s (a 500) rather than a minute.
    const pool = config.databasePool ?? { min: 2, max: 10 };
    return knexFactory({
      client: 'pg',
      connection: config.databaseUrl,
      pool: { min: pool.min, max: pool.max, idleTimeoutMillis: 30_000 },
      acquireConnectionTimeout: 10_000,
      migrations: migrationConfig(),
      log: { warn: quietAcquireErrors },
    });
  }
  fs.mkdirSync(config.dataDir, { recursive: true });
  const synchronous = config.sqliteSynchronous === 'normal' ? 'NORMAL' : 'FULL';
  return knexFactory({
    client: 'sqlite3',
    connection: { filename: path.join(config.dataDir, 'ensemble.sqlite') },
    useNullAsDefault: true,
    pool: {
      min: 1,
      max: 1,
      afterCreate: runPragmas(['journal_mode = WAL', 'foreign_keys = ON', 'busy_timeout = 5000', `synchronous = ${synchronous}`]),
    },
    migrations: migrationConfig(),
  });
}

/**
 * The readers' knex (issue 13, item 2). On SQLite, a pool of `size` connections opened read-only
 * (`mode=ro`): WAL lets them read the last committed state while the writer's one connection writes,
 * so a page or a probe never waits behind a write, and a write never waits behind a long read. Each
 * statement outside a transaction reads the latest commit, so a page shown after a write's redirect
 * sees it. On PostgreSQL the writer's knex is returned: its pool already serves readers in parallel.
 * The writer must have opened the file first (migrations): it sets WAL, which a reader cannot.
 */
export function createReadDb(writer: Knex, size = 3): Knex {
  if (isPostgres(writer)) return writer;
  const connection = writer.client.config.connection as { filename: string };
  return knexFactory({
    client: 'sqlite3',
    connection: { filename: `file:${connection.filename.replace(/[%?#]/g, (c) => encodeURIComponent(c))}?mode=ro`, flags: ['OPEN_URI'] },
    useNullAsDefault: true,
    pool: {
      min: 0,
      max: size,
      idleTimeoutMillis: 30_000,
      afterCreate: runPragmas(['foreign_keys = ON', 'busy_timeout = 5000']),
    },
  });
}

/** A pool's `afterCreate` that runs these PRAGMAs, in order, on each new SQLite connection. */
function runPragmas(pragmas: string[]) {
  return (conn: any, done: (err: Error | null, conn: unknown) => void) => {
    conn.serialize(() => {
      pragmas.forEach((p, i) => conn.run(`PRAGMA ${p}`, i === pragmas.length - 1 ? (err: Error | null) => done(err, conn) : undefined));
    });
  };
}

/**
 * knex prints every failed connection attempt with its stack on the console, in English, before the
 * same error reaches our code — which says it once, in French (src/shared/startup-errors.ts, and the
 * request's error log in the server). Its other warnings are kept.
 */
function quietAcquireErrors(message: unknown): void {
  if (typeof message === 'string' && message.startsWith('Acquire connection error')) return;
  console.warn(message);
}

export function isPostgres(db: Db): boolean {
  return db.client.config.client === 'pg';
}

export async function migrateLatest(db: Knex): Promise<string[]> {
  const [, applied] = await db.migrate.latest(migrationConfig());
  return applied as string[];
}

/** Inserts one row and returns its id on both engines. */
export async function insertReturningId(db: Db, table: string, row: Record<string, unknown>): Promise<number> {
  const [res] = await db(table).insert(row).returning('id');
  return typeof res === 'object' ? Number((res as { id: number }).id) : Number(res);
}

/**
 * Runs a query over ids in slices, so that an IN list stays under the engines' bound-parameter limits
 * whatever the number of ids, and concatenates the rows.
 */
export async function inChunks<T, R>(ids: readonly T[], query: (slice: T[]) => Promise<R[]>, size = 500): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < ids.length; i += size) out.push(...(await query(ids.slice(i, i + size))));
  return out;
}

/** Rows grouped by a key, each group in the rows' order (every requested key present, possibly empty). */
export function groupByKey<T, K>(keys: readonly K[], rows: readonly T[], keyOf: (row: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>(keys.map((k) => [k, []]));
  for (const row of rows) {
    const k = keyOf(row);
    const list = out.get(k);
    if (list) list.push(row);
    else out.set(k, [row]);
  }
  return out;
}

/** Engines return booleans and counts differently (0/1 in SQLite, bigint strings in PostgreSQL). */
export function toBool(v: unknown): boolean {
  return v === true || v === 1 || v === '1' || v === 't';
}
export function toInt(v: unknown): number {
  return v == null ? 0 : Number(v);
}
/** A nullable integer column (PostgreSQL returns bigint and numeric as strings). */
export function toIntOrNull(v: unknown): number | null {
  return v == null ? null : Number(v);
}

/** Dates come back as Date (PostgreSQL) or as stored text/number (SQLite); normalise to Date. */
export function toDate(v: unknown): Date | null {
  if (v == null) return null;
  if (v instanceof Date) return v;
  if (typeof v === 'number') return new Date(v);
  const s = String(v);
  // SQLite CURRENT_TIMESTAMP is "YYYY-MM-DD HH:MM:SS" in UTC without zone.
  return new Date(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(s) ? s.replace(' ', 'T') + 'Z' : s);
}

/** A database refusal of a duplicate (a unique or partial unique index), on SQLite or PostgreSQL. */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: unknown; errno?: unknown; message?: unknown } | null;
  if (!e) return false;
  if (e.code === '23505') return true;
  return (e.code === 'SQLITE_CONSTRAINT' || e.code === 'SQLITE_CONSTRAINT_UNIQUE' || e.errno === 19) && /UNIQUE/i.test(String(e.message ?? ''));
}

/** Any refusal by the schema (unique, foreign key, check, not null, a trigger's ABORT), on SQLite or PostgreSQL. */
export function isConstraintViolation(err: unknown): boolean {
  const e = err as { code?: unknown; errno?: unknown } | null;
  if (!e) return false;
  if (typeof e.code === 'string' && /^23[0-9A-Z]{3}$/.test(e.code)) return true;
  return (typeof e.code === 'string' && e.code.startsWith('SQLITE_CONSTRAINT')) || e.errno === 19;
}

/** A row as a bulk load writes it: column → plain value (dates as ISO-8601 text). */
export type PlainRow = Readonly<Record<string, string | number | boolean | null>>;

/** Rows per INSERT: well under the bound-parameter limits of SQLite (32 766) and PostgreSQL (65 535). */
const BULK_ROWS = 200;

/**
 * Inserts many rows of one table in batches, one statement per batch rather than per row (the demo
 * loads 5 000 rows; row by row it would take seconds). Called only by the owner module's queries.ts,
 * with the table written literally, so that the ownership test sees the write.
 */
export async function insertRows(db: Db, table: string, rows: readonly PlainRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += BULK_ROWS) await db(table).insert(rows.slice(i, i + BULK_ROWS));
}

/**
 * After rows were written with explicit ids, PostgreSQL's sequences must move past them, or the next
 * insert would reuse an id; SQLite's AUTOINCREMENT follows the largest id by itself.
 */
export async function advanceIdSequences(db: Db, tables: readonly string[]): Promise<void> {
  if (!isPostgres(db)) return;
  for (const table of tables) await db.raw(`SELECT setval(pg_get_serial_sequence(?, 'id'), (SELECT MAX(id) FROM ??))`, [table, table]);
}
