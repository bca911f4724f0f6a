/**
 * `npm run bench:scale [-- --sizes 1000,100000,1000000] [--json] [--requests N]`: the pages of issue 13
 * at 1 000, 100 000 and 1 000 000 contributions. Not part of `npm run bench` nor of CI; nothing is
 * asserted.
 *
 * Data: the demo consultation (seedDemo), then generated contributions until the consultation holds
 * each size — deterministic (a small LCG), realistic (each text recombines two or three sentences of
 * the demo's own contributions; workshops, authors, structures and statuses drawn from the demo's;
 * consolidated ones linked to a consolidated contribution of their theme), inserted as prepared rows
 * in batches, one transaction per 20 000 rows. The sizes grow one database: 1 000 is the demo itself.
 *
 * Measured at each size, p50/p95 at concurrency 4 (up to `--requests` per page, at most ~20 s each):
 * the contributions list (no filter, a theme, a common word, a rare word, a deep keyset page), the
 * DSI's figures page, the DSI's home and the public consultation page — each beside two baselines of
 * the same run: GET /healthz (the app's floor) and the list's core query run by the `sqlite3`
 * command-line tool (or `psql`; through knex alone when the tool is absent). Goal: p95 < 100 ms.
 * The growth exponent between two sizes is log(t2/t1)/log(n2/n1) on the p95 (0: flat, 1: linear).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import http from 'node:http';
import crypto from 'node:crypto';
import { execFileSync, spawnSync } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import knexFactory, { type Knex } from 'knex';
import { createApp } from '../src/app';
import { loadConfig, type Config } from '../src/config';
import { advanceIdSequences, createDb, isPostgres, migrateLatest, type PlainRow } from '../src/shared/db';
import { createLogger } from '../src/shared/logger';
import { searchableText } from '../src/shared/text/french';
import { rawContributionRow } from '../src/modules/contributions';
import { DEMO_PASSWORD, DEMO_SLUG, seedDemo } from '../seeds/demo';
import { explainWhile, type PlanCheck } from './scale-explain';
import { withoutSecondaryIndexes } from './scale-pg';

// ---- Arguments -------------------------------------------------------------------------------

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const SIZES = (arg('sizes') ?? '1000,100000,1000000').split(',').map((s) => Number(s.replace(/[_\s]/g, ''))).filter((n) => n > 0).sort((a, b) => a - b);
const AS_JSON = process.argv.includes('--json');
/** Keeps the generated database (its folder is printed) and, with --generate-only, measures nothing. */
const KEEP = process.argv.includes('--keep');
const GENERATE_ONLY = process.argv.includes('--generate-only');
const REQUESTS = Number(arg('requests') ?? 200);
const MAX_SECONDS_PER_PAGE = Number(arg('max-seconds') ?? 20);
const CONCURRENCY = 4;
const GOAL_MS = 100;
const log = (msg: string) => process.stderr.write(`${msg}\n`);

// ---- HTTP measurement ------------------------------------------------------------------------

const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });

function get(url: string, cookie?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent, headers: cookie ? { cookie } : {} }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
  });
}

interface Timing {
  n: number;
  p50: number;
  p95: number;
}

function percentiles(times: number[]): Timing {
  times.sort((a, b) => a - b);
  return { n: times.length, p50: times[Math.floor(times.length / 2)]!, p95: times[Math.min(times.length - 1, Math.floor(times.length * 0.95))]! };
}

async function measure(url: string, cookie?: string): Promise<Timing> {
  const status = await get(url, cookie); // first request (warms caches), not counted
  if (status >= 400) throw new Error(`${url} → ${status}`);
  for (let i = 0; i < 4; i++) await get(url, cookie);
  const times: number[] = [];
  let next = 0;
  const deadline = Date.now() + MAX_SECONDS_PER_PAGE * 1000;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < REQUESTS && (Date.now() < deadline || times.length < 8)) {
        next++;
        const t0 = process.hrtime.bigint();
        const code = await get(url, cookie);
        if (code >= 400) throw new Error(`${url} → ${code}`);
        times.push(Number(process.hrtime.bigint() - t0) / 1e6);
      }
    }),
  );
  return percentiles(times);
}

async function login(url: string, email: string): Promise<string> {
  const page = await fetch(`${url}/connexion`);
  const cookie = (page.headers.get('set-cookie') ?? '').split(';')[0]!;
  const token = /name="_csrf" value="([^"]+)"/.exec(await page.text())![1]!;
  const res = await fetch(`${url}/connexion`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
    body: new URLSearchParams({ email, password: DEMO_PASSWORD, _csrf: token }),
  });
  return (res.headers.get('set-cookie') ?? '').split(';')[0]!;
}

// ---- Generation ------------------------------------------------------------------------------

/** A deterministic generator (LCG): the same data on every machine and every run. */
export class Lcg {
  constructor(private s: number) {}
  next(): number {
    this.s = (Math.imul(this.s, 1103515245) + 12345) >>> 0;
    return this.s >>> 8;
  }
  pick<T>(list: readonly T[]): T {
    return list[this.next() % list.length]!;
  }
  chance(percent: number): boolean {
    return this.next() % 1000 < percent * 10;
  }
}

export interface Demo {
  consultationId: number;
  themes: number[];
  sentences: Array<{ text: string; search: string }>;
  workshops: Array<{ id: number; structure_id: number | null; starts_at: string }>;
  authors: Array<{ id: number; structure_id: number | null }>;
  structures: number[];
  consolidatedByTheme: Map<number, number[]>;
  firstDay: number;
  lastDay: number;
}

export async function readDemo(db: Knex): Promise<Demo> {
  const consultation = await db('consultations').where({ slug: DEMO_SLUG }).first('id');
  const consultationId = Number(consultation.id);
  const themes = (await db('themes').where({ consultation_id: consultationId }).orderBy('position').orderBy('id').select('id')).map((r: any) => Number(r.id));
  const bodies = (await db('raw_contributions').where({ consultation_id: consultationId }).orderBy('id').select('body')).map((r: any) => String(r.body));
  const seen = new Set<string>();
  const sentences: Demo['sentences'] = [];
  for (const body of bodies) {
    for (const s of body.split(/(?<=[.!?])\s+/)) {
      const text = s.trim();
      if (text.length < 12 || seen.has(text)) continue;
      seen.add(text);
      sentences.push({ text, search: searchableText(text) });
    }
  }
  const workshops = (await db('workshops').where({ consultation_id: consultationId }).orderBy('id').select('id', 'structure_id', 'starts_at')).map((w: any) => ({
    id: Number(w.id),
    structure_id: w.structure_id == null ? null : Number(w.structure_id),
    starts_at: new Date(w.starts_at).toISOString(),
  }));
  const authors = (await db('users').where({ role: 'contributeur' }).orderBy('id').select('id', 'structure_id')).map((u: any) => ({ id: Number(u.id), structure_id: u.structure_id == null ? null : Number(u.structure_id) }));
  const structures = (await db('structures').orderBy('id').select('id')).map((s: any) => Number(s.id));
  const consolidatedByTheme = new Map<number, number[]>();
  for (const c of await db('consolidated_contributions').where({ consultation_id: consultationId }).whereNot({ status: 'annulee' }).orderBy('id').select('id', 'theme_id')) {
    const list = consolidatedByTheme.get(Number(c.theme_id)) ?? [];
    list.push(Number(c.id));
    consolidatedByTheme.set(Number(c.theme_id), list);
  }
  const range = (await db('raw_contributions').where({ consultation_id: consultationId }).min({ a: 'submitted_at' }).max({ b: 'submitted_at' }).first()) as any;
  return {
    consultationId,
    themes,
    sentences,
    workshops,
    authors,
    structures,
    consolidatedByTheme,
    firstDay: new Date(range.a).getTime(),
    lastDay: new Date(range.b).getTime(),
  };
}

const SOURCES_MIX = ['atelier', 'atelier', 'atelier', 'atelier', 'atelier', 'individuelle', 'individuelle', 'import', 'partenaire'] as const;
const BATCH = 20_000;

/** Adds generated contributions until the demo consultation holds `target`; returns the seconds spent. */
export async function grow(db: Knex, demo: Demo, target: number, rng: Lcg): Promise<{ added: number; seconds: number }> {
  const current = Number((await db('raw_contributions').where({ consultation_id: demo.consultationId }).count({ n: '*' }).first())!.n);
  const toAdd = target - current;
  if (toAdd <= 0) return { added: 0, seconds: 0 };
  const t0 = Date.now();
  let nextId = Number((await db('raw_contributions').max({ m: 'id' }).first())!.m ?? 0) + 1;
  let nextLink = Number((await db('consolidation_links').max({ m: 'id' }).first())!.m ?? 0) + 1;
  // SQLite: knex writes a multi-row insert as a compound SELECT, at most 500 terms.
  const chunk = isPostgres(db) ? 1000 : 400;
  let checked = 0;
  // PostgreSQL: a large load goes in without the secondary indexes (the GIN full-text index above all,
  // updated row by row otherwise), each built again afterwards from its own definition.
  await withoutSecondaryIndexes(db, ['raw_contributions', 'consolidation_links'], toAdd >= 50_000, async () => {
  for (let done = 0; done < toAdd; ) {
    const count = Math.min(BATCH, toAdd - done);
    const rows: PlainRow[] = [];
    const links: PlainRow[] = [];
    for (let i = 0; i < count; i++) {
      const parts = [rng.pick(demo.sentences), rng.pick(demo.sentences)];
      if (rng.chance(30)) parts.push(rng.pick(demo.sentences));
      const body = parts.map((p) => p.text).join(' ');
      const theme = rng.chance(4) ? null : rng.pick(demo.themes);
      const source = rng.pick(SOURCES_MIX);
      const workshop = source === 'atelier' ? rng.pick(demo.workshops) : null;
      const author = rng.chance(70) ? rng.pick(demo.authors) : null;
      const structure = workshop?.structure_id ?? author?.structure_id ?? (rng.chance(90) ? rng.pick(demo.structures) : null);
      const at = workshop ? Date.parse(workshop.starts_at) + (rng.next() % 10_800) * 1000 : demo.firstDay + (rng.next() % Math.max(1, Math.floor((demo.lastDay - demo.firstDay) / 1000))) * 1000;
      const submitted = new Date(at).toISOString();
      const roll = rng.next() % 100;
      const candidates = theme === null ? undefined : demo.consolidatedByTheme.get(theme);
      const status = roll < 3 ? 'retiree' : roll < 10 ? 'hors_perimetre' : roll < 40 && candidates?.length ? 'consolidee' : 'a_traiter';
      const id = nextId++;
      const row = rawContributionRow({
        consultation_id: demo.consultationId,
        theme_id: theme,
        workshop_id: workshop?.id ?? null,
        author_id: author?.id ?? null,
        author_name: author ? null : source === 'import' ? `Fiche ${id}` : null,
        structure_id: structure,
        anonymous: rng.chance(5),
        source,
        reference: source === 'import' ? `IMP-${id}` : null,
        body,
        submitted_at: submitted,
        created_by: null,
        continuous_intake: !workshop && rng.chance(2),
      });
      // The searchable form of a recombined text is the recombination of its sentences' forms (checked
      // on the first rows against the module's own function, computed for every row if ever not).
      const search = parts.map((p) => p.search).join(' ');
      if (checked < 200) {
        checked++;
        if (row.search_text !== search) throw new Error(`forme de recherche différente pour « ${body} »`);
      } else row.search_text = search;
      rows.push({ ...row, id, status, out_of_scope_reason: status === 'hors_perimetre' ? 'Hors du périmètre du SI.' : null, created_at: submitted, updated_at: submitted } as PlainRow);
      if (status === 'consolidee') links.push({ id: nextLink++, consolidated_contribution_id: rng.pick(candidates!), raw_contribution_id: id, created_at: submitted } as PlainRow);
    }
    await db.transaction(async (trx) => {
      for (let i = 0; i < rows.length; i += chunk) await trx('raw_contributions').insert(rows.slice(i, i + chunk));
      for (let i = 0; i < links.length; i += chunk) await trx('consolidation_links').insert(links.slice(i, i + chunk));
    });
    done += count;
    if (toAdd >= 100_000 && done % 100_000 < BATCH) log(`  … ${done.toLocaleString('fr-FR')} / ${toAdd.toLocaleString('fr-FR')} (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
  }
  });
  await advanceIdSequences(db, ['raw_contributions', 'consolidation_links']);
  if (isPostgres(db)) await db.raw('ANALYZE');
  else await db.raw('ANALYZE');
  return { added: toAdd, seconds: (Date.now() - t0) / 1000 };
}

// ---- The list's core query, run by the engine's own command-line tool ------------------------

const coreQuery = (consultationId: number) =>
  `SELECT rc.id, rc.body, rc.status, rc.source, rc.submitted_at, t.title, w.title, u.display_name, s.name, s.region FROM raw_contributions rc ` +
  `LEFT JOIN themes t ON t.id = rc.theme_id LEFT JOIN workshops w ON w.id = rc.workshop_id LEFT JOIN users u ON u.id = rc.author_id ` +
  `LEFT JOIN structures s ON s.id = rc.structure_id WHERE rc.consultation_id = ${consultationId} ORDER BY rc.id DESC LIMIT 51`;

async function measureCli(db: Knex, config: Config, consultationId: number): Promise<{ tool: string; timing: Timing }> {
  const sql = coreQuery(consultationId);
  const times: number[] = [];
  const has = (tool: string) => spawnSync(tool, ['--version'], { stdio: 'ignore' }).status === 0;
  if (!config.databaseUrl && has('sqlite3')) {
    const file = path.join(config.dataDir, 'ensemble.sqlite');
    for (let i = 0; i < 40; i++) {
      const t0 = process.hrtime.bigint();
      execFileSync('sqlite3', ['-readonly', file, sql], { stdio: ['ignore', 'ignore', 'inherit'] });
      if (i >= 5) times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
    return { tool: 'sqlite3 (commande, démarrage compris)', timing: percentiles(times) };
  }
  if (config.databaseUrl && has('psql')) {
    for (let i = 0; i < 40; i++) {
      const t0 = process.hrtime.bigint();
      execFileSync('psql', [config.databaseUrl, '-qAt', '-c', sql], { stdio: ['ignore', 'ignore', 'inherit'] });
      if (i >= 5) times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
    return { tool: 'psql (commande, connexion comprise)', timing: percentiles(times) };
  }
  for (let i = 0; i < 105; i++) {
    const t0 = process.hrtime.bigint();
    await db.raw(sql);
    if (i >= 5) times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return { tool: 'knex seul (même requête)', timing: percentiles(times) };
}

// ---- PostgreSQL: a database of its own ---------------------------------------------------------

export async function pgDatabase(url: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `ensemble_scale_${crypto.randomBytes(4).toString('hex')}`;
  const admin = knexFactory({ client: 'pg', connection: url, pool: { min: 0, max: 1 } });
  await admin.raw(`CREATE DATABASE ${name}`);
  const u = new URL(url);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    async drop() {
      await admin.raw(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.destroy();
    },
  };
}

// ---- Main ------------------------------------------------------------------------------------

interface Figure {
  figure: string;
  timing: Timing;
  /** The indexes its statements use and any full scan of a growing table (the first request, cold). */
  plan: PlanCheck;
}

interface SizeResult {
  size: number;
  contributions: number;
  generation: { added: number; seconds: number };
  healthz: Timing;
  cli: { tool: string; timing: Timing };
  figures: Figure[];
}

async function main(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ensemble-bench-scale-'));
  const pg = process.env.DATABASE_URL ? await pgDatabase(process.env.DATABASE_URL) : null;
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (pg) env.DATABASE_URL = pg.url;
  else delete env.DATABASE_URL;
  const config = loadConfig({
    ...env,
    NODE_ENV: 'test',
    DATA_DIR: dataDir,
    SEED_DEMO: 'false',
    LOGIN_MAX_ATTEMPTS_PER_IP: '100000',
    SQLITE_SYNCHRONOUS: 'normal',
  });
  const db = createDb(config);
  const results: SizeResult[] = [];
  try {
    await migrateLatest(db);
    const s0 = Date.now();
    await seedDemo(db);
    log(`démo chargée en ${((Date.now() - s0) / 1000).toFixed(1)} s`);
    const demo = await readDemo(db);
    const rng = new Lcg(20_241_129);
    // The words searched: the most common stem of the demo, and a stem found in one demo sentence only.
    const freq = new Map<string, number>();
    for (const s of demo.sentences) for (const w of new Set(s.search.split(' '))) if (w.length >= 4) freq.set(w, (freq.get(w) ?? 0) + 1);
    const sorted = [...freq].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    const common = sorted[0]![0];
    const rare = sorted.filter(([w, n]) => n === 1 && w.length >= 7).sort((a, b) => a[0].localeCompare(b[0]))[0]![0];
    const themeId = demo.themes[0]!;

    const server = http.createServer(createApp({ config, db, logger: createLogger('silent') }, { sessionCleanupMs: 0 }));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const dsi = await login(url, 'dsi@ensemble.test');

    for (const size of SIZES) {
      log(`taille ${size.toLocaleString('fr-FR')} : génération…`);
      const generation = await grow(db, demo, size, rng);
      const contributions = Number((await db('raw_contributions').where({ consultation_id: demo.consultationId }).count({ n: '*' }).first())!.n);
      log(`  ${contributions.toLocaleString('fr-FR')} contributions (${generation.added.toLocaleString('fr-FR')} ajoutées en ${generation.seconds.toFixed(1)} s)`);
      if (GENERATE_ONLY) continue;
      const ids = (await db('raw_contributions').where({ consultation_id: demo.consultationId }).min({ a: 'id' }).max({ b: 'id' }).first()) as any;
      const deep = Math.floor(Number(ids.a) + (Number(ids.b) - Number(ids.a)) * 0.1);
      const list = `${url}/consultations/${DEMO_SLUG}/contributions`;
      const pages: Array<[string, string, string | undefined]> = [
        ['Liste des contributions (sans filtre)', list, dsi],
        ['Liste, filtre thématique', `${list}?theme=${themeId}`, dsi],
        [`Recherche, mot courant (« ${common} »)`, `${list}?q=${encodeURIComponent(common)}`, dsi],
        [`Recherche, mot rare (« ${rare} »)`, `${list}?q=${encodeURIComponent(rare)}`, dsi],
        ['Page profonde (curseur à 90 %)', `${list}?avant=${deep}`, dsi],
        ['Chiffres (DSI)', `${url}/admin/consultations/${DEMO_SLUG}/chiffres`, dsi],
        ['Accueil DSI', `${url}/`, dsi],
        ['Page publique de la consultation', `${url}/consultations/${DEMO_SLUG}`, undefined],
      ];
      // The health probe answers from its last ping; after a long generation that one is older than its
      // staleness limit, and the first probes say 503 until a new ping has come back.
      for (let i = 0; i < 100 && (await get(`${url}/healthz`)) !== 200; i++) await new Promise((resolve) => setTimeout(resolve, 100));
      const healthz = await measure(`${url}/healthz`);
      const figures: Figure[] = [];
      for (const [figure, u, cookie] of pages) {
        log(`  ${figure}…`);
        const plan = await explainWhile(db, () => get(u, cookie));
        figures.push({ figure, plan, timing: await measure(u, cookie) });
      }
      const cli = await measureCli(db, config, demo.consultationId);
      results.push({ size, contributions, generation, healthz, cli, figures });
    }
    server.close();
  } finally {
    agent.destroy();
    await db.destroy();
    if (KEEP) log(`données gardées : ${pg ? pg.url : dataDir}`);
    else {
      await pg?.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }
  if (GENERATE_ONLY) return;
  report(results, config.databaseUrl ? 'PostgreSQL' : 'SQLite');
}

function exponent(a: SizeResult, b: SizeResult, figure: string): number | null {
  const ta = a.figures.find((f) => f.figure === figure)?.timing.p95;
  const tb = b.figures.find((f) => f.figure === figure)?.timing.p95;
  if (!ta || !tb || a.contributions === b.contributions) return null;
  return Math.log(tb / ta) / Math.log(b.contributions / a.contributions);
}

function report(results: SizeResult[], engine: string): void {
  const machine = `${os.cpus().length} cœurs (${os.cpus()[0]?.model ?? '?'}), ${(os.totalmem() / 2 ** 30).toFixed(0)} Go, Node ${process.version}, ${engine}`;
  const rows = results.flatMap((r, i) =>
    r.figures.map((f) => ({
      size: r.size,
      contributions: r.contributions,
      figure: f.figure,
      requests: f.timing.n,
      p50: f.timing.p50,
      p95: f.timing.p95,
      baseline: { healthzP95: r.healthz.p95, cliP95: r.cli.timing.p95, cliTool: r.cli.tool },
      ratioHealthz: f.timing.p95 / r.healthz.p95,
      ratioCli: f.timing.p95 / r.cli.timing.p95,
      goal: `p95 < ${GOAL_MS} ms`,
      met: f.timing.p95 < GOAL_MS,
      growthExponent: i > 0 ? exponent(results[i - 1]!, r, f.figure) : null,
      plan: f.plan,
    })),
  );
  if (AS_JSON) {
    const body = {
      machine,
      engine,
      concurrency: CONCURRENCY,
      goalMs: GOAL_MS,
      sizes: results.map((r) => ({ size: r.size, contributions: r.contributions, generation: r.generation, healthz: r.healthz, cli: r.cli })),
      figures: rows,
    };
    process.stdout.write(JSON.stringify(body, null, 2) + '\n');
    return;
  }
  const out: string[] = [];
  out.push(`Ensemble bench:scale — ${machine}, concurrence ${CONCURRENCY}, objectif p95 < ${GOAL_MS} ms`);
  for (const r of results) {
    out.push(
      `taille ${r.size.toLocaleString('fr-FR')} : ${r.contributions.toLocaleString('fr-FR')} contributions (${r.generation.added.toLocaleString('fr-FR')} générées en ${r.generation.seconds.toFixed(0)} s) ; ` +
        `références : /healthz p95 ${r.healthz.p95.toFixed(1)} ms, ${r.cli.tool} p95 ${r.cli.timing.p95.toFixed(1)} ms`,
    );
  }
  const fmt = (n: number) => n.toFixed(1);
  out.push(
    'taille'.padEnd(10) +
      'mesure'.padEnd(44) +
      'p50 ms'.padStart(9) +
      'p95 ms'.padStart(9) +
      '/healthz'.padStart(10) +
      '× réf.'.padStart(9) +
      'CLI ms'.padStart(8) +
      '× CLI'.padStart(8) +
      '  objectif'.padEnd(17) +
      'atteint'.padEnd(9) +
      'exposant'.padEnd(10) +
      'index',
  );
  for (const r of rows) {
    out.push(
      r.size.toLocaleString('fr-FR').padEnd(10) +
        r.figure.slice(0, 43).padEnd(44) +
        fmt(r.p50).padStart(9) +
        fmt(r.p95).padStart(9) +
        fmt(r.baseline.healthzP95).padStart(10) +
        fmt(r.ratioHealthz).padStart(9) +
        fmt(r.baseline.cliP95).padStart(8) +
        fmt(r.ratioCli).padStart(8) +
        `  ${r.goal}`.padEnd(17) +
        (r.met ? 'oui' : 'NON').padEnd(9) +
        (r.growthExponent === null ? '—' : r.growthExponent.toFixed(2)).padEnd(10) +
        (r.plan.fullScans.length ? `NON (${r.plan.fullScans.length} parcours complet·s)` : `oui (${r.plan.statements} requêtes)`),
    );
  }
  const scans = rows.filter((r) => r.plan.fullScans.length);
  if (scans.length) {
    out.push('Parcours complets (EXPLAIN) :');
    for (const r of scans) for (const s of r.plan.fullScans) out.push(`  ${r.size.toLocaleString('fr-FR')} ${r.figure} — ${s}`);
  }
  const last = rows.filter((r) => r.size === results.at(-1)?.size);
  out.push(`Index utilisés à ${results.at(-1)?.size.toLocaleString('fr-FR')} : ${[...new Set(last.flatMap((r) => r.plan.indexes))].sort().join(', ')}`);
  process.stdout.write(out.join('\n') + '\n');
}

// bench/scale-instances.ts reuses the generator: the measurements run only when this file is the one started.
if (require.main === module) {
  main().catch((err) => {
    process.stderr.write(`${(err instanceof Error ? err.stack ?? err.message : String(err)).slice(0, 2000)}\n`);
    process.exit(1);
  });
}
