import './messages';
export { workshopsPolicy } from './policy';
export type { WorkshopTarget } from './policy';
export { safeCell, csvLine, attendanceCsv, BOM } from './attendance-csv';
export { decideRegistration, placesLeft, seatsToPromote, parisToUtc, utcToParis, formatSchedule } from './rules';
export type { WorkshopStatus, RegistrationStatus, WorkshopMode } from './rules';
export { insertWorkshops, insertWorkshopThemes, insertRegistrations } from './queries';
export { remindRegisteredPeople } from './remind-registered-people';
