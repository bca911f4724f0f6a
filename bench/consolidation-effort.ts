/**
 * `npm run bench:effort` (also in `npm run bench`): the effort of an ambassador who accounts for the
 * 100 contributions of the blind effort set (bench/labelled/effort-accompagnement.json) through the
 * consolidation plan page, in real Chromium.
 *
 * Set-up (not counted): a fresh SQLite database with the demo, the effort set imported as new raw
 * contributions of the USAGERS theme, the consolidation step reopened (the demo is past it), the app on
 * a random port, Chromium (Debian's, driven by playwright-core), login as the demo ambassador assigned
 * to USAGERS. Then the simulated ambassador (bench/effort-policy.ts) works round after round on
 * `/consultations/<slug>/consolidation/plan?theme=<USAGERS>`; every action is counted: clicks
 * (checkbox ticks and select changes), form submissions, page loads (not the redirect after a
 * submission), typed fields. The effort set is only measured: nothing is ever tuned on it.
 *
 * The brief's policy is measured first; then, on a fresh database, a variant where a single also joins
 * a group accepted on the same page for its topic (« eager »), for comparison.
 *
 *   node dist/bench/consolidation-effort.js [--rounds 12] [--verbose] [--no-variant] [--write FILE]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Knex } from 'knex';
import { chromium, type Page } from 'playwright-core';
import { createApp } from '../src/app';
import { loadConfig } from '../src/config';
import { createDb, migrateLatest } from '../src/shared/db';
import { createLogger } from '../src/shared/logger';
import { titleFrom } from '../src/modules/similarity';
import { DEMO_PASSWORD, DEMO_SLUG, seedDemo } from '../seeds/demo';
import { importEffortSet, readEffort } from './effort-data';
import { decideRound, OFF_TOPIC, type FormAction, type Home, type PageState } from './effort-policy';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const GOAL_ACTIONS = 40;
const GOAL_WRONG = 5;

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const MAX_ROUNDS = Number(arg('--rounds') ?? 12);
const VERBOSE = process.argv.includes('--verbose');

interface Counts {
  clicks: number;
  submissions: number;
  pageLoads: number;
  typed: number;
}

/** The plan form as the page shows it (read, not an action). */
async function readPage(page: Page): Promise<PageState> {
  return page.evaluate(() => {
    const form = document.querySelector<HTMLFormElement>('form.plan-form');
    if (!form) return { groups: [], outReason: '' };
    const val = (name: string) => (form.elements.namedItem(name) as HTMLInputElement | HTMLSelectElement | null)?.value ?? '';
    const groups = [...form.querySelectorAll<HTMLElement>('section.plan-group')].map((s) => {
      const n = Number(/^g(\d+)-titre$/.exec(s.getAttribute('aria-labelledby') ?? '')![1]);
      const target = s.querySelector<HTMLSelectElement>(`select[name="g${n}_target"]`)!;
      return {
        n,
        ticked: s.querySelector<HTMLInputElement>(`input[name="g${n}_apply"]`)!.checked,
        action: val(`g${n}_action`) as 'attach' | 'create' | 'out_of_scope',
        target: target.value ? Number(target.value) : null,
        candidates: [...target.options].map((o) => Number(o.value)).filter((x) => x > 0),
        code: val(`g${n}_code`),
        title: val(`g${n}_title`),
        reason: val(`g${n}_reason`),
        members: [...s.querySelectorAll<HTMLSelectElement>('select[name^="m_"]')].map((m) => Number(m.name.slice(2))),
      };
    });
    return { groups, outReason: val('out_reason') };
  });
}

async function perform(page: Page, a: FormAction, counts: Counts): Promise<void> {
  const sel = `#f-${a.field}`;
  if (a.kind === 'select') {
    await page.selectOption(sel, a.value);
    counts.clicks++;
  } else if (a.kind === 'check') {
    await page.check(sel);
    counts.clicks++;
  } else {
    await page.fill(sel, a.value);
    counts.typed++;
  }
}

/** Each topic's home: the consolidated contribution holding most of its texts when it first received some (memory, read from the database). */
async function updateHomes(db: Knex, labelOf: ReadonlyMap<number, string>, homes: Map<string, Home>): Promise<void> {
  const links = await activeLinks(db, [...labelOf.keys()]);
  const per = new Map<string, Map<number, number>>();
  for (const l of links) {
    const label = labelOf.get(l.raw)!;
    if (label === OFF_TOPIC || homes.has(label)) continue;
    const m = per.get(label) ?? new Map<number, number>();
    m.set(l.cc, (m.get(l.cc) ?? 0) + 1);
    per.set(label, m);
  }
  const codeOf = new Map(links.map((l) => [l.cc, l.code]));
  for (const [label, m] of per) {
    const [cc] = [...m].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]!;
    homes.set(label, { id: cc, code: codeOf.get(cc)! });
  }
}

async function activeLinks(db: Knex, rawIds: number[]): Promise<Array<{ raw: number; cc: number; code: string }>> {
  const rows = await db('consolidation_links as l').join('consolidated_contributions as c', 'c.id', 'l.consolidated_contribution_id')
    .whereIn('l.raw_contribution_id', rawIds).whereNull('l.undone_at').select('l.raw_contribution_id as raw', 'c.id as cc', 'c.code as code');
  return rows.map((r: any) => ({ raw: Number(r.raw), cc: Number(r.cc), code: String(r.code) }));
}

/** Wrong links against the labels, and topics split over several consolidated contributions. */
async function score(db: Knex, labelOf: ReadonlyMap<number, string>) {
  const ids = [...labelOf.keys()];
  const links = await activeLinks(db, ids);
  const byCc = new Map<number, number[]>();
  for (const l of links) byCc.set(l.cc, [...(byCc.get(l.cc) ?? []), l.raw]);
  let mixed = 0;
  let offLinked = 0;
  for (const [, raws] of byCc) {
    const counts = new Map<string, number>();
    for (const r of raws) counts.set(labelOf.get(r)!, (counts.get(labelOf.get(r)!) ?? 0) + 1);
    const major = [...counts].filter(([l]) => l !== OFF_TOPIC).sort((a, b) => b[1] - a[1])[0]?.[0];
    for (const r of raws) {
      const l = labelOf.get(r)!;
      if (l === OFF_TOPIC) offLinked++;
      else if (l !== major) mixed++;
    }
  }
  const rows = await db('raw_contributions').whereIn('id', ids).select('id', 'status');
  const topicAside = rows.filter((r: any) => r.status === 'hors_perimetre' && labelOf.get(Number(r.id)) !== OFF_TOPIC).length;
  const offAside = rows.filter((r: any) => r.status === 'hors_perimetre' && labelOf.get(Number(r.id)) === OFF_TOPIC).length;
  const left = rows.filter((r: any) => r.status === 'a_traiter').length;
  const ccsOf = new Map<string, Set<number>>();
  for (const l of links) {
    const label = labelOf.get(l.raw)!;
    if (label === OFF_TOPIC) continue;
    ccsOf.set(label, (ccsOf.get(label) ?? new Set()).add(l.cc));
  }
  const split = [...ccsOf].filter(([, s]) => s.size > 1);
  return { mixed, offLinked, topicAside, offAside, wrong: mixed + offLinked + topicAside, left, split: split.map(([l, s]) => `${l} (${s.size})`), ccs: byCc.size };
}

async function journey(eager: boolean): Promise<string[]> {
  const started = Date.now();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ensemble-effort-'));
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'test', DATA_DIR: dataDir, SEED_DEMO: 'false', LOGIN_MAX_ATTEMPTS_PER_IP: '1000' };
  delete env.DATABASE_URL;
  const config = loadConfig(env);
  const db = createDb(config);
  await migrateLatest(db);
  await seedDemo(db);
  const consultation = await db('consultations').where({ slug: DEMO_SLUG }).first();
  const consultationId = Number(consultation.id);
  // The demo is past its consolidation step: the DSI reopens it (set-up, not counted).
  await db('consultations').where({ id: consultationId }).update({ consolidation_open: true });
  const file = readEffort();
  const { themeId, labelOf } = await importEffortSet(db, consultationId, file);
  const bodyOf = new Map((await db('raw_contributions').whereIn('id', [...labelOf.keys()]).select('id', 'body')).map((r: any) => [Number(r.id), String(r.body)]));
  const demoLeft = Number((await db('raw_contributions').where({ consultation_id: consultationId, theme_id: themeId, status: 'a_traiter' }).whereNotIn('id', [...labelOf.keys()]).count({ n: '*' }).first())?.n ?? 0);
  const amb = await db('ambassador_themes as a').join('users as u', 'u.id', 'a.user_id')
    .where({ 'a.consultation_id': consultationId, 'a.theme_id': themeId, 'u.role': 'ambassadeur' }).orderByRaw("case when u.email = 'ambassadeur@ensemble.test' then 0 else 1 end").orderBy('u.id').first('u.email');
  const email: string = amb?.email ?? 'dsi@ensemble.test';

  const server = http.createServer(createApp({ config, db, logger: createLogger('silent') }, { sessionCleanupMs: 0 }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: FLAGS, headless: true });
  const out: string[] = [];
  const say = (line: string) => {
    out.push(line);
    process.stdout.write(`${line}\n`);
  };
  try {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${url}/connexion`);
    await page.getByLabel('Adresse électronique').fill(email);
    await page.getByLabel('Mot de passe').fill(DEMO_PASSWORD);
    await Promise.all([page.waitForURL(`${url}/`), page.getByRole('button', { name: 'Se connecter' }).click()]);

    // The measured journey starts here.
    const counts: Counts = { clicks: 0, submissions: 0, pageLoads: 0, typed: 0 };
    const homes = new Map<string, Home>();
    const t0 = Date.now();
    await page.goto(`${url}/consultations/${DEMO_SLUG}/consolidation/plan?theme=${themeId}`);
    counts.pageLoads++;
    let rounds = 0;
    let finished = false;
    const perRound: string[] = [];
    const corrected = { members: 0, groups: 0 };
    while (rounds < MAX_ROUNDS) {
      const state = await readPage(page);
      const pending = state.groups.flatMap((g) => g.members).filter((id) => labelOf.has(id));
      if (!pending.length) {
        finished = true;
        break;
      }
      rounds++;
      const round = decideRound(state, { labelOf, homes, eager, titleFor: (id) => titleFrom(bodyOf.get(id) ?? '') });
      const before = { ...counts };
      corrected.members += round.corrected.members;
      corrected.groups += round.corrected.groups;
      if (VERBOSE) {
        const lab = (id: number) => labelOf.get(id) ?? '?';
        for (const g of state.groups) if (g.members.some((id) => labelOf.has(id))) process.stdout.write(`    g${g.n} ${g.ticked ? 'x' : ' '} ${g.action} t=${g.target ?? ''} [${g.members.map(lab).join(', ')}]\n`);
        process.stdout.write(`    actions: ${round.actions.map((a) => `${a.kind}:${a.field}${'value' in a ? '=' + a.value : ''}`).join(' ')}\n`);
      }
      for (const a of round.actions) await perform(page, a, counts);
      await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.locator('button', { hasText: 'Appliquer les groupes cochés' }).first().click()]);
      counts.submissions++;
      const problem = await page.locator('.error-summary').count();
      if (problem && VERBOSE) process.stdout.write(`${(await page.locator('.error-summary').first().textContent())?.replace(/\s+/g, ' ').slice(0, 600)}\n`);
      await updateHomes(db, labelOf, homes);
      const s = state.groups;
      perRound.push(`  round ${rounds}: ${pending.length} labelled shown in ${s.length} groups (${s.filter((g) => g.ticked).length} ticked)${round.forced ? ', singles ticked (nothing else proposed)' : ''}; ` +
        `${counts.clicks - before.clicks} clicks, ${counts.typed - before.typed} typed, 1 submission${problem ? ' — the page answered with errors or conflicts' : ''}`);
      if (VERBOSE) process.stdout.write(`${perRound.at(-1)}\n`);
    }
    const journeyMs = Date.now() - t0;
    const total = counts.clicks + counts.submissions + counts.pageLoads + counts.typed;
    const n = labelOf.size;
    const per100 = (x: number) => ((x * 100) / n).toFixed(1);
    const sc = await score(db, labelOf);
    const topics = file.groups.length;
    say(`${eager ? 'VARIANT « eager » (not the brief’s policy: singles also join a group accepted on the same page)' : 'Effort journey (brief’s policy)'}, Chromium, plan page — ${n} contributions of the effort set (${topics} topics, ${file.distractors.length} off-topic), theme USAGERS, logged in as ${email}${amb ? ' (demo ambassador assigned to USAGERS)' : ' (no ambassador assigned: DSI)'}; ${demoLeft} unprocessed demo contributions of the theme shown too (unlabelled: plan trusted, not counted)`);
    say(`  ${finished ? 'finished' : `NOT finished after ${MAX_ROUNDS} rounds (${sc.left} left)`} in ${rounds} round(s), ${(journeyMs / 1000).toFixed(1)} s`);
    for (const line of perRound) say(line);
    say(`  clicks ${counts.clicks}, submissions ${counts.submissions}, page loads ${counts.pageLoads}, typed fields ${counts.typed}: total ${total} actions = ${per100(total)} per 100 contributions ` +
      `(clicks ${per100(counts.clicks)}, submissions ${per100(counts.submissions)}, page loads ${per100(counts.pageLoads)}, typed ${per100(counts.typed)})`);
    say(`  goal ≤ ${GOAL_ACTIONS} actions per 100: ${Number(per100(total)) <= GOAL_ACTIONS ? 'met' : `NOT met (${(Number(per100(total)) - GOAL_ACTIONS).toFixed(1)} over)`}`);
    say(`  wrong links against the labels: ${sc.wrong} (members off their consolidated contribution's majority topic ${sc.mixed}, off-topic texts linked ${sc.offLinked}, topic texts set out of scope ${sc.topicAside}); ` +
      `off-topic set out of scope ${sc.offAside}/${file.distractors.length}; ${sc.ccs} consolidated contributions received effort-set links`);
    say(`  the plan's proposals the ambassador corrected: ${corrected.members} contribution(s) moved out of a ticked group of another topic, ${corrected.groups} ticked group(s) redirected (action, target, merge or title)`);
    say(`  goal ≤ ${GOAL_WRONG} wrong links: ${sc.wrong <= GOAL_WRONG ? 'met' : `NOT met (${sc.wrong - GOAL_WRONG} over)`}`);
    say(`  topics split over several consolidated contributions: ${sc.split.length}${sc.split.length ? ` — ${sc.split.join(', ')}` : ''}; left unprocessed: ${sc.left}`);
    say(`  (bench total ${((Date.now() - started) / 1000).toFixed(0)} s, set-up included)`);
  } finally {
    await browser.close();
    server.closeAllConnections();
    server.close();
    await db.destroy();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  return out;
}

async function main(): Promise<void> {
  const lines = await journey(false);
  if (!process.argv.includes('--no-variant')) lines.push(...(await journey(true)));
  const write = arg('--write');
  if (write) fs.writeFileSync(write, `${lines.join('\n')}\n`);
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
