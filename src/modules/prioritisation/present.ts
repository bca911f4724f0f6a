import { BOM, csvLine } from '../../shared/csv';
import { utcToParis } from '../../shared/paris-time';
import type { PriorityLine, PriorityResults } from '../stats';
import type { VotableNeed } from './queries';
import { pointsField, remainingPoints, type TypedBallot } from './rules';

/**
 * Pure view models of the prioritisation (unit-tested): the ballot form grouped by theme, and the
 * results as CSV (French Excel: UTF-8 with BOM, semicolons, CRLF, cells neutralised) and JSON.
 */

export interface BallotTheme {
  code: string;
  title: string;
  needs: Array<{ id: number; code: string; title: string; field: string; value: string }>;
}

/** The ballot form: each theme's needs with the value to show (as typed, else the saved points, else empty). */
export function ballotForm(needs: readonly VotableNeed[], values: Record<string, unknown>): BallotTheme[] {
  const themes: BallotTheme[] = [];
  for (const n of needs) {
    let theme = themes.find((t) => t.code === n.theme_code);
    if (!theme) themes.push((theme = { code: n.theme_code, title: n.theme_title, needs: [] }));
    const field = pointsField(n.id);
    const v = values[field];
    theme.needs.push({ id: n.id, code: n.code, title: n.title, field, value: typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '' });
  }
  return themes;
}

/** The saved points of a ballot as form values (0 shown as empty). */
export function savedValues(lines: ReadonlyMap<number, number>): Record<string, string> {
  return Object.fromEntries([...lines].filter(([, p]) => p > 0).map(([id, p]) => [pointsField(id), String(p)]));
}

/** The form values as a typed ballot (to count what is left). */
export function typedFromValues(values: Record<string, unknown>): TypedBallot {
  const out = new Map<number, string>();
  for (const [k, v] of Object.entries(values)) {
    const m = /^points_(\d+)$/.exec(k);
    if (m && typeof v === 'string') out.set(Number(m[1]), v);
  }
  return out;
}

export const remainingOf = (values: Record<string, unknown>, budget: number) => remainingPoints(typedFromValues(values), budget);

const parisStamp = (d: Date) => {
  const { day, time } = utcToParis(d);
  return `${day} ${time}`;
};

type Row = [string, string, number, string, string, string, number, number];

function rowsOf(group: string, category: string, lines: readonly PriorityLine[]): Row[] {
  return lines.map((l) => [group, category, l.rank, l.code, l.title, l.themeTitle, l.points, l.voters]);
}

/** Every ranking of the results as flat rows: overall, then per theme, region, role. */
export function resultRows(r: PriorityResults): Row[] {
  return [
    ...rowsOf('Ensemble', 'Tous les votes', r.overall),
    ...r.byTheme.flatMap((g) => rowsOf('Thématique', g.label, g.lines)),
    ...r.byRegion.flatMap((g) => rowsOf('Région', g.label, g.lines)),
    ...r.byRole.flatMap((g) => rowsOf('Rôle', g.label, g.lines)),
  ];
}

export const CSV_HEADER = ['Regroupement', 'Catégorie', 'Rang', 'Besoin', 'Intitulé', 'Thématique', 'Points', 'Votants'];

/** The results for French spreadsheets: UTF-8 with BOM, semicolons, CRLF line ends, every cell neutralised. */
export function resultsCsv(r: PriorityResults): string {
  return BOM + [CSV_HEADER, ...resultRows(r)].map(csvLine).join('\r\n') + '\r\n';
}

const jsonLines = (lines: readonly PriorityLine[]) => lines.map((l) => ({ rang: l.rank, besoin: l.code, intitule: l.title, thematique: l.themeTitle, points: l.points, votants: l.voters }));

/** The results as JSON: aggregates only (no voter is named). */
export function resultsJson(
  step: { id: number; title: string; starts_at: Date; ends_at: Date; budget: number },
  consultation: { slug: string; title: string },
  r: PriorityResults,
  at: Date = new Date(),
) {
  const groups = (gs: PriorityResults['byRegion']) => gs.map((g) => ({ code: g.key, libelle: g.label, bulletins: g.ballots, points: g.points, classement: jsonLines(g.lines) }));
  return {
    consultation: { slug: consultation.slug, titre: consultation.title },
    priorisation: { id: step.id, titre: step.title, debut: parisStamp(step.starts_at), fin: parisStamp(step.ends_at), fuseau: 'Europe/Paris', points_par_personne: step.budget },
    calcule_le: at.toISOString(),
    bulletins: r.ballots,
    points_attribues: r.points,
    classement: jsonLines(r.overall),
    par_thematique: groups(r.byTheme),
    par_region: groups(r.byRegion),
    par_role: groups(r.byRole),
  };
}
