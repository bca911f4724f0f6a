import type { MaybeActor } from '../../shared/actor';
import type { StepState } from './rules';

/**
 * Every « may I » of the prioritisation, decided on the step:
 * - every logged-in person reads a step's page;
 * - network staff vote — contributors and ambassadors alike (the step's dates are the use case's:
 *   outside them nothing is stored, 409). The DSI does not vote: it organises the step and sees its
 *   results while it runs, and a referee's ballot would weigh on what it arbitrates;
 * - the DSI sees the detailed results (themes, regions, roles, exports) at any time; everyone logged
 *   in once the step is closed. While it runs, a voter who has saved a ballot sees the overall ranking
 *   move on the ballot page (`canSeeLiveRanking`);
 * - the DSI opens and changes steps.
 */
export const prioritisationPolicy = {
  canRead: (actor: MaybeActor): boolean => !!actor,
  canVote: (actor: MaybeActor, _step?: { id: number }): boolean => actor?.role === 'contributeur' || actor?.role === 'ambassadeur',
  canSeeResults: (actor: MaybeActor, state: StepState): boolean => actor?.role === 'dsi' || (!!actor && state === 'close'),
  canSeeLiveRanking: (actor: MaybeActor, state: StepState, hasVoted: boolean): boolean =>
    prioritisationPolicy.canSeeResults(actor, state) || (hasVoted && state === 'ouverte' && prioritisationPolicy.canVote(actor)),
  canManage: (actor: MaybeActor): boolean => actor?.role === 'dsi',
};
