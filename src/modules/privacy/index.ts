import './messages';

export { privacyPolicy } from './policy';
export { closingDay, isClosed } from './retention';
export { purgePersonalData } from './purge-personal-data';
export { detachContributions, eraseApplicationTexts, redactAuditMentions, countIdentifiedContributions, countApplicationTexts } from './queries';
export { redactValue, redactJsonText, ERASED, PURGED } from './redact';
export { confirmationSchema } from './validation';
