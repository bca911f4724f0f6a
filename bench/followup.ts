/**
 * `npm run bench` (follow-up part): the public follow-up page, a need's page and the Atom feeds of a
 * consultation with 10 000 published proposals (2 000 needs of 5 proposals, 20 000 status changes,
 * 8 000 raw contributions from 13 regions behind the needs), and the DSI's list. Latencies are printed
 * with their ratio to GET /healthz measured in the same run; the target is a p95 under 100 ms.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Knex } from 'knex';
import { createApp } from '../src/app';
import { loadConfig } from '../src/config';
import { createDb, insertRows, insertReturningId, type PlainRow } from '../src/shared/db';
import { createLogger } from '../src/shared/logger';
import { hashPassword } from '../src/modules/auth';
import { STATUSES, STREAMS } from '../src/modules/followup';
import { migrateLatest } from '../src/shared/db';
import { closeAgents, login, measure } from './http-load';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 200);
const CONCURRENCY = 4;
const page = (url: string, cookie?: string) => measure(url, { cookie, requests: REQUESTS, concurrency: CONCURRENCY, warmUp: 10 });
const NEEDS = 2000;
const PER_NEED = 5;
const SLUG = 'suivi-a-grande-echelle';
const REGIONS = ['Auvergne-Rhône-Alpes', 'Bourgogne-Franche-Comté', 'Bretagne', 'Centre-Val de Loire', 'Corse', 'Grand Est', 'Hauts-de-France', 'Île-de-France', 'Normandie', 'Nouvelle-Aquitaine', 'Occitanie', 'Pays de la Loire', 'Provence-Alpes-Côte d’Azur'];
/** A consultation with a published edition and 10 000 followed proposals, written directly (a bench, not the app). */
export async function build(db: Knex): Promise<void> {
  const dsi = await insertReturningId(db, 'users', { email: 'dsi@bench.test', display_name: 'DSI', role: 'dsi', password_hash: await hashPassword('bench-mot-de-passe') });
  const structures: number[] = [];
  for (const [i, region] of REGIONS.entries()) structures.push(await insertReturningId(db, 'structures', { name: `Mission Locale de mesure ${i}`, kind: 'mission_locale', region }));
  const consultationId = await insertReturningId(db, 'consultations', { slug: SLUG, title: 'Suivi à grande échelle', created_by: dsi });
  const themes: number[] = [];
  for (let i = 0; i < 8; i++) themes.push(await insertReturningId(db, 'themes', { consultation_id: consultationId, code: `T${i}`, title: `Thématique ${i + 1}`, position: i + 1 }));
  await insertReturningId(db, 'whitepaper_editions', { consultation_id: consultationId, number: 1, title: 'Livre blanc', snapshot_json: '{}', published_by: dsi, published_at: '2024-03-13T09:00:00.000Z' });
  const needs: PlainRow[] = [];
  const proposals: PlainRow[] = [];
  const ccs: PlainRow[] = [];
  const supports: PlainRow[] = [];
  const raws: PlainRow[] = [];
  const links: PlainRow[] = [];
  const changes: PlainRow[] = [];
  const current: PlainRow[] = [];
  let proposalId = 0;
  let changeId = 0;
  let rawId = 0;
  for (let n = 1; n <= NEEDS; n++) {
    const theme = themes[n % themes.length]!;
    needs.push({ id: n, consultation_id: consultationId, theme_id: theme, code: `B-${String(n).padStart(4, '0')}`, title: `Besoin ${n}`, position: n, status: 'valide' });
    ccs.push({ id: n, consultation_id: consultationId, theme_id: theme, title: `Consolidée ${n}`, status: 'validee' });
    supports.push({ need_id: n, consolidated_contribution_id: n });
    for (let k = 0; k < 4; k++) {
      rawId++;
      raws.push({ id: rawId, consultation_id: consultationId, theme_id: theme, structure_id: structures[(n + k) % structures.length]!, source: 'individuelle', body: `Contribution ${rawId}`, status: 'consolidee' });
      links.push({ consolidated_contribution_id: n, raw_contribution_id: rawId });
    }
    for (let p = 1; p <= PER_NEED; p++) {
      proposalId++;
      proposals.push({ id: proposalId, need_id: n, code: `B-${String(n).padStart(4, '0')}.${p}`, title: `Proposition ${proposalId}`, position: p, status: 'valide', target_stream: STREAMS[n % 8]!.label });
      const status = STATUSES[(proposalId * 7) % STATUSES.length]!;
      const day = `2025-${String(1 + (proposalId % 12)).padStart(2, '0')}-15`;
      changes.push({ id: ++changeId, consultation_id: consultationId, proposal_id: proposalId, status: 'a_etudier', stream: STREAMS[n % 8]!.code, effective_on: '2024-03-28', comment: 'À étudier', changed_by: dsi, created_at: '2024-03-28T16:00:00.000Z' });
      changes.push({ id: ++changeId, consultation_id: consultationId, proposal_id: proposalId, status, stream: STREAMS[n % 8]!.code, effective_on: day, comment: `Statut ${status}`, changed_by: dsi, created_at: `${day}T16:00:00.000Z` });
      current.push({ proposal_id: proposalId, consultation_id: consultationId, change_id: changeId, status, stream: STREAMS[n % 8]!.code, effective_on: day, estimate: 10 });
    }
  }
  for (const [table, rows] of [['needs', needs], ['functional_proposals', proposals], ['consolidated_contributions', ccs], ['need_supports', supports], ['raw_contributions', raws], ['consolidation_links', links], ['followup_changes', changes], ['followup_current', current]] as const) {
    await insertRows(db, table, rows);
  }
  if (db.client.config.client === 'pg') {
    for (const table of ['needs', 'functional_proposals', 'consolidated_contributions', 'raw_contributions', 'consolidation_links', 'followup_changes']) {
      await db.raw(`SELECT setval(pg_get_serial_sequence(?, 'id'), (SELECT MAX(id) FROM ??))`, [table, table]);
    }
  }
}

async function main(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ensemble-bench-suivi-'));
  const config = loadConfig({ ...process.env, NODE_ENV: 'test', DATA_DIR: dataDir, SEED_DEMO: 'false', LOGIN_MAX_ATTEMPTS_PER_IP: '1000' });
  const db = createDb(config);
  await migrateLatest(db);
  if (config.databaseUrl && Number((await db('consultations').where({ slug: SLUG }).count({ n: '*' }).first())?.n ?? 0) > 0) {
    throw new Error(`La base PostgreSQL contient déjà « ${SLUG} » : utilisez une base vide pour la mesure.`);
  }
  const t0 = Date.now();
  await build(db);
  const buildMs = Date.now() - t0;
  const server = http.createServer(createApp({ config, db, logger: createLogger('silent') }, { sessionCleanupMs: 0 }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const cookie = await login(url, 'dsi@bench.test', 'bench-mot-de-passe');
  const out: string[] = [];
  out.push(`Suivi des exigences à ${NEEDS * PER_NEED} propositions (${NEEDS} besoins, ${NEEDS * PER_NEED * 2} changements de statut) — ${config.databaseUrl ? 'PostgreSQL' : 'SQLite'}, ${REQUESTS} requêtes par page, concurrence ${CONCURRENCY}, données écrites en ${buildMs} ms`);

  const healthz = await page(`${url}/healthz`);
  out.push('page'.padEnd(52) + 'req/s'.padStart(8) + 'p50 ms'.padStart(9) + 'p95 ms'.padStart(9) + '  p95 / p95 de /healthz');
  out.push('GET /healthz (référence)'.padEnd(52) + healthz.rps.toFixed(0).padStart(8) + healthz.p50.toFixed(2).padStart(9) + healthz.p95.toFixed(2).padStart(9) + '  × 1');
  const pages: Array<[string, string, string?]> = [
    ['GET …/suivi (page publique, 1re page)', `/consultations/${SLUG}/suivi`],
    ['GET …/suivi?status=livree&page=3', `/consultations/${SLUG}/suivi?status=livree&page=3`],
    ['GET …/suivi/besoins/B-1000 (un besoin)', `/consultations/${SLUG}/suivi/besoins/B-1000`],
    ['GET …/suivi.atom (50 dernières entrées)', `/consultations/${SLUG}/suivi.atom`],
    ['GET …/suivi/besoins/B-1000.atom', `/consultations/${SLUG}/suivi/besoins/B-1000.atom`],
    ['GET /admin/…/suivi (liste DSI, 100 par page)', `/admin/consultations/${SLUG}/suivi`, cookie],
  ];
  let worst = 0;
  for (const [label, p, c] of pages) {
    const m = await page(url + p, c);
    worst = Math.max(worst, m.p95);
    out.push(label.padEnd(52) + m.rps.toFixed(0).padStart(8) + m.p50.toFixed(2).padStart(9) + m.p95.toFixed(2).padStart(9) + `  × ${(m.p95 / healthz.p95).toFixed(1)}`);
  }
  out.push(`p95 le plus lent : ${worst.toFixed(1)} ms (objectif : moins de 100 ms) — ${worst < 100 ? 'atteint' : 'NON ATTEINT'}`);
  process.stdout.write(out.join('\n') + '\n');
  server.close();
  closeAgents();
  await db.destroy();
  fs.rmSync(dataDir, { recursive: true, force: true });
}

if (require.main === module) main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
