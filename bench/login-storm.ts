/**
 * `npm run bench:storm`: the login storm of issue 9, against the REAL server process on a fresh
 * demo (SQLite by default; PostgreSQL with DATABASE_URL pointing at an empty database).
 *
 * It fires N parallel wrong-password logins (default 500: half against one account, half spread over
 * the demo's accounts, from many addresses), then checks that other users' writes still work
 * (contributions, password changes), SIGKILLs the server, restarts it on the same data and counts
 * the acknowledged rows that survived. Prints figures; asserts nothing. Usage:
 *   node dist/bench/login-storm.js [--storm 500] [--writes 40]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { createDb, migrateLatest } from '../src/shared/db';
import { DEMO_PASSWORD, DEMO_SLUG, seedDemo } from '../seeds/demo';
import { PROJECT_ROOT } from '../src/config';
import { freePort } from '../test/support/server-process';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const STORM = arg('storm', 500);
const WRITES = arg('writes', 40);

async function startServer(env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; url: string; log: string[] }> {
  const port = await freePort();
  const log: string[] = [];
  const child = spawn(process.execPath, [path.join(PROJECT_ROOT, 'dist', 'src', 'server.js')], {
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', SEED_DEMO: 'false', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d) => log.push(String(d)));
  child.stderr!.on('data', (d) => log.push(String(d)));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(`${url}/healthz`)).ok) return { child, url, log };
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`le serveur ne répond pas :\n${log.join('')}`);
}

/** A tiny cookie-keeping client over fetch. */
class Client {
  cookie = '';
  constructor(
    readonly url: string,
    readonly ip: string,
  ) {}
  async request(p: string, body?: Record<string, string>): Promise<{ status: number; text: string }> {
    const res = await fetch(this.url + p, {
      method: body ? 'POST' : 'GET',
      redirect: 'manual',
      headers: { cookie: this.cookie, 'x-forwarded-for': this.ip, ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
      body: body ? new URLSearchParams(body).toString() : undefined,
    });
    const set = res.headers.get('set-cookie');
    if (set) this.cookie = set.split(';')[0]!;
    return { status: res.status, text: await res.text() };
  }
  async token(p: string): Promise<string> {
    const m = /name="_csrf" value="([^"]+)"/.exec((await this.request(p)).text);
    if (!m) throw new Error(`pas de jeton sur ${p}`);
    return m[1]!;
  }
  async login(email: string, password: string): Promise<number> {
    return (await this.request('/connexion', { email, password, _csrf: await this.token('/connexion') })).status;
  }
}

const histogram = (codes: number[]) => Object.entries(codes.reduce<Record<number, number>>((h, c) => ((h[c] = (h[c] ?? 0) + 1), h), {})).map(([c, n]) => `${c}×${n}`).join(' ');

async function main(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ensemble-storm-'));
  const env = { DATA_DIR: dataDir, NODE_ENV: 'development' };
  const db = createDb({ databaseUrl: process.env.DATABASE_URL, dataDir });
  await migrateLatest(db);
  await seedDemo(db);
  // The demo is in its follow-up phase: reopen individual contributions so that staff can write.
  await db('consultations').where({ slug: DEMO_SLUG }).update({ contributions_open: true });
  const themeId = (await db('themes').join('consultations', 'consultations.id', 'themes.consultation_id').where('consultations.slug', DEMO_SLUG).first('themes.id')).id;
  const accounts = (await db('users').whereNot({ email: 'contributeur@ensemble.test' }).orderBy('id').limit(100).pluck('email')) as string[];
  await db.destroy();

  let server = await startServer(env);
  const writer = new Client(server.url, '203.0.113.10');
  if ((await writer.login('contributeur@ensemble.test', DEMO_PASSWORD)) !== 303) throw new Error('connexion du contributeur refusée');
  const token = await writer.token('/profil');

  const t0 = Date.now();
  const storm = await Promise.all(
    Array.from({ length: STORM }, (_, i) => new Client(server.url, `198.51.100.${i % 250}`).login(i % 2 ? 'ambassadeur@ensemble.test' : accounts[i % accounts.length]!, `faux-${i}`).catch(() => 0)),
  );
  const stormMs = Date.now() - t0;

  const acknowledged: string[] = [];
  const writes: number[] = [];
  for (let i = 0; i < WRITES; i++) {
    const body = `Contribution après la tempête n° ${i + 1} : ${Math.random().toString(36).slice(2)}`;
    const r = await writer.request(`/consultations/${DEMO_SLUG}/contributions`, { _csrf: token, themeId: String(themeId), body });
    writes.push(r.status);
    if (r.status === 303) acknowledged.push(body);
  }
  const pw = ['ensemble-demo-2024', 'un-autre-mot-de-passe-2026'];
  for (let i = 0; i < 4; i++) {
    const r = await writer.request('/profil/mot-de-passe', { _csrf: token, currentPassword: pw[i % 2]!, newPassword: pw[(i + 1) % 2]!, confirmPassword: pw[(i + 1) % 2]! });
    writes.push(r.status);
  }
  const stuck = server.log.join('').includes('cannot start a transaction within a transaction');

  server.child.kill('SIGKILL');
  await new Promise((r) => server.child.once('exit', r));
  server = await startServer(env);
  const check = createDb({ databaseUrl: process.env.DATABASE_URL, dataDir });
  const stored = new Set((await check('raw_contributions').whereIn('body', acknowledged).pluck('body')) as string[]);
  await check.destroy();
  server.child.kill('SIGTERM');

  const out = (k: string, v: string | number) => process.stdout.write(`${k.padEnd(44)} ${v}\n`);
  out('base', process.env.DATABASE_URL ? 'PostgreSQL' : 'SQLite');
  out('connexions échouées en parallèle', STORM);
  out('réponses à la tempête', `${histogram(storm)} (${stormMs} ms)`);
  out('mots de passe évalués (401)', storm.filter((s) => s === 401).length);
  out('écritures après la tempête', histogram(writes));
  out('connexion restée dans une transaction', stuck ? 'oui' : 'non');
  out('contributions acquittées / retrouvées après SIGKILL', `${acknowledged.length} / ${stored.size}`);
  fs.rmSync(dataDir, { recursive: true, force: true });
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
