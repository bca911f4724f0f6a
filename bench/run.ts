/**
 * `npm run bench`: performance figures, printed as ratios against a bare baseline measured in the
 * same run on the same machine (so that figures compare across machines). Not a test: nothing is
 * asserted. Sized for a 2-core machine: a few hundred requests per page, concurrency 4.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { createApp } from '../src/app';
import { loadConfig } from '../src/config';
import { createDb, migrateLatest } from '../src/shared/db';
import { createLogger } from '../src/shared/logger';
import { DEMO_PASSWORD, DEMO_SLUG, seedDemo } from '../seeds/demo';
import { closeAgents, login, measure } from './http-load';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 400);
const CONCURRENCY = 4;
const page = (url: string, cookie?: string) => measure(url, { cookie, requests: REQUESTS, concurrency: CONCURRENCY });
function listen(app: express.Express): Promise<{ url: string; server: http.Server }> {
  const server = http.createServer(app);
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server })));
}

/** Contributions posted through the real form, 8 at a time: the write path, commit included. */
async function measureSubmissions(url: string, cookie: string, themeId: number, count: number): Promise<{ rps: number; p99: number }> {
  const page = await fetch(`${url}/consultations/${DEMO_SLUG}/contribuer`, { headers: { cookie } });
  const token = /name="_csrf" value="([^"]+)"/.exec(await page.text())![1]!;
  const times: number[] = [];
  let next = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < count) {
        const n = next++;
        const t0 = process.hrtime.bigint();
        const res = await fetch(`${url}/consultations/${DEMO_SLUG}/contributions`, {
          method: 'POST',
          redirect: 'manual',
          headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
          body: new URLSearchParams({ _csrf: token, themeId: String(themeId), body: `Contribution de mesure n° ${n} : un outil plus simple pour le suivi des jeunes.` }),
        });
        await res.arrayBuffer();
        if (res.status !== 303) throw new Error(`dépôt refusé : ${res.status}`);
        times.push(Number(process.hrtime.bigint() - t0) / 1e6);
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  times.sort((a, b) => a - b);
  return { rps: count / seconds, p99: times[Math.floor(times.length * 0.99)]! };
}

async function main(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ensemble-bench-'));
  const config = loadConfig({ ...process.env, NODE_ENV: 'test', DATA_DIR: dataDir, SEED_DEMO: 'false', LOGIN_MAX_ATTEMPTS_PER_IP: '1000' });
  const db = createDb(config);
  await migrateLatest(db);
  const t0 = Date.now();
  const summary = await seedDemo(db);
  const seedMs = Date.now() - t0;

  // Baseline: a bare Express app answering a small HTML page, same process, same HTTP client.
  const bare = express();
  bare.get('/', (_req, res) => res.send('<!doctype html><html lang="fr"><title>base</title><p>Bonjour</p></html>'));
  const base = await listen(bare);
  const app = await listen(createApp({ config, db, logger: createLogger('silent') }, { sessionCleanupMs: 0 }));
  const dsiCookie = await login(app.url, 'dsi@ensemble.test');

  const baseline = await page(base.url + '/');
  const pages: Array<[string, string, string?]> = [
    ['GET /healthz', '/healthz'],
    ['GET / (visiteur)', '/'],
    [`GET /consultations/${DEMO_SLUG}`, `/consultations/${DEMO_SLUG}`],
    ['GET / (DSI)', '/', dsiCookie],
    ['GET /admin/utilisateurs (DSI)', '/admin/utilisateurs', dsiCookie],
    ['GET /admin/journal (DSI)', '/admin/journal', dsiCookie],
    [`GET …/livre-blanc (édition, page web)`, `/consultations/${DEMO_SLUG}/livre-blanc`],
    [`GET …/livre-blanc.pdf (édition stockée)`, `/consultations/${DEMO_SLUG}/livre-blanc.pdf`],
  ];
  const db_ = config.databaseUrl ? 'PostgreSQL' : 'SQLite';
  const out: string[] = [];
  out.push(`Ensemble bench — ${os.cpus().length} cœurs, Node ${process.version}, ${db_}, ${REQUESTS} requêtes par page, concurrence ${CONCURRENCY}`);
  out.push(`Chargement de la démo : ${seedMs} ms (${summary.rawContributions} contributions brutes, ${summary.needs} besoins)`);
  out.push(`Référence (Express nu) : ${baseline.rps.toFixed(0)} req/s, p50 ${baseline.p50.toFixed(2)} ms`);
  out.push('page'.padEnd(52) + 'req/s'.padStart(8) + 'p50 ms'.padStart(9) + 'p95 ms'.padStart(9) + '  coût relatif (p50 / référence)');
  for (const [label, p, cookie] of pages) {
    const m = await page(app.url + p, cookie);
    out.push(label.padEnd(52) + m.rps.toFixed(0).padStart(8) + m.p50.toFixed(2).padStart(9) + m.p95.toFixed(2).padStart(9) + `  × ${(m.p50 / baseline.p50).toFixed(1)}`);
  }

  // The price of durability (SQLite): the same submissions with a sync of the WAL at each commit
  // (FULL, the default) and without (NORMAL, which may lose the last commits on a power loss).
  if (!config.databaseUrl) {
    await db('consultations').where({ slug: DEMO_SLUG }).update({ contributions_open: true });
    const themeId = Number((await db('themes').join('consultations', 'consultations.id', 'themes.consultation_id').where('consultations.slug', DEMO_SLUG).first('themes.id')).id);
    const submissions = Math.max(100, Math.floor(REQUESTS / 2));
    const results: Record<string, { rps: number; p99: number }> = {};
    for (const level of ['full', 'normal'] as const) {
      const levelDb = createDb({ ...config, sqliteSynchronous: level });
      const levelApp = await listen(createApp({ config, db: levelDb, logger: createLogger('silent') }, { sessionCleanupMs: 0 }));
      const cookie = await login(levelApp.url, 'contributeur@ensemble.test');
      results[level] = await measureSubmissions(levelApp.url, cookie, themeId, submissions);
      levelApp.server.close();
      await levelDb.destroy();
    }
    out.push(`Dépôts de contributions (formulaire réel, concurrence 8, ${submissions} dépôts) :`);
    for (const [level, m] of Object.entries(results)) out.push(`  synchronous=${level.toUpperCase()}`.padEnd(52) + m.rps.toFixed(0).padStart(8) + `  p99 ${m.p99.toFixed(1)} ms`);
    out.push(`  coût de la durabilité (FULL / NORMAL)`.padEnd(52) + `× ${(results.full!.rps / results.normal!.rps).toFixed(2)} du débit`);
  }
  process.stdout.write(out.join('\n') + '\n');
  base.server.close();
  app.server.close();
  closeAgents();
  await db.destroy();
  fs.rmSync(dataDir, { recursive: true, force: true });
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
