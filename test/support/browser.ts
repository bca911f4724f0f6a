import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { Express } from 'express';
import { PROJECT_ROOT } from '../../src/config';
import type { TestDb } from './db';
import { DEMO_PASSWORD } from '../../seeds/demo';
import { openDemo } from './demo';

/** Debian's Chromium, driven by playwright-core (never a downloaded browser). */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: FLAGS, headless: true });
}

export async function serve(app: Express): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[] }>;
}

/**
 * Runs axe-core (WCAG 2.1 A and AA rules) on the page as it is and fails on any serious or
 * critical violation. The script is evaluated through the DevTools protocol, so the page's strict
 * CSP stays on. Only violations are detailed (resultTypes): the passes are never read.
 */
export async function expectAccessible(page: Page, label: string): Promise<void> {
  const already = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe !== 'undefined');
  if (!already) await page.evaluate(AXE_SOURCE);
  const violations = (await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: unknown[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] });
    return result.violations;
  })) as AxeViolation[];
  const grave = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  recordAxeResult(label, page.url(), violations.length, grave.length);
  const report = grave.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
  expect(report, `axe-core sur ${label}`).to.deep.equal([]);
}

/**
 * Every page axe-core checked in this run, written to test-results/axe-summary.json when the run
 * ends: the accessibility statement states these figures once `npm run a11y:record` has copied
 * them into src/modules/legal/accessibility-audit.json.
 */
const axeResults = new Map<string, { label: string; path: string; violations: number; serious: number }>();
const AXE_SUMMARY = path.join(PROJECT_ROOT, 'test-results', 'axe-summary.json');

function recordAxeResult(label: string, url: string, violations: number, serious: number): void {
  if (!axeResults.size) process.once('exit', writeAxeSummary);
  const { pathname, search } = new URL(url);
  axeResults.set(label, { label, path: pathname + search, violations, serious });
}

function writeAxeSummary(): void {
  fs.mkdirSync(path.dirname(AXE_SUMMARY), { recursive: true });
  const summary = { ranAt: new Date().toISOString(), tool: 'axe-core', standard: 'WCAG 2.1 niveaux A et AA', pages: [...axeResults.values()] };
  fs.writeFileSync(AXE_SUMMARY, JSON.stringify(summary, null, 2) + '\n');
}

/** Saves a screenshot under test-results/ so that a person can look at the pages. */
export async function screenshot(page: Page, name: string): Promise<void> {
  const dir = path.join(PROJECT_ROOT, 'test-results', 'screenshots');
  fs.mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
}

/** The demo consultation in a fresh database, served on a free port, with a browser: most journeys start here. */
export interface DemoWorld {
  t: TestDb;
  server: { url: string; close: () => Promise<void> };
  browser: Browser;
}

export async function startDemoWorld(prepare?: (t: TestDb) => Promise<void>): Promise<DemoWorld> {
  const { t, app } = await openDemo();
  if (prepare) await prepare(t);
  const server = await serve(app);
  return { t, server, browser: await launchBrowser() };
}

export async function stopDemoWorld(w: Partial<DemoWorld>): Promise<void> {
  await w.browser?.close();
  await w.server?.close();
  await w.t?.destroy();
}

/** Logs a demo account in through the login form, as a person would, and waits for the home page. */
export async function logInThroughForm(page: Page, serverUrl: string, email: string): Promise<void> {
  await page.goto(serverUrl + '/connexion');
  await page.getByLabel('Adresse électronique').fill(email);
  await page.getByLabel('Mot de passe').fill(DEMO_PASSWORD);
  await Promise.all([page.waitForURL(serverUrl + '/'), page.getByRole('button', { name: 'Se connecter' }).click()]);
}
