/**
 * Memory and time of the contributions' exports at scale (issue 13, item 5). Not part of CI; prints
 * figures, asserts nothing.
 *
 *   npm run build && node dist/bench/export-memory.js [--rows 1000000] [--formats xlsx,csv,json]
 *
 * Loads the demo, adds ROWS synthetic contributions (SQLite, deterministic), then for each format
 * starts the REAL server in a process of its own, downloads the DSI's export of the whole consultation
 * and reads the server's peak resident memory (VmHWM, /proc) and the time. Baseline, same run: the
 * export's own query walked in the same keyset batches, rows counted and dropped (time, and the
 * bench's own memory growth while it walks).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import http from 'node:http';
import { spawn } from 'node:child_process';
import { loadConfig, PROJECT_ROOT } from '../src/config';
import { createDb, migrateLatest, type PlainRow } from '../src/shared/db';
import { insertRawContributions, rawContributionRow, selectionQuery } from '../src/modules/contributions';
import { selectionBatches } from '../src/modules/contributions/queries';
import { DEMO_SLUG, seedDemo } from '../seeds/demo';
import { login } from './http-load';
import { freePort } from '../test/support/server-process';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : fallback;
};
const ROWS = Number(arg('rows', '1000000'));
const FORMATS = arg('formats', 'xlsx,csv').split(',') as Array<'xlsx' | 'csv' | 'json'>;

const SUBJECTS = [
  'un outil numérique simple', 'des moyens financiers', 'plus de participation des jeunes', 'un dossier unique partagé',
  'une meilleure formation des conseillers', 'des tableaux de bord lisibles', 'moins de double saisie', 'un accès mobile en déplacement',
];

function procStatus(pid: number, key: 'VmRSS' | 'VmHWM'): number {
  try {
    const m = new RegExp(`${key}:\\s+(\\d+) kB`).exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** One export through a fresh server process: bytes, seconds, the server's RSS before and at its peak. */
async function exportOnce(dataDir: string, format: string): Promise<{ bytes: number; seconds: number; idleRss: number; peakRss: number }> {
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(PROJECT_ROOT, 'dist', 'src', 'server.js')], {
    env: { ...Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'DATABASE_URL')), NODE_ENV: 'test', DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', SEED_DEMO: 'false', LOG_LEVEL: 'warn', SQLITE_SYNCHRONOUS: 'normal' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  try {
    for (let i = 0; ; i++) {
      try {
        if ((await fetch(`${url}/healthz`)).ok) break;
      } catch {
        /* starting */
      }
      if (i > 300) throw new Error('le serveur ne répond pas');
      await new Promise((r) => setTimeout(r, 100));
    }
    const cookie = await login(url, 'dsi@ensemble.test');
    const idleRss = procStatus(child.pid!, 'VmRSS');
    let peakRss = idleRss;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, procStatus(child.pid!, 'VmRSS'))), 50);
    const started = process.hrtime.bigint();
    const bytes = await new Promise<number>((resolve, reject) => {
      http
        .get(`${url}/consultations/${DEMO_SLUG}/contributions/export.${format}`, { headers: { cookie } }, (res) => {
          if (res.statusCode !== 200) reject(new Error(`export ${format} : ${res.statusCode}`));
          let n = 0;
          res.on('data', (chunk: Buffer) => (n += chunk.length));
          res.on('end', () => resolve(n));
          res.on('error', reject);
        })
        .on('error', reject);
    });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    clearInterval(sampler);
    peakRss = Math.max(peakRss, procStatus(child.pid!, 'VmHWM'));
    return { bytes, seconds, idleRss, peakRss };
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
}

async function main(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ensemble-bench-export-'));
  const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir, SEED_DEMO: 'false', SQLITE_SYNCHRONOUS: 'normal' });
  const db = createDb(config);
  await migrateLatest(db);
  await seedDemo(db);
  const consultation = await db('consultations').where({ slug: DEMO_SLUG }).first();
  const themes = (await db('themes').where({ consultation_id: consultation.id }).orderBy('position').select('id')).map((r: { id: number }) => Number(r.id));
  const loadStart = Date.now();
  let batch: PlainRow[] = [];
  for (let i = 0; i < ROWS; i++) {
    const body = `Il faudrait ${SUBJECTS[i % SUBJECTS.length]}, ${SUBJECTS[(i * 7 + 3) % SUBJECTS.length]} pour gagner du temps dans toutes les Missions Locales (n° ${i}).`;
    batch.push(<PlainRow>rawContributionRow({ consultation_id: consultation.id, theme_id: themes[i % themes.length]!, source: 'individuelle', body, created_by: null }));
    if (batch.length === 5000) {
      const rows = batch;
      await db.transaction((trx) => insertRawContributions(trx, rows));
      batch = [];
    }
  }
  if (batch.length) await db.transaction((trx) => insertRawContributions(trx, batch));
  const loadSeconds = (Date.now() - loadStart) / 1000;

  // Baseline: the export's query, same keyset batches, rows only counted.
  const rssBefore = process.memoryUsage().rss;
  let peakBaseline = rssBefore;
  const t0 = process.hrtime.bigint();
  let counted = 0;
  for await (const rows of selectionBatches(db, consultation.id, selectionQuery.parse({}))) {
    counted += rows.length;
    peakBaseline = Math.max(peakBaseline, process.memoryUsage().rss);
  }
  const baselineSeconds = Number(process.hrtime.bigint() - t0) / 1e9;
  await db.destroy();

  const mb = (b: number) => `${(b / 1024 / 1024).toFixed(0)} Mo`;
  const out: string[] = [];
  out.push(`Exports de contributions — ${os.cpus().length} cœurs, Node ${process.version}, SQLite ; ${counted} contributions (dont ${ROWS} générées en ${loadSeconds.toFixed(0)} s)`);
  out.push(`Référence : la requête de l’export parcourue par lots, lignes comptées : ${baselineSeconds.toFixed(1)} s, mémoire du banc +${mb(peakBaseline - rssBefore)}`);
  out.push('format'.padEnd(8) + 'temps'.padStart(10) + '× réf.'.padStart(9) + 'taille'.padStart(10) + 'RSS repos'.padStart(12) + 'RSS max'.padStart(10) + '  objectif < 256 Mo');
  for (const format of FORMATS) {
    const r = await exportOnce(dataDir, format);
    out.push(
      format.padEnd(8) +
        `${r.seconds.toFixed(1)} s`.padStart(10) +
        `× ${(r.seconds / baselineSeconds).toFixed(1)}`.padStart(9) +
        mb(r.bytes).padStart(10) +
        mb(r.idleRss).padStart(12) +
        mb(r.peakRss).padStart(10) +
        `  ${r.peakRss < 256 * 1024 * 1024 ? 'atteint' : 'NON atteint'}`,
    );
    process.stdout.write(out[out.length - 1] + '\n');
  }
  process.stdout.write('\n' + out.join('\n') + '\n');
  fs.rmSync(dataDir, { recursive: true, force: true });
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
