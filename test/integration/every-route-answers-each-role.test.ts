import crypto from 'node:crypto';
import { expect } from 'chai';
import request from 'supertest';
import { csrfFrom, tokenFor } from '../support/app';
import { buildAuthzWorld, ROLES, type AuthzWorld, type Who } from '../support/authz-world';
import { fillPath, isUnsafe, registeredRoutes, routeKey, type RegisteredRoute } from '../support/route-table';
import { CORE_ROUTES, type Case, type Expectation } from '../support/route-expectations';
import { WORK_ROUTES } from '../support/route-expectations-work';

/**
 * The authorisation matrix, generated from the router itself: every route the app registers, for each
 * role (and for objects of one's own and of someone else), answers as its policy says, never 500, and
 * a refusal never carries the object's private content. Every unsafe route refuses a missing or wrong
 * CSRF token, even for the DSI, and refuses the roles it does not allow even with a valid token —
 * changing nothing. A new route without an entry in the expectation table fails the first test.
 */
const EXPECTATIONS: Record<string, Expectation> = { ...CORE_ROUTES, ...WORK_ROUTES };

describe('Every route answers each role as its policy says (routes read from the router)', function () {
  this.timeout(120_000);
  let w: AuthzWorld;
  let routes: RegisteredRoute[];

  before(async () => {
    w = await buildAuthzWorld();
    routes = registeredRoutes(w.app);
  });
  after(() => w?.t.destroy());

  const pathOf = (route: RegisteredRoute, c: Case) => {
    const values: Record<string, string | number> = { slug: w.ids.slug };
    for (const [name, key] of Object.entries(c.params ?? {})) values[name] = w.ids[key];
    return fillPath(route.path, values) + (c.query ?? '');
  };
  const okStatus = (c: Case, who: Who) => (typeof c.ok === 'object' ? c.ok[who] : c.ok) ?? 200;
  const client = (who: Who) => (who === 'anonyme' ? request(w.app) : w.agents[who]);
  const leaked = (text: string | undefined) => w.secrets.filter((s) => (text ?? '').includes(s));

  /**
   * What refused requests may have changed. Per route, cheaply: the audit log's length (every use case
   * writes it) and the row counts of the tables the route's module writes. Per test, fully: the content
   * of all those tables, compared once before and once after every refused request.
   */
  const counts = async (tables: string[]) =>
    JSON.stringify(await Promise.all(['audit_log', ...tables].map(async (table) => (await w.db(table).count({ n: '*' }).first())?.n)));
  async function contents(): Promise<Map<string, string>> {
    const tables = [...new Set(Object.values(EXPECTATIONS).flatMap((e) => e.tables))];
    const out = new Map<string, string>();
    for (const table of tables) {
      const rows = (await w.db(table).select()).map((r) => JSON.stringify(r)).sort();
      out.set(table, crypto.createHash('sha256').update(rows.join('\n')).digest('hex'));
    }
    return out;
  }
  const changedTables = (a: Map<string, string>, b: Map<string, string>) => [...a].filter(([table, hash]) => b.get(table) !== hash).map(([table]) => table);

  it('has an expectation for every registered route, and none for a route that is gone', () => {
    // Printed once, so that a reader sees what the router holds (TEST_LOG_LEVEL=silent hides it).
    if (process.env.TEST_LOG_LEVEL !== 'silent') console.log(`      ${routes.length} routes enregistrées (${routes.filter((r) => !isUnsafe(r.method)).length} GET)`);
    const registered = new Set(routes.map(routeKey));
    expect(routes.length, 'the router walk found too few routes').to.be.greaterThan(130);
    expect([...registered].filter((k) => !(k in EXPECTATIONS)), 'routes with no expectation').to.deep.equal([]);
    expect(Object.keys(EXPECTATIONS).filter((k) => !registered.has(k)), 'expectations naming no route').to.deep.equal([]);
  });

  it('answers every GET route, for each role and object, as expected; refusals carry nothing private', async () => {
    const problems: string[] = [];
    let checked = 0;
    for (const route of routes.filter((r) => !isUnsafe(r.method))) {
      for (const c of EXPECTATIONS[routeKey(route)]?.cases ?? []) {
        const path = pathOf(route, c);
        // The four roles at once: distinct agents, read-only requests.
        await Promise.all(
          ROLES.map(async (who) => {
            const res = await client(who).get(path);
            checked++;
            const label = `${who} GET ${path} → ${res.status}`;
            if (c.may.includes(who)) {
              if (res.status !== okStatus(c, who)) problems.push(`${label}, attendu ${okStatus(c, who)}`);
              return;
            }
            if (who === 'anonyme' && (res.status !== 303 || res.headers.location !== '/connexion')) problems.push(`${label} ${res.headers.location ?? ''}, attendu 303 → /connexion`);
            if (who !== 'anonyme' && res.status !== 403) problems.push(`${label}, attendu 403`);
            if (who !== 'anonyme' && res.status === 403 && res.type === 'text/html' && !res.text.includes('Accès refusé')) problems.push(`${label}: page de refus sans « Accès refusé »`);
            for (const s of leaked(res.text)) problems.push(`${label}: le refus contient « ${s} »`);
          }),
        );
      }
    }
    expect(problems, `${problems.length} écart(s) sur ${checked} requêtes GET`).to.deep.equal([]);
  });

  type Attempt = { label: string; who: Who; send: (path: string, body: Record<string, unknown>) => Promise<request.Response> };

  /** Sends every attempt to every case of every unsafe route; each must be a 403 that changes nothing. */
  async function refusedEverywhere(attemptsFor: (c: Case) => Attempt[]): Promise<{ problems: string[]; checked: number }> {
    const problems: string[] = [];
    let checked = 0;
    const before = await contents();
    for (const route of routes.filter((r) => isUnsafe(r.method))) {
      const { cases, tables } = EXPECTATIONS[routeKey(route)]!;
      const counted = await counts(tables);
      for (const c of cases) {
        const path = pathOf(route, c);
        await Promise.all(
          attemptsFor(c).map(async (a) => {
            const res = await a.send(path, c.body?.(w.ids) ?? {});
            checked++;
            const label = `${a.who} ${route.method} ${path} ${a.label} → ${res.status}`;
            // A visitor's unsafe request is refused outright: no login redirect for a form post.
            if (res.status !== 403) problems.push(`${label}, attendu 403`);
            for (const s of leaked(res.text)) problems.push(`${label}: le refus contient « ${s} »`);
          }),
        );
      }
      if ((await counts(tables)) !== counted) problems.push(`${routeKey(route)}: une requête refusée a changé le nombre de lignes de ${['audit_log', ...tables].join(', ')}`);
    }
    const changed = changedTables(before, await contents());
    if (changed.length) problems.push(`des requêtes refusées ont changé le contenu de ${changed.join(', ')}`);
    return { problems, checked };
  }

  const post = (agent: request.Agent | ReturnType<typeof request>, path: string, form: Record<string, unknown>) => agent.post(path).type('form').send(form);

  it('refuses every unsafe route without a CSRF token or with a wrong one, to the DSI and to a visitor, changing nothing', async () => {
    expect(routes.filter((r) => isUnsafe(r.method) && r.method !== 'POST'), 'the app has only POST forms: the helpers send POST').to.deep.equal([]);
    const { problems, checked } = await refusedEverywhere(() =>
      (['dsi', 'anonyme'] as const).flatMap((who): Attempt[] => [
        { who, label: 'sans jeton', send: (path, body) => post(client(who), path, body) },
        { who, label: 'jeton faux', send: (path, body) => post(client(who), path, { ...body, _csrf: 'jeton-faux-0123456789abcdef' }) },
      ]),
    );
    expect(problems, `${problems.length} écart(s) sur ${checked} requêtes`).to.deep.equal([]);
  });

  it('refuses every unsafe route to each role it does not allow, even with a valid CSRF token, changing nothing', async () => {
    const tokens: Record<Who, string> = {
      anonyme: csrfFrom((await w.agents.anonyme.get('/connexion')).text),
      contributeur: await tokenFor(w.agents.contributeur),
      ambassadeur: await tokenFor(w.agents.ambassadeur),
      dsi: await tokenFor(w.agents.dsi),
    };
    const { problems, checked } = await refusedEverywhere((c) =>
      ROLES.filter((who) => !c.may.includes(who)).map((who): Attempt => ({
        who,
        label: '(jeton valide)',
        send: (path, body) => post(w.agents[who], path, { ...body, _csrf: tokens[who] }),
      })),
    );
    expect(problems, `${problems.length} écart(s) sur ${checked} requêtes`).to.deep.equal([]);
  });

  it('shows no administration entry in the navigation of a contributor or an ambassador', async () => {
    for (const who of ['contributeur', 'ambassadeur'] as const) {
      const home = await w.agents[who].get('/');
      expect(home.text, who).not.to.contain('href="/admin/utilisateurs"');
      expect(home.text, who).not.to.contain('href="/admin/journal"');
    }
  });
});
