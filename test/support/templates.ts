import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import knexFactory, { type Knex } from 'knex';
import { PROJECT_ROOT } from '../../src/config';
import { createDb, migrateLatest, migrationConfig } from '../../src/shared/db';
import { seedDemo } from '../../seeds/demo';

/**
 * Drops a test database. Plain DROP first: PostgreSQL then stops an autovacuum worker busy in it by
 * itself, whereas WITH (FORCE) refuses to terminate that worker (it belongs to the superuser). FORCE
 * only as a second try, for a connection the test opened and did not close; a few tries in all.
 */
export async function dropDatabase(admin: Knex, name: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await admin.raw(`DROP DATABASE IF EXISTS ${name}`);
      return;
    } catch {
      try {
        await admin.raw(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        return;
      } catch (err) {
        if (attempt >= 5) throw err;
        await new Promise((r) => setTimeout(r, 300 * attempt));
      }
    }
  }
}


/**
 * Template databases, built once and copied for each test file: migrating for every file and loading
 * the demo for every demo file used to be most of the integration suite's setup time.
 *
 * A template is keyed by the hash of the compiled code it was built with (migrations, seeds and the
 * modules the seed calls), so a stale one is never reused: any rebuild changes the key. SQLite
 * templates are closed, checkpointed files under os.tmpdir(); PostgreSQL templates are databases
 * (CREATE DATABASE … TEMPLATE copies them in one statement). Both survive the run, so a second run
 * on unchanged code skips the building too; old keys are removed when a new one is built.
 */
export type TemplateKind = 'migrated' | 'demo';

/** The schema every PostgreSQL test database uses, inside its own database (see db.ts). */
export const PG_SCHEMA = 'ensemble_test';
const PG_PREFIX = 'ensemble_tpl_';

let key: string | undefined;
/** Hash of every compiled file that shapes a template; cached, since the code does not change during a run. */
export function templateKey(): string {
  if (key) return key;
  const hash = crypto.createHash('sha256');
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.js')) hash.update(path.relative(PROJECT_ROOT, full)).update('\0').update(fs.readFileSync(full));
    }
  };
  for (const dir of ['migrations', 'seeds', 'src']) walk(path.join(PROJECT_ROOT, 'dist', dir));
  return (key = hash.digest('hex').slice(0, 16));
}

// ---- SQLite -------------------------------------------------------------------------------------

const SQLITE_ROOT = path.join(os.tmpdir(), 'ensemble-test-templates');
const LOCK_STALE_MS = 5 * 60_000;
/**
 * Templates of other keys are removed only once they are a day old: other worktrees on this machine,
 * with other code, share os.tmpdir() and the PostgreSQL server, and may be copying theirs right now.
 */
const STALE_KEY_MS = 24 * 3600_000;
const sqliteBuilt = new Map<TemplateKind, Promise<string>>();

/** Path of the SQLite template file of this kind, built on first use (once per run, or reused). */
export function sqliteTemplate(kind: TemplateKind): Promise<string> {
  let p = sqliteBuilt.get(kind);
  if (!p) sqliteBuilt.set(kind, (p = ensureSqlite(kind)));
  return p;
}

async function ensureSqlite(kind: TemplateKind): Promise<string> {
  const dir = path.join(SQLITE_ROOT, templateKey());
  const file = path.join(dir, `${kind}.sqlite`);
  if (fs.existsSync(file)) return file;
  fs.mkdirSync(dir, { recursive: true });
  // A lock file so that parallel mocha workers build a template once; a crashed builder's lock expires.
  const lock = `${file}.lock`;
  for (;;) {
    try {
      fs.closeSync(fs.openSync(lock, 'wx'));
      break;
    } catch {
      if (fs.existsSync(file)) return file;
      const age = Date.now() - (fs.statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > LOCK_STALE_MS) fs.rmSync(lock, { force: true });
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  try {
    if (fs.existsSync(file)) return file;
    const work = fs.mkdtempSync(path.join(dir, `build-${kind}-`));
    if (kind === 'demo') fs.copyFileSync(await sqliteTemplate('migrated'), path.join(work, 'ensemble.sqlite'));
    const db = createDb({ databaseUrl: undefined, dataDir: work, sqliteSynchronous: 'normal' });
    try {
      if (kind === 'migrated') await migrateLatest(db);
      if (kind === 'demo') await seedDemo(db);
      // Everything into the main file, so that one copy of it is the whole database.
      await db.raw('PRAGMA wal_checkpoint(TRUNCATE)');
    } finally {
      await db.destroy();
    }
    // rename is atomic: a reader sees no file or the whole file.
    fs.renameSync(path.join(work, 'ensemble.sqlite'), file);
    fs.rmSync(work, { recursive: true, force: true });
    for (const name of fs.readdirSync(SQLITE_ROOT)) {
      const other = path.join(SQLITE_ROOT, name);
      if (name !== templateKey() && Date.now() - fs.statSync(other).mtimeMs > STALE_KEY_MS) fs.rmSync(other, { recursive: true, force: true });
    }
    return file;
  } finally {
    fs.rmSync(lock, { force: true });
  }
}

// ---- PostgreSQL ---------------------------------------------------------------------------------

const pgBuilt = new Map<TemplateKind, Promise<string>>();

export function pgDatabaseUrl(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** A knex on one test database, with the tests' schema first on the search path. */
export function pgKnex(url: string, database: string, max = 10): Knex {
  return knexFactory({ client: 'pg', connection: pgDatabaseUrl(url, database), searchPath: [PG_SCHEMA], pool: { min: 0, max }, migrations: migrationConfig() });
}

/** Name of the PostgreSQL template database of this kind, built on first use. */
export function pgTemplate(url: string, kind: TemplateKind): Promise<string> {
  let p = pgBuilt.get(kind);
  if (!p) pgBuilt.set(kind, (p = ensurePg(url, kind)));
  return p;
}

async function ensurePg(url: string, kind: TemplateKind): Promise<string> {
  const name = `${PG_PREFIX}${kind === 'demo' ? 'd' : 'm'}_${templateKey()}`;
  const source = kind === 'demo' ? await pgTemplate(url, 'migrated') : undefined;
  const admin = knexFactory({ client: 'pg', connection: url, pool: { min: 1, max: 1 } });
  try {
    // An advisory lock on the server: parallel workers or engineers wait for the one building.
    await admin.raw('SELECT pg_advisory_lock(hashtext(?))', [name]);
    const exists = await admin('pg_database').where({ datname: name }).first('datname');
    if (exists) return name;
    const building = `${name}_b`;
    await dropDatabase(admin, building);
    await admin.raw(source ? `CREATE DATABASE ${building} TEMPLATE ${source}` : `CREATE DATABASE ${building}`);
    const db = pgKnex(url, building);
    try {
      if (source) await seedDemo(db);
      else {
        await db.raw(`CREATE SCHEMA ${PG_SCHEMA}`);
        await migrateLatest(db);
      }
    } finally {
      await db.destroy();
    }
    await admin.raw(`ALTER DATABASE ${building} RENAME TO ${name}`);
    await admin.raw(`COMMENT ON DATABASE ${name} IS '${Date.now()}'`);
    // Without FORCE: a template another worktree is copying right now stays.
    const others = await admin.raw(
      `SELECT d.datname, shobj_description(d.oid, 'pg_database') AS built FROM pg_database d WHERE d.datname LIKE ? AND d.datname <> ?`,
      [`${PG_PREFIX}%`, name],
    );
    for (const o of others.rows as Array<{ datname: string; built: string | null }>) {
      if (Date.now() - Number(o.built ?? 0) > STALE_KEY_MS) await admin.raw(`DROP DATABASE IF EXISTS ${o.datname}`).catch(() => undefined);
    }
    return name;
  } finally {
    await admin.raw('SELECT pg_advisory_unlock(hashtext(?))', [name]).catch(() => undefined);
    await admin.destroy();
  }
}
