import './messages';
import './panel';

export { prioritisationPolicy } from './policy';
export { whitepaperPriorityOrder } from './results';
export type { WhitepaperPriority } from './results';
export { stepState, checkBallot, BUDGET_DEFAULT } from './rules';
export type { StepState } from './rules';
export { insertSteps, insertBallots, insertLines } from './queries';
