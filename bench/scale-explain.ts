import type { Knex } from 'knex';
import { isPostgres } from '../src/shared/db';

/**
 * bench:scale's index check: every statement a page runs (captured from knex while the page is
 * requested once, cold — its counts and search window computed) is explained by the engine
 * (`EXPLAIN (FORMAT JSON)` on PostgreSQL, `EXPLAIN QUERY PLAN` on SQLite), and the check reports the
 * indexes used and every full scan of a table that grows with the contributions. A page whose time
 * is flat across sizes but which scans one of them would not stay flat on another engine's planner.
 */
export interface PlanCheck {
  statements: number;
  indexes: string[];
  /** Statements reading a growing table without an index (their first 160 characters). */
  fullScans: string[];
}

/** The tables whose size follows the number of contributions. */
const GROWING = ['raw_contributions', 'consolidation_links', 'raw_contributions_fts'];

export async function explainWhile(db: Knex, request: () => Promise<unknown>): Promise<PlanCheck> {
  const captured: Array<{ sql: string; bindings: readonly unknown[] }> = [];
  const listener = (q: { sql: string; bindings?: readonly unknown[] }) => {
    if (/^\s*select/i.test(q.sql) && GROWING.some((t) => q.sql.includes(t))) captured.push({ sql: q.sql, bindings: q.bindings ?? [] });
  };
  db.on('query', listener);
  try {
    await request();
  } finally {
    db.off('query', listener);
  }
  const distinct = [...new Map(captured.map((c) => [c.sql + JSON.stringify(c.bindings), c])).values()];
  const indexes = new Set<string>();
  const fullScans: string[] = [];
  for (const { sql, bindings } of distinct) {
    const found = isPostgres(db) ? await explainPg(db, sql, bindings) : await explainSqlite(db, sql, bindings);
    for (const i of found.indexes) indexes.add(i);
    if (found.scans.length) fullScans.push(`${found.scans.join(', ')} : ${sql.replace(/\s+/g, ' ').slice(0, 160)}`);
  }
  return { statements: distinct.length, indexes: [...indexes].sort(), fullScans };
}

async function explainPg(db: Knex, sql: string, bindings: readonly unknown[]): Promise<{ indexes: string[]; scans: string[] }> {
  // knex hands PostgreSQL's own placeholders ($1…) to its listeners: the statement goes to the driver as is.
  const conn = await db.client.acquireConnection();
  try {
    const res = await conn.query(`EXPLAIN (FORMAT JSON) ${sql}`, bindings);
    const indexes: string[] = [];
    const scans: string[] = [];
    const walk = (node: Record<string, unknown>) => {
      if (typeof node['Index Name'] === 'string') indexes.push(node['Index Name']);
      if (node['Node Type'] === 'Seq Scan' && GROWING.includes(String(node['Relation Name']))) scans.push(`Seq Scan ${String(node['Relation Name'])}`);
      for (const child of (node.Plans as Array<Record<string, unknown>> | undefined) ?? []) walk(child);
    };
    walk(res.rows[0]['QUERY PLAN'][0].Plan);
    return { indexes, scans };
  } finally {
    await db.client.releaseConnection(conn);
  }
}

async function explainSqlite(db: Knex, sql: string, bindings: readonly unknown[]): Promise<{ indexes: string[]; scans: string[] }> {
  const rows = (await db.raw(`EXPLAIN QUERY PLAN ${sql}`, bindings as Knex.RawBinding[])) as Array<{ detail: string }>;
  const indexes: string[] = [];
  const scans: string[] = [];
  // The aliases the queries give the growing tables (rc, cl…) are read from the statement itself.
  const aliases = new Set(GROWING);
  for (const m of sql.matchAll(/[`"]?(raw_contributions|consolidation_links)[`"]?\s+(?:as\s+)?[`"]?(\w+)[`"]?/gi)) if (!/^(where|on|left|inner|join|order|group|limit|cross)$/i.test(m[2]!)) aliases.add(m[2]!);
  for (const { detail } of rows) {
    const index = /USING (?:COVERING )?INDEX (\S+)/.exec(detail);
    if (index) indexes.push(index[1]!);
    else if (/PRIMARY KEY|INTEGER PRIMARY KEY/.test(detail)) indexes.push('(clé primaire)');
    const scan = /^SCAN (\S+)/.exec(detail);
    if (scan && aliases.has(scan[1]!) && !/INDEX|VIRTUAL TABLE/.test(detail)) scans.push(detail);
  }
  return { indexes, scans };
}
