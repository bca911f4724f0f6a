import { formatDate, formatNumber, plural } from '../../shared/i18n';
import { placeholdersIn } from '../../shared/markdown';
import { FIGURE_NAMES, isFigureName, namedFigures, type FigureName } from '../stats';
import { allNeeds, anchorOf, DOCUMENT_FORMAT, type DocumentFigures, type DocumentTrace, type WhitePaperDocument } from './document';
import type { ContentFields } from './queries';

/** Pure rules of the white paper (unit-tested): what is missing before publishing, what changed between editions. */

export interface MissingItem {
  /** The form field to fix (its id on the editorial page), or '' when it is not a field. */
  field: string;
  message: string;
}

/** The sections the DSI writes, with the message shown while each is empty (the subtitle is optional). */
export const REQUIRED_SECTIONS: Array<{ key: Exclude<keyof ContentFields, 'word_cloud'>; missing: string }> = [
  { key: 'title', missing: 'Le titre n’est pas renseigné.' },
  { key: 'foreword_md', missing: 'L’avant-propos n’est pas rédigé.' },
  { key: 'method_md', missing: 'La méthode n’est pas rédigée.' },
  { key: 'conclusion_md', missing: 'La conclusion n’est pas rédigée.' },
  { key: 'acknowledgements_md', missing: 'Les remerciements ne sont pas rédigés.' },
];

const SECTION_LABELS: Record<string, string> = { foreword_md: 'L’avant-propos', method_md: 'La méthode', conclusion_md: 'La conclusion', acknowledgements_md: 'Les remerciements' };

/** What the publication rules read of a document's themes: enough to be had without assembling it. */
export interface OutlineTheme {
  code: string;
  title: string;
  introMd: string;
  needs: readonly unknown[];
}

/**
 * The themes the white paper would show, in order, from its publishable needs alone: what the editorial
 * page needs to list what is missing, without the traces, quotes and figures of a full assembly.
 */
export function outlineOf(themes: ReadonlyArray<{ id: number; code: string; title: string }>, intros: Map<number, string>, needs: ReadonlyArray<{ themeId: number }>): OutlineTheme[] {
  return themes
    .map((th) => ({ code: th.code, title: th.title, introMd: intros.get(th.id) ?? '', needs: needs.filter((n) => n.themeId === th.id) }))
    .filter((th) => th.needs.length > 0);
}

// ---- Figures named in the editorial text, and numbers left over from the previous edition ----

/** The document's figures by the names an editorial text uses (`{{ateliers}}`…). */
export function documentFigureValues(f: DocumentFigures): Record<FigureName, number> {
  return namedFigures({
    workshopsHeld: f.workshops,
    participants: f.participants,
    funnel: { rawContributions: f.rawContributions, consolidatedContributions: f.consolidatedContributions, needs: f.needs, functionalProposals: f.proposals },
    ambassadors: f.ambassadors,
    regions: f.regions,
  });
}

/** « {{ateliers}}, {{participants}}, … »: the names an editorial text may use. */
export const knownFigureList = (): string => Object.keys(FIGURE_NAMES).map((n) => `{{${n}}}`).join(', ');

/** The message for a text naming figures that do not exist, or null when every name is known. */
export function unknownFiguresMessage(label: string, md: string): string | null {
  const unknown = placeholdersIn(md).filter((n) => !isFigureName(n));
  if (!unknown.length) return null;
  const names = unknown.map((n) => `{{${n}}}`).join(', ');
  return `${label} nomme ${unknown.length > 1 ? 'des chiffres inconnus' : 'un chiffre inconnu'} : ${names}. Chiffres disponibles : ${knownFigureList()}.`;
}

/** One editorial text, as the DSI wrote it (names not yet replaced). */
export interface EditorialText {
  /** The form field (its id on the editorial page). */
  field: string;
  /** « La méthode », « Introduction — Outils »… */
  label: string;
  md: string;
}

/** A number written in an editorial text that was a figure of the previous edition and is no longer one. */
export interface StaleNumber {
  /** What the DSI confirms: the text and the number (stable while neither changes). */
  key: string;
  field: string;
  label: string;
  /** The sentence that carries it, as written. */
  sentence: string;
  number: number;
  /** The figures it was in the previous edition, with their value now. */
  figures: Array<{ name: FigureName; label: string; now: number }>;
}

// A whole number as the French write it: « 1091 », « 1 091 » (space, no-break or narrow no-break
// space between thousands); not part of a decimal (« 1,8 »), a date (« 13/03 ») or a code (« B-01.2 »).
const WRITTEN_NUMBER = /(?<![\d.,/\-])(\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d+)(?![\d/]|[.,]\d)/g;

/** Every whole number written in a text, with where it stands. */
export function writtenNumbers(text: string): Array<{ value: number; index: number; length: number }> {
  return [...text.matchAll(WRITTEN_NUMBER)].map((m) => ({ value: Number(m[1]!.replace(/[ \u00a0\u202f]/g, '')), index: m.index!, length: m[0].length }));
}

/** The sentence around a position: from the end of the previous sentence (or line) to the end of this one. */
export function sentenceAt(text: string, index: number): string {
  const before = text.slice(0, index);
  const start = Math.max(before.search(/[^.!?…\n]*$/), 0);
  const rest = text.slice(index).search(/[.!?…](\s|$)|\n/);
  const end = rest === -1 ? text.length : index + rest + 1;
  return text.slice(start, end).replace(/\s+/g, ' ').trim();
}

/**
 * The numbers an edition would repeat from the previous one although the figures moved: a number
 * written in the editorial text that equals a figure of the previous edition which has changed since,
 * and equals no figure of this one. Names (`{{ateliers}}`) are always current and never reported.
 */
export function staleNumbers(texts: readonly EditorialText[], previous: Record<FigureName, number>, current: Record<FigureName, number>): StaleNumber[] {
  const currentValues = new Set(Object.values(current));
  const moved = new Map<number, FigureName[]>();
  for (const name of Object.keys(previous) as FigureName[]) {
    if (previous[name] === current[name] || currentValues.has(previous[name])) continue;
    moved.set(previous[name], [...(moved.get(previous[name]) ?? []), name]);
  }
  const out: StaleNumber[] = [];
  for (const t of texts) {
    const text = t.md.replace(/\{\{[^{}\n]*\}\}/g, (m) => ' '.repeat(m.length));
    const seen = new Set<number>();
    for (const n of writtenNumbers(text)) {
      const names = moved.get(n.value);
      if (!names || seen.has(n.value)) continue;
      seen.add(n.value);
      out.push({
        key: `${t.field}:${n.value}`,
        field: t.field,
        label: t.label,
        sentence: sentenceAt(t.md, n.index),
        number: n.value,
        figures: names.map((name) => ({ name, label: FIGURE_NAMES[name], now: current[name] })),
      });
    }
  }
  return out;
}

/** The editorial texts the stale-number check reads, in the order of the form. */
export function editorialTexts(content: ContentFields, intros: ReadonlyMap<number, string>, themes: ReadonlyArray<{ id: number; title: string }>): EditorialText[] {
  return [
    { field: 'foreword_md', label: 'Avant-propos', md: content.foreword_md },
    { field: 'method_md', label: 'La méthode', md: content.method_md },
    { field: 'conclusion_md', label: 'Conclusion', md: content.conclusion_md },
    { field: 'acknowledgements_md', label: 'Remerciements', md: content.acknowledgements_md },
    ...themes.map((th) => ({ field: `intro_${th.id}`, label: `Introduction — ${th.title}`, md: intros.get(th.id) ?? '' })),
  ];
}

/**
 * Everything that stops a publication, in the order of the document. The subtitle is optional; every
 * other section must be written, and so must the introduction of every theme that has needs to publish.
 */
export function missingForPublication(content: ContentFields, doc: { themes: readonly OutlineTheme[] }, themeIdOf: (code: string) => number | undefined): MissingItem[] {
  const missing: MissingItem[] = [];
  if (!doc.themes.some((th) => th.needs.length > 0)) {
    missing.push({ field: '', message: 'Aucun besoin validé ayant au moins une proposition validée : le livre blanc serait vide.' });
  }
  for (const section of REQUIRED_SECTIONS) if (!content[section.key].trim()) missing.push({ field: section.key, message: section.missing });
  // A name saved before it was checked, or a figure renamed since: the text would print the braces.
  for (const section of REQUIRED_SECTIONS) {
    const unknown = section.key === 'title' ? null : unknownFiguresMessage(SECTION_LABELS[section.key] ?? section.key, content[section.key]);
    if (unknown) missing.push({ field: section.key, message: unknown });
  }
  for (const th of doc.themes) {
    if (th.needs.length && !th.introMd.trim()) {
      const id = themeIdOf(th.code);
      missing.push({ field: id ? `intro_${id}` : '', message: `L’introduction de la thématique « ${th.title} » n’est pas rédigée.` });
    }
    const unknown = unknownFiguresMessage(`L’introduction de la thématique « ${th.title} »`, th.introMd);
    if (unknown) {
      const id = themeIdOf(th.code);
      missing.push({ field: id ? `intro_${id}` : '', message: unknown });
    }
  }
  return missing;
}

/** « Issu de 14 contributions, 6 ateliers, 4 régions » — French plurals, zero parts left out. */
export function traceLine(trace: DocumentTrace): string {
  const parts = [plural(trace.rawContributions, '# contribution', '# contributions')];
  if (trace.workshops > 0) parts.push(plural(trace.workshops, '# atelier', '# ateliers'));
  if (trace.regions > 0) parts.push(plural(trace.regions, '# région', '# régions'));
  return `Issu de ${parts.join(', ')}`;
}

/**
 * The sentence that opens the ambassadors' appendix: how many there were (the figure of the figures
 * page) and how many chose to be named, so that a list shorter than the figure never reads as a mistake.
 */
export function ambassadorsNote(total: number, named: number): string {
  const people = (n: number, one: string, many: string) => `${formatNumber(n)} ${n > 1 ? many : one}`;
  if (total === 0) return 'Aucun ambassadeur n’a été retenu pour cette consultation.';
  const head = `${people(total, 'ambassadeur a accompagné', 'ambassadeurs ont accompagné')} la consultation et consolidé les contributions`;
  if (named === total) return `${head} ; ${total > 1 ? 'tous ont choisi' : 'il a choisi'} d’être nommé${total > 1 ? 's' : ''} ci-dessous.`;
  const unnamed = total - named;
  if (named === 0) return `${head} ; aucun n’a choisi d’être nommé dans ce document.`;
  return `${head} ; ${formatNumber(named)} ${named > 1 ? 'ont choisi' : 'a choisi'} d’être nommé${named > 1 ? 's' : ''} ci-dessous, ${formatNumber(unnamed)} ${unnamed > 1 ? 'ne l’ont pas souhaité' : 'ne l’a pas souhaité'}.`;
}

/** « Priorité du réseau : 1re de la thématique, 345 points » (a need's place by the prioritisation). */
export function priorityLine(priority: { rank: number; points: number }): string {
  const ordinal = priority.rank === 1 ? '1re' : `${formatNumber(priority.rank)}e`;
  return `Priorité du réseau : ${ordinal} de la thématique, ${plural(priority.points, '# point', '# points')}`;
}

/** The sentence under each theme's introduction when its needs are ordered by points. */
export function prioritisationNote(p: { title: string; endsAt: string; ballots: number; budget: number }): string {
  return `Les besoins de cette thématique sont présentés du plus au moins prioritaire selon la priorisation « ${p.title} » (close le ${formatDate(p.endsAt)}, ${plural(p.ballots, '# votant', '# votants')}, ${plural(p.budget, '# point', '# points')} chacun).`;
}

// ---- Changelog between two editions ----

export interface ChangeRef {
  code: string;
  title: string;
  anchor: string;
}
export interface ChangedRef extends ChangeRef {
  /** What changed, in French: « titre », « description », « thématique »… */
  what: string[];
}
export interface ChangeSet {
  added: ChangeRef[];
  changed: ChangedRef[];
  removed: ChangeRef[];
}
export interface Changelog {
  needs: ChangeSet;
  proposals: ChangeSet;
}

/**
 * What changed from edition `before` to edition `after`, need by need and proposal by proposal, matched
 * by their public code (the identity readers quote). A renumbered need reads as removed and added.
 */
export function changelog(before: WhitePaperDocument, after: WhitePaperDocument): Changelog {
  const needsBefore = new Map(allNeeds(before).map((n) => [n.code, n]));
  const needsAfter = new Map(allNeeds(after).map((n) => [n.code, n]));
  const needs = diff(needsBefore, needsAfter, 'besoin', (a, b) => [
    a.title !== b.title ? 'titre' : '',
    a.descriptionMd !== b.descriptionMd ? 'description' : '',
    a.themeCode !== b.themeCode ? 'thématique' : '',
    a.quotes.map((q) => q.text).join('\n') !== b.quotes.map((q) => q.text).join('\n') ? 'citations' : '',
  ]);
  const proposalsOf = (d: WhitePaperDocument) => new Map(allNeeds(d).flatMap((n) => n.proposals.map((p) => [p.code, { ...p, needCode: n.code }] as const)));
  const proposals = diff(proposalsOf(before), proposalsOf(after), 'proposition', (a, b) => [
    a.title !== b.title ? 'titre' : '',
    a.descriptionMd !== b.descriptionMd ? 'description' : '',
    a.priority !== b.priority ? 'priorité' : '',
    a.targetStream !== b.targetStream ? 'chantier' : '',
    a.needCode !== b.needCode ? 'besoin' : '',
  ]);
  return { needs, proposals };
}

function diff<T extends { code: string; title: string }>(
  before: Map<string, T>,
  after: Map<string, T>,
  kind: 'besoin' | 'proposition',
  compare: (a: T, b: T) => string[],
): ChangeSet {
  const ref = (x: T): ChangeRef => ({ code: x.code, title: x.title, anchor: anchorOf(kind, x.code) });
  const out: ChangeSet = { added: [], changed: [], removed: [] };
  for (const [code, b] of after) {
    const a = before.get(code);
    if (!a) out.added.push(ref(b));
    else {
      const what = compare(a, b).filter(Boolean);
      if (what.length) out.changed.push({ ...ref(b), what });
    }
  }
  for (const [code, a] of before) if (!after.has(code)) out.removed.push(ref(a));
  const byCode = (x: ChangeRef, y: ChangeRef) => x.code.localeCompare(y.code, 'fr', { numeric: true });
  out.added.sort(byCode);
  out.changed.sort(byCode);
  out.removed.sort(byCode);
  return out;
}

/** An edition's snapshot read back; null when it is not a document this version can render. */
export function readSnapshot(json: string): WhitePaperDocument | null {
  try {
    const doc = JSON.parse(json) as WhitePaperDocument;
    return doc && doc.format === DOCUMENT_FORMAT && Array.isArray(doc.themes) ? doc : null;
  } catch {
    return null;
  }
}
