import http from 'node:http';
import net from 'node:net';
import { expect } from 'chai';
import { freshDb, type TestDb } from '../support/db';
import { csrfFrom, makeUser, TEST_PASSWORD } from '../support/app';
import { sleep, startServer, stopServer, WebClient, within, type HttpReply, type ServerProcess } from '../support/server-process';

/** Whether a new TCP connection to the port is accepted (false once the server stopped listening). */
function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** A kept-alive connection that has been answered once and now sits idle; resolves `closed` when the server drops it. */
async function idleKeepAlive(port: number): Promise<{ closed: Promise<void> }> {
  const socket = net.connect(port, '127.0.0.1');
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  socket.on('error', () => undefined);
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  socket.write('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n');
  await new Promise<void>((resolve) => socket.once('data', () => resolve()));
  return { closed };
}

/** A login POST whose body is sent in two parts: in flight between `start` and `finish`. */
function slowLogin(server: ServerProcess, cookie: string, body: string) {
  const half = Math.floor(body.length / 2);
  let reply!: Promise<HttpReply>;
  const req = http.request(`${server.url}/connexion`, {
    method: 'POST',
    agent: false,
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) },
  });
  reply = new Promise((resolve, reject) => {
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
  });
  req.flushHeaders();
  req.write(body.slice(0, half));
  return { reply, finish: () => req.end(body.slice(half)) };
}

async function waitUntil(check: () => Promise<boolean> | boolean, withinMs: number): Promise<boolean> {
  const deadline = Date.now() + withinMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await sleep(20);
  }
  return check();
}

describe('The server stops gracefully on SIGTERM', function () {
  this.timeout(60_000);
  let t: TestDb;
  let server: ServerProcess | undefined;
  let email: string;

  before(async () => {
    t = await freshDb();
    email = (await makeUser(t.db, 'contributeur')).email;
  });
  afterEach(async () => {
    if (server) await stopServer(server, 'SIGKILL');
    server = undefined;
  });
  after(() => t.destroy());

  async function loginForm(s: ServerProcess) {
    const client = new WebClient(s.url);
    const page = await client.get('/connexion');
    return { cookie: client.cookieHeader, body: new URLSearchParams({ email, password: TEST_PASSWORD, _csrf: csrfFrom(page.text) }).toString() };
  }

  it('refuses new connections, drops idle ones, finishes the request in flight, then exits 0', async () => {
    server = await startServer(t, { LOG_LEVEL: 'info' });
    const form = await loginForm(server);
    const idle = await idleKeepAlive(server.port);
    const inFlight = slowLogin(server, form.cookie, form.body);
    // The server has the request's headers: it is in flight, waiting for the rest of its body.
    await sleep(300);

    server.child.kill('SIGTERM');
    expect(await waitUntil(async () => !(await accepts(server!.port)), 5_000), 'nouvelle connexion refusée').to.equal(true);
    expect(await within(idle.closed.then(() => 'fermée'), 2_000), 'connexion inactive fermée aussitôt').to.equal('fermée');
    expect(server.child.exitCode, 'le processus attend la requête en cours').to.equal(null);

    inFlight.finish();
    const res = await inFlight.reply;
    expect(res.status).to.equal(303);
    expect(res.headers.location).to.equal('/');
    expect(res.headers.connection).to.equal('close');

    const ended = await within(server.exited, 10_000);
    expect(ended, 'le processus s’arrête peu après').to.deep.equal({ code: 0, signal: null });
    expect(server.output()).to.contain('arrêt en cours').and.contain('arrêt terminé');
  });

  it('gives up after the grace period with exit 1 and a French log line', async () => {
    server = await startServer(t, { LOG_LEVEL: 'info', SHUTDOWN_GRACE_SECONDS: '1' });
    const form = await loginForm(server);
    // A request whose body never comes: it would hold a restart forever without the grace period.
    const stuck = slowLogin(server, form.cookie, form.body);
    void stuck.reply.catch(() => undefined);
    await sleep(300);

    const started = Date.now();
    server.child.kill('SIGTERM');
    const ended = await within(server.exited, 10_000);
    expect(ended).to.deep.equal({ code: 1, signal: null });
    expect(Date.now() - started).to.be.within(900, 5_000);
    expect(server.output()).to.contain('arrêt forcé');
  });
});
