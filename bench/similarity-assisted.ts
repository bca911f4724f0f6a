/**
 * Figures of issue 11 for `npm run bench:similarity`: quality with and without what the consultation
 * knows (glossary, associations learned from the demo's 300 consolidated contributions), and the
 * ASSISTED figure — what an ambassador lives: for each labelled topic the first text (file order) is
 * placed by hand in a new consolidated contribution; then every other text, and every distractor, is
 * ranked against those consolidated contributions (rankAgainst, as the plan page will).
 */
import { planDemo } from '../seeds/demo/plan';
import { associationsFromMembers, buildKnowledge, pairwiseScores, rankAgainst, suggestGroups, type Knowledge, type GroupOptions, type Target } from '../src/modules/similarity';
import { DEFAULT_GLOSSARY } from '../src/modules/similarity/glossary-defaults';
import type { LabelledFile } from './labelled-set';

const pct = (x: number) => `${(x * 100).toFixed(1)} %`.padStart(7);

/** The demo's knowledge: its default glossary and the associations its ambassadors' links teach. */
export function demoKnowledge(withLearning: boolean): Knowledge {
  if (!withLearning) return buildKnowledge(DEFAULT_GLOSSARY, []);
  const plan = planDemo({ slug: 'bench', existingStructures: new Map(), maxIds: {} });
  const body = new Map(plan.contributions.map((c) => [c.id, c.body]));
  const theme = new Map(plan.angles.map((a) => [a.id, a.theme]));
  const members = plan.links
    .filter((l) => l.undoneAt == null && l.extractId == null)
    .map((l) => ({ consolidated_id: l.angleId, theme_id: theme.get(l.angleId)!, raw_id: l.rawId, body: body.get(l.rawId)! }))
    .sort((a, b) => a.consolidated_id - b.consolidated_id || a.raw_id - b.raw_id);
  const summed = new Map<string, number>();
  for (const r of associationsFromMembers(members)) summed.set(`${r.term_a} ${r.term_b}`, (summed.get(`${r.term_a} ${r.term_b}`) ?? 0) + r.weight);
  return buildKnowledge(DEFAULT_GLOSSARY, [...summed].map(([k, weight]) => ({ term_a: k.split(' ')[0]!, term_b: k.split(' ')[1]!, weight })));
}

export interface Quality {
  precision: number;
  recall: number;
  f1: number;
}

export function groupQuality(docs: Array<{ id: number; text: string }>, labelOf: Map<number, string | null>, options: Partial<GroupOptions>): Quality & { line: string } {
  const s = pairwiseScores(suggestGroups(docs, options), labelOf);
  return { ...s, line: `P ${pct(s.precision)}  R ${pct(s.recall)}  F1 ${pct(s.f1)}  (${s.truePairs}/${s.predictedPairs} pairs right, ${s.expectedPairs} expected)` };
}

export interface Assisted {
  top1: number;
  top3: number;
  wrongAttach: number;
  attachedRight: number;
  distractorsKept: number;
  line: string;
}

/** The assisted figure on the groups and distractors of one split ('all': whole file). */
export function assisted(file: LabelledFile, split: string, knowledge: Knowledge | undefined, baseline = false): Assisted {
  const keep = (s: string | undefined) => split === 'all' || (s ?? 'train') === split;
  const groups = file.groups.filter((g) => keep(g.split) && g.texts.length >= 2);
  // Baseline (today's similarConsolidated): a consolidated contribution is only its title and text.
  const targets: Target[] = groups.map((g, i) => ({ id: i + 1, title: g.texts[0]!, body: '', members: baseline ? [] : [{ id: 1000 + i, text: g.texts[0]! }] }));
  const queries: Array<{ key: number; text: string; truth: number | null }> = [];
  groups.forEach((g, i) => g.texts.slice(1).forEach((text) => queries.push({ key: queries.length, text, truth: i + 1 })));
  for (const d of file.distractors) if (keep(d.split)) queries.push({ key: queries.length, text: d.text, truth: null });
  const placed = rankAgainst(targets, [], queries, knowledge ? { knowledge } : {});
  let top1 = 0;
  let top3 = 0;
  let wrong = 0;
  let right = 0;
  let kept = 0;
  let topical = 0;
  let distractors = 0;
  placed.forEach((p, i) => {
    const truth = queries[i]!.truth;
    const first = p.candidates[0]?.consolidatedId;
    const attached = p.proposal === 'attach';
    if (truth === null) {
      distractors++;
      if (attached) wrong++;
      else kept++;
      return;
    }
    topical++;
    if (first === truth) top1++;
    if (p.candidates.slice(0, 3).some((c) => c.consolidatedId === truth)) top3++;
    if (attached && first !== truth) wrong++;
    if (attached && first === truth) right++;
  });
  const r = { top1: top1 / topical, top3: top3 / topical, wrongAttach: wrong / queries.length, attachedRight: right / topical, distractorsKept: distractors ? kept / distractors : 1 };
  return {
    ...r,
    line: `top-1 ${pct(r.top1)}  top-3 ${pct(r.top3)}  wrong attachments ${pct(r.wrongAttach)}  (right target proposed for ${pct(r.attachedRight)} of topic texts; distractors proposed as new ${pct(r.distractorsKept)}; ${groups.length} topics, ${queries.length} texts)`,
  };
}

const goal = (ok: boolean) => (ok ? 'goal met' : 'goal NOT met');
export const groupGoal = (q: Quality) => `${goal(q.f1 >= 0.4 && q.precision >= 0.55)} (F1 ≥ 40 %, P ≥ 55 %)`;
export const assistedGoal = (a: Assisted) => `${goal(a.top1 >= 0.8 && a.top3 >= 0.9 && a.wrongAttach <= 0.1)} (top-1 ≥ 80 %, top-3 ≥ 90 %, wrong ≤ 10 %)`;
