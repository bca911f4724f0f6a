import http from 'node:http';
import { DEMO_PASSWORD, DEMO_SLUG } from '../seeds/demo';

/**
 * The benches' HTTP client: GETs and form POSTs on keep-alive agents, a page measured by a few
 * clients at once (p50, p95, requests per second), a login through the real form (its session
 * cookie), and a burst of contributions through the real form.
 */
export interface Load {
  rps: number;
  p50: number;
  p95: number;
}

const agents = new Map<number, http.Agent>();
const agentFor = (sockets: number) => {
  let a = agents.get(sockets);
  if (!a) agents.set(sockets, (a = new http.Agent({ keepAlive: true, maxSockets: sockets })));
  return a;
};

export function get(url: string, cookie?: string, sockets = 4): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent: agentFor(sockets), headers: cookie ? { cookie } : {} }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
  });
}

/** `requests` GETs of one page by `concurrency` clients, after `warmUp` unmeasured ones; a 4xx/5xx stops the bench. */
export async function measure(url: string, options: { cookie?: string; requests: number; concurrency: number; warmUp?: number }): Promise<Load> {
  const { cookie, requests, concurrency } = options;
  for (let i = 0; i < (options.warmUp ?? 20); i++) await get(url, cookie, concurrency);
  const times: number[] = [];
  let next = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < requests) {
        next++;
        const t0 = process.hrtime.bigint();
        const status = await get(url, cookie, concurrency);
        if (status >= 400) throw new Error(`${url} → ${status}`);
        times.push(Number(process.hrtime.bigint() - t0) / 1e6);
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  times.sort((a, b) => a - b);
  return { rps: requests / seconds, p50: times[Math.floor(times.length / 2)]!, p95: times[Math.floor(times.length * 0.95)]! };
}

/** Logs in through the form and returns the session cookie (`ensemble.sid=…`). */
export async function login(url: string, email: string, password = DEMO_PASSWORD): Promise<string> {
  const page = await fetch(`${url}/connexion`);
  const cookie = /ensemble\.sid=[^;,]+/.exec(page.headers.get('set-cookie') ?? '')![0];
  const token = /name="_csrf" value="([^"]+)"/.exec(await page.text())![1]!;
  const res = await fetch(`${url}/connexion`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
    body: new URLSearchParams({ email, password, _csrf: token }),
  });
  return /ensemble\.sid=[^;,]+/.exec(res.headers.get('set-cookie') ?? '')![0];
}

/** A form POST (urlencoded) with a session cookie; resolves to the status code. */
export function post(url: string, cookie: string, body: string, sockets = 64): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      { method: 'POST', agent: agentFor(sockets), headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** A logged-in session and the CSRF token of the demo's contribution form. */
export async function contributorSession(url: string, email: string): Promise<{ cookie: string; token: string }> {
  const cookie = await login(url, email);
  const form = await fetch(`${url}/consultations/${DEMO_SLUG}/contribuer`, { headers: { cookie } });
  const token = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1];
  if (!token) throw new Error(`formulaire de contribution sans jeton (${form.status})`);
  return { cookie, token };
}

export interface Burst {
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
}

/** `count` contributions posted to `url` by as many clients as sessions, each on its own; every answer must be a 303. */
export async function submitBurst(url: string, sessions: Array<{ cookie: string; token: string }>, options: { count: number; themeId: number; label: string; sockets?: number }): Promise<Burst> {
  const { count, themeId, label } = options;
  const times: number[] = [];
  let next = 0;
  let errors = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    sessions.map(async ({ cookie, token }) => {
      while (next < count) {
        const n = next++;
        const body = new URLSearchParams({ _csrf: token, themeId: String(themeId), body: `Contribution de mesure ${label} n° ${n} : un outil plus simple pour le suivi des jeunes.` }).toString();
        const t0 = process.hrtime.bigint();
        if ((await post(url, cookie, body, options.sockets)) !== 303) errors++;
        times.push(Number(process.hrtime.bigint() - t0) / 1e6);
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.floor(times.length * q)]!;
  return { rps: count / seconds, p50: at(0.5), p95: at(0.95), p99: at(0.99), errors };
}

/** Lets the process end: the keep-alive sockets closed. */
export function closeAgents(): void {
  for (const a of agents.values()) a.destroy();
  agents.clear();
}
