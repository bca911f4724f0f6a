import type { Express } from 'express';
import type { Knex } from 'knex';
import { DEMO_SLUG, seedDemo } from '../../seeds/demo';
import { buildApp } from './app';
import { freshDb, type TestDb } from './db';

/** The demo consultation in a fresh database, with an app over it: where the demo-scale tests start. */
export interface DemoDb {
  t: TestDb;
  db: Knex;
  app: Express;
  consultationId: number;
}

export async function openDemo(): Promise<DemoDb> {
  const t = await freshDb();
  await seedDemo(t.db);
  const consultationId = Number((await t.db('consultations').where({ slug: DEMO_SLUG }).first()).id);
  return { t, db: t.db, app: buildApp(t.db), consultationId };
}
