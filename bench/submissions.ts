/**
 * Submissions per second through the REAL contribution form, at 64 concurrent logged-in clients (64
 * sessions), against a bare Express + knex + sqlite3 app doing the same insert on the same database
 * file, measured in the same run (issue 13, item 1). Not part of CI; prints figures, asserts nothing.
 * Also counts the session store's writes per submission (the flash's cost), and the group-commit
 * writer's batches.
 *
 * Then, on the same app and data, /healthz while 4 logged-in clients load the heaviest pages (lists,
 * searches, figures, dashboards): its p50/p99 against the goal of 50 ms at p99 (issue 13, item 2), and
 * alone as the reference. `--probes N` (500) probes, one every few milliseconds.
 *
 *   npm run build && node dist/bench/submissions.js [--count 2000] [--clients 64] [--probes 500]
 *
 * `--synchronous normal` drops the WAL sync at each commit (both apps), to see the CPU's share.
 * SQLite only (the bare baseline is sqlite3); DATABASE_URL is ignored.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import express from 'express';
import knexFactory from 'knex';
import { createApp } from '../src/app';
import { loadConfig } from '../src/config';
import { createDb, createReadDb, migrateLatest } from '../src/shared/db';
import { createWriteBatcher } from '../src/shared/write-batcher';
import { closeAgents, contributorSession, get, login, submitBurst, type Burst } from './http-load';
import { createLogger } from '../src/shared/logger';
import { rawContributionRow } from '../src/modules/contributions/queries';
import { DEMO_SLUG, seedDemo } from '../seeds/demo';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const COUNT = arg('count', 2000);
const CLIENTS = arg('clients', 64);
const PROBES = arg('probes', 500);
/** --synchronous normal: without the WAL sync at each commit, to see the CPU cost rather than the disk's. */
const SYNCHRONOUS = process.argv.includes('normal') ? 'normal' : 'full';

function listen(app: express.Express): Promise<{ url: string; server: http.Server }> {
  const server = http.createServer(app);
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server })));
}

async function main(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ensemble-bench-submissions-'));
  const config = loadConfig({
    ...Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'DATABASE_URL')),
    NODE_ENV: 'test',
    DATA_DIR: dataDir,
    SEED_DEMO: 'false',
    SQLITE_SYNCHRONOUS: SYNCHRONOUS,
    LOGIN_MAX_ATTEMPTS_PER_IP: '100000',
    LOGIN_MAX_ATTEMPTS_PER_ACCOUNT: '100000',
  });
  const db = createDb(config);
  await migrateLatest(db);
  await seedDemo(db);
  await db('consultations').where({ slug: DEMO_SLUG }).update({ contributions_open: true });
  const consultation = await db('consultations').where({ slug: DEMO_SLUG }).first('id');
  const themeId = Number((await db('themes').where({ consultation_id: consultation.id }).orderBy('position').first('id')).id);
  await countSessionWrites(db);
  const author = Number((await db('users').where({ email: 'contributeur@ensemble.test' }).first('id')).id);

  // The real app as the server builds it (readers' pool, group-commit writer), its session store's writes counted.
  const readDb = createReadDb(db, config.sqliteReaders);
  const writer = createWriteBatcher(db, { windowMs: config.writeBatch.windowMs, maxBatch: config.writeBatch.max });
  const app = createApp({ config, db, readDb, writer, logger: createLogger('silent') }, { sessionCleanupMs: 0 });
  const real = await listen(app);
  const sessions: Array<{ cookie: string; token: string }> = [];
  for (let i = 0; i < CLIENTS; i++) sessions.push(await contributorSession(real.url, 'contributeur@ensemble.test'));
  const sessionRowsBefore = await sessionWrites(db);
  const before = Number((await db('raw_contributions').count({ n: '*' }).first())!.n);
  const app1 = await submitBurst(`${real.url}/consultations/${DEMO_SLUG}/contributions`, sessions, { count: COUNT, themeId, label: 'app', sockets: CLIENTS });
  const stored = Number((await db('raw_contributions').count({ n: '*' }).first())!.n) - before;
  const sessionRowsAfter = await sessionWrites(db);
  const health = await healthUnderLoad(real.url);
  real.server.close();
  await readDb.destroy();
  await db.destroy();

  // The bare app: Express, urlencoded body, knex on one sqlite3 connection, one insert, a 303.
  const bareDb = knexFactory({
    client: 'sqlite3',
    connection: { filename: path.join(dataDir, 'ensemble.sqlite') },
    useNullAsDefault: true,
    pool: {
      min: 1,
      max: 1,
      afterCreate(conn: any, done: (err: Error | null, conn: unknown) => void) {
        conn.serialize(() => {
          conn.run('PRAGMA journal_mode = WAL');
          conn.run('PRAGMA busy_timeout = 5000');
          conn.run(`PRAGMA synchronous = ${SYNCHRONOUS.toUpperCase()}`, (err: Error | null) => done(err, conn));
        });
      },
    },
  });
  const bare = express();
  bare.use(express.urlencoded({ extended: false }));
  bare.post('/c', async (req, res) => {
    // The same row as the form writes (its searchable text computed the same way).
    await bareDb('raw_contributions').insert(
      rawContributionRow({ consultation_id: consultation.id, theme_id: Number(req.body.themeId), author_id: author, source: 'individuelle', body: String(req.body.body), created_by: author }),
    );
    res.redirect(303, '/ok');
  });
  const bareServer = await listen(bare);
  const baseline = await submitBurst(`${bareServer.url}/c`, sessions, { count: COUNT, themeId, label: 'nu', sockets: CLIENTS });
  bareServer.server.close();
  await bareDb.destroy();

  const out: string[] = [];
  out.push(`Dépôts de contributions — ${os.cpus().length} cœurs, Node ${process.version}, SQLite (synchronous=${SYNCHRONOUS.toUpperCase()}), ${COUNT} dépôts, ${CLIENTS} clients connectés`);
  const line = (label: string, f: Burst) =>
    out.push(label.padEnd(40) + `${f.rps.toFixed(0)} /s`.padStart(10) + `p50 ${f.p50.toFixed(1)} ms`.padStart(16) + `p99 ${f.p99.toFixed(1)} ms`.padStart(16) + `  erreurs ${f.errors}`);
  line('Express + knex nu (un insert)', baseline);
  line('Ensemble (formulaire réel)', app1);
  out.push(`rapport débit : × ${(app1.rps / baseline.rps).toFixed(2)} ; rapport p99 : × ${(app1.p99 / baseline.p99).toFixed(1)}`);
  out.push(`lignes enregistrées : ${stored} / ${COUNT} ; écritures de session : ${sessionRowsAfter - sessionRowsBefore} (${((sessionRowsAfter - sessionRowsBefore) / COUNT).toFixed(2)} par dépôt)`);
  out.push(`écritures groupées : ${writer.stats.units} dépôts en ${writer.stats.batches} validations (${(writer.stats.units / Math.max(1, writer.stats.batches)).toFixed(1)} par validation, au plus ${writer.stats.largestBatch})`);
  out.push(`/healthz seul (${PROBES} sondes)`.padEnd(40) + `p50 ${health.alone.p50.toFixed(1)} ms`.padStart(26) + `p99 ${health.alone.p99.toFixed(1)} ms`.padStart(16));
  out.push(`/healthz, 4 clients sur les pages lourdes`.padEnd(40) + `p50 ${health.loaded.p50.toFixed(1)} ms`.padStart(26) + `p99 ${health.loaded.p99.toFixed(1)} ms`.padStart(16) + `  objectif p99 ≤ 50 ms : ${health.loaded.p99 <= 50 ? 'atteint' : 'non atteint'} (${health.pages} pages servies, ${health.pageErrors} erreurs ; boucle d’événements retardée de ${health.loopP99.toFixed(0)} ms au p99)`);
  process.stdout.write(out.join('\n') + '\n');
  closeAgents();
  fs.rmSync(dataDir, { recursive: true, force: true });
}

/**
 * /healthz probed one after the other (a few ms apart), first alone, then while 4 DSI clients load
 * the heaviest pages in a loop. Its p50 and p99 in ms.
 */
async function healthUnderLoad(url: string): Promise<{ alone: { p50: number; p99: number }; loaded: { p50: number; p99: number }; pages: number; pageErrors: number; loopP99: number }> {
  const probe = async () => {
    const times: number[] = [];
    for (let i = 0; i < PROBES; i++) {
      const t0 = process.hrtime.bigint();
      await get(`${url}/healthz`, undefined, 1);
      times.push(Number(process.hrtime.bigint() - t0) / 1e6);
      await new Promise((r) => setTimeout(r, 5));
    }
    times.sort((a, b) => a - b);
    return { p50: times[Math.floor(times.length / 2)]!, p99: times[Math.floor(times.length * 0.99)]! };
  };
  const alone = await probe();
  const dsi = await login(url, 'dsi@ensemble.test');
  const list = `${url}/consultations/${DEMO_SLUG}/contributions`;
  const heavy = [list, `${list}?q=outil`, `${url}/admin/consultations/${DEMO_SLUG}/chiffres`, `${url}/admin/consultations/${DEMO_SLUG}/tableau-de-bord`, `${url}/`, `${url}/consultations/${DEMO_SLUG}/nuage`];
  let stop = false;
  let pages = 0;
  let pageErrors = 0;
  const loaders = Array.from({ length: 4 }, async (_, c) => {
    for (let i = c; !stop; i++) {
      const status = await get(heavy[i % heavy.length]!, dsi, 4);
      pages++;
      if (status >= 400) pageErrors++;
    }
  });
  // How long the event loop itself was held (pages rendering, figures computed): a probe waits that much whatever the database.
  const lag = monitorEventLoopDelay({ resolution: 5 });
  lag.enable();
  const loaded = await probe();
  lag.disable();
  stop = true;
  await Promise.all(loaders);
  return { alone, loaded, pages, pageErrors, loopP99: lag.percentile(99) / 1e6 };
}

/** Every insert or update of a session row, counted by a trigger that only this bench's copy has. */
async function countSessionWrites(db: import('knex').Knex): Promise<void> {
  await db.raw('CREATE TABLE bench_session_writes (n INTEGER)');
  await db.raw('CREATE TRIGGER bench_sessions_ins AFTER INSERT ON sessions BEGIN INSERT INTO bench_session_writes VALUES (1); END');
  await db.raw('CREATE TRIGGER bench_sessions_upd AFTER UPDATE ON sessions BEGIN INSERT INTO bench_session_writes VALUES (1); END');
}
async function sessionWrites(db: import('knex').Knex): Promise<number> {
  return Number((await db('bench_session_writes').count({ n: '*' }).first())!.n);
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
