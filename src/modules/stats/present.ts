import { BOM, csvLine } from '../../shared/csv';
import { t } from '../../shared/i18n';
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

export const FUNNEL_STEPS = ['rawContributions', 'consolidatedContributions', 'needs', 'functionalProposals'] as const;

/** The funnel's steps in order, each with its label and its ratio to the step before (null for the first). */
export function funnelSteps(funnel: Funnel): Array<{ key: keyof Funnel; label: string; count: number; ratioToPrevious: number | null }> {
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
