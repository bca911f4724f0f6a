import crypto from 'node:crypto';
import type { Knex } from 'knex';
import { isPostgres } from '../../src/shared/db';
import { tableNames } from './table-checksums';

/**
 * A fingerprint of the demo consultation, table by table: the row count and a SHA-256 over the rows in
 * primary-key order. It proves that a change to how the demo is written (issue 10, item 5: a plan, then
 * one writer per owning module) leaves what is written exactly as it was.
 *
 * Left out, because they differ on every load and say nothing about the demo's content:
 * the password hash (random salt), the moments of the load itself (the audit entries' times, the
 * publication job's start and end), knex's own tables, and SQLite's full-text shadow tables (written
 * by triggers, absent on PostgreSQL), and the edition's PDF bytes (its checksum and size, also in the
 * publication's audit entry): the PDF layout keeps process-wide font caches, so a process that laid
 * out other documents before may subset the fonts in another order: same pages, other bytes.
 */
const VOLATILE: Readonly<Record<string, readonly string[]>> = {
  users: ['password_hash'],
  audit_log: ['created_at'],
  whitepaper_publications: ['created_at', 'updated_at', 'finished_at'],
  whitepaper_editions: ['pdf', 'pdf_sha256', 'pdf_bytes'],
  // The reminders' bookkeeping (issue 14), not the demo's content: left out so that the registrations keep their recorded hash.
  workshop_registrations: ['reminded_at'],
};
const PDF_KEYS = new Set(['pdf_sha256', 'pdf_bytes']);

/** Tables that are not the application's content (cache_versions counts the writes of the load: bookkeeping). */
const SKIPPED = /^(knex_|raw_contributions_fts|cache_versions$)/;

export interface TableFingerprint {
  rows: number;
  sha256: string;
}

const day = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

/**
 * One value as text, so that both drivers' types (Buffer, Date, bigint strings, booleans) hash alike.
 * A calendar date (a `date` column, named `…_on`) is text on SQLite and a local-midnight Date from pg.
 */
function normalise(column: string, v: unknown): string | null {
  if (v == null) return null;
  if (Buffer.isBuffer(v)) return `x'${v.toString('hex')}'`;
  if (v instanceof Date) return column.endsWith('_on') ? day(v) : v.toISOString();
  if (typeof v === 'boolean') return v ? '1' : '0';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/** The primary-key columns of a table, in key order (both engines). */
async function primaryKey(db: Knex, table: string): Promise<string[]> {
  if (isPostgres(db)) {
    const { rows } = await db.raw(
      `SELECT a.attname AS name FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
       WHERE i.indrelid = ?::regclass AND i.indisprimary ORDER BY array_position(i.indkey, a.attnum)`,
      [table],
    );
    return rows.map((r: { name: string }) => r.name);
  }
  const cols: Array<{ name: string; pk: number }> = await db.raw(`PRAGMA table_info(${JSON.stringify(table)})`);
  return cols.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name);
}

/** Row count and SHA-256 per application table, volatile columns left out (see VOLATILE). */
export async function demoFingerprint(db: Knex): Promise<Record<string, TableFingerprint>> {
  const out: Record<string, TableFingerprint> = {};
  for (const table of await tableNames(db)) {
    if (SKIPPED.test(table)) continue;
    const key = await primaryKey(db, table);
    let query = db(table).select('*');
    for (const column of key) query = query.orderBy(column);
    const rows: Record<string, unknown>[] = await query;
    const skip = new Set(VOLATILE[table] ?? []);
    const hash = crypto.createHash('sha256');
    for (const row of rows) {
      if (table === 'audit_log' && typeof row.after_json === 'string') {
        row.after_json = JSON.stringify(JSON.parse(row.after_json), (k, v: unknown) => (PDF_KEYS.has(k) ? undefined : v));
      }
      const kept = Object.keys(row).filter((k) => !skip.has(k)).sort().map((k) => [k, normalise(k, row[k])]);
      hash.update(JSON.stringify(kept)).update('\n');
    }
    out[table] = { rows: rows.length, sha256: hash.digest('hex') };
  }
  return out;
}
