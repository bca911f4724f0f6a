import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import knexFactory, { type Knex } from 'knex';
import { createDb, createReadDb } from '../../src/shared/db';
import { dropDatabase, pgDatabaseUrl, pgKnex, pgTemplate, sqliteTemplate, type TemplateKind } from './templates';

/**
 * A freshly migrated database for one test file: a temporary SQLite file, or — when DATABASE_URL
 * is set — a PostgreSQL database of its own (tables in the schema PG_SCHEMA), dropped afterwards.
 * Both engines run the same tests. The database is a copy of a template built once per run
 * (templates.ts): `{ template: 'demo' }` gives the demo consultation already loaded.
 */
export interface TestDb {
  db: Knex;
  dataDir: string;
  /** The URL of this test's own PostgreSQL database; undefined on SQLite. */
  databaseUrl: string | undefined;
  /** Knex options that reach the same database (a second "instance" of the app). */
  open(): Knex;
  destroy(): Promise<void>;
}

/** The readers' pool of each test database (SQLite), which buildApp hands to the app as production does. */
export const readersOf = new WeakMap<Knex, Knex>();

export async function freshDb(options: { template?: TemplateKind } = {}): Promise<TestDb> {
  const kind = options.template ?? 'migrated';
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ensemble-test-'));
  const url = process.env.DATABASE_URL;
  if (!url) {
    fs.copyFileSync(await sqliteTemplate(kind), path.join(dataDir, 'ensemble.sqlite'));
    // NORMAL, not the production FULL: a test never survives a power loss, and one disk sync per
    // commit was a large share of the suite's time. A killed process loses nothing either way (WAL).
    const open = () => createDb({ databaseUrl: undefined, dataDir, sqliteSynchronous: 'normal' });
    const db = open();
    const readDb = createReadDb(db, 2);
    readersOf.set(db, readDb);
    return {
      db,
      dataDir,
      databaseUrl: undefined,
      open,
      async destroy() {
        await readDb.destroy();
        await db.destroy();
        fs.rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  const name = `ensemble_t_${crypto.randomBytes(6).toString('hex')}`;
  const template = await pgTemplate(url, kind);
  const admin = knexFactory({ client: 'pg', connection: url, pool: { min: 0, max: 1 } });
  await createFrom(admin, name, template);
  const open = () => pgKnex(url, name);
  const db = open();
  return {
    db,
    dataDir,
    databaseUrl: pgDatabaseUrl(url, name),
    open,
    async destroy() {
      await db.destroy();
      await dropDatabase(admin, name);
      await admin.destroy();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * CREATE DATABASE … TEMPLATE refuses while another session is connected to the template — another
 * worktree cloning the same one at that instant: wait a little and retry.
 */
async function createFrom(admin: Knex, name: string, template: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await admin.raw(`CREATE DATABASE ${name} TEMPLATE ${template}`);
      return;
    } catch (err) {
      if (attempt >= 50 || !/being accessed by other users/.test(String((err as Error).message))) throw err;
      await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
    }
  }
}
