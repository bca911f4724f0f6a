import http from 'node:http';
import { DEMO_PASSWORD } from '../seeds/demo';

/**
 * The benches' HTTP client: GETs on a keep-alive agent, a page measured by a few clients at once
 * (p50, p95, requests per second), and a login through the real form (its session cookie).
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

/** Lets the process end: the keep-alive sockets closed. */
export function closeAgents(): void {
  for (const a of agents.values()) a.destroy();
  agents.clear();
}
