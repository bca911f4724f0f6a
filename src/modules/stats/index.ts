import './messages';
import './panel';

export { statsPolicy } from './policy';
export { participationFigures, regionFigures } from './figures';
export type { ParticipationFigures, Funnel, RegionFigures, RegionLine } from './figures';
export {
  workshopsHeld,
  participants,
  rawContributions,
  contributionsByTheme,
  contributionsByRegion,
  contributionsBySource,
  workshopsByRegion,
  participantsByRegion,
  consolidatedContributions,
  needs,
  functionalProposals,
} from './queries';
export type { BreakdownLine } from './queries';
export { funnelByTheme } from './funnel';
export type { FunnelLine } from './funnel';
export { chartLines, funnelSteps, figuresCsv, figuresJson, regionMapData, cloudChart } from './present';
export type { MapMeasure } from './present';
export { wordCloud, wordCloudChart, CLOUD_JOB } from './cloud-cache';
export type { CloudState } from './cloud-cache';
export { cloudTerms, CloudCounter } from './word-cloud';
export type { CloudTerm } from './word-cloud';
