import type { ChartData } from '../../shared/charts';
import type { CloudData } from '../../shared/cloud';
import { BOM, csvLine } from '../../shared/csv';
import { formatNumber, formatOneDecimal, plural, t } from '../../shared/i18n';
import type { RegionMapData } from '../../shared/map';
import { filterQuery, type SelectionFilter } from '../contributions';
import type { CloudTerm } from './word-cloud';
import type { RegionFigures } from './figures';
import type { BreakdownLine } from './queries';
import type { Funnel, ParticipationFigures } from './figures';

/**
 * Pure presentation of the figures (unit-tested): shares and bar lengths for the charts, and the
 * flat rows of the CSV and JSON exports. No database here.
 */

export interface ChartLine extends BreakdownLine {
  /** Share of the total, 0–1. */
  share: number;
  /** Bar length in whole percent of the longest bar (0–100): the CSS class `bar-<n>` draws it. */
  bar: number;
}

/** Bar length of `count` against the longest bar, in whole percent; a non-zero count always shows. */
export function barLength(count: number, max: number): number {
  if (count <= 0 || max <= 0) return 0;
  return Math.min(100, Math.max(1, Math.round((count / max) * 100)));
}

export function chartLines(lines: BreakdownLine[]): ChartLine[] {
  const total = lines.reduce((n, l) => n + l.count, 0);
  const max = lines.reduce((m, l) => Math.max(m, l.count), 0);
  return lines.map((l) => ({ ...l, share: total > 0 ? l.count / total : 0, bar: barLength(l.count, max) }));
}

/**
 * The funnel's steps: each gathers the one before (raw contributions consolidated, consolidated ones
 * grouped into needs). Proposals are not a step: a need is detailed into one or more proposals, so
 * they are given beside the funnel, per need (`proposalsBeside`), never as a share of the needs.
 */
export const FUNNEL_STEPS = ['rawContributions', 'consolidatedContributions', 'needs'] as const;

/** The funnel's steps in order, each with its label and its ratio to the step before (null for the first). */
export function funnelSteps(funnel: Funnel): Array<{ key: (typeof FUNNEL_STEPS)[number]; label: string; count: number; ratioToPrevious: number | null }> {
  return FUNNEL_STEPS.map((key, i) => {
    const previous = i === 0 ? null : funnel[FUNNEL_STEPS[i - 1]!];
    return {
      key,
      label: t(`stats.funnel.${key}`),
      count: funnel[key],
      ratioToPrevious: previous === null ? null : previous > 0 ? funnel[key] / previous : 0,
    };
  });
}

/** The proposals beside the funnel: how many, and how many per need (null while there is no need). */
export function proposalsBeside(funnel: Funnel): { label: string; count: number; perNeed: number | null; text: string } {
  const perNeed = funnel.needs > 0 ? funnel.functionalProposals / funnel.needs : null;
  const count = funnel.functionalProposals;
  const what = count > 1 ? 'propositions fonctionnelles' : 'proposition fonctionnelle';
  return {
    label: t('stats.funnel.functionalProposals'),
    count,
    perNeed,
    text: `${formatNumber(count)} ${what}${perNeed === null ? '' : `, soit ${formatOneDecimal(perNeed)} par besoin`}`,
  };
}

/**
 * The figures an editorial text may name (`{{ateliers}}`, …): each is one of this module's figures,
 * so a text that names it always says what the figures page says. Names are in French, lowercase.
 */
export const FIGURE_NAMES = {
  ateliers: 'Ateliers tenus',
  participants: 'Participants',
  contributions_brutes: 'Contributions brutes',
  contributions_consolidees: 'Contributions consolidées',
  besoins: 'Besoins',
  propositions: 'Propositions fonctionnelles',
  ambassadeurs: 'Ambassadeurs',
  regions: 'Régions où un atelier s’est tenu',
} as const;
export type FigureName = keyof typeof FIGURE_NAMES;

export function isFigureName(name: string): name is FigureName {
  return Object.prototype.hasOwnProperty.call(FIGURE_NAMES, name);
}

/** Each named figure's value, from the functions that compute them (participationFigures, ambassadors, workshopsByRegion). */
export function namedFigures(f: { workshopsHeld: number; participants: number; funnel: Funnel; ambassadors: number; regions: number }): Record<FigureName, number> {
  return {
    ateliers: f.workshopsHeld,
    participants: f.participants,
    contributions_brutes: f.funnel.rawContributions,
    contributions_consolidees: f.funnel.consolidatedContributions,
    besoins: f.funnel.needs,
    propositions: f.funnel.functionalProposals,
    ambassadeurs: f.ambassadors,
    regions: f.regions,
  };
}

/** [indicator, category, value] rows, in the order of the page. */
export function figureRows(f: ParticipationFigures): Array<[string, string, number]> {
  const rows: Array<[string, string, number]> = [
    [t('stats.workshopsHeld'), '', f.workshopsHeld],
    [t('stats.participants'), '', f.participants],
    [t('stats.funnel.rawContributions'), '', f.rawContributions],
  ];
  for (const l of f.byTheme) rows.push([t('stats.byTheme'), l.label, l.count]);
  for (const l of f.byRegion) rows.push([t('stats.byRegion'), l.label, l.count]);
  for (const l of f.bySource) rows.push([t('stats.bySource'), l.label, l.count]);
  for (const s of funnelSteps(f.funnel)) rows.push([t('stats.funnel'), s.label, s.count]);
  rows.push([t('stats.funnel'), t('stats.funnel.functionalProposals'), f.funnel.functionalProposals]);
  return rows;
}


/** The figures as CSV for French spreadsheets: UTF-8 with BOM, semicolons, CRLF line ends. */
export function figuresCsv(f: ParticipationFigures): string {
  const lines = [[t('stats.csv.indicator'), t('stats.csv.category'), t('stats.csv.value')], ...figureRows(f)];
  return BOM + lines.map(csvLine).join('\r\n') + '\r\n';
}

/** The figures as open data (aggregates only: no personal data). */
export function figuresJson(f: ParticipationFigures, consultation: { slug: string; title: string }, at: Date = new Date()) {
  const lines = (ls: BreakdownLine[]) => ls.map((l) => ({ code: l.key, libelle: l.label, contributions: l.count }));
  return {
    consultation: { slug: consultation.slug, titre: consultation.title },
    calcule_le: at.toISOString(),
    ateliers_tenus: f.workshopsHeld,
    participants: f.participants,
    contributions_brutes: f.rawContributions,
    par_thematique: lines(f.byTheme),
    par_region: lines(f.byRegion),
    par_source: lines(f.bySource),
    entonnoir: {
      contributions_brutes: f.funnel.rawContributions,
      contributions_consolidees: f.funnel.consolidatedContributions,
      besoins: f.funnel.needs,
      propositions_fonctionnelles: f.funnel.functionalProposals,
    },
  };
}

// ---- The word cloud and the map of the regions --------------------------------------------------

/** The cloud as a chart of shared/cloud: the terms and a description that gives the most used ones in words. */
export function cloudChart(id: string, terms: CloudTerm[], scope: string, contributions: number): CloudData {
  const top = terms.slice(0, 10).map((t) => `${t.text} (${formatNumber(t.count)})`).join(', ');
  const description = terms.length
    ? `Les ${formatNumber(terms.length)} mots et expressions les plus employés dans ${plural(contributions, '# contribution', '# contributions')} (${scope}) ; plus un terme est grand, plus de contributions l’emploient. Les plus employés : ${top}.`
    : `Aucun mot à afficher pour ${scope}.`;
  return { id, title: `Nuage de mots — ${scope}`, description, terms: terms.map((t) => ({ text: t.text, count: t.count })) };
}

/** Each term with the address of the contributions list filtered by it (the selection's other filters kept). */
export function termLinks(terms: CloudTerm[], slug: string, filter: SelectionFilter): Array<CloudTerm & { href: string }> {
  return terms.map((t) => {
    const q = filter.q ? `${filter.q} ${t.text}` : t.text;
    return { ...t, href: `/consultations/${encodeURIComponent(slug)}/contributions?${filterQuery({ ...filter, q: q.slice(0, 200) })}` };
  });
}

/** What a selection is, in words: « toute la consultation », « thématique Accompagnement, région Bretagne »… */
export function scopeLabel(filter: SelectionFilter, names: { theme?: string; workshop?: string }): string {
  const parts: string[] = [];
  if (filter.theme === 'a_classer') parts.push(`contributions ${t('stats.unclassified').toLowerCase()}`);
  else if (filter.theme !== null) parts.push(`thématique « ${names.theme ?? filter.theme} »`);
  if (filter.workshop !== null) parts.push(`atelier « ${names.workshop ?? filter.workshop} »`);
  if (filter.region) parts.push(`région ${filter.region}`);
  if (filter.source) parts.push(`source : ${t(`stats.source.${filter.source}`)}`);
  if (filter.status) parts.push(`statut ${filter.status.replace(/_/g, ' ')}`);
  if (filter.from) parts.push(`depuis le ${filter.from.split('-').reverse().join('/')}`);
  if (filter.to) parts.push(`jusqu’au ${filter.to.split('-').reverse().join('/')}`);
  if (filter.q) parts.push(`recherche « ${filter.q} »`);
  return parts.length ? parts.join(', ') : 'toute la consultation';
}

export const MAP_MEASURES = ['contributions', 'workshops', 'participants'] as const;
export type MapMeasure = (typeof MAP_MEASURES)[number];

const MEASURE_WORDS: Record<MapMeasure, { title: string; unit: string; what: string }> = {
  contributions: { title: 'Contributions par région', unit: 'contributions', what: 'contributions brutes (où elles ont été dites : l’atelier, sinon la structure de l’auteur)' },
  workshops: { title: 'Ateliers tenus par région', unit: 'ateliers', what: 'ateliers tenus (région de la structure organisatrice)' },
  participants: { title: 'Participants par région', unit: 'participants', what: 'participants aux ateliers tenus dans la région' },
};

/** One measure of the regions' figures as a map of shared/map. */
export function regionMapData(figures: RegionFigures, measure: MapMeasure, id = `carte-${measure}`): RegionMapData {
  const words = MEASURE_WORDS[measure];
  const values = figures.regions.map((l) => ({ code: l.code!, value: l[measure] }));
  const listed = figures.regions.map((l) => `${l.region} : ${formatNumber(l[measure])}`).join(' ; ');
  return {
    id,
    title: words.title,
    unit: words.unit,
    description: `Carte des régions de France (outre-mer en encarts), colorée selon le nombre de ${words.what}. Chaque région porte sa valeur, reprise dans le tableau. En chiffres : ${listed}.`,
    values,
  };
}

// ---- Charts of the DSI's consultation dashboard -----------------------------------------------

/**
 * The funnel as a chart of shared/charts — the one chart of the dashboard, the figures page and the
 * white paper (HTML and PDF): centred bars for the steps of funnelSteps, each as wide as its count, and
 * the proposals written beside them (per need), not drawn as a step.
 */
export function funnelChart(funnel: Funnel, id = 'graphique-entonnoir'): ChartData {
  const steps = funnelSteps(funnel);
  const proposals = proposalsBeside(funnel);
  return {
    id,
    title: t('stats.funnel'),
    description:
      `Entonnoir de la consolidation : chaque barre est proportionnelle à son nombre, et chaque étape regroupe la précédente — ` +
      `${steps.map((s) => `${formatNumber(s.count)} ${s.label.toLowerCase()}`).join(', puis ')}. ` +
      `Les propositions fonctionnelles détaillent les besoins sans les regrouper : elles sont indiquées à côté, sans barre (${proposals.text}).`,
    kind: 'funnel',
    items: steps.map((s) => ({ label: s.label.toLowerCase(), value: s.count })),
    aside: `et ${proposals.text}`,
  };
}

/** Contributions per week as a bar chart (one bar per week, empty weeks included); the page repeats them in a table. */
export function weeksChart(weeks: BreakdownLine[], id = 'graphique-semaines'): ChartData {
  const total = weeks.reduce((n, w) => n + w.count, 0);
  const busiest = weeks.reduce<BreakdownLine | null>((b, w) => (!b || w.count > b.count ? w : b), null);
  return {
    id,
    title: t('stats.byWeek'),
    description: weeks.length
      ? `${formatNumber(total)} contributions brutes sur ${plural(weeks.length, '# semaine', '# semaines')}, de la ${weeks[0]!.label.toLowerCase()} à la ${weeks[weeks.length - 1]!.label.toLowerCase()} ; la plus chargée : ${busiest!.label.toLowerCase()} (${formatNumber(busiest!.count)}). Chaque semaine est dans le tableau qui suit.`
      : 'Aucune contribution pour l’instant.',
    kind: 'bars',
    items: weeks.map((w) => ({ label: w.label, value: w.count })),
  };
}
