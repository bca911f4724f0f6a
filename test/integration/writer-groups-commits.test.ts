import { expect } from 'chai';
import type { Knex } from 'knex';
import { freshDb, readersOf, type TestDb } from '../support/db';
import { createWriteBatcher, WriterStoppedError } from '../../src/shared/write-batcher';
import { isPostgres } from '../../src/shared/db';

/**
 * The group-commit writer (shared/write-batcher) on a real database, SQLite and PostgreSQL: units
 * queued together share a transaction, each in its own savepoint; an acknowledged unit is committed
 * (another connection sees it when its promise resolves), a failing unit fails alone, a failed COMMIT
 * fails the whole batch and leaves the writer usable, a stop drains the queue.
 */
describe('The writer groups small writes into one commit, each unit atomic on its own', function () {
  this.timeout(60_000);
  let t: TestDb;
  /** Another connection than the writer's: what a reader sees. */
  let other: Knex;

  before(async () => {
    t = await freshDb();
    other = readersOf.get(t.db) ?? t.open();
    await t.db.schema.createTable('batch_parent', (table) => {
      table.integer('id').primary();
    });
    await t.db.schema.createTable('batch_probe', (table) => {
      table.increments('id');
      table.string('marker').notNullable().unique();
      table.integer('seq').notNullable();
    });
    // A foreign key checked only at COMMIT, on both engines: the way to make a COMMIT itself fail.
    await t.db.raw('CREATE TABLE batch_child (id integer primary key, parent_id integer REFERENCES batch_parent(id) DEFERRABLE INITIALLY DEFERRED)');
    await t.db('batch_parent').insert({ id: 1 });
  });
  after(async () => {
    if (other !== readersOf.get(t.db)) await other.destroy();
    await t.destroy();
  });

  const markers = async (prefix: string): Promise<string[]> =>
    (await other('batch_probe').where('marker', 'like', `${prefix}%`).orderBy('id').select('marker')).map((r: { marker: string }) => r.marker);

  it('runs the units queued together in one transaction, in their order, and acknowledges each once committed', async () => {
    const writer = createWriteBatcher(t.db, { mode: 'batch', windowMs: 20 });
    const seenAtAck: boolean[] = [];
    const acks = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        writer
          .run(async (trx) => {
            await trx('batch_probe').insert({ marker: `ordre-${String(i).padStart(2, '0')}`, seq: i });
            return i;
          })
          .then(async (value) => {
            // Acknowledged: committed, hence visible on another connection.
            seenAtAck.push((await other('batch_probe').where({ marker: `ordre-${String(value).padStart(2, '0')}` })).length === 1);
            return value;
          }),
      ),
    );
    expect(acks).to.deep.equal(Array.from({ length: 20 }, (_, i) => i));
    expect(seenAtAck.every(Boolean)).to.equal(true);
    expect(await markers('ordre-')).to.deep.equal(Array.from({ length: 20 }, (_, i) => `ordre-${String(i).padStart(2, '0')}`));
    expect(writer.stats.units).to.equal(20);
    expect(writer.stats.batches).to.be.lessThan(20);
  });

  it('rolls back only the unit that fails, with its own error, and commits the others of its batch', async () => {
    const writer = createWriteBatcher(t.db, { mode: 'batch', windowMs: 20 });
    await t.db('batch_probe').insert({ marker: 'isole-deja-la', seq: 0 });
    const outcomes = await Promise.allSettled([
      writer.run((trx) => trx('batch_probe').insert({ marker: 'isole-a', seq: 1 })),
      // Writes a row, then breaks a unique index: both of its writes are undone.
      writer.run(async (trx) => {
        await trx('batch_probe').insert({ marker: 'isole-b-moitie', seq: 2 });
        await trx('batch_probe').insert({ marker: 'isole-deja-la', seq: 2 });
      }),
      // Throws an error of its own after writing.
      writer.run(async (trx) => {
        await trx('batch_probe').insert({ marker: 'isole-c', seq: 3 });
        throw new Error('refus du domaine');
      }),
      writer.run((trx) => trx('batch_probe').insert({ marker: 'isole-d', seq: 4 })),
    ]);
    expect(outcomes.map((o) => o.status)).to.deep.equal(['fulfilled', 'rejected', 'rejected', 'fulfilled']);
    expect(String((outcomes[1] as PromiseRejectedResult).reason.message)).to.match(/unique|duplicate/i);
    expect((outcomes[2] as PromiseRejectedResult).reason.message).to.equal('refus du domaine');
    expect(await markers('isole-')).to.deep.equal(['isole-deja-la', 'isole-a', 'isole-d']);
    expect(writer.stats.batches).to.equal(1);
  });

  it('rejects every unit of a batch whose COMMIT fails, stores none of them, and goes on with the next batch', async () => {
    const writer = createWriteBatcher(t.db, { mode: 'batch', windowMs: 20 });
    const outcomes = await Promise.allSettled([
      writer.run((trx) => trx('batch_probe').insert({ marker: 'commit-a', seq: 1 })),
      writer.run((trx) => trx('batch_child').insert({ id: 1, parent_id: 999 })),
      writer.run((trx) => trx('batch_probe').insert({ marker: 'commit-c', seq: 3 })),
    ]);
    expect(outcomes.map((o) => o.status)).to.deep.equal(['rejected', 'rejected', 'rejected']);
    expect(await markers('commit-')).to.deep.equal([]);
    expect(await other('batch_child').count({ n: '*' }).first()).to.satisfy((r: { n: unknown }) => Number(r.n) === 0);
    // The writer's connection is usable again.
    await writer.run((trx) => trx('batch_probe').insert({ marker: 'commit-apres', seq: 4 }));
    expect(await markers('commit-')).to.deep.equal(['commit-apres']);
  });

  it('never puts more than maxBatch units in one transaction', async () => {
    const writer = createWriteBatcher(t.db, { mode: 'batch', windowMs: 20, maxBatch: 3 });
    await Promise.all(Array.from({ length: 10 }, (_, i) => writer.run((trx) => trx('batch_probe').insert({ marker: `borne-${i}`, seq: i }))));
    expect(writer.stats.largestBatch).to.equal(3);
    expect(writer.stats.batches).to.equal(4);
    expect((await markers('borne-')).length).to.equal(10);
  });

  it('in passthrough mode (PostgreSQL’s default) runs each unit in its own transaction: a failed COMMIT fails that unit alone; a stop waits for those in flight', async function () {
    if (!isPostgres(t.db)) this.skip(); // SQLite always batches
    const writer = createWriteBatcher(t.db, { mode: 'passthrough' });
    const outcomes = await Promise.allSettled([
      writer.run((trx) => trx('batch_probe').insert({ marker: 'direct-a', seq: 1 })),
      writer.run((trx) => trx('batch_child').insert({ id: 2, parent_id: 999 })),
      writer.run((trx) => trx('batch_probe').insert({ marker: 'direct-c', seq: 3 })),
    ]);
    expect(outcomes.map((o) => o.status)).to.deep.equal(['fulfilled', 'rejected', 'fulfilled']);
    expect(await markers('direct-')).to.have.members(['direct-a', 'direct-c']);
    const late = writer.run((trx) => trx('batch_probe').insert({ marker: 'direct-pendant-arret', seq: 4 }));
    await writer.drain();
    await late;
    expect(await markers('direct-')).to.include('direct-pendant-arret');
    let refused: unknown;
    await writer.run(async () => undefined).catch((err: unknown) => (refused = err));
    expect(refused).to.be.instanceOf(WriterStoppedError);
  });

  it('drains on stop: what was queued commits, what comes after is refused', async () => {
    const writer = createWriteBatcher(t.db, { mode: 'batch', windowMs: 50 });
    const queued = Array.from({ length: 5 }, (_, i) => writer.run((trx) => trx('batch_probe').insert({ marker: `arret-${i}`, seq: i })));
    await writer.drain();
    expect((await markers('arret-')).length).to.equal(5);
    await Promise.all(queued);
    let refused: unknown;
    await writer.run((trx) => trx('batch_probe').insert({ marker: 'arret-tard', seq: 9 })).catch((err: unknown) => (refused = err));
    expect(refused).to.be.instanceOf(WriterStoppedError);
    expect((await markers('arret-')).length).to.equal(5);
  });
});
