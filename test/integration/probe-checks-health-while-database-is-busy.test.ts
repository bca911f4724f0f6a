import { expect } from 'chai';
import request from 'supertest';
import type { Knex } from 'knex';
import { createApp } from '../../src/app';
import { createLogger } from '../../src/shared/logger';
import { freshDb, type TestDb } from '../support/db';
import { testConfig } from '../support/app';

/**
 * A load balancer's probe (`GET /healthz`) never waits behind the database (issue 13, item 2): while
 * every connection of the instance is held by a long transaction (SQLite's one connection by a write),
 * the probe answers within its bound from the last known state, marked stale with its age; once the
 * last success is too old, it answers 503. At most one ping is in flight whatever the probes.
 */
describe('The health probe answers while the database is busy', () => {
  let t: TestDb;
  let appDb: Knex;
  before(async () => {
    t = await freshDb();
    appDb = t.open();
  });
  after(async () => {
    await appDb.destroy();
    await t.destroy();
  });

  /** Holds every connection of the pool in an open transaction (a write on SQLite) until released. */
  async function holdEveryConnection(db: Knex): Promise<() => Promise<void>> {
    const max = Math.max(1, Number((db.client as { pool?: { max?: number } }).pool?.max ?? 1));
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let started = 0;
    let allStarted!: () => void;
    const ready = new Promise<void>((r) => (allStarted = r));
    const holders = Array.from({ length: max }, () =>
      db.transaction(async (trx) => {
        await trx('login_throttle').insert({ key: `sonde:${Math.random()}`, points: 1, expire: null });
        if (++started === max) allStarted();
        await gate;
      }),
    );
    await ready;
    return async () => {
      release();
      await Promise.allSettled(holders);
    };
  }

  it('after a quiet spell longer than the limit, a slow ping still answers ok (stale), not unreachable', async () => {
    const config = testConfig();
    const app = createApp({ config, db: appDb, logger: createLogger('silent') }, { sessionCleanupMs: 0, health: { timeoutMs: 20, cacheMs: 0, staleLimitMs: 1500 } });
    expect((await request(app).get('/healthz')).status).to.equal(200);
    // No probe for longer than the limit: the last success is old, but the database was never asked.
    await new Promise((r) => setTimeout(r, 1700));
    const release = await holdEveryConnection(appDb);
    try {
      const res = await request(app).get('/healthz');
      expect(res.status).to.equal(200);
      expect(res.body.database).to.include({ status: 'ok', stale: true });
    } finally {
      await release();
    }
  });

  it('answers from the last known state, stale with its age, within its bound; then 503 past the limit; fresh again after', async () => {
    const config = testConfig();
    const app = createApp({ config, db: appDb, logger: createLogger('silent') }, { sessionCleanupMs: 0, health: { timeoutMs: 20, cacheMs: 0, staleLimitMs: 1500 } });
    let pings = 0;
    const count = (q: { sql: string }) => {
      if (/^select 1$/i.test(q.sql.trim())) pings++;
    };
    appDb.on('query', count);

    const fresh = await request(app).get('/healthz');
    expect(fresh.status).to.equal(200);
    expect(fresh.body).to.deep.include({ status: 'ok' });
    expect(fresh.body.database).to.include({ status: 'ok', stale: false, client: t.databaseUrl ? 'postgresql' : 'sqlite' });

    const release = await holdEveryConnection(appDb);
    try {
      pings = 0;
      const started = Date.now();
      const probes = await Promise.all(Array.from({ length: 5 }, () => request(app).get('/healthz')));
      const elapsed = Date.now() - started;
      for (const res of probes) {
        expect(res.status).to.equal(200);
        expect(res.body.status).to.equal('ok');
        expect(res.body.database.status).to.equal('ok');
        expect(res.body.database.stale).to.equal(true);
        expect(res.body.database.ageMs).to.be.a('number').and.at.least(0);
      }
      // Bounded: far below the time the database stays busy (a generous bound for a shared CI machine).
      expect(elapsed).to.be.below(1000);
      // Five probes, one ping waiting for a connection (queued in the pool, not yet sent).
      expect(pings).to.be.at.most(1);

      await new Promise((r) => setTimeout(r, 1700));
      const late = await request(app).get('/healthz');
      expect(late.status).to.equal(503);
      expect(late.body.status).to.equal('error');
      expect(late.body.database).to.include({ status: 'unreachable', stale: true });
    } finally {
      await release();
    }
    // The ping that waited has answered by now, or the next one will.
    let again = await request(app).get('/healthz');
    for (let i = 0; i < 20 && again.body.database.stale; i++) {
      await new Promise((r) => setTimeout(r, 50));
      again = await request(app).get('/healthz');
    }
    expect(again.status).to.equal(200);
    expect(again.body.database).to.include({ status: 'ok', stale: false });
    appDb.off('query', count);
  });
});
