import './messages';
import './panel';

export { prioritisationPolicy } from './policy';
export { whitepaperPriorityOrder, latestPriorities } from './results';
export type { WhitepaperPriority, LatestPriorities } from './results';
export { stepState, checkBallot, BUDGET_DEFAULT } from './rules';
export type { StepState } from './rules';
export { insertSteps, insertBallots, insertLines } from './queries';
