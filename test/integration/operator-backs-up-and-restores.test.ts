import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import knexFactory, { type Knex } from 'knex';
import { PROJECT_ROOT } from '../../src/config';
import { createDb } from '../../src/shared/db';
import { recordAudit } from '../../src/modules/audit';
import { freshDb, type TestDb } from '../support/db';
import { tableChecksums } from '../support/table-checksums';
import { dropDatabase } from '../support/templates';

/** Where a command runs: the environment that names its database, as an operator's shell would. */
interface Place {
  env: NodeJS.ProcessEnv;
  open(): Knex;
  drop(): Promise<void>;
}

interface Ran {
  status: number | null;
  stdout: string;
  stderr: string;
}

const SQLITE_MAGIC = 'SQLite format 3\0';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * `ensemble backup` and `ensemble restore`, run as the operator runs them (the real command in a child
 * process), on SQLite or — with DATABASE_URL — PostgreSQL: the demo consultation is backed up, restored
 * into an empty database and compared table by table.
 */
describe('An operator backs up the database and restores it', function () {
  this.timeout(120_000);
  const pgUrl = process.env.DATABASE_URL;
  let t: TestDb;
  let work: string;
  let source: Place;
  let restored: Place;
  const places: Place[] = [];
  let admin: Knex | undefined;

  /** The command, asynchronously: the test process keeps writing while a backup runs. */
  const run = (place: Place, ...args: string[]) =>
    new Promise<Ran>((resolve, reject) => {
      const child = spawn(process.execPath, [path.join(PROJECT_ROOT, 'bin', 'ensemble.js'), ...args], { env: place.env, stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
      child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
      child.on('error', reject);
      child.on('close', (status) => resolve({ status, stdout, stderr }));
    });

  const envWith = (vars: { DATA_DIR: string; DATABASE_URL?: string }): NodeJS.ProcessEnv => {
    const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'test', ...vars };
    if (!vars.DATABASE_URL) delete env.DATABASE_URL;
    return env;
  };

  /** DATABASE_URL naming `database` and putting `schema` first on the search path, as an operator writes it. */
  const urlFor = (database: string, schema: string) => {
    const u = new URL(pgUrl!);
    u.pathname = `/${database}`;
    u.searchParams.set('options', `-c search_path=${schema}`);
    return u.toString();
  };

  /** An empty database: a new SQLite folder, or a new PostgreSQL database (the archive names its schema). */
  const emptyPlace = async (): Promise<Place> => {
    const dir = fs.mkdtempSync(path.join(work, 'cible-'));
    let place: Place;
    if (!pgUrl) {
      place = { env: envWith({ DATA_DIR: dir }), open: () => createDb({ databaseUrl: undefined, dataDir: dir }), drop: async () => undefined };
    } else {
      const name = `ensemble_r_${crypto.randomBytes(6).toString('hex')}`;
      await admin!.raw(`CREATE DATABASE ${name}`);
      const schema = String((await t.db.raw('SELECT current_schema() AS s')).rows[0].s);
      const url = urlFor(name, schema);
      place = {
        env: envWith({ DATA_DIR: dir, DATABASE_URL: url }),
        open: () => knexFactory({ client: 'pg', connection: url, pool: { min: 0, max: 2 } }),
        drop: () => dropDatabase(admin!, name),
      };
    }
    places.push(place);
    return place;
  };

  const checksumsOf = async (place: Place) => {
    const db = place.open();
    try {
      return await tableChecksums(db);
    } finally {
      await db.destroy();
    }
  };

  const expectSameTables = async (place: Place) => {
    const expected = await tableChecksums(t.db);
    const actual = await checksumsOf(place);
    expect([...actual.keys()]).to.deep.equal([...expected.keys()]);
    for (const [table, sum] of expected) expect(actual.get(table), table).to.deep.equal(sum);
    return expected;
  };

  before(async () => {
    t = await freshDb({ template: 'demo' });
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'ensemble-sauvegarde-'));
    if (pgUrl) {
      admin = knexFactory({ client: 'pg', connection: pgUrl, pool: { min: 0, max: 1 } });
      const schema = String((await t.db.raw('SELECT current_schema() AS s')).rows[0].s);
      // The test's own database (a copy of the demo template), not the one DATABASE_URL names.
      const database = decodeURIComponent(new URL(t.databaseUrl!).pathname.slice(1));
      source = { env: envWith({ DATA_DIR: t.dataDir, DATABASE_URL: urlFor(database, schema) }), open: () => t.open(), drop: async () => undefined };
    } else {
      source = { env: envWith({ DATA_DIR: t.dataDir }), open: () => t.open(), drop: async () => undefined };
    }
  });

  after(async () => {
    for (const place of places) await place.drop();
    await admin?.destroy();
    await t?.destroy();
    if (work) fs.rmSync(work, { recursive: true, force: true });
  });

  it('backs up the live database and restores it into an empty one, identical in every table', async () => {
    const file = path.join(work, 'ensemble.sauvegarde');
    const backup = await run(source, 'backup', file);
    expect(backup.status, backup.stderr).to.equal(0);
    expect(backup.stdout).to.match(/^Sauvegarde \((SQLite|PostgreSQL, pg_dump)\) écrite dans .+ : [\d\u202f ,]+ (octets|ko|Mo), \d+ tables, [\d,]+ s\.\n$/);
    const head = fs.readFileSync(file).subarray(0, 16).toString('binary');
    expect(head.startsWith(pgUrl ? 'PGDMP' : SQLITE_MAGIC)).to.equal(true);

    restored = await emptyPlace();
    const restore = await run(restored, 'restore', file);
    expect(restore.status, restore.stderr).to.equal(0);
    expect(restore.stdout).to.match(/^Base (SQLite|PostgreSQL) restaurée .+ : \d+ tables, [\d,]+ s\.\n$/);
    const sums = await expectSameTables(restored);
    expect(sums.get('raw_contributions')?.rows).to.equal(1091 + 12);
    expect(sums.get('whitepaper_editions')?.rows).to.be.greaterThan(0);
  });

  it('never overwrites a backup file unless told to', async () => {
    const file = path.join(work, 'existante.sauvegarde');
    fs.writeFileSync(file, 'à garder');
    const refused = await run(source, 'backup', file);
    expect(refused.status).to.equal(1);
    expect(refused.stderr).to.contain('existe déjà').and.contain('--force');
    expect(fs.readFileSync(file, 'utf8')).to.equal('à garder');
    const forced = await run(source, 'backup', file, '--force');
    expect(forced.status, forced.stderr).to.equal(0);
    expect(fs.existsSync(`${file}.partiel`)).to.equal(false);
  });

  it('refuses to restore over a database that is not empty, unless --force', async () => {
    const db = restored.open();
    try {
      await recordAudit(db, { actorId: null, action: 'test.apres-restauration', objectType: 'test', objectId: 1 });
    } finally {
      await db.destroy();
    }
    const file = path.join(work, 'ensemble.sauvegarde');
    const refused = await run(restored, 'restore', file);
    expect(refused.status).to.equal(1);
    expect(refused.stderr).to.contain('n’est pas vide').and.contain('--force');
    expect(refused.stderr).not.to.match(/\n\s+at /);
    expect((await checksumsOf(restored)).get('audit_log')).not.to.deep.equal((await tableChecksums(t.db)).get('audit_log'));

    const forced = await run(restored, 'restore', file, '--force');
    expect(forced.status, forced.stderr).to.equal(0);
    await expectSameTables(restored);
  });

  it('refuses to replace an SQLite database that the running app holds open', async function () {
    if (pgUrl) this.skip();
    // t.db is the "app": its connection is open on the source database.
    const res = await run(source, 'restore', path.join(work, 'ensemble.sauvegarde'), '--force');
    expect(res.status).to.equal(1);
    expect(res.stderr).to.contain('arrêtez l’application');
    expect(await t.db('raw_contributions').count({ n: '*' }).first()).to.deep.include({ n: 1091 + 12 });
  });

  it('refuses, in French, a file that is not a backup or comes from the other engine', async () => {
    const text = path.join(work, 'notes.txt');
    fs.writeFileSync(text, 'Ceci n’est pas une sauvegarde.\n');
    const target = await emptyPlace();
    const wrong = await run(target, 'restore', text);
    expect(wrong.status).to.equal(1);
    expect(wrong.stderr).to.contain('n’est pas une sauvegarde d’Ensemble');
    expect(wrong.stderr).not.to.match(/\n\s+at /);

    const other = path.join(work, 'autre-moteur.sauvegarde');
    fs.writeFileSync(other, Buffer.concat([Buffer.from(pgUrl ? SQLITE_MAGIC : 'PGDMP', 'binary'), Buffer.alloc(100)]));
    const mismatch = await run(target, 'restore', other);
    expect(mismatch.status).to.equal(1);
    expect(mismatch.stderr).to.contain('mais la base configurée est');

    const missing = await run(target, 'restore', path.join(work, 'absente.sauvegarde'));
    expect(missing.status).to.equal(1);
    expect(missing.stderr).to.contain('Fichier introuvable');
  });

  it('takes a consistent backup while writes are in flight: whole transactions only', async () => {
    // Each transaction writes 5 rows with pauses between them, so the backup starts and ends mid-transaction.
    let stop = false;
    let committed = 0;
    const writer = (async () => {
      for (let batch = 0; !stop; batch++) {
        await t.db.transaction(async (trx) => {
          for (let i = 0; i < 5; i++) {
            await recordAudit(trx, { actorId: null, action: 'test.en-vol', objectType: 'lot', objectId: batch });
            await sleep(3);
          }
        });
        committed++;
      }
    })();
    try {
      while (committed < 3) await sleep(5);
      const before = committed;
      const file = path.join(work, 'pendant-ecritures.sauvegarde');
      const backup = await run(source, 'backup', file);
      expect(backup.status, backup.stderr).to.equal(0);
      expect(committed, 'writes went on during the backup').to.be.greaterThan(before);

      const target = await emptyPlace();
      const restore = await run(target, 'restore', file);
      expect(restore.status, restore.stderr).to.equal(0);
      const db = target.open();
      try {
        const batches: { object_id: string; n: number | string }[] = await db('audit_log')
          .where({ action: 'test.en-vol' })
          .groupBy('object_id')
          .select('object_id', db.raw('count(*) AS n'));
        expect(batches.length).to.be.at.least(before);
        for (const b of batches) expect(Number(b.n), `lot ${b.object_id}`).to.equal(5);
      } finally {
        await db.destroy();
      }
    } finally {
      stop = true;
      await writer;
    }
  });
});
