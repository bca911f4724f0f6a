import './messages';
import './panel';

export { statsPolicy } from './policy';
export { participationFigures, regionFigures, currentParticipationFigures, currentDetailFigures, currentContributionsByWeek } from './figures';
export { asOfLabel, figuresStamp, FIGURES_REFRESH_MS } from './figures-cache';
export type { Cached, CacheOptions } from './figures-cache';
export type { ParticipationFigures, Funnel, RegionFigures, RegionLine } from './figures';
export {
  held as whereWorkshopHeld,
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
  continuousIntake,
  ambassadors,
  contributionsByWeek,
} from './queries';
export type { BreakdownLine } from './queries';
export { funnelByTheme } from './funnel';
export type { FunnelLine } from './funnel';
export { FIGURE_NAMES, isFigureName, namedFigures } from './present';
export type { FigureName } from './present';
export { chartLines, funnelSteps, proposalsBeside, figuresCsv, figuresJson, regionMapData, cloudChart, weeksChart, funnelChart, MAP_MEASURES } from './present';
export type { ChartLine } from './present';
export { uptakeOf, uptakeBy, uptakeOverTime, capacityUseOf, TAKEN_STATUSES, DELIVERED_STATUS } from './uptake';
export type { Uptake, UptakeLine, UptakePoint, StatusChange, CapacityUse } from './uptake';
export { rankNeeds, priorityResults, orderWithinThemes, NO_REGION } from './priorities';
export type { PriorityNeed, PriorityBallot, PriorityLine, PriorityGroup, PriorityResults } from './priorities';
export type { MapMeasure } from './present';
export { wordCloud, wordCloudChart, CLOUD_JOB } from './cloud-cache';
export type { CloudState } from './cloud-cache';
export { cloudTerms, CloudCounter } from './word-cloud';
export type { CloudTerm } from './word-cloud';
