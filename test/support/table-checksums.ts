import crypto from 'node:crypto';
import type { Knex } from 'knex';
import { isPostgres } from '../../src/shared/db';

/** The application's tables in the database's current schema (SQLite's own bookkeeping aside), sorted. */
export async function tableNames(db: Knex): Promise<string[]> {
  const rows: { name: string }[] = isPostgres(db)
    ? (await db.raw("SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'")).rows
    : await db.raw("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'");
  return rows.map((r) => r.name).sort();
}

/** One value as text, so that the drivers' types (Buffer, Date, bigint strings, booleans) compare alike. */
function normalise(v: unknown): string | null {
  if (v == null) return null;
  if (Buffer.isBuffer(v)) return `x'${v.toString('hex')}'`;
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'boolean') return v ? '1' : '0';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

export interface TableChecksum {
  rows: number;
  sha256: string;
}

/**
 * Row count and SHA-256 of every table. Rows are hashed in the order of their normalised text: a
 * canonical order that needs no primary key (SQLite's full-text shadow tables and knex's lock table
 * have none), so two copies of a table hash alike exactly when they hold the same rows.
 */
export async function tableChecksums(db: Knex): Promise<Map<string, TableChecksum>> {
  const out = new Map<string, TableChecksum>();
  for (const table of await tableNames(db)) {
    const rows: Record<string, unknown>[] = await db(table).select('*');
    const lines = rows.map((row) => JSON.stringify(Object.keys(row).sort().map((k) => [k, normalise(row[k])]))).sort();
    const hash = crypto.createHash('sha256');
    for (const line of lines) hash.update(line).update('\n');
    out.set(table, { rows: rows.length, sha256: hash.digest('hex') });
  }
  return out;
}
