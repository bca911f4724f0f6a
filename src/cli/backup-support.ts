import fs from 'node:fs';
import { formatNumber, plural } from '../shared/i18n';

/** An expected failure of backup or restore: its French message is all the operator sees (no stack trace). */
export class BackupError extends Error {}

export type BackupKind = 'sqlite' | 'postgres';

/** The first bytes of each kind of file: SQLite's header and pg_dump's custom-format signature. */
const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'binary');
const PGDUMP_MAGIC = Buffer.from('PGDMP', 'binary');

/** What `file` is, judged by its header, or a French refusal naming the file. */
export async function backupKind(file: string): Promise<BackupKind> {
  let head: Buffer;
  try {
    const handle = await fs.promises.open(file, 'r');
    try {
      head = Buffer.alloc(16);
      const { bytesRead } = await handle.read(head, 0, 16, 0);
      head = head.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'ENOENT') throw new BackupError(`Fichier introuvable : ${file}.`);
    if (code === 'EISDIR') throw new BackupError(`${file} est un dossier, pas un fichier de sauvegarde.`);
    throw e;
  }
  if (head.length >= SQLITE_MAGIC.length && head.subarray(0, SQLITE_MAGIC.length).equals(SQLITE_MAGIC)) return 'sqlite';
  if (head.length >= PGDUMP_MAGIC.length && head.subarray(0, PGDUMP_MAGIC.length).equals(PGDUMP_MAGIC)) return 'postgres';
  throw new BackupError(
    `${file} n’est pas une sauvegarde d’Ensemble : ce n’est ni une base SQLite ni une archive pg_dump au format personnalisé (--format=custom).`,
  );
}

/** « 812 octets », « 3,4 ko », « 12,7 Mo »: sizes as a French operator reads them. */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${formatNumber(bytes)} octets`;
  if (bytes < 1024 * 1024) return `${formatNumber(Math.round((bytes / 1024) * 10) / 10)} ko`;
  if (bytes < 1024 ** 3) return `${formatNumber(Math.round((bytes / 1024 ** 2) * 10) / 10)} Mo`;
  return `${formatNumber(Math.round((bytes / 1024 ** 3) * 10) / 10)} Go`;
}

/** « 1 table », « 27 tables ». */
export function formatTables(n: number): string {
  return plural(n, '# table', '# tables');
}
