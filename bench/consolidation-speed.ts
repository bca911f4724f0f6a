/**
 * `npm run bench:plan-speed` (also in `npm run bench`): how fast the consolidation plan is at scale.
 *
 * - The plan page (GET, logged-in DSI, over HTTP as bench/run.ts) of one theme holding 1 000, then
 *   10 000 unprocessed raw contributions: a few sequential requests, p50 / p95, and the ratio to the
 *   bare baseline measured in the same run (GET /healthz of the same app).
 * - The plan of that theme at 100 000 unprocessed contributions, computed as `ensemble suggest-groups
 *   --theme CODE` computes it (printedGroups, in-process, the same function as the command line).
 *
 * The texts are synthetic but varied French: clauses of the demo's raw contributions of the theme and
 * of the labelled paraphrases (bench/labelled/paraphrases.json — never the effort set), recombined at
 * random (seeded) with small rewordings, so that no two are identical. They are inserted in batches.
 *
 *   node dist/bench/consolidation-speed.js [--sizes 1000,10000] [--cli 100000] [--requests 5]
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Knex } from 'knex';
import { createApp } from '../src/app';
import { loadConfig } from '../src/config';
import { createDb, migrateLatest } from '../src/shared/db';
import { createLogger } from '../src/shared/logger';
import { rawContributionRow } from '../src/modules/contributions';
import { printedGroups } from '../src/cli/suggest-groups';
import { DEMO_PASSWORD, DEMO_SLUG, seedDemo } from '../seeds/demo';
import { Random } from '../seeds/demo/random';
import { readLabelled } from './labelled-set';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const SIZES = (arg('--sizes') ?? '1000,10000').split(',').map(Number);
const CLI_SIZE = Number(arg('--cli') ?? 100_000);
const REQUESTS = Number(arg('--requests') ?? 5);
const THEME = 'USAGERS';
const GOALS: Record<number, number> = { 1000: 1000, 10000: 3000 };
const CLI_GOAL_MS = 60_000;

const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
function get(url: string, cookie?: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent, headers: cookie ? { cookie } : {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
  });
}

async function timed(url: string, n: number, cookie?: string): Promise<{ first: number; p50: number; p95: number; times: number[] }> {
  const f0 = process.hrtime.bigint();
  const first = await get(url, cookie); // the first request after the data changed: the plan is computed (then reused while nothing changes)
  const firstMs = Number(process.hrtime.bigint() - f0) / 1e6;
  if (first.status !== 200) throw new Error(`${url} → ${first.status}`);
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = process.hrtime.bigint();
    const res = await get(url, cookie);
    if (res.status !== 200) throw new Error(`${url} → ${res.status}`);
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
  return { first: firstMs, p50: at(0.5), p95: at(0.95), times };
}

async function login(url: string, email: string): Promise<string> {
  const page = await fetch(`${url}/connexion`);
  const cookie = /ensemble\.sid=[^;,]+/.exec(page.headers.get('set-cookie') ?? '')![0];
  const token = /name="_csrf" value="([^"]+)"/.exec(await page.text())![1]!;
  const res = await fetch(`${url}/connexion`, {
    method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
    body: new URLSearchParams({ email, password: DEMO_PASSWORD, _csrf: token }),
  });
  return /ensemble\.sid=[^;,]+/.exec(res.headers.get('set-cookie') ?? '')![0];
}

const REWORDINGS: ReadonlyArray<readonly [RegExp, string]> = [
  [/\bjeunes\b/g, 'usagers'], [/\bconseillers\b/g, 'CIP'], [/\brendez-vous\b/g, 'entretiens'], [/\boutil\b/g, 'logiciel'],
  [/\bfaudrait\b/g, 'serait bien'], [/\bsaisir\b/g, 'renseigner'], [/\bdossier\b/g, 'fiche'], [/\bimpossible\b/g, 'pas possible'],
];
const OPENINGS = ['', '', '', 'Il faudrait que ', 'Franchement, ', 'En atelier on a dit : ', 'Besoin : ', 'Côté accueil, ', 'Idée : '];

/** A text generator over clauses of real texts: 1 to 3 clauses of different sources, reworded now and then. */
function textMaker(sources: readonly string[], seed: number): () => string {
  const rng = new Random(seed);
  const clauses = sources.flatMap((s) => s.split(/(?<=[.;:!?])\s+|,\s+/u).map((c) => c.trim()).filter((c) => c.length >= 12));
  let serial = 0;
  return () => {
    const parts = Array.from({ length: rng.int(1, 3) }, () => rng.pick(clauses));
    let text = rng.pick(OPENINGS) + parts.join(rng.chance(0.5) ? ', ' : '. ');
    for (const [re, rep] of REWORDINGS) if (rng.chance(0.15)) text = text.replace(re, rep);
    if (rng.chance(0.2)) text += ` (atelier ${++serial})`;
    return text.charAt(0).toUpperCase() + text.slice(1);
  };
}

/** Adds unprocessed raw contributions to the theme until it holds `target` of them. */
async function fillTo(db: Knex, consultationId: number, themeId: number, target: number, make: () => string): Promise<number> {
  const have = Number((await db('raw_contributions').where({ consultation_id: consultationId, theme_id: themeId, status: 'a_traiter' }).count({ n: '*' }).first())?.n ?? 0);
  const rows = Array.from({ length: Math.max(0, target - have) }, (_, i) => rawContributionRow({
    consultation_id: consultationId, theme_id: themeId, source: 'import', created_by: null, reference: `GEN-${have + i + 1}`, body: make(),
  }));
  // SQLite allows 32 766 variables per statement: batches of 500 rows.
  for (let i = 0; i < rows.length; i += 500) await db.batchInsert('raw_contributions', rows.slice(i, i + 500) as any[], 500);
  return have + rows.length;
}

const fmt = (ms: number) => (ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${ms.toFixed(0)} ms`);

async function main(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ensemble-plan-speed-'));
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'test', DATA_DIR: dataDir, SEED_DEMO: 'false', LOGIN_MAX_ATTEMPTS_PER_IP: '1000' };
  delete env.DATABASE_URL;
  const config = loadConfig(env);
  const db = createDb(config);
  const out: string[] = [];
  const say = (line: string) => {
    out.push(line);
    process.stdout.write(`${line}\n`);
  };
  let server: http.Server | undefined;
  try {
    await migrateLatest(db);
    await seedDemo(db);
    const consultationId = Number((await db('consultations').where({ slug: DEMO_SLUG }).first()).id);
    const themeId = Number((await db('themes').where({ consultation_id: consultationId, code: THEME }).first()).id);
    const demoTexts = (await db('raw_contributions').where({ consultation_id: consultationId, theme_id: themeId }).select('body')).map((r: any) => String(r.body));
    const labelled = readLabelled();
    const make = textMaker([...demoTexts, ...labelled.groups.flatMap((g) => g.texts), ...labelled.distractors.map((d) => d.text)], 20261130);

    server = http.createServer(createApp({ config, db, logger: createLogger('silent') }, { sessionCleanupMs: 0 }));
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const cookie = await login(url, 'dsi@ensemble.test');
    const planUrl = `${url}/consultations/${DEMO_SLUG}/consolidation/plan?theme=${themeId}`;
    const consolidated = Number((await db('consolidated_contributions').where({ consultation_id: consultationId, theme_id: themeId }).count({ n: '*' }).first())?.n ?? 0);

    say(`Consolidation plan speed — ${os.cpus().length} cores, Node ${process.version}, SQLite; theme ${THEME} of the demo (${consolidated} consolidated contributions to match against), synthetic unprocessed contributions`);
    const base = await timed(`${url}/healthz`, 20);
    say(`  baseline GET /healthz (same app, same run): p50 ${base.p50.toFixed(2)} ms, p95 ${base.p95.toFixed(2)} ms`);
    // The consultation's first use learns from the demo's links (a one-time cost, not the plan's).
    await get(planUrl, cookie);
    for (const size of SIZES) {
      const n = await fillTo(db, consultationId, themeId, size, make);
      // A change inside the plan's window (the oldest unprocessed contribution edited), so that the
      // first request computes the plan again rather than reusing it.
      const oldest = await db('raw_contributions').where({ consultation_id: consultationId, theme_id: themeId, status: 'a_traiter' }).orderBy('id').first('id', 'body');
      await db('raw_contributions').where({ id: oldest.id }).update({ body: `${oldest.body} (${size})` });
      const m = await timed(planUrl, REQUESTS, cookie);
      const goal = GOALS[size];
      const verdict = (ms: number) => (!goal ? '' : ms < goal ? 'met' : `NOT met (${fmt(ms - goal)} over)`);
      say(`  plan page GET, ${String(n).padStart(7)} unprocessed: shown again unchanged p50 ${fmt(m.p50).padStart(8)}, p95 ${fmt(m.p95).padStart(8)} (${REQUESTS} requests) = × ${(m.p50 / base.p50).toFixed(0)} baseline` +
        (goal ? ` — goal < ${fmt(goal)}: ${verdict(m.p95)}` : ''));
      say(`  ${''.padStart(31)} first request after a change (plan computed): ${fmt(m.first).padStart(8)} = × ${(m.first / base.p50).toFixed(0)} baseline${goal ? ` — goal: ${verdict(m.first)}` : ''}`);
    }
    if (CLI_SIZE > 0) {
      const i0 = Date.now();
      const n = await fillTo(db, consultationId, themeId, CLI_SIZE, make);
      const insertMs = Date.now() - i0;
      const t0 = process.hrtime.bigint();
      const groups = await printedGroups(db, consultationId, { name: THEME, themeId });
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      const count = (a: string) => groups.filter((g) => g.action === a && g.ticked).length;
      say(`  suggest-groups --theme ${THEME} (planFor, in-process), ${n} unprocessed: ${fmt(ms)} = × ${(ms / base.p50).toFixed(0)} baseline — goal < ${fmt(CLI_GOAL_MS)}: ${ms < CLI_GOAL_MS ? 'met' : `NOT met (${fmt(ms - CLI_GOAL_MS)} over)`}` +
        ` [${groups.length} groups: ${count('attach')} attach, ${count('create')} create, ${count('out_of_scope')} out of scope, ${groups.filter((g) => !g.ticked).length} singles; insert ${fmt(insertMs)}, max RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB]`);
    }
  } finally {
    agent.destroy();
    server?.closeAllConnections();
    server?.close();
    await db.destroy();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  const write = arg('--write');
  if (write) fs.writeFileSync(write, `${out.join('\n')}\n`);
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
