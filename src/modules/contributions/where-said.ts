import type { Knex } from 'knex';

/**
 * Where a raw contribution was said — the ONE rule read by every place that puts a region on a
 * contribution (the pages and exports of contributions, the white paper's quotes, a need's trace, the
 * figures by region, the follow-up's regions):
 *
 * - a workshop contribution was said at its workshop: the region of the workshop's organising
 *   structure (a remote workshop run from Paris is said in Île-de-France, whoever typed in from
 *   Montpellier);
 * - any other contribution: the region of its author's structure;
 * - neither known: no region (« Région non renseignée »).
 *
 * The rule has two faces that must agree: `whereSaid` for rows already read (pure, unit-tested) and
 * `joinWhereSaid` + `WHERE_SAID` for queries (checked against `whereSaid` by an integration test).
 */
export function whereSaid(c: { workshopId: number | null; workshopRegion: string | null; structureRegion: string | null }): string | null {
  if (c.workshopId !== null && c.workshopRegion) return c.workshopRegion;
  return c.structureRegion || null;
}

/** Aliases joined by `joinWhereSaid`, chosen not to clash with the callers' own. */
const W = 'said_w';
const WS = 'said_ws';
const ST = 'said_st';

/**
 * Left joins, on a query over `raw_contributions as <rc>`, of what `WHERE_SAID` reads: the workshop,
 * its organising structure and the author's structure.
 */
export function joinWhereSaid<Q extends Knex.QueryBuilder>(q: Q, rc = 'rc'): Q {
  return q
    .leftJoin(`workshops as ${W}`, `${W}.id`, `${rc}.workshop_id`)
    .leftJoin(`structures as ${WS}`, `${WS}.id`, `${W}.structure_id`)
    .leftJoin(`structures as ${ST}`, `${ST}.id`, `${rc}.structure_id`) as Q;
}

/** The region by the rule, as SQL over the joins of `joinWhereSaid` (the same on SQLite and PostgreSQL). */
export const WHERE_SAID = `coalesce(nullif(${WS}.region, ''), nullif(${ST}.region, ''))`;
