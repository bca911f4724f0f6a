export { insertRawContribution, rawContributionRow, updateRawContributionBody, whereMatches, SOURCES, STATUSES } from './queries';
export type { NewRawContribution, Source, ContributionStatus } from './queries';
