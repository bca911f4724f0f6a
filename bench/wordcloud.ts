/**
 * `npm run bench:wordcloud` (and part of `npm run bench`): the word cloud over a large synthetic load,
 * as ratios against GET /healthz measured in the same run. Sized for a 2-core machine: 100 000
 * contributions by default (BENCH_CLOUD_CONTRIBUTIONS=1000000 for the full million: about ten times
 * the loading time). Not a test: nothing is asserted.
 *
 * What is measured:
 *   - the page of a stored cloud (the contributions did not change): two index lookups and one row,
 *     whatever the number of contributions — the figure the 100 ms p95 target is about;
 *   - the same for a theme's selection;
 *   - the page right after a new contribution (a large selection: the previous cloud is shown and the
 *     count starts in the background);
 *   - the full count itself (reading and counting every text), which grows with the contributions.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from '../src/app';
import { loadConfig } from '../src/config';
import { createDb, migrateLatest, type PlainRow } from '../src/shared/db';
import { jobsSettled } from '../src/shared/jobs';
import { createLogger } from '../src/shared/logger';
import { insertRawContributions, rawContributionRow, selectionQuery } from '../src/modules/contributions';
import { wordCloud } from '../src/modules/stats';
import { DEMO_SLUG, seedDemo } from '../seeds/demo';
import { closeAgents, get, login, measure } from './http-load';

const CONTRIBUTIONS = Number(process.env.BENCH_CLOUD_CONTRIBUTIONS ?? 100_000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 400);
const CONCURRENCY = 4;
const page = (url: string, cookie?: string, concurrency = CONCURRENCY) => measure(url, { cookie, requests: REQUESTS, concurrency });
// A deterministic generator of contributions in the network's words (a small LCG, no randomness).
const OPENINGS = ['Il faudrait', 'Nous avons besoin d’', 'Ce serait bien d’avoir', 'Aujourd’hui on manque d’', 'Les conseillers demandent', 'Pour les jeunes, il faut'];
const SUBJECTS = [
  'un outil numérique simple', 'des moyens financiers', 'plus de participation des jeunes', 'la représentativité du réseau',
  'un dossier unique partagé', 'une meilleure formation des conseillers', 'des tableaux de bord lisibles', 'un agenda commun',
  'la signature électronique', 'moins de double saisie', 'un accès mobile en déplacement', 'des statistiques fiables',
  'une messagerie sécurisée avec les partenaires', 'un suivi du contrat d’engagement jeune', 'des rappels automatiques de rendez-vous',
];
const ENDINGS = ['pour gagner du temps.', 'dans toutes les Missions Locales.', 'avec les partenaires du territoire.', 'car la situation actuelle est compliquée.', '', 'et une aide au logement.'];

function* bodies(n: number): Generator<string> {
  let s = 12345;
  const pick = <T>(list: readonly T[]) => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return list[s % list.length]!;
  };
  for (let i = 0; i < n; i++) yield `${pick(OPENINGS)} ${pick(SUBJECTS)}, ${pick(SUBJECTS)} ${pick(ENDINGS)} (n° ${i})`;
}

async function main(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ensemble-bench-nuage-'));
  const config = loadConfig({ ...process.env, NODE_ENV: 'test', DATA_DIR: dataDir, SEED_DEMO: 'false', LOGIN_MAX_ATTEMPTS_PER_IP: '1000', SQLITE_SYNCHRONOUS: 'normal' });
  const db = createDb(config);
  await migrateLatest(db);
  await seedDemo(db);
  const consultation = await db('consultations').where({ slug: DEMO_SLUG }).first();
  const themes = (await db('themes').where({ consultation_id: consultation.id }).orderBy('position').select('id')).map((r: { id: number }) => Number(r.id));

  const loadStart = Date.now();
  let batch: PlainRow[] = [];
  let i = 0;
  for (const body of bodies(CONTRIBUTIONS)) {
    batch.push(<PlainRow>rawContributionRow({ consultation_id: consultation.id, theme_id: themes[i++ % themes.length]!, source: 'individuelle', body, created_by: null }));
    if (batch.length === 5000) {
      const rows = batch;
      await db.transaction((trx) => insertRawContributions(trx, rows));
      batch = [];
    }
  }
  if (batch.length) await db.transaction((trx) => insertRawContributions(trx, batch));
  const loadMs = Date.now() - loadStart;
  const total = Number((await db('raw_contributions').where({ consultation_id: consultation.id }).count({ n: '*' }).first())!.n);

  const app = http.createServer(createApp({ config, db, logger: createLogger('silent') }, { sessionCleanupMs: 0 }));
  await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(app.address() as AddressInfo).port}`;
  const cookie = await login(url, 'dsi@ensemble.test');
  const cloud = `${url}/consultations/${DEMO_SLUG}/nuage`;
  const byTheme = `${cloud}?theme=${themes[0]}`;

  // The full count of every text (what the background job does), timed on its own.
  const deps = { db, logger: createLogger('silent'), syncLimit: Number.MAX_SAFE_INTEGER };
  let t0 = Date.now();
  await wordCloud(deps, consultation.id, selectionQuery.parse({}));
  const fullMs = Date.now() - t0;
  t0 = Date.now();
  await wordCloud(deps, consultation.id, selectionQuery.parse({ theme: String(themes[0]) }));
  const themeMs = Date.now() - t0;

  // The stored cloud's read, without HTTP: the stamp (two index lookups) and the row.
  t0 = Date.now();
  for (let k = 0; k < 200; k++) await wordCloud(deps, consultation.id, selectionQuery.parse({}));
  const readMs = (Date.now() - t0) / 200;

  const healthz = await page(`${url}/healthz`);
  const stored = await page(cloud, cookie);
  const storedTheme = await page(byTheme, cookie);
  // One request at a time: the latency of the page itself, without queueing behind the others.
  const healthzAlone = await page(`${url}/healthz`, undefined, 1);
  const storedAlone = await page(cloud, cookie, 1);

  // A new contribution: the next page shows the previous cloud and starts the count in the background.
  await db.transaction((trx) => insertRawContributions(trx, [<PlainRow>rawContributionRow({ consultation_id: consultation.id, theme_id: themes[0]!, source: 'individuelle', body: 'Encore des moyens financiers.', created_by: null })]));
  await db('word_clouds').update({ computed_at: new Date(Date.now() - 3600_000).toISOString() });
  t0 = Date.now();
  const status = await get(cloud, cookie);
  const staleMs = Date.now() - t0;
  t0 = Date.now();
  await jobsSettled();
  const backgroundMs = Date.now() - t0;

  const engine = config.databaseUrl ? 'PostgreSQL' : 'SQLite';
  const perThousand = fullMs / (total / 1000);
  const out = [
    `Nuage de mots — ${os.cpus().length} cœurs, Node ${process.version}, ${engine}, ${REQUESTS} requêtes par page, concurrence ${CONCURRENCY}`,
    `Chargement : ${total.toLocaleString('fr-FR')} contributions dans la consultation de démonstration (${CONTRIBUTIONS.toLocaleString('fr-FR')} synthétiques) en ${(loadMs / 1000).toFixed(1)} s`,
    'page'.padEnd(52) + 'req/s'.padStart(8) + 'p50 ms'.padStart(9) + 'p95 ms'.padStart(9) + '  coût relatif (p95 / /healthz)',
    ...([
      ['GET /healthz (référence)', healthz],
      ['GET …/nuage (nuage enregistré, toute la consultation)', stored],
      ['GET …/nuage?theme= (nuage enregistré, une thématique)', storedTheme],
    ] as const).map(([label, m]) => label.padEnd(52) + m.rps.toFixed(0).padStart(8) + m.p50.toFixed(2).padStart(9) + m.p95.toFixed(2).padStart(9) + `  × ${(m.p95 / healthz.p95).toFixed(1)}`),
    'une requête à la fois (latence sans file d’attente) :',
    ...([
      ['GET /healthz (référence)', healthzAlone],
      ['GET …/nuage (nuage enregistré)', storedAlone],
    ] as const).map(([label, m]) => `  ${label}`.padEnd(52) + m.rps.toFixed(0).padStart(8) + m.p50.toFixed(2).padStart(9) + m.p95.toFixed(2).padStart(9) + `  × ${(m.p95 / healthzAlone.p95).toFixed(1)}`),
    `Lecture d’un nuage enregistré, sans HTTP (empreinte des contributions + ligne du cache) : ${readMs.toFixed(2)} ms en moyenne`,
    `Page juste après une nouvelle contribution (ancien nuage affiché, recalcul lancé) : ${staleMs} ms (statut ${status})`,
    `Comptage complet (lecture et comptage de chaque texte) : ${(fullMs / 1000).toFixed(1)} s pour ${total.toLocaleString('fr-FR')} contributions (${perThousand.toFixed(1)} ms pour 1 000), une thématique : ${(themeMs / 1000).toFixed(1)} s ; recalcul en arrière-plan : ${(backgroundMs / 1000).toFixed(1)} s`,
  ];
  if (total < 1_000_000) {
    out.push(`Extrapolation à 1 000 000 : la page d’un nuage enregistré ne dépend pas du nombre de contributions (deux lectures d’index et une ligne) ; le comptage complet, linéaire, prendrait environ ${perThousand.toFixed(0)} s en arrière-plan.`);
  }
  process.stdout.write(out.join('\n') + '\n');
  app.close();
  closeAgents();
  await db.destroy();
  fs.rmSync(dataDir, { recursive: true, force: true });
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
