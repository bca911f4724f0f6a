import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import knexFactory, { type Knex } from 'knex';
import { createDb, migrateLatest, migrationConfig } from '../../src/shared/db';

/**
 * A freshly migrated database for one test file: a temporary SQLite file, or — when DATABASE_URL
 * is set — a dedicated PostgreSQL schema dropped afterwards. Both engines run the same tests.
 */
export interface TestDb {
  db: Knex;
  dataDir: string;
  databaseUrl: string | undefined;
  /** Knex options that reach the same database (a second "instance" of the app). */
  open(): Knex;
  destroy(): Promise<void>;
}

export async function freshDb(): Promise<TestDb> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ensemble-test-'));
  const url = process.env.DATABASE_URL;
  if (!url) {
    const open = () => createDb({ databaseUrl: undefined, dataDir });
    const db = open();
    await migrateLatest(db);
    return {
      db,
      dataDir,
      databaseUrl: undefined,
      open,
      async destroy() {
        await db.destroy();
        fs.rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  const schema = `t_${crypto.randomBytes(6).toString('hex')}`;
  const admin = knexFactory({ client: 'pg', connection: url });
  await admin.raw(`CREATE SCHEMA ${schema}`);
  const open = () =>
    knexFactory({ client: 'pg', connection: url, searchPath: [schema], pool: { min: 0, max: 10 }, migrations: migrationConfig() });
  const db = open();
  await migrateLatest(db);
  return {
    db,
    dataDir,
    databaseUrl: url,
    open,
    async destroy() {
      await db.destroy();
      await admin.raw(`DROP SCHEMA ${schema} CASCADE`);
      await admin.destroy();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
