import './messages';
import './panel';

export { followupPolicy } from './policy';
export { STATUSES, STATUS_LABELS, STREAMS, needStatusOf, streamFromTarget } from './rules';
export type { FollowupStatus, StreamCode } from './rules';
export { followedProposals, statusChanges } from './queries';
export { followupSummary } from './summary';
export type { Overview } from './overview';
export type { Indicator } from './present';
export type { FollowedRow } from './queries';
export { insertChangeRows, insertCurrentRows, insertCapacityRows } from './queries';
