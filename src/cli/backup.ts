import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import type { Config } from '../config';
import { pgBackup, pgRestore, pgTargetState } from './backup-postgres';
import { sqliteBackup, sqliteReplace, sqliteTargetState, sqliteVerify } from './backup-sqlite';
import { formatDuration } from '../shared/i18n';
import { explainStartFailure } from '../shared/startup-errors';
import { BackupError, backupKind, formatSize, formatTables } from './backup-support';
import { loadConfigOrExit } from './support';

/**
 * `ensemble backup FICHIER [--force]` and `ensemble restore FICHIER [--force]`. The backup runs while
 * the app serves (SQLite's online backup API, or pg_dump's snapshot); the restore goes into an empty
 * database only, unless --force, and on SQLite only while the app is stopped.
 */

const say = (msg: string) => process.stdout.write(`${msg}\n`);
const err = (msg: string) => process.stderr.write(`${msg}\n`);

/** The embedded database's file, as the app opens it (src/shared/db.ts). */
const sqliteFile = (config: Config) => path.join(config.dataDir, 'ensemble.sqlite');

/** Expected failures print their French message; anything else is still one French line, never a stack. */
async function guarded(config: Config, what: string, staged: string | null, fn: () => Promise<void>): Promise<number> {
  try {
    await fn();
    return 0;
  } catch (e) {
    if (staged) await fs.promises.rm(staged, { force: true });
    err(e instanceof BackupError ? e.message : (explainStartFailure(e, config) ?? `Échec de ${what} : ${e instanceof Error ? e.message : String(e)}`));
    return 1;
  }
}

async function backupCommand(file: string, opts: { force?: boolean }): Promise<number> {
  const config = loadConfigOrExit();
  const target = path.resolve(file);
  // Written aside and renamed once complete and checked: FICHIER is never a half-written backup.
  const partial = `${target}.partiel`;
  return guarded(config, 'la sauvegarde', partial, async () => {
    if (fs.existsSync(target) && !opts.force) {
      throw new BackupError(`Le fichier ${target} existe déjà : choisissez un autre nom, ou ajoutez --force pour le remplacer.`);
    }
    if (!fs.existsSync(path.dirname(target))) throw new BackupError(`Le dossier ${path.dirname(target)} n’existe pas.`);
    await fs.promises.rm(partial, { force: true });
    const started = Date.now();
    const { tables } = config.databaseUrl ? await pgBackup(config.databaseUrl, partial) : await sqliteBackup(sqliteFile(config), partial);
    await fs.promises.rename(partial, target);
    const { size } = await fs.promises.stat(target);
    const engine = config.databaseUrl ? 'PostgreSQL, pg_dump' : 'SQLite';
    say(`Sauvegarde (${engine}) écrite dans ${target} : ${formatSize(size)}, ${formatTables(tables)}, ${formatDuration(Date.now() - started)}.`);
  });
}

const notEmpty = (where: string, tables: number) =>
  new BackupError(
    `La base ${where} n’est pas vide (${formatTables(tables)}) : la restauration se fait dans une base vide. ` +
      `Ajoutez --force pour remplacer son contenu par la sauvegarde.`,
  );

async function restoreCommand(file: string, opts: { force?: boolean }): Promise<number> {
  const config = loadConfigOrExit();
  const source = path.resolve(file);
  const target = sqliteFile(config);
  // The copy waits beside the database so that putting it in place is one atomic rename.
  const staged = `${target}.restauration`;
  return guarded(config, 'la restauration', config.databaseUrl ? null : staged, async () => {
    const kind = await backupKind(source);
    const started = Date.now();
    if (config.databaseUrl) {
      if (kind !== 'postgres') throw new BackupError(`${source} est une sauvegarde SQLite, mais la base configurée est PostgreSQL (DATABASE_URL).`);
      const state = await pgTargetState(config.databaseUrl);
      if (state.tables > 0 && !opts.force) throw notEmpty('PostgreSQL', state.tables);
      const { tables } = await pgRestore(config.databaseUrl, source, { force: Boolean(opts.force), schemaExists: state.schemaExists });
      say(`Base PostgreSQL restaurée depuis ${source} : ${formatTables(tables)}, ${formatDuration(Date.now() - started)}.`);
      return;
    }
    if (kind !== 'sqlite') throw new BackupError(`${source} est une archive PostgreSQL (pg_dump), mais la base configurée est SQLite (DATABASE_URL absent).`);
    const state = await sqliteTargetState(target);
    if (state.tables > 0 && !opts.force) throw notEmpty(target, state.tables);
    await fs.promises.mkdir(config.dataDir, { recursive: true });
    await fs.promises.copyFile(source, staged);
    const { tables } = await sqliteVerify(staged);
    // Checked again just before the swap: the app may have been started while the copy was made.
    await sqliteTargetState(target);
    await sqliteReplace(staged, target);
    say(`Base SQLite restaurée dans ${target} depuis ${source} : ${formatTables(tables)}, ${formatDuration(Date.now() - started)}.`);
  });
}

export function registerBackupCommands(program: Command): void {
  program
    .command('backup')
    .description('Sauvegarde la base pendant que l’application tourne (SQLite : API de sauvegarde en ligne ; PostgreSQL : pg_dump)')
    .argument('<fichier>', 'fichier de sauvegarde à écrire')
    .option('--force', 'remplace le fichier s’il existe déjà')
    .action(async (file: string, opts: { force?: boolean }) => {
      process.exitCode = await backupCommand(file, opts);
    });
  program
    .command('restore')
    .description('Restaure une sauvegarde dans une base vide (SQLite : application arrêtée ; PostgreSQL : pg_restore)')
    .argument('<fichier>', 'fichier écrit par « ensemble backup »')
    .option('--force', 'remplace le contenu d’une base qui n’est pas vide')
    .action(async (file: string, opts: { force?: boolean }) => {
      process.exitCode = await restoreCommand(file, opts);
    });
}
