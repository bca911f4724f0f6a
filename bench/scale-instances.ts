/**
 * `npm run bench:instances [-- --size 100000] [--count 2000] [--clients 32] [--requests 300] [--json]`:
 * what a second app instance adds on PostgreSQL (issue 13, item 6). Needs DATABASE_URL (a database of
 * its own is created from it and dropped afterwards); not part of CI; nothing is asserted.
 *
 * The data: the demo consultation grown to `--size` contributions by bench:scale's generator. Two
 * real servers (`dist/src/server.js`, child processes, the same DATABASE_URL and SESSION_SECRET: the
 * sessions live in the database, so either instance serves any client) sit behind a round-robin HTTP
 * proxy written here (node:http, one request to each backend in turn). Measured through the proxy with
 * one backend, then with two (the proxy's own cost is in both):
 * - submissions through the real contribution form by `--clients` logged-in clients (each its own
 *   session and CSRF token), every answer a 303;
 * - pages (the contributions list, its theme filter, the public consultation page) at concurrency 8.
 * The ratio two/one is what the second instance adds. On one machine both instances, the proxy, the
 * load generator and PostgreSQL share the same cores: the ratio there shows contention as much as
 * scaling (on this bench's 2-core VM, it cannot go past ×2 and will not get near it).
 */
import os from 'node:os';
import path from 'node:path';
import http from 'node:http';
import crypto from 'node:crypto';
import { spawn, type ChildProcess } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { closeAgents, contributorSession, login, measure, submitBurst, type Burst, type Load } from './http-load';
import { freePort } from '../test/support/server-process';
import { loadConfig } from '../src/config';
import { createDb, migrateLatest } from '../src/shared/db';
import { DEMO_SLUG, seedDemo } from '../seeds/demo';
import { grow, Lcg, pgDatabase, readDemo } from './scale';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}
const SIZE = arg('size', 100_000);
const COUNT = arg('count', 2000);
const CLIENTS = arg('clients', 32);
const REQUESTS = arg('requests', 300);
const PAGE_CONCURRENCY = 8;
const AS_JSON = process.argv.includes('--json');
const log = (msg: string) => process.stderr.write(`${msg}\n`);

// ---- The round-robin proxy ---------------------------------------------------------------------

/** A reverse proxy sending each request to the next backend in turn (keep-alive to the backends). */
function roundRobin(backends: number[]): Promise<{ url: string; close: () => void }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  let next = 0;
  const server = http.createServer((req, res) => {
    const port = backends[next++ % backends.length]!;
    // The body is read first (forms of a few hundred bytes), so that a request can be sent again: a
    // kept-alive socket the backend has just closed fails the first write (ECONNRESET), as Node's
    // documentation warns; such a request is retried once on a new socket.
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const send = (retry: boolean) => {
        const upstream = http.request(
          { host: '127.0.0.1', port, method: req.method, path: req.url, headers: { ...req.headers, 'x-forwarded-for': req.socket.remoteAddress ?? '' }, agent },
          (answer) => {
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            answer.pipe(res);
          },
        );
        upstream.on('error', (err: NodeJS.ErrnoException) => {
          if (retry && upstream.reusedSocket && err.code === 'ECONNRESET') return send(false);
          if (!res.headersSent) res.writeHead(502);
          res.end();
        });
        upstream.end(body);
      };
      send(true);
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        close: () => {
          server.close();
          server.closeAllConnections();
          agent.destroy();
        },
      }),
    ),
  );
}

// ---- The app instances -------------------------------------------------------------------------

/** The real server (dist/src/server.js) on `port`, resolved once /healthz answers. */
async function startInstance(port: number, env: NodeJS.ProcessEnv): Promise<ChildProcess> {
  const child = spawn(process.execPath, [path.join(__dirname, '..', 'src', 'server.js')], { env: { ...env, PORT: String(port) }, stdio: ['ignore', 'ignore', 'inherit'] });
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`instance sur le port ${port} arrêtée (code ${child.exitCode})`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) return child;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill('SIGTERM');
  throw new Error(`instance sur le port ${port} : pas de réponse`);
}

async function stopInstance(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

// ---- Submissions through the real form -----------------------------------------------------------

// ---- Main --------------------------------------------------------------------------------------

interface Run {
  instances: number;
  submissions: Burst;
  pages: Array<{ page: string; load: Load }>;
}

async function main(): Promise<void> {
  if (!process.env.DATABASE_URL) throw new Error('bench:instances mesure PostgreSQL : définir DATABASE_URL');
  const pg = await pgDatabase(process.env.DATABASE_URL);
  const instances: ChildProcess[] = [];
  let proxy: { url: string; close: () => void } | null = null;
  const runs: Run[] = [];
  try {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: pg.url,
      // Production: views compiled once, as deployed (development compiles each view at each request);
      // the cookies without Secure, the bench speaking plain HTTP.
      NODE_ENV: 'production',
      SECURE_COOKIES: 'false',
      HOST: '127.0.0.1',
      SEED_DEMO: 'false',
      LOG_LEVEL: 'warn',
      SESSION_SECRET: crypto.randomBytes(32).toString('hex'),
      LOGIN_MAX_ATTEMPTS_PER_IP: '100000',
      LOGIN_MAX_ATTEMPTS_PER_ACCOUNT: '100000',
    };
    const db = createDb(loadConfig({ ...env, DATA_DIR: os.tmpdir() }));
    let themeId: number;
    try {
      await migrateLatest(db);
      await seedDemo(db);
      await db('consultations').where({ slug: DEMO_SLUG }).update({ contributions_open: true });
      const demo = await readDemo(db);
      themeId = demo.themes[0]!;
      log(`données : ${SIZE.toLocaleString('fr-FR')} contributions…`);
      const g = await grow(db, demo, SIZE, new Lcg(20_241_129));
      log(`  ${g.added.toLocaleString('fr-FR')} générées en ${g.seconds.toFixed(0)} s`);
    } finally {
      await db.destroy();
    }
    const ports = [await freePort(), await freePort()];
    for (const port of ports) instances.push(await startInstance(port, env));
    const dsiFor = new Map<string, string>();

    for (const n of [1, 2]) {
      proxy = await roundRobin(ports.slice(0, n));
      const url = proxy.url;
      log(`${n} instance(s) derrière le proxy : ${CLIENTS} sessions…`);
      const sessions: Array<{ cookie: string; token: string }> = [];
      for (let i = 0; i < CLIENTS; i++) sessions.push(await contributorSession(url, 'contributeur@ensemble.test'));
      log(`  ${COUNT} dépôts…`);
      const submissions = await submitBurst(`${url}/consultations/${DEMO_SLUG}/contributions`, sessions, { count: COUNT, themeId, label: `${n} instance(s)`, sockets: 256 });
      const dsi = dsiFor.get('dsi') ?? (await login(url, 'dsi@ensemble.test'));
      dsiFor.set('dsi', dsi);
      const list = `${url}/consultations/${DEMO_SLUG}/contributions`;
      const pages: Array<[string, string, string | undefined]> = [
        ['Liste des contributions (sans filtre)', list, dsi],
        ['Liste, filtre thématique', `${list}?theme=${themeId}`, dsi],
        ['Page publique de la consultation', `${url}/consultations/${DEMO_SLUG}`, undefined],
      ];
      const measured: Run['pages'] = [];
      for (const [page, u, cookie] of pages) {
        log(`  ${page}…`);
        measured.push({ page, load: await measure(u, { cookie, requests: REQUESTS, concurrency: PAGE_CONCURRENCY, warmUp: 20 }) });
      }
      runs.push({ instances: n, submissions, pages: measured });
      proxy.close();
      proxy = null;
    }
  } finally {
    proxy?.close();
    for (const child of instances) await stopInstance(child);
    closeAgents();
    await pg.drop();
  }
  report(runs);
}

function report(runs: Run[]): void {
  const machine = `${os.cpus().length} cœurs (${os.cpus()[0]?.model ?? '?'}), ${(os.totalmem() / 2 ** 30).toFixed(0)} Go, Node ${process.version}, PostgreSQL`;
  const [one, two] = runs as [Run, Run];
  const rows = [
    { figure: `Dépôts par le formulaire (${CLIENTS} clients connectés)`, unit: 'dépôts/s', one: one.submissions.rps, two: two.submissions.rps, p95One: one.submissions.p95, p95Two: two.submissions.p95, errors: one.submissions.errors + two.submissions.errors },
    ...one.pages.map((p, i) => ({ figure: p.page, unit: 'pages/s', one: p.load.rps, two: two.pages[i]!.load.rps, p95One: p.load.p95, p95Two: two.pages[i]!.load.p95, errors: 0 })),
  ].map((r) => ({ ...r, ratio: r.two / r.one }));
  if (AS_JSON) {
    process.stdout.write(JSON.stringify({ machine, size: SIZE, submissions: COUNT, clients: CLIENTS, pageConcurrency: PAGE_CONCURRENCY, rows }, null, 2) + '\n');
    return;
  }
  const out = [`Ensemble bench:instances — ${machine}, ${SIZE.toLocaleString('fr-FR')} contributions, proxy tourniquet, pages à concurrence ${PAGE_CONCURRENCY}`];
  out.push('mesure'.padEnd(48) + '1 instance'.padStart(12) + '2 instances'.padStart(13) + '× 2/1'.padStart(8) + 'p95 1 ms'.padStart(10) + 'p95 2 ms'.padStart(10) + '  erreurs');
  for (const r of rows) {
    out.push(
      `${r.figure} (${r.unit})`.slice(0, 47).padEnd(48) + r.one.toFixed(0).padStart(12) + r.two.toFixed(0).padStart(13) + r.ratio.toFixed(2).padStart(8) + r.p95One.toFixed(1).padStart(10) + r.p95Two.toFixed(1).padStart(10) + `  ${r.errors}`,
    );
  }
  out.push(`Les deux instances, le proxy, le client de mesure et PostgreSQL partagent les ${os.cpus().length} cœurs de la machine : le rapport mesure la contention autant que le gain d'une seconde machine.`);
  process.stdout.write(out.join('\n') + '\n');
}

main().catch((err) => {
  process.stderr.write(`${(err instanceof Error ? err.stack ?? err.message : String(err)).slice(0, 2000)}\n`);
  process.exit(1);
});
