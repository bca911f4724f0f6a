import type { Db } from '../../shared/db';
import { orderWithinThemes, priorityResults, rankNeeds, type PriorityBallot, type PriorityNeed, type PriorityResults } from '../stats';
import { listSteps, stepBallots, votableNeeds, whitepaperSteps, type StepRow, type VotableNeed } from './queries';
import { stepState, type StepState } from './rules';

/**
 * Reads what a step's results are computed from — the needs put to the vote and every ballot — and
 * hands them to stats' pure functions (stats/priorities.ts): each figure computed once, there.
 */

export const priorityNeeds = (needs: readonly VotableNeed[]): PriorityNeed[] =>
  needs.map((n) => ({ id: n.id, code: n.code, title: n.title, themeCode: n.theme_code, themeTitle: n.theme_title }));

export interface StepData {
  needs: VotableNeed[];
  ballots: Array<PriorityBallot & { voterId: number }>;
}

export async function stepData(db: Db, step: Pick<StepRow, 'id' | 'consultation_id'>): Promise<StepData> {
  const [needs, ballots] = [await votableNeeds(db, step.consultation_id), await stepBallots(db, step.id)];
  return { needs, ballots };
}

export function resultsOf(data: StepData): PriorityResults {
  return priorityResults(priorityNeeds(data.needs), data.ballots);
}

/** The overall ranking without one person's ballot and with it: how their vote moved the needs. */
export function rankingWithAndWithout(data: StepData, voterId: number) {
  const needs = priorityNeeds(data.needs);
  return { before: rankNeeds(needs, data.ballots.filter((b) => b.voterId !== voterId)), after: rankNeeds(needs, data.ballots) };
}

export interface WhitepaperPriority {
  step: { id: number; title: string; endsAt: string; ballots: number; budget: number };
  /** need id → its place within its theme (1 first), its points and its rank. */
  order: Map<number, { position: number; points: number; rank: number }>;
}

/**
 * The white paper's option: when the DSI ticked « classer les besoins par points » on a step, the
 * editions published after that step closed order each theme's needs by its points. The latest such
 * step closed at `at` (the publication's moment) decides; none → null (the needs' own order). An
 * edition keeps the order it was published with (its snapshot), whatever happens later.
 */
export async function whitepaperPriorityOrder(db: Db, consultationId: number, at: Date): Promise<WhitepaperPriority | null> {
  const closed = (await whitepaperSteps(db, consultationId)).find((s) => stepState(s, at) === 'close');
  if (!closed) return null;
  const data = await stepData(db, closed);
  return {
    step: { id: closed.id, title: closed.title, endsAt: closed.ends_at.toISOString(), ballots: data.ballots.length, budget: closed.budget },
    order: orderWithinThemes(priorityNeeds(data.needs), data.ballots),
  };
}

export interface LatestPriorities {
  step: { id: number; title: string; startsAt: Date; endsAt: Date; budget: number; state: StepState };
  results: PriorityResults;
}

/**
 * The results of the consultation's latest prioritisation that has started (open or closed; one still
 * to come has no points yet), computed as on its results page; null when none has started. What the
 * DSI's dashboard and the needs' export show as « points de priorité ».
 */
export async function latestPriorities(db: Db, consultationId: number, at: Date = new Date()): Promise<LatestPriorities | null> {
  const step = (await listSteps(db, consultationId)).find((s) => stepState(s, at) !== 'a_venir');
  if (!step) return null;
  return {
    step: { id: step.id, title: step.title, startsAt: step.starts_at, endsAt: step.ends_at, budget: step.budget, state: stepState(step, at) },
    results: resultsOf(await stepData(db, step)),
  };
}
