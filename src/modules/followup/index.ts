import './messages';
import './panel';

export { followupPolicy } from './policy';
export { STATUSES, STATUS_LABELS, STREAMS, needStatusOf, streamFromTarget } from './rules';
export type { FollowupStatus, StreamCode } from './rules';
export { followedProposals, statusChanges } from './queries';
export type { FollowedRow } from './queries';
export { insertChangeRows, insertCurrentRows, insertCapacityRows } from './queries';
