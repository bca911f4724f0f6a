import './messages';
import './panel';

export {
  insertRawContribution, insertRawContributions, insertImportedRows, loadedContributionRow, rawContributionRow, setConsolidationStatus, setRawFields, updateRawContributionBody, whereMatches, SOURCES, STATUSES,
} from './queries';
export type { LoadedRawContribution, NewRawContribution, Source, ContributionStatus, ContributionView } from './queries';
export { contributionsPolicy } from './policy';
export { authorLabel, structureLabel } from './present';
export { contributionsOpen, contributionIntake, intakeMode, isPublished } from './calendar';
export type { IntakeMode, IntakeCalendar } from './calendar';
export { whereSaid, joinWhereSaid, WHERE_SAID } from './where-said';
export { neutraliseCell } from './export-contributions';
export { countSelection, selectionBodies, selectionChoices } from './selection';
export type { SelectionFilter } from './selection';
export { selectionQuery, filterQuery } from './validation';
