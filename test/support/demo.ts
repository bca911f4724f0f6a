import type { Express } from 'express';
import type { Knex } from 'knex';
import { DEMO_SLUG, type DemoSummary } from '../../seeds/demo';
import { buildApp } from './app';
import { freshDb, type TestDb } from './db';

/** The demo consultation in a fresh database, with an app over it: where the demo-scale tests start. */
export interface DemoDb {
  t: TestDb;
  db: Knex;
  app: Express;
  consultationId: number;
}

/** A copy of the demo database seeded once per run (templates.ts), not a new load of the demo. */
export async function openDemo(): Promise<DemoDb> {
  const t = await freshDb({ template: 'demo' });
  const consultationId = Number((await t.db('consultations').where({ slug: DEMO_SLUG }).first()).id);
  return { t, db: t.db, app: buildApp(t.db), consultationId };
}

/**
 * What seedDemo returned when the template was loaded: the load wrote it to its audit entry
 * (`demo.load`), which the copy carries.
 */
export async function demoSummary(db: Knex): Promise<DemoSummary> {
  const row = await db('audit_log').where({ action: 'demo.load' }).first('after_json');
  if (!row) throw new Error('base de démonstration sans entrée demo.load');
  return JSON.parse(row.after_json) as DemoSummary;
}
