import type { Knex } from 'knex';
import { isPostgres } from '../../src/shared/db';

/**
 * Per-test isolation inside a file: every test starts from the rows the file's `before` hook built.
 *
 * Why a snapshot restored by truncate-and-reinsert, and not the transaction per test of Fider: the
 * app under test runs its own queries and transactions on the knex it was given (and SQLite has a
 * single connection), so a test cannot wrap the app's work in a transaction it later rolls back.
 * Why not copying the SQLite file back: the app keeps its connection open on that file. The rows
 * themselves are small in the files that use this (a consultation, a few users, tens of
 * contributions): restoring them costs a few milliseconds, far less than a fresh database per test.
 * It is not applied to demo-sized files, where restoring thousands of rows would slow the suite.
 *
 * Kept across tests: the login sessions and the login throttle (`sessions`, `login_throttle`), so
 * that the agents logged in once in `before` stay logged in — logins are slow on purpose (scrypt).
 * The schema's own bookkeeping (knex_migrations*, the SQLite FTS index, which its triggers rebuild
 * from the restored rows) is not copied either.
 */
export function isolateEachTest(db: () => Knex): void {
  let snapshot: Snapshot | undefined;
  beforeEach(async function () {
    if (!snapshot) snapshot = await takeSnapshot(db());
    else await restore(db(), snapshot);
  });
}

/**
 * cache_versions is kept too, and must be: its versions only ever grow (triggers move them as the
 * restore deletes and inserts consultations, phases and themes), so the app's cached copies of the
 * previous test's consultations are seen as stale; restoring older versions would make them look fresh.
 */
const KEPT = new Set(['sessions', 'login_throttle', 'cache_versions']);
const CHUNK = 200;

interface Snapshot {
  /** Tables in an order where every referenced table comes before the tables referencing it. */
  tables: string[];
  rows: Map<string, Record<string, unknown>[]>;
  /** SQLite's AUTOINCREMENT counters, so that ids continue as if the earlier tests had not run. */
  sequences: Array<{ name: string; seq: number }>;
}

async function tablesInOrder(db: Knex): Promise<string[]> {
  const pg = isPostgres(db);
  const names: string[] = pg
    ? (await db.raw("SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'")).rows.map((r: { name: string }) => r.name)
    : (await db.raw("SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%'")).map((r: { name: string }) => r.name);
  const tables = names.filter((n) => !n.startsWith('knex_') && !n.startsWith('sqlite_') && !n.includes('_fts') && !KEPT.has(n)).sort();
  const refs = new Map<string, string[]>();
  for (const table of tables) {
    const parents: string[] = pg
      ? (
          await db.raw(
            `SELECT DISTINCT ccu.table_name AS parent FROM information_schema.table_constraints tc
             JOIN information_schema.constraint_column_usage ccu ON ccu.constraint_name = tc.constraint_name AND ccu.table_schema = tc.table_schema
             WHERE tc.constraint_type = 'FOREIGN KEY' AND tc.table_schema = current_schema() AND tc.table_name = ?`,
            [table],
          )
        ).rows.map((r: { parent: string }) => r.parent)
      : (await db.raw(`SELECT DISTINCT "table" AS parent FROM pragma_foreign_key_list(?)`, [table])).map((r: { parent: string }) => r.parent);
    refs.set(table, parents.filter((p) => p !== table && tables.includes(p)));
  }
  const ordered: string[] = [];
  const visit = (table: string, path: Set<string>) => {
    if (ordered.includes(table) || path.has(table)) return;
    path.add(table);
    for (const parent of refs.get(table) ?? []) visit(parent, path);
    ordered.push(table);
  };
  for (const table of tables) visit(table, new Set());
  return ordered;
}

async function takeSnapshot(db: Knex): Promise<Snapshot> {
  const tables = await tablesInOrder(db);
  const rows = new Map<string, Record<string, unknown>[]>();
  for (const table of tables) rows.set(table, await db(table).select('*').orderBy(1));
  const sequences = isPostgres(db) ? [] : ((await db.raw('SELECT name, seq FROM sqlite_sequence')) as Array<{ name: string; seq: number }>);
  return { tables, rows, sequences };
}

async function restore(db: Knex, s: Snapshot): Promise<void> {
  const pg = isPostgres(db);
  await db.transaction(async (trx) => {
    if (pg) await trx.raw(`TRUNCATE ${s.tables.map((t) => `"${t}"`).join(', ')} RESTART IDENTITY`);
    else {
      // Self-references (a split contribution's origin) are checked at commit, not row by row.
      await trx.raw('PRAGMA defer_foreign_keys = ON');
      for (const table of [...s.tables].reverse()) await trx(table).delete();
    }
    for (const table of s.tables) {
      const rows = s.rows.get(table)!;
      for (let i = 0; i < rows.length; i += CHUNK) await trx(table).insert(rows.slice(i, i + CHUNK));
    }
    if (pg) {
      const withId = new Set(
        (await trx.raw("SELECT table_name AS name FROM information_schema.columns WHERE table_schema = current_schema() AND column_name = 'id'")).rows.map((r: { name: string }) => r.name),
      );
      for (const table of s.tables.filter((t) => withId.has(t))) {
        await trx.raw(
          `SELECT setval(seq, COALESCE((SELECT MAX(id) FROM "${table}"), 1), (SELECT COUNT(*) > 0 FROM "${table}"))
           FROM (SELECT pg_get_serial_sequence(?, 'id') AS seq) s WHERE seq IS NOT NULL`,
          [table],
        );
      }
    } else {
      await trx.raw('DELETE FROM sqlite_sequence');
      for (const { name, seq } of s.sequences) await trx.raw('INSERT INTO sqlite_sequence (name, seq) VALUES (?, ?)', [name, seq]);
    }
  });
}
