import './messages';

export { buildIndex, similarTo, similarity, DEFAULT_OPTIONS, DEFAULT_MIN_SCORE } from './engine';
export { suggestGroups, groupIndex } from './grouping';
export type { Doc, Scored, Group, GroupOptions, IndexOptions, SimilarityIndex } from './engine';
export { analyse } from './analyse';
export { concepts } from './lexicon';
export { pairwiseScores } from './evaluate';
export type { PairwiseScores } from './evaluate';
export { similarRawContributions, similarConsolidated, consolidatedText } from './find-similar';
export type { SimilarRaw, SimilarConsolidated } from './find-similar';
export { suggestGroupsFor } from './suggest-groups-for';
export type { GroupScope, SuggestedGroup } from './suggest-groups-for';
export { learnFromLinks, relearn, ensureReady, loadKnowledge, associationsFromMembers } from './learn-associations';
export { buildKnowledge, learningTerms, pairsBetween, NO_KNOWLEDGE } from './knowledge';
export type { Knowledge, GlossaryEntry } from './knowledge';
export { rankTargets, rankAgainst, RANK_DEFAULTS } from './rank-targets';
export type { Placement, RankedTarget, RankOptions, Target } from './rank-targets';
export { lemmaOf } from './lemmas';
