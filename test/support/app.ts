import type { Express } from 'express';
import type { Knex } from 'knex';
import request from 'supertest';
import pino from 'pino';
import { loadConfig, type Config } from '../../src/config';
import { createApp } from '../../src/app';
import { createLogger } from '../../src/shared/logger';
import { hashPassword } from '../../src/modules/auth/password';
import { insertUser } from '../../src/modules/users';
import type { Role } from '../../src/shared/actor';
import { readersOf } from './db';
import type { WriteBatcher } from '../../src/shared/write-batcher';

export const TEST_PASSWORD = 'mot-de-passe-de-test-2024';
let hashed: Promise<string> | undefined;
/** Hashing is deliberately slow: hash the shared test password once per run. */
export const testPasswordHash = () => (hashed ??= hashPassword(TEST_PASSWORD));

/**
 * CONSULTATION_CACHE_CHECK_MS=0: the tests' fixtures change consultations, phases and themes straight
 * in the database, behind the app's back; the version triggers see those writes, and with 0 the app
 * checks the versions at every request instead of every second (the cache's own test sets a bound).
 */
export function testConfig(overrides: NodeJS.ProcessEnv = {}): Config {
  return loadConfig({ NODE_ENV: 'test', SEED_DEMO: 'false', CONSULTATION_CACHE_CHECK_MS: '0', ...overrides });
}

/**
 * Unexpected server errors are logged (to stderr) so that a 500 in a CI run can be diagnosed;
 * TEST_LOG_LEVEL=silent hides them, =info shows every request.
 */
const testLogger = () => createLogger(process.env.TEST_LOG_LEVEL ?? 'error', pino.destination(2));

/** The app on the test's database, reading through its readers' pool (SQLite) as the server does. */
export function buildApp(db: Knex, overrides: NodeJS.ProcessEnv = {}, extra: { writer?: WriteBatcher } = {}): Express {
  const config = testConfig(overrides);
  return createApp({ config, db, readDb: readersOf.get(db), writer: extra.writer, logger: testLogger() }, { sessionCleanupMs: 0 });
}

let counter = 0;
export async function makeUser(db: Knex, role: Role, attrs: Partial<{ email: string; name: string; structureId: number | null; active: boolean; password: boolean }> = {}) {
  counter++;
  const email = attrs.email ?? `${role}.${counter}.${Date.now()}@exemple.test`;
  const id = await insertUser(db, {
    email,
    display_name: attrs.name ?? `${role} ${counter}`,
    role,
    structure_id: attrs.structureId ?? null,
    password_hash: attrs.password === false ? null : await testPasswordHash(),
  });
  if (attrs.active === false) await db('users').where({ id }).update({ active: false });
  return { id, email, role };
}

/** The CSRF token of the page's first form. */
export function csrfFrom(html: string): string {
  const m = html.match(/name="_csrf" value="([^"]+)"/) ?? html.match(/_csrf=([^"&]+)/);
  if (!m) throw new Error('pas de jeton CSRF dans la page');
  return decodeURIComponent(m[1]!);
}

/** A logged-in agent (cookies kept across requests), through the real login form. */
export async function loginAs(app: Express, email: string, password = TEST_PASSWORD) {
  const agent = request.agent(app);
  const page = await agent.get('/connexion');
  const res = await agent.post('/connexion').type('form').send({ email, password, _csrf: csrfFrom(page.text) });
  if (res.status !== 303) throw new Error(`connexion refusée pour ${email} : ${res.status}`);
  return agent;
}

/** GETs a page with the agent and returns a CSRF token valid for its session. */
export async function tokenFor(agent: request.Agent, path = '/profil'): Promise<string> {
  return csrfFrom((await agent.get(path)).text);
}
