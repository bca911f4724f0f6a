import type { Knex } from 'knex';
import { isPostgres } from '../src/shared/db';

/**
 * Runs `load` with the secondary indexes of `tables` dropped, then builds each again from its own
 * definition (pg_indexes.indexdef): on PostgreSQL a bulk load into a table with a GIN full-text index
 * and a dozen B-trees spends most of its time maintaining them row by row, while one CREATE INDEX per
 * index after the load sorts once. The primary keys and the indexes behind constraints stay. On
 * SQLite, or when `bulk` is false, `load` simply runs.
 */
export async function withoutSecondaryIndexes(db: Knex, tables: string[], bulk: boolean, load: () => Promise<void>): Promise<void> {
  if (!bulk || !isPostgres(db)) return load();
  const res = await db.raw(
    `SELECT i.indexname, i.indexdef FROM pg_indexes i
     WHERE i.schemaname = current_schema() AND i.tablename = ANY(?)
       AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)
     ORDER BY i.indexname`,
    [tables],
  );
  const indexes = res.rows as Array<{ indexname: string; indexdef: string }>;
  for (const { indexname } of indexes) await db.raw('DROP INDEX ??', [indexname]);
  try {
    await load();
  } finally {
    // One connection (SET LOCAL holds for the transaction), one index after the other: built at once,
    // they would only compete for the same cores.
    await db.transaction(async (trx) => {
      await trx.raw("SET LOCAL maintenance_work_mem = '256MB'");
      for (const { indexdef } of indexes) await trx.raw(indexdef);
    });
  }
}
