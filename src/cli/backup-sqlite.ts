import fs from 'node:fs';
import sqlite3 from 'sqlite3';
import { BackupError } from './backup-support';

/**
 * The embedded database's side of `ensemble backup` / `ensemble restore`. The copy goes through
 * SQLite's online backup API rather than a file copy: a file copy of a WAL database taken while the
 * app writes can miss the WAL's committed pages or catch a page half-written.
 */

/** The sqlite3 package ships the backup API without typings; this is the part we use. */
interface SqliteBackup {
  step(pages: number, cb: (err: Error | null) => void): void;
  finish(cb?: (err: Error | null) => void): void;
  readonly completed: boolean;
  readonly failed: boolean;
}

function open(file: string, mode: number): Promise<sqlite3.Database> {
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(file, mode, (err) => (err ? reject(err) : resolve(db)));
  });
}
const close = (db: sqlite3.Database) => new Promise<void>((resolve, reject) => db.close((err) => (err ? reject(err) : resolve())));
const exec = (db: sqlite3.Database, sql: string) => new Promise<void>((resolve, reject) => db.exec(sql, (err) => (err ? reject(err) : resolve())));
const all = <T>(db: sqlite3.Database, sql: string) =>
  new Promise<T[]>((resolve, reject) => db.all(sql, (err: Error | null, rows: T[]) => (err ? reject(err) : resolve(rows))));

/** Tables an application put there (SQLite's own bookkeeping tables aside). */
async function tableCount(db: sqlite3.Database): Promise<number> {
  const [row] = await all<{ n: number }>(db, "SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'");
  return Number(row?.n ?? 0);
}

/**
 * Copies the live database `source` into `target` (a new file) through the backup API, in one step:
 * the whole copy is read inside one read transaction, so it is the state of the last commit before
 * it started, whatever the app writes meanwhile (WAL lets the app keep writing). A step refused as
 * busy (a recovery in progress) is retried for a few seconds.
 */
export async function sqliteBackup(source: string, target: string): Promise<{ tables: number }> {
  if (!fs.existsSync(source)) throw new BackupError(`Aucune base SQLite à sauvegarder : ${source} n’existe pas (vérifiez DATA_DIR).`);
  const db = await open(source, sqlite3.OPEN_READWRITE);
  try {
    db.configure('busyTimeout', 5000);
    const backup = (db as unknown as { backup(file: string, cb: (err: Error | null) => void): SqliteBackup }).backup(target, () => undefined);
    await new Promise<void>((resolve, reject) => {
      let attempts = 0;
      const next = () =>
        backup.step(-1, (err) => {
          if (backup.completed) return resolve();
          if (backup.failed || ++attempts > 100) return reject(err ?? new Error('copie interrompue'));
          setTimeout(next, 50);
        });
      next();
    });
    await new Promise<void>((resolve, reject) => backup.finish((err) => (err ? reject(err) : resolve())));
  } finally {
    await close(db);
  }
  return sqliteVerify(target);
}

/** Opens a copy and checks it page by page, so that a damaged file is never handed out or put in place. */
export async function sqliteVerify(file: string): Promise<{ tables: number }> {
  const db = await open(file, sqlite3.OPEN_READWRITE);
  try {
    const [check] = await all<{ quick_check: string }>(db, 'PRAGMA quick_check');
    if (check?.quick_check !== 'ok') throw new BackupError(`La copie de la base est endommagée (${check?.quick_check ?? 'contrôle impossible'}).`);
    return { tables: await tableCount(db) };
  } finally {
    await close(db);
  }
}

/**
 * The state of the database the app would open: absent, or its number of tables. Refuses while
 * another process has it open: in WAL mode every open connection keeps a shared lock on the file,
 * so an exclusive lock that cannot be taken means the app (or another command) is running.
 */
export async function sqliteTargetState(file: string): Promise<{ exists: boolean; tables: number }> {
  if (!fs.existsSync(file)) return { exists: false, tables: 0 };
  const db = await open(file, sqlite3.OPEN_READWRITE);
  try {
    db.configure('busyTimeout', 1000);
    try {
      await exec(db, 'PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE; COMMIT;');
    } catch (e) {
      if ((e as { code?: string }).code === 'SQLITE_BUSY' || (e as { code?: string }).code === 'SQLITE_LOCKED') {
        throw new BackupError(`La base ${file} est ouverte par un autre processus : arrêtez l’application avant de restaurer.`);
      }
      throw e;
    }
    return { exists: true, tables: await tableCount(db) };
  } finally {
    await close(db);
  }
}

/**
 * Puts the verified copy `staged` (in the same folder) in place of `target`: the WAL and shared-memory
 * files of the replaced database go first, or SQLite would replay the old WAL over the restored file.
 * The rename is atomic: the app never sees a half-restored file.
 */
export async function sqliteReplace(staged: string, target: string): Promise<void> {
  for (const suffix of ['-wal', '-shm', '-journal']) await fs.promises.rm(`${target}${suffix}`, { force: true });
  await fs.promises.rename(staged, target);
}
