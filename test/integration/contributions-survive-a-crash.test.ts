import http from 'node:http';
import crypto from 'node:crypto';
import { expect } from 'chai';
import type { Knex } from 'knex';
import { freshDb, type TestDb } from '../support/db';
import { csrfFrom, makeUser } from '../support/app';
import { logIn, sleep, startServer, stopServer, WebClient, type ServerProcess } from '../support/server-process';
import { isPostgres } from '../../src/shared/db';
import { makeConsultation, makeStructure } from '../support/factories';
import { whereMatches } from '../../src/modules/contributions';

const CLIENTS = 32;
/** The load is cut after this many acknowledged submissions or this long, whichever comes first. */
const KILL_AFTER_ACKS = 300;
const KILL_AFTER_MS = 1_500;
const MIN_ACKS = 50;
const SLUG = 'consultation-sous-charge';

interface Sent {
  body: string;
  authorId: number;
}

/**
 * The server process is killed (SIGKILL) while 32 staff members submit contributions through the
 * real form: whatever it acknowledged (303 to « Mes contributions ») must be there exactly once
 * after a restart, in a database that passes its own integrity checks.
 */
describe('Contributions survive a crash of the server under load', function () {
  this.timeout(120_000);
  let t: TestDb;
  let server: ServerProcess | undefined;
  let consultationId: number;
  let themeId: number;
  const users: Array<{ id: number; email: string }> = [];

  before(async () => {
    t = await freshDb();
    const structureId = await makeStructure(t.db, { name: 'Mission Locale de Pau', department_code: '64', region: 'Nouvelle-Aquitaine' });
    const c = await makeConsultation(t.db, { slug: SLUG, title: 'Consultation sous charge', contributions_open: true }, { themes: [{ code: 'T1', title: 'Outils du conseiller', position: 0 }] });
    [consultationId, themeId] = [c.id, c.themes.T1!];
    for (let i = 0; i < CLIENTS; i++) users.push(await makeUser(t.db, 'contributeur', { structureId }));
    // From here on the server is the only process holding the database, as in production.
    await t.db.destroy();
  });
  after(async () => {
    if (server) await stopServer(server, 'SIGKILL');
    await t.destroy();
  });

  it('keeps every acknowledged contribution exactly once, in a sound database, after a SIGKILL', async () => {
    // Arrange: the real server, 32 staff members logged in through the real form.
    const clock = phases();
    // 32 people log in at the same instant from one address (loopback): more attempts in flight than
    // the per-address limit, which counts attempts before their password is checked.
    const serverEnv = { LOGIN_MAX_ATTEMPTS_PER_IP: '1000' };
    server = await startServer(t, serverEnv);
    clock('démarrage');
    const agent = new http.Agent({ keepAlive: true, maxSockets: CLIENTS * 2 });
    const clients = await Promise.all(
      users.map(async (u) => {
        const client = new WebClient(server!.url, agent);
        await logIn(client, u.email);
        const form = await client.get(`/consultations/${SLUG}/contribuer`);
        expect(form.status).to.equal(200);
        return { client, user: u, token: csrfFrom(form.text) };
      }),
    );

    clock('connexions');

    // Act: each client submits in a loop until the process dies under it.
    const run = crypto.randomBytes(4).toString('hex');
    const sent = new Map<string, Sent>();
    const acked: Sent[] = [];
    const unexpected: string[] = [];
    let stop = false;
    const loops = clients.map(async ({ client, user, token }, i) => {
      for (let seq = 0; !stop; seq++) {
        // Unique, recognisable, and with a word that every body shares (« panne ») for the search check.
        const body = `Panne ${run} client ${i} envoi ${seq} : le dossier doit rester lisible.`;
        const s = { body, authorId: user.id };
        sent.set(body, s);
        let res;
        try {
          res = await client.postForm(`/consultations/${SLUG}/contributions`, { _csrf: token, themeId: String(themeId), body });
        } catch {
          return; // the connection died with the process: this one was never acknowledged
        }
        if (res.status === 303 && res.headers.location === '/mes-contributions') acked.push(s);
        else unexpected.push(`${res.status} ${res.text.slice(0, 200)}`);
      }
    });
    const loadStarted = Date.now();
    const loading = () => {
      const elapsed = Date.now() - loadStarted;
      // On a busy machine the load runs on past 1.5 s until enough has been acknowledged to prove something.
      return acked.length < KILL_AFTER_ACKS && (elapsed < KILL_AFTER_MS || acked.length < MIN_ACKS) && elapsed < 10_000;
    };
    while (loading() && !unexpected.length) await sleep(2);
    const killedAfterMs = Date.now() - loadStarted;
    const crashed = await stopServer(server, 'SIGKILL');
    stop = true;
    await Promise.all(loops);
    agent.destroy();
    const ackedAtKill = acked.length;
    clock('charge et crash');

    expect(unexpected, 'réponses inattendues sous charge').to.deep.equal([]);
    expect(crashed.signal).to.equal('SIGKILL');
    expect(ackedAtKill, 'assez de dépôts acquittés pour prouver quelque chose').to.be.at.least(MIN_ACKS);
    expect(sent.size, 'des dépôts étaient en cours au moment du crash').to.be.greaterThan(ackedAtKill);

    // Restart on the same data: the server starts, a session opened before the crash still works.
    server = await startServer(t, serverEnv);
    const first = clients[0]!;
    first.client.baseUrl = server.url;
    const mine = await first.client.get('/mes-contributions');
    expect(mine.status).to.equal(200);
    const lastOfFirst = acked.filter((s) => s.authorId === first.user.id).at(-1);
    if (lastOfFirst) expect(mine.text).to.contain(lastOfFirst.body);
    const after = { body: `Après la panne ${run}, le dépôt fonctionne de nouveau.`, authorId: first.user.id };
    const again = await first.client.postForm(`/consultations/${SLUG}/contributions`, { _csrf: first.token, themeId: String(themeId), body: after.body });
    expect(again.status).to.equal(303);
    sent.set(after.body, after);
    acked.push(after);
    const stopped = await stopServer(server);
    server = undefined;
    expect(stopped.code, 'arrêt propre après le redémarrage').to.equal(0);
    clock('redémarrage');

    // Assert, on the data the server left behind.
    const db = t.open();
    try {
      const rows: Array<{ id: number; body: string; author_id: number }> = await db('raw_contributions')
        .where({ consultation_id: consultationId })
        .select('id', 'body', 'author_id');
      const byBody = new Map<string, Array<{ id: number; author_id: number }>>();
      for (const r of rows) byBody.set(r.body, [...(byBody.get(r.body) ?? []), r]);

      const missing = acked.filter((s) => !byBody.has(s.body));
      expect(missing.map((s) => s.body), 'acquittées mais perdues').to.deep.equal([]);
      const twice = [...byBody].filter(([, list]) => list.length > 1).map(([body]) => body);
      expect(twice, 'enregistrées deux fois').to.deep.equal([]);
      for (const s of acked) expect(Number(byBody.get(s.body)![0]!.author_id), s.body).to.equal(s.authorId);
      // Nothing appears that no client sent (no torn or garbled row).
      expect(rows.filter((r) => !sent.has(r.body)).map((r) => r.body)).to.deep.equal([]);

      // Each contribution and its audit line were written in one transaction: both or neither.
      const audited: Array<{ object_id: string }> = await db('audit_log').where({ action: 'contribution.submit', consultation_id: consultationId }).select('object_id');
      expect(audited.map((a) => Number(a.object_id)).sort((a, b) => a - b)).to.deep.equal(rows.map((r) => Number(r.id)).sort((a, b) => a - b));

      await expectNoOrphans(db);
      await expectSearchIndexConsistent(db, rows.length);
      if (!isPostgres(db)) await expectSqliteIntegrity(db);

      if (process.env.TEST_LOG_LEVEL === 'info') {
        const committedUnacked = rows.length - acked.length;
        process.stderr.write(
          `  crash : tué après ${killedAfterMs} ms, ${sent.size - 1} envois, ${ackedAtKill} acquittés (+1 après redémarrage), ` +
            `${committedUnacked} enregistrés sans acquittement, ${rows.length} en base ; ${clock('vérifications')}\n`,
        );
      }
    } finally {
      await db.destroy();
    }
  });
});

/** Durations of the test's steps, reported with TEST_LOG_LEVEL=info (the budget is ~30 s per engine). */
function phases(): (name: string) => string {
  let last = Date.now();
  const done: string[] = [];
  return (name) => {
    done.push(`${name} ${Date.now() - last} ms`);
    last = Date.now();
    return done.join(', ');
  };
}

/** Foreign keys hold on both engines (SQLite enforces them only on its connections that turn them on). */
async function expectNoOrphans(db: Knex): Promise<void> {
  const orphans = async (table: string, column: string, parent: string) =>
    Number(
      (
        await db(`${table} as c`)
          .leftJoin(`${parent} as p`, 'p.id', `c.${column}`)
          .whereNotNull(`c.${column}`)
          .whereNull('p.id')
          .count({ n: '*' })
          .first()
      )?.n ?? 0,
    );
  const links: Array<[string, string, string]> = [
    ['raw_contributions', 'consultation_id', 'consultations'],
    ['raw_contributions', 'theme_id', 'themes'],
    ['raw_contributions', 'author_id', 'users'],
    ['raw_contributions', 'structure_id', 'structures'],
    ['raw_contributions', 'created_by', 'users'],
    ['audit_log', 'actor_id', 'users'],
    ['audit_log', 'consultation_id', 'consultations'],
    ['contribution_extracts', 'raw_contribution_id', 'raw_contributions'],
    ['consolidation_links', 'raw_contribution_id', 'raw_contributions'],
  ];
  for (const [table, column, parent] of links) expect(await orphans(table, column, parent), `${table}.${column}`).to.equal(0);
}

/**
 * The full-text index finds every contribution (all bodies say « panne »): on SQLite the FTS5 table
 * kept by triggers, on PostgreSQL the GIN index, forced by turning sequential scans off.
 */
async function expectSearchIndexConsistent(db: Knex, expected: number): Promise<void> {
  const found = await db.transaction(async (trx) => {
    if (isPostgres(trx)) await trx.raw('SET LOCAL enable_seqscan = off');
    const q = trx('raw_contributions as rc');
    expect(whereMatches(trx, q, 'panne')).to.equal(true);
    return Number((await q.count({ n: '*' }).first())?.n ?? 0);
  });
  expect(found, 'contributions trouvées par la recherche').to.equal(expected);
}

async function expectSqliteIntegrity(db: Knex): Promise<void> {
  expect(await db.raw('PRAGMA integrity_check')).to.deep.equal([{ integrity_check: 'ok' }]);
  expect(await db.raw('PRAGMA foreign_key_check')).to.deep.equal([]);
  // Throws (SQLITE_CORRUPT_VTAB) when the FTS5 index and its content table disagree.
  await db.raw("INSERT INTO raw_contributions_fts(raw_contributions_fts, rank) VALUES ('integrity-check', 1)");
}
