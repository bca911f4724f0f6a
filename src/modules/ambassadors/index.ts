import './messages';
import './panel';

export { ambassadorsPolicy } from './policy';
export { APPLICATION_STATUSES } from './decision';
export { ambassadorsOfTheme, assignedThemeIds, findSelectedApplication, setApplicationConsent } from './queries';
export type { ApplicationStatus } from './decision';
export { insertApplications, insertAmbassadorThemes } from './queries';
