import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import knexFactory from 'knex';
import { BackupError } from './backup-support';

/**
 * The PostgreSQL side of `ensemble backup` / `ensemble restore`, through pg_dump and pg_restore
 * (the only tools that copy a live database consistently with its sequences, indexes and constraints).
 */

/**
 * libpq's environment for DATABASE_URL. The URL is not passed on the command line, where `ps` would
 * show its password; and node-pg accepts query parameters that libpq would reject (`ssl=true`).
 */
export function libpqEnv(url: string): NodeJS.ProcessEnv {
  const u = new URL(url);
  const env: NodeJS.ProcessEnv = { ...process.env };
  const set = (name: string, value: string | null | undefined) => {
    if (value) env[name] = value;
  };
  set('PGHOST', u.searchParams.get('host') ?? decodeURIComponent(u.hostname).replace(/^\[(.*)\]$/, '$1'));
  set('PGPORT', u.port || u.searchParams.get('port'));
  set('PGUSER', decodeURIComponent(u.username));
  set('PGPASSWORD', decodeURIComponent(u.password));
  set('PGDATABASE', decodeURIComponent(u.pathname.replace(/^\//, '')));
  set('PGOPTIONS', u.searchParams.get('options'));
  set('PGAPPNAME', 'ensemble-sauvegarde');
  const ssl = u.searchParams.get('sslmode') ?? (u.searchParams.get('ssl') === 'true' ? 'require' : null);
  // node-pg's « no-verify » is libpq's « require »: encrypted, certificate not checked.
  set('PGSSLMODE', ssl === 'no-verify' ? 'require' : ssl);
  return env;
}

/**
 * The schemas that DATABASE_URL puts first on the search path (`?options=-c search_path=…`), where the
 * app's tables are; empty when the URL leaves the server's default (public).
 */
export function urlSchemas(url: string): string[] {
  const options = new URL(url).searchParams.get('options') ?? '';
  const m = /(?:^|\s)(?:-c\s*|--)search_path=(\S+)/.exec(options);
  if (!m?.[1]) return [];
  return m[1]
    .split(',')
    .map((s) => s.trim().replace(/^"(.*)"$/, '$1'))
    .filter((s) => s && s !== '$user');
}

/** Runs a PostgreSQL client tool; its own error text (already in the operator's language) on failure. */
function run(tool: string, args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(tool, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', (e: NodeJS.ErrnoException) =>
      reject(e.code === 'ENOENT' ? new BackupError(`${tool} est introuvable : installez le client PostgreSQL (paquet postgresql-client, même version que le serveur ou plus récente).`) : e),
    );
    child.on('close', (code) => (code === 0 ? resolve(stdout) : reject(new BackupError(`Échec de ${tool} :\n${stderr.trim()}`))));
  });
}

interface TocEntry {
  line: string;
  /** TABLE, SCHEMA, or '' for every other kind of entry (data, sequence, index, constraint…). */
  type: 'TABLE' | 'SCHEMA' | '';
  /** The table's schema, or the schema's own name. */
  schema: string;
}

/** The archive's table of contents (`pg_restore --list`); also proves the archive readable. */
async function tableOfContents(file: string): Promise<TocEntry[]> {
  const text = await run('pg_restore', ['--list', file], process.env);
  const entries: TocEntry[] = [];
  for (const line of text.split('\n')) {
    // « 215; 1259 16390 TABLE public users ensemble »: dump id; catalog oids; type; schema; name; owner.
    if (!/^\d+; /.test(line)) continue;
    const table = /^\d+; \d+ \d+ TABLE (?!DATA )(\S+) /.exec(line);
    const schema = /^\d+; \d+ \d+ SCHEMA - (\S+) /.exec(line);
    if (table?.[1]) entries.push({ line, type: 'TABLE', schema: table[1] });
    else if (schema?.[1]) entries.push({ line, type: 'SCHEMA', schema: schema[1] });
    else entries.push({ line, type: '', schema: '' });
  }
  return entries;
}

export async function pgTablesIn(file: string): Promise<number> {
  return (await tableOfContents(file)).filter((e) => e.type === 'TABLE').length;
}

/** `pg_dump --format=custom` of the app's schema (or the whole database when the URL names none). */
export async function pgBackup(url: string, target: string): Promise<{ tables: number }> {
  const schemas = urlSchemas(url);
  await run('pg_dump', ['--format=custom', '--no-password', `--file=${target}`, ...schemas.map((s) => `--schema=${s}`)], libpqEnv(url));
  return { tables: await pgTablesIn(target) };
}

/** The schema the app uses under `url`: the first of its search path, or public. */
function targetSchema(url: string): string {
  return urlSchemas(url)[0] ?? 'public';
}

/** Whether the app's schema exists in the target database, and how many tables it holds. */
export async function pgTargetState(url: string): Promise<{ schemaExists: boolean; tables: number }> {
  const db = knexFactory({ client: 'pg', connection: url, pool: { min: 0, max: 1 } });
  try {
    const schema = targetSchema(url);
    const ns = await db.raw('SELECT 1 FROM pg_namespace WHERE nspname = ?', [schema]);
    const tables = await db.raw("SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = ? AND table_type = 'BASE TABLE'", [schema]);
    return { schemaExists: ns.rows.length > 0, tables: Number(tables.rows[0].n) };
  } catch (e) {
    throw new BackupError(`Connexion à la base PostgreSQL impossible : ${e instanceof Error ? e.message : String(e)}`);
  } finally {
    await db.destroy();
  }
}

/**
 * `pg_restore` of `file` into the database of `url`, in one transaction (all or nothing). An archive
 * names its schema in every object, so it must be the schema the URL points at. A schema that already
 * exists (empty, or replaced under --force) is not created again: that entry is left out of the list.
 */
export async function pgRestore(url: string, file: string, opts: { force: boolean; schemaExists: boolean }): Promise<{ tables: number }> {
  const toc = await tableOfContents(file);
  const schema = targetSchema(url);
  const archived = [...new Set(toc.filter((e) => e.type === 'TABLE').map((e) => e.schema))];
  if (archived.length && !archived.includes(schema)) {
    throw new BackupError(
      `La sauvegarde contient le schéma « ${archived.join(', ')} », mais DATABASE_URL désigne le schéma « ${schema} » : ` +
        `ajoutez ?options=-c%20search_path%3D${archived[0]} à DATABASE_URL.`,
    );
  }
  const keep = toc.filter((e) => !(e.type === 'SCHEMA' && e.schema === schema && opts.schemaExists));
  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'ensemble-restauration-'));
  const list = path.join(dir, 'liste.txt');
  try {
    await fs.promises.writeFile(list, keep.map((e) => e.line).join('\n') + '\n');
    const env = libpqEnv(url);
    await run(
      'pg_restore',
      ['--no-owner', '--no-password', '--single-transaction', ...(opts.force ? ['--clean', '--if-exists'] : []), `--use-list=${list}`, `--dbname=${env.PGDATABASE ?? env.PGUSER ?? 'postgres'}`, file],
      env,
    );
  } finally {
    await fs.promises.rm(dir, { recursive: true, force: true });
  }
  return { tables: toc.filter((e) => e.type === 'TABLE').length };
}
