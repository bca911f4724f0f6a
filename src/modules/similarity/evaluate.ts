import type { Group } from './engine';

export interface PairwiseScores {
  precision: number;
  recall: number;
  f1: number;
  /** Pairs put in the same suggested group that belong together / all pairs put together / all pairs that belong together. */
  truePairs: number;
  predictedPairs: number;
  expectedPairs: number;
}

/**
 * Pairwise precision and recall of suggested groups against a labelling: every pair of documents
 * put in the same suggested group counts once; it is right when the two share a label. Documents
 * without a label (distractors) belong with no one.
 */
export function pairwiseScores(groups: readonly Group[], labelOf: ReadonlyMap<number, string | null>): PairwiseScores {
  const sizes = new Map<string, number>();
  for (const l of labelOf.values()) if (l !== null) sizes.set(l, (sizes.get(l) ?? 0) + 1);
  let expectedPairs = 0;
  for (const n of sizes.values()) expectedPairs += (n * (n - 1)) / 2;
  let predictedPairs = 0;
  let truePairs = 0;
  for (const g of groups) {
    predictedPairs += (g.ids.length * (g.ids.length - 1)) / 2;
    const counts = new Map<string, number>();
    for (const id of g.ids) {
      const l = labelOf.get(id);
      if (l != null) counts.set(l, (counts.get(l) ?? 0) + 1);
    }
    for (const n of counts.values()) truePairs += (n * (n - 1)) / 2;
  }
  const precision = predictedPairs ? truePairs / predictedPairs : 1;
  const recall = expectedPairs ? truePairs / expectedPairs : 1;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1, truePairs, predictedPairs, expectedPairs };
}
