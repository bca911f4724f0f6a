import { formatDate, formatNumber, plural } from '../../shared/i18n';
import { allNeeds, anchorOf, DOCUMENT_FORMAT, type DocumentTrace, type WhitePaperDocument } from './document';
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
  for (const th of doc.themes) {
    if (th.needs.length && !th.introMd.trim()) {
      const id = themeIdOf(th.code);
      missing.push({ field: id ? `intro_${id}` : '', message: `L’introduction de la thématique « ${th.title} » n’est pas rédigée.` });
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
