/**
 * `npm run bench:similarity`: how fast and how well similar contributions are grouped.
 *
 * Speed: suggested groups over 1 091 (the demo's raw contributions), 10 000 and 100 000 contributions
 * (generated from the demo's voices with a seeded generator: the way staff reword them, synonyms,
 * reordered words, typos, plus unrelated texts), printed in milliseconds and as a ratio against a
 * bare baseline measured in the same run — analysing the same texts once (tokenise, fold, stem) —
 * so that figures compare across machines; and the memory used.
 *
 * Quality: pairwise precision, recall and F1 of the suggested groups on the hand-written labelled
 * paraphrases (bench/labelled/paraphrases.json), per split — "train" (used to tune), "dev" (checked, not
 * tuned on), "blind" (written after the settings were frozen) — before tuning (the first settings)
 * and with the current ones; and against the ambassadors' consolidation of the demo.
 *
 *   node dist/bench/similarity.js [--labelled FILE] [--sizes 1091,10000,100000] [--quality-only] [--no-blind] [--options JSON]
 *
 * `--quality-only` skips the timings; `--no-blind` leaves the blind split out (to tune without looking at
 * it); `--options '{"gramWeight":0.5}'` scores other settings than the defaults (quality and speed).
 *
 * `--labelled FILE` also scores a held-out file in the same format (all its groups, whatever the split).
 * Not a test: nothing is asserted.
 */
import v8 from 'node:v8';
import vm from 'node:vm';
import { planDemo } from '../seeds/demo/plan';
import { THEMES } from '../seeds/demo/content/general';
import { variation } from '../seeds/demo/compose';
import { Random } from '../seeds/demo/random';
import { analyse, buildIndex, groupIndex, pairwiseScores, suggestGroups, DEFAULT_OPTIONS, type Doc, type GroupOptions } from '../src/modules/similarity';
import { labelledSet, readLabelled, DEFAULT_LABELLED_FILE } from './labelled-set';
import { assisted, assistedGoal, demoKnowledge, groupGoal, groupQuality } from './similarity-assisted';
import path from 'node:path';

/** The first settings, before any tuning on the labelled set: stems and stem pairs only, strict thresholds. */
const BEFORE: Partial<GroupOptions> = { bigramWeight: 0.5, conceptWeight: 0, gramWeight: 0, edgeThreshold: 0.3, linkThreshold: 0.3, neighbours: 10, scanBudget: 3000 };

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;
const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);
const pct = (x: number) => `${(x * 100).toFixed(1)} %`;

function demoContributions(): { docs: Doc[]; consolidatedOf: Map<number, string | null> } {
  const plan = planDemo({ slug: 'bench', existingStructures: new Map(), maxIds: {} });
  const docs = plan.contributions.map((s) => ({ id: s.id, text: s.body }));
  // Ground truth: the consolidated contribution each raw contribution was linked to (whole, active link).
  const consolidatedOf = new Map<number, string | null>(docs.map((d) => [d.id, null]));
  for (const l of plan.links) {
    if (l.undoneAt == null && l.extractId == null) consolidatedOf.set(l.rawId, String(l.angleId));
  }
  return { docs, consolidatedOf };
}

/** Synonyms and rewordings staff use for one another (generation side; the engine knows only some of them). */
const REWORDINGS: ReadonlyArray<readonly [RegExp, string]> = [
  [/\bjeunes\b/g, 'usagers'],
  [/\bconseillers\b/g, 'CIP'],
  [/\brendez-vous\b/g, 'entretiens'],
  [/\boutil\b/g, 'logiciel'],
  [/\bI-Milo\b/g, 'le SI'],
  [/\bagenda\b/g, 'planning'],
  [/\bfaudrait\b/g, 'serait bien'],
  [/\bperdre\b/g, 'gaspiller'],
  [/\bsaisir\b/g, 'renseigner'],
  [/\bdossier\b/g, 'fiche'],
  [/\bmessagerie\b/g, 'boîte mail'],
  [/\btableau de bord\b/g, 'TDB'],
  [/\bFrance Travail\b/g, 'Pôle emploi'],
  [/\bentreprises\b/g, 'employeurs'],
  [/\bimpossible\b/g, 'pas possible'],
];

function typo(rng: Random, text: string): string {
  const words = text.split(' ');
  const i = rng.int(0, words.length - 1);
  const w = words[i]!;
  if (w.length < 5) return text;
  const k = rng.int(1, w.length - 2);
  words[i] = rng.chance(0.5) ? w.slice(0, k) + w[k + 1] + w[k] + w.slice(k + 2) : w.slice(0, k) + w.slice(k + 1);
  return words.join(' ');
}

function reorder(rng: Random, text: string): string {
  const parts = text.split(/(?<=[,.;:!?])\s+/);
  if (parts.length > 1) return rng.shuffle(parts).join(' ');
  const words = text.split(' ');
  const i = rng.int(0, Math.max(0, words.length - 2));
  if (words.length > 2) [words[i], words[i + 1]] = [words[i + 1]!, words[i]!];
  return words.join(' ');
}

/**
 * n contributions: 85 % are a demo voice as some person would word it (the demo's own variation,
 * then synonyms, reordering, typos), 15 % unrelated texts made of words drawn from the whole corpus.
 */
function generated(n: number, seed: number): Doc[] {
  const rng = new Random(seed);
  const angles: Array<{ voices: string[]; details: readonly string[] }> = [];
  for (const theme of THEMES) for (const need of theme.needs) for (const [, ...voices] of need.angles) if (voices.length) angles.push({ voices: voices.filter((v) => !v.startsWith('§')), details: theme.details });
  const usable = angles.filter((a) => a.voices.length);
  const vocabulary = [...new Set(usable.flatMap((a) => a.voices.join(' ').split(/\s+/)))];
  const docs: Doc[] = [];
  for (let id = 1; id <= n; id++) {
    let text: string;
    if (rng.chance(0.15)) {
      text = Array.from({ length: rng.int(6, 22) }, () => rng.pick(vocabulary)).join(' ');
    } else {
      const a = rng.pick(usable);
      text = variation(rng, a.voices, a.details, true);
      for (const [re, rep] of REWORDINGS) if (rng.chance(0.2)) text = text.replace(re, rep);
      if (rng.chance(0.3)) text = reorder(rng, text);
      if (rng.chance(0.3)) text = typo(rng, text);
    }
    docs.push({ id, text });
  }
  return docs;
}

// A full collection before each heap reading, so that the index's own size shows (not garbage).
v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;
function heapUsed(): number {
  gc();
  return process.memoryUsage().heapUsed;
}

function timeGrouping(label: string, docs: Doc[]): void {
  // Baseline: analysing every text once (what any text comparison must at least do); best of 3.
  let baseline = Infinity;
  let terms = 0;
  for (let round = 0; round < (docs.length > 50_000 ? 1 : 3); round++) {
    const b0 = process.hrtime.bigint();
    for (const d of docs) terms += analyse(d.text).length;
    baseline = Math.min(baseline, ms(b0));
  }
  const h0 = heapUsed();
  const t0 = process.hrtime.bigint();
  const index = buildIndex(docs, OVERRIDE);
  const indexMs = ms(t0);
  const heapIndex = heapUsed() - h0;
  const t1 = process.hrtime.bigint();
  const groups = groupIndex(index, OVERRIDE);
  const groupMs = ms(t1);
  void index;
  const total = indexMs + groupMs;
  const grouped = groups.reduce((s, g) => s + g.ids.length, 0);
  console.log(
    `${label.padEnd(22)} ${String(docs.length).padStart(7)} | baseline ${baseline.toFixed(0).padStart(6)} ms | index ${indexMs.toFixed(0).padStart(6)} ms | ` +
      `groups ${groupMs.toFixed(0).padStart(6)} ms | total ${total.toFixed(0).padStart(6)} ms = ${(total / baseline).toFixed(1).padStart(5)} × baseline | ` +
      `${groups.length} groups, ${grouped} contributions grouped | index in memory ${mb(heapIndex)} MB, process max RSS ${mb(process.resourceUsage().maxRSS * 1024)} MB`,
  );
  void terms;
}

const OVERRIDE: Partial<GroupOptions> = JSON.parse(arg('--options') ?? '{}') as Partial<GroupOptions>;

function scoreLine(name: string, docs: Doc[], labelOf: Map<number, string | null>, options: Partial<GroupOptions>): string {
  const s = pairwiseScores(suggestGroups(docs, options === BEFORE ? options : { ...OVERRIDE, ...options }), labelOf);
  return `${name.padEnd(8)} P ${pct(s.precision).padStart(7)}  R ${pct(s.recall).padStart(7)}  F1 ${pct(s.f1).padStart(7)}  (${s.truePairs} right of ${s.predictedPairs} pairs suggested, ${s.expectedPairs} expected)`;
}

function main(): void {
  const sizes = (arg('--sizes') ?? '1091,10000,100000').split(',').map(Number);
  console.log('Similarity benchmark — settings:', JSON.stringify({ ...DEFAULT_OPTIONS, ...OVERRIDE }));
  console.log('\n== Quality: pairwise precision / recall / F1 of suggested groups ==');
  const file = readLabelled();
  for (const split of process.argv.includes('--no-blind') ? (['train', 'dev'] as const) : (['train', 'dev', 'blind'] as const)) {
    const set = labelledSet(file, split);
    if (!set.docs.length) continue;
    console.log(`-- ${split}: ${set.groups} groups, ${set.docs.length} texts (${DEFAULT_LABELLED_FILE.split('/').slice(-3).join('/')})`);
    console.log(`   before  ${scoreLine(split, set.docs, set.labelOf, BEFORE)}`);
    console.log(`   now     ${scoreLine(split, set.docs, set.labelOf, {})}`);
  }
  const heldOut = arg('--labelled');
  if (heldOut) {
    const set = labelledSet(readLabelled(heldOut), 'all');
    console.log(`-- held-out ${heldOut}: ${set.groups} groups, ${set.docs.length} texts`);
    console.log(`   before  ${scoreLine('held-out', set.docs, set.labelOf, BEFORE)}`);
    console.log(`   now     ${scoreLine('held-out', set.docs, set.labelOf, {})}`);
  }
  knowledgeFigures(file, heldOut);
  const demo = demoContributions();
  console.log('-- demo: the 1 091 raw contributions against the ambassadors’ consolidation (whole links)');
  console.log(`   before  ${scoreLine('demo', demo.docs, demo.consolidatedOf, BEFORE)}`);
  console.log(`   now     ${scoreLine('demo', demo.docs, demo.consolidatedOf, {})}`);
  if (process.argv.includes('--quality-only')) return;

  console.log('\n== Speed: index + grouping, against analysing the same texts once ==');
  for (const n of sizes) {
    if (n === 1091) timeGrouping('demo contributions', demo.docs);
    else timeGrouping('generated', generated(n, 20261129 + n));
  }
}

/**
 * Issue 11: each split without the consultation's knowledge, with its glossary, and with the
 * associations learned from the demo; then the assisted figure. The blind sets are only measured.
 */
function knowledgeFigures(file: ReturnType<typeof readLabelled>, heldOut: string | undefined): void {
  const POST_IT = path.resolve(__dirname, '..', '..', 'bench', 'labelled', 'post-it.json');
  const sets: Array<[string, ReturnType<typeof readLabelled>, string]> = [['train', file, 'train'], ['dev', file, 'dev']];
  if (!process.argv.includes('--no-blind')) sets.push(['blind', file, 'blind'], ['post-it', readLabelled(POST_IT), 'all']);
  if (heldOut) sets.push(['held-out', readLabelled(heldOut), 'all']);
  const glossary = demoKnowledge(false);
  const learned = demoKnowledge(true);
  console.log(`\n== Issue 11: raw-to-raw groups without / with the glossary / with learning from the demo (${learned.associations.size} terms associated) ==`);
  for (const [name, f, split] of sets) {
    const set = labelledSet(f, split as 'all');
    const blind = name === 'blind' || name === 'post-it' || name === 'held-out';
    const rows: Array<[string, ReturnType<typeof groupQuality>]> = [
      ['none    ', groupQuality(set.docs, set.labelOf, OVERRIDE)],
      ['glossary', groupQuality(set.docs, set.labelOf, { ...OVERRIDE, knowledge: glossary })],
      ['learned ', groupQuality(set.docs, set.labelOf, { ...OVERRIDE, knowledge: learned })],
    ];
    for (const [k, q] of rows) console.log(`   ${name.padEnd(8)} ${k} ${q.line}${blind ? `  ${groupGoal(q)}` : ''}`);
  }
  console.log('\n== Issue 11: assisted — first text of each topic placed by hand, the others (and distractors) ranked against those ==');
  for (const [name, f, split] of sets) {
    const blind = name === 'blind' || name === 'post-it' || name === 'held-out';
    const before = assisted(f, split, undefined, true);
    const after = assisted(f, split, learned);
    console.log(`   ${name.padEnd(8)} before  ${before.line}`);
    console.log(`   ${name.padEnd(8)} now     ${after.line}${blind ? `  ${assistedGoal(after)}` : ''}`);
  }
}

main();
