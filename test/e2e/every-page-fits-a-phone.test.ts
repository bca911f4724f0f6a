import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import type { BrowserContext, Page } from 'playwright-core';
import { PROJECT_ROOT } from '../../src/config';
import { DEMO_SLUG } from '../../seeds/demo';
import { expectAccessible, logInThroughForm, startDemoWorld, stopDemoWorld, type DemoWorld } from '../support/browser';

/**
 * RGAA 10.11 / WCAG 1.4.10 (reflow): on a 320 px wide screen no page scrolls sideways, and every page
 * stays accessible. Each role explores the demo world as a person would, by following the links of the
 * pages it reaches (the menu, lists, a need, a contribution, consolidation, figures, the white paper, the
 * follow-up…), so a page added later is checked without anyone remembering to list it.
 *
 * One page per URL shape (`/besoins/:n`, `/contributions?page=:n`) is enough: the same template with
 * other demo data lays out the same way, and it keeps the journey within a few minutes.
 */
const WIDTHS = [320, 390] as const;
/** Upper bound per role: the demo reaches far fewer shapes; the bound only stops a runaway crawl. */
const MAX_PAGES = 120;
const SCREENSHOTS = path.join(PROJECT_ROOT, 'test-results', 'screenshots-390');

/** The main pages beyond the menu, photographed at 390 px as they are reached: a need, a contribution, the lists, consolidation, figures, dashboard, white paper, follow-up. */
const MAIN_PAGES = /^\/besoins\/:n$|^\/contributions\/:n$|\/:c\/contributions$|\/consolidation\/plan$|\/chiffres$|\/tableau-de-bord$|\/:c\/livre-blanc$|\/:c\/suivi$|^\/consultations\/:c$/;

/** Files and actions rather than pages: downloads, exports, the logout form's target. */
const NOT_A_PAGE = /\.(pdf|csv|zip|xlsx|json|svg|png|txt|md)$|\/(export|exports|telecharger|pdf|deconnexion)(\/|$)|^\/static\//;

/**
 * `/consultations/x/besoins/12?page=2` → `/consultations/:c/besoins/:n`: one visit per template. Filters
 * and pages of a list lay out like its first page; other consultations like the demo one.
 */
function shapeOf(url: URL): string {
  return url.pathname.replace(/\/(?:[A-Z]+-)?\d+(?=\/|$|\.)/g, '/:n').replace(/(\/consultations)\/[^/]+/, '$1/:c');
}

/** The white paper's draft and its editions are the published white paper's template: axe-core reads one of them. */
function templateOf(url: URL): string {
  return shapeOf(url).replace(/\/livre-blanc\/(brouillon|editions\/:n)$/, '/livre-blanc');
}

interface Overflow {
  width: number;
  scrollWidth: number;
  widest: string[];
}

/** The page's width against the screen's, and when it is wider, the elements that stick out (for the failure message). */
async function overflowAt(page: Page, width: number): Promise<Overflow | null> {
  await page.setViewportSize({ width, height: 844 });
  return page.evaluate((w) => {
    const scrollWidth = document.documentElement.scrollWidth;
    if (scrollWidth <= window.innerWidth) return null;
    const describe = (el: Element) => {
      const cls = typeof el.className === 'string' && el.className ? `.${el.className.trim().split(/\s+/).join('.')}` : '';
      return `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${cls} (${Math.round(el.getBoundingClientRect().right)} px)`;
    };
    // The outermost elements whose right edge passes the screen's, leaving out those inside a region
    // that scrolls or clips on its own (they do not widen the page) and the descendants of one listed.
    const clips = (el: Element | null): boolean => {
      for (let a = el; a && a !== document.body; a = a.parentElement) if (getComputedStyle(a).overflowX !== 'visible') return true;
      return false;
    };
    const out: string[] = [];
    const listed: Element[] = [];
    for (const el of Array.from(document.body.querySelectorAll('*'))) {
      if (el.getBoundingClientRect().right <= window.innerWidth + 0.5) continue;
      // An absolutely placed element escapes a scrolling region unless the region is its containing block.
      const placed = ['absolute', 'fixed'].includes(getComputedStyle(el).position);
      if (listed.some((l) => l.contains(el)) || (!placed && clips(el.parentElement))) continue;
      listed.push(el);
      out.push(describe(el));
      if (out.length >= 6) break;
    }
    return { width: w, scrollWidth, widest: out };
  }, width);
}

// Widths and accessibility do not depend on the database engine: the journey (about 90 pages × 2
// widths × 4 roles, some 5 minutes on 2 cores) runs on the SQLite run of `npm test` and is skipped
// when DATABASE_URL is set, which keeps CI (Node 22 × both engines, then Node 20) under 30 minutes.
const describeOnSqlite = process.env.DATABASE_URL ? describe.skip : describe;

describeOnSqlite('Every page a role reaches fits a phone and stays accessible (RGAA 10.11)', function () {
  let w: DemoWorld;
  /**
   * axe-core runs once per page template, for the first role that reaches it (the DSI, who reaches
   * the most, goes first); the width is checked for every role on every page, since what a role sees
   * changes what the page holds.
   */
  const axeChecked = new Set<string>();
  /** Main pages already photographed at 390 px (by the first role reaching them). */
  const shot = new Set<string>();

  before(async function () {
    this.timeout(180_000);
    w = await startDemoWorld();
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
  });
  after(() => stopDemoWorld(w));

  /** Visits every page reachable from the home page by links, checks each at both widths; returns the problems found. */
  async function explore(context: BrowserContext, role: string): Promise<{ visited: string[]; problems: string[] }> {
    const page = await context.newPage();
    const origin = new URL(w.server.url).origin;
    const queue: string[] = ['/'];
    const seen = new Set<string>([shapeOf(new URL('/', origin))]);
    const visited: string[] = [];
    const problems: string[] = [];
    while (queue.length && visited.length < MAX_PAGES) {
      const target = queue.shift()!;
      const started = Date.now();
      const res = await page.goto(w.server.url + target).catch(() => null);
      if (!res || !(res.headers()['content-type'] ?? '').includes('text/html')) continue;
      visited.push(target);
      for (const width of WIDTHS) {
        const overflow = await overflowAt(page, width);
        if (overflow) problems.push(`${target} à ${width} px : ${overflow.scrollWidth} px de large — ${overflow.widest.join(', ')}`);
        if (overflow && process.env.LAYOUT_VERBOSE) console.log(problems.at(-1));
      }
      const shape = shapeOf(new URL(target, origin));
      if (MAIN_PAGES.test(shape) && !shot.has(shape)) {
        shot.add(shape);
        // The whole page, unless it is as long as the white paper: then its first screens, which is what a phone shows.
        const long = (await page.evaluate(() => document.documentElement.scrollHeight)) > 8000;
        await page.screenshot({ path: path.join(SCREENSHOTS, `${role}${shape.replace(/[^a-z0-9]+/gi, '-')}.png`), fullPage: !long, clip: long ? { x: 0, y: 0, width: 390, height: 4000 } : undefined });
      }
      const loaded = Date.now();
      await page.setViewportSize({ width: 320, height: 844 });
      try {
        const template = templateOf(new URL(target, origin));
        if (!axeChecked.has(template)) await expectAccessible(page, `${role} ${target} (320 px)`);
        axeChecked.add(template);
      } catch (err) {
        problems.push((err as Error).message.split('\n')[0]!);
        if (process.env.LAYOUT_VERBOSE) console.log(problems.at(-1));
      }
      if (process.env.LAYOUT_VERBOSE) console.log(`${role} ${target} ${loaded - started} ms + axe ${Date.now() - loaded} ms`);
      const links = await page.$$eval('a[href]', (as) => as.map((a) => (a as HTMLAnchorElement).href));
      for (const href of links) {
        const url = new URL(href);
        if (url.origin !== origin || NOT_A_PAGE.test(url.pathname)) continue;
        const shape = shapeOf(url);
        if (seen.has(shape)) continue;
        seen.add(shape);
        queue.push(url.pathname + url.search);
      }
    }
    await page.close();
    return { visited, problems };
  }

  /** The pages of the menu, at 390 px, for a person to look at. */
  async function screenshotMenuPages(context: BrowserContext, role: string): Promise<void> {
    const page = await context.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(w.server.url + '/');
    const menu = await page.$$eval('nav[aria-label="Navigation principale"] a[href]', (as) => as.map((a) => a.getAttribute('href')!));
    for (const href of menu) {
      await page.goto(w.server.url + href);
      const name = `${role}${href === '/' ? '-accueil' : href.replace(/[^a-z0-9]+/gi, '-')}`.replace(/-+$/, '');
      await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
    }
    await page.close();
  }

  it('the « Menu » button opens the navigation on a phone without JavaScript, and the header stays short', async function () {
    this.timeout(120_000);
    const noScript = await w.browser.newContext({ viewport: { width: 390, height: 844 }, javaScriptEnabled: false });
    try {
      const page = await noScript.newPage();
      await logInThroughForm(page, w.server.url, 'dsi@ensemble.test');
      const users = page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Utilisateurs' });
      expect(await users.isVisible(), 'folded at first').to.equal(false);
      // The issue measured 340 px of header and menu on an 844 px screen.
      expect((await page.locator('.site-header').boundingBox())!.height).to.be.at.most(200);
      await page.locator('summary.menu-toggle').focus();
      await page.keyboard.press('Enter');
      expect(await users.isVisible(), 'open after Enter').to.equal(true);
      await users.click();
      await page.waitForURL(w.server.url + '/admin/utilisateurs');
    } finally {
      await noScript.close();
    }

    const context = await w.browser.newContext({ viewport: { width: 390, height: 844 } });
    try {
      const page = await context.newPage();
      await logInThroughForm(page, w.server.url, 'dsi@ensemble.test');
      await page.locator('summary.menu-toggle').click();
      await expectAccessible(page, 'menu ouvert (390 px)');
      // On a wide screen the list shows, folded disclosure or not, without the button.
      await page.setViewportSize({ width: 1366, height: 768 });
      await page.goto(`${w.server.url}/consultations/${DEMO_SLUG}/contributions`);
      const users = page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Utilisateurs' });
      expect(await page.locator('details.menu').getAttribute('open')).to.equal(null);
      expect(await users.isVisible()).to.equal(true);
      expect(await page.locator('summary.menu-toggle').isVisible()).to.equal(false);
      // The contributions' table, wider than the page at 1366 px, scrolls in its own named region.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).to.be.at.most(1366);
      const region = page.getByRole('region', { name: /^Contributions brutes/ });
      expect(await region.getByRole('table').count()).to.equal(1);
      expect(await region.getAttribute('tabindex')).to.equal('0');
    } finally {
      await context.close();
    }
  });

  const roles: Array<{ role: string; email?: string; mustReach: RegExp[] }> = [
    { role: 'dsi', email: 'dsi@ensemble.test', mustReach: [/^\/admin\/suivi/, /^\/admin\/consultations$/, /^\/besoins\/\d+$/, /livre-blanc/] },
    { role: 'ambassadeur', email: 'ambassadeur@ensemble.test', mustReach: [/^\/besoins\/\d+$/, /^\/consolidation/, /^\/contributions$/] },
    { role: 'contributeur', email: 'contributeur@ensemble.test', mustReach: [/^\/mes-contributions$/, /^\/profil$/] },
    { role: 'anonyme', mustReach: [/^\/consultations\/[^/]+$/, /^\/connexion$/] },
  ];

  for (const { role, email, mustReach } of roles) {
    it(`${role}: no sideways scroll at 320 and 390 px, no serious axe-core violation`, async function () {
      this.timeout(600_000);
      const context = await w.browser.newContext({ viewport: { width: 320, height: 844 } });
      try {
        if (email) {
          const login = await context.newPage();
          await logInThroughForm(login, w.server.url, email);
          await login.close();
        }
        const { visited, problems } = await explore(context, role);
        await screenshotMenuPages(context, role);
        for (const pattern of mustReach) expect(visited.some((p) => pattern.test(p)), `${role} atteint ${pattern}`).to.equal(true);
        expect(problems, `${role} : ${visited.length} pages visitées`).to.deep.equal([]);
      } finally {
        await context.close();
      }
    });
  }
});
