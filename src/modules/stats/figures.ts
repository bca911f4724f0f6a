import type { Db } from '../../shared/db';
import { t } from '../../shared/i18n';
import { REGIONS, regionByName } from '../../shared/map';
import { cachedFigure, type CacheOptions, type Cached } from './figures-cache';
import {
  type BreakdownLine,
  continuousIntake,
  contributionsByWeek,
  consolidatedContributions,
  contributionsByRegion,
  contributionsBySource,
  contributionsByTheme,
  functionalProposals,
  needs,
  participants,
  participantsByRegion,
  rawContributions,
  workshopsByRegion,
  workshopsHeld,
} from './queries';

/** From the raw contributions to the functional proposals: each step of the consolidation, counted. */
export interface Funnel {
  rawContributions: number;
  consolidatedContributions: number;
  needs: number;
  functionalProposals: number;
}

export interface ParticipationFigures {
  consultationId: number;
  workshopsHeld: number;
  participants: number;
  rawContributions: number;
  byTheme: BreakdownLine[];
  byRegion: BreakdownLine[];
  bySource: BreakdownLine[];
  funnel: Funnel;
}

/**
 * Every participation figure of a consultation, gathered from the one function that computes each.
 * Nothing is stored: the figures are read from the data at each call.
 */
export async function participationFigures(db: Db, consultationId: number): Promise<ParticipationFigures> {
  const of = <T>(figure: (d: Db, id: number) => Promise<T>) => () => figure(db, consultationId);
  const [held, people, raw, byTheme, byRegion, bySource, consolidated, needCount, proposals] = await gather(db, [
    of(workshopsHeld),
    of(participants),
    of(rawContributions),
    of(contributionsByTheme),
    of(contributionsByRegion),
    of(contributionsBySource),
    of(consolidatedContributions),
    of(needs),
    of(functionalProposals),
  ] as const);
  return {
    consultationId,
    workshopsHeld: held,
    participants: people,
    rawContributions: raw,
    byTheme,
    byRegion,
    bySource,
    funnel: { rawContributions: raw, consolidatedContributions: consolidated, needs: needCount, functionalProposals: proposals },
  };
}

type Results<T extends ReadonlyArray<() => Promise<unknown>>> = { -readonly [K in keyof T]: Awaited<ReturnType<T[K]>> };

/**
 * Runs independent queries side by side on a pool, but one after another inside a transaction,
 * which holds a single connection (the pg driver refuses overlapping queries on one client).
 */
async function gather<T extends ReadonlyArray<() => Promise<unknown>>>(db: Db, tasks: T): Promise<Results<T>> {
  if (!(db as { isTransaction?: boolean }).isTransaction) return (await Promise.all(tasks.map((task) => task()))) as Results<T>;
  const out: unknown[] = [];
  for (const task of tasks) out.push(await task());
  return out as Results<T>;
}

/** One line of the regions' table: a region of the map (code) or a name the map does not know (code null). */
export interface RegionLine {
  code: string | null;
  region: string;
  workshops: number;
  participants: number;
  contributions: number;
}

export interface RegionFigures {
  /** The 18 regions of the map, in its order, zeros included. */
  regions: RegionLine[];
  /** Regions the map does not know, then « Région non renseignée » (contributions without any region). */
  elsewhere: RegionLine[];
  /** Sums of the lines above. */
  total: { workshops: number; participants: number; contributions: number };
}

/**
 * Workshops held, participants and contributions by region, for the map: the same three functions as
 * every other page (workshopsByRegion, participantsByRegion, contributionsByRegion), their region names
 * matched to the map's regions loosely (accents, hyphens, apostrophes, a leading « La »).
 */
export async function regionFigures(db: Db, consultationId: number): Promise<RegionFigures> {
  const of = <T>(figure: (d: Db, id: number) => Promise<T>) => () => figure(db, consultationId);
  const [workshops, people, contributions] = await gather(db, [of(workshopsByRegion), of(participantsByRegion), of(contributionsByRegion)] as const);
  const lines = new Map<string, RegionLine>(REGIONS.map((r) => [r.code, { code: r.code, region: r.name, workshops: 0, participants: 0, contributions: 0 }]));
  const elsewhere = new Map<string, RegionLine>();
  const add = (breakdown: BreakdownLine[], field: 'workshops' | 'participants' | 'contributions') => {
    for (const l of breakdown) {
      const region = l.key === 'NON_RENSEIGNEE' ? undefined : regionByName(l.label);
      let line = region ? lines.get(region.code) : elsewhere.get(l.label);
      if (!line) elsewhere.set(l.label, (line = { code: null, region: l.label, workshops: 0, participants: 0, contributions: 0 }));
      line[field] += l.count;
    }
  };
  add(workshops, 'workshops');
  add(people, 'participants');
  add(contributions, 'contributions');
  const unknown = t('stats.unknownRegion');
  const others = [...elsewhere.values()].sort((a, b) => (a.region === unknown ? 1 : b.region === unknown ? -1 : a.region.localeCompare(b.region, 'fr')));
  const all = [...lines.values(), ...others];
  const sum = (f: 'workshops' | 'participants' | 'contributions') => all.reduce((n, l) => n + l[f], 0);
  return { regions: [...lines.values()], elsewhere: others, total: { workshops: sum('workshops'), participants: sum('participants'), contributions: sum('contributions') } };
}

// ---- The same figures through the per-consultation cache (figures-cache.ts) -----------------------

/** participationFigures, kept in memory until the consultation's data changes (pages and exports). */
export function currentParticipationFigures(db: Db, consultationId: number, options?: CacheOptions): Promise<Cached<ParticipationFigures>> {
  return cachedFigure(db, consultationId, 'participation', () => participationFigures(db, consultationId), options);
}

/** regionFigures and the continuous intake (the DSI's detailed page), kept the same way. */
export function currentDetailFigures(db: Db, consultationId: number, options?: CacheOptions): Promise<Cached<{ regions: RegionFigures; continuousIntake: number }>> {
  return cachedFigure(db, consultationId, 'detail', async () => ({ regions: await regionFigures(db, consultationId), continuousIntake: await continuousIntake(db, consultationId) }), options);
}

/** contributionsByWeek (the DSI's dashboard), kept the same way. */
export function currentContributionsByWeek(db: Db, consultationId: number, options?: CacheOptions): Promise<Cached<BreakdownLine[]>> {
  return cachedFigure(db, consultationId, 'weeks', () => contributionsByWeek(db, consultationId), options);
}
