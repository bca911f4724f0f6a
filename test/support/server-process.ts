import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { PROJECT_ROOT } from '../../src/config';
import type { TestDb } from './db';
import { csrfFrom, TEST_PASSWORD } from './app';

/**
 * The real server (`node dist/src/server.js`) as a child process, for the tests that an in-process
 * app cannot tell: a crash (SIGKILL), a graceful stop (SIGTERM), a restart on the same data.
 */
export interface ServerProcess {
  url: string;
  port: number;
  child: ChildProcess;
  /** Resolves when the process has ended (exit code, or the signal that killed it). */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** What the process wrote (its JSON log lines and any start-up error), for assertions and diagnostics. */
  output(): string;
}

const SERVER_JS = path.join(PROJECT_ROOT, 'dist', 'src', 'server.js');
const OUTPUT_KEPT = 256 * 1024;

/** A port free right now: PORT must be 1–65535, so the server cannot pick one itself and report it. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * The environment that points a server at the test's database. On PostgreSQL the test database is a
 * schema of its own: the URL carries it as a connection option (`-c search_path=…`), which node-pg
 * sends at connection start, so the server needs no setting of its own for it.
 */
export function databaseEnv(t: TestDb): NodeJS.ProcessEnv {
  if (!t.databaseUrl) return { DATA_DIR: t.dataDir };
  const searchPath = (t.db.client.config as { searchPath?: string[] }).searchPath;
  if (!searchPath?.[0]) throw new Error('schéma de test introuvable');
  const url = new URL(t.databaseUrl);
  url.searchParams.set('options', `-c search_path=${searchPath[0]}`);
  return { DATA_DIR: t.dataDir, DATABASE_URL: url.toString() };
}

/** Starts the compiled server on the test's database and resolves once /healthz answers 200. */
export async function startServer(t: TestDb, env: NodeJS.ProcessEnv = {}): Promise<ServerProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, [SERVER_JS], {
    cwd: PROJECT_ROOT,
    // A clean environment: the test runner's own DATABASE_URL or LOG_LEVEL must not leak in.
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'test',
      SEED_DEMO: 'false',
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'warn',
      ...databaseEnv(t),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const keep = (chunk: Buffer) => {
    out += chunk.toString('utf8');
    if (out.length > OUTPUT_KEPT) out = out.slice(-OUTPUT_KEPT);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const server: ServerProcess = { url: `http://127.0.0.1:${port}`, port, child, exited, output: () => out };
  let ended = false;
  void exited.then(() => (ended = true));
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (ended) throw new Error(`le serveur s’est arrêté au démarrage :\n${out}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`le serveur n’a pas répondu à temps :\n${out}`);
    }
    const ok = await httpRequest(`${server.url}/healthz`, { agent: false }).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) return server;
    await sleep(50);
  }
}

/** Stops the server (SIGTERM by default) and resolves with how it ended; SIGKILL after `withinMs`. */
export async function stopServer(server: ServerProcess, signal: NodeJS.Signals = 'SIGTERM', withinMs = 20_000) {
  if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill(signal);
  const timer = setTimeout(() => server.child.kill('SIGKILL'), withinMs);
  try {
    return await server.exited;
  } finally {
    clearTimeout(timer);
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The promise's value, or null if it takes longer than `ms` (the timer is cleared: mocha can exit at once). */
export async function within<T>(promise: Promise<T>, ms: number): Promise<T | null> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), ms)));
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}

export interface HttpReply {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

/** One HTTP exchange with node:http (no redirect followed, so a 303 is seen as such). */
export function httpRequest(
  url: string,
  options: { method?: string; headers?: http.OutgoingHttpHeaders; body?: string; agent?: http.Agent | false } = {},
): Promise<HttpReply> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: options.method ?? 'GET', headers: options.headers, agent: options.agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

/** A browser reduced to what the forms need: one cookie jar, form posts, no redirect followed. */
export class WebClient {
  private readonly cookies = new Map<string, string>();

  constructor(
    public baseUrl: string,
    private readonly agent: http.Agent | false = false,
  ) {}

  get cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  get(pathname: string): Promise<HttpReply> {
    return this.send('GET', pathname);
  }

  postForm(pathname: string, fields: Record<string, string>): Promise<HttpReply> {
    return this.send('POST', pathname, new URLSearchParams(fields).toString());
  }

  private async send(method: string, pathname: string, body?: string): Promise<HttpReply> {
    const headers: http.OutgoingHttpHeaders = { cookie: this.cookieHeader };
    if (body !== undefined) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      headers['content-length'] = Buffer.byteLength(body);
    }
    const reply = await httpRequest(`${this.baseUrl}${pathname}`, { method, headers, body, agent: this.agent });
    for (const line of reply.headers['set-cookie'] ?? []) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      if (eq > 0) this.cookies.set(pair!.slice(0, eq).trim(), pair!.slice(eq + 1).trim());
    }
    return reply;
  }
}

/** Logs in through the real /connexion form; the client keeps the session cookie. */
export async function logIn(client: WebClient, email: string, password = TEST_PASSWORD): Promise<void> {
  const page = await client.get('/connexion');
  const res = await client.postForm('/connexion', { email, password, _csrf: csrfFrom(page.text) });
  if (res.status !== 303) throw new Error(`connexion refusée pour ${email} : ${res.status}`);
}
