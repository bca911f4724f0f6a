import type { Db } from '../../shared/db';
import {
  type BreakdownLine,
  consolidatedContributions,
  contributionsByRegion,
  contributionsBySource,
  contributionsByTheme,
  functionalProposals,
  needs,
  participants,
  rawContributions,
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
