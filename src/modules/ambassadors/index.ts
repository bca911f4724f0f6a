import './messages';
import './panel';

export { ambassadorsPolicy } from './policy';
export { APPLICATION_STATUSES } from './decision';
export type { ApplicationStatus } from './decision';
