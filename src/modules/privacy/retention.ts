/**
 * When a consultation's personal data may be purged: once it is closed. The rule is the calendar's
 * (consultations' phases.ts), where a calendar change that would open the purge is caught and
 * confirmed; privacy reads it from there.
 */
export { closingDay, isClosed, type DatedPhase } from '../consultations';
