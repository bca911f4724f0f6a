import { stepChartSvg } from '../../shared/charts';
import { formatDate, formatPercent } from '../../shared/i18n';
import { uptakeBy, uptakeOf, uptakeOverTime, type Uptake, type UptakeLine, type UptakePoint } from '../stats';
import type { FollowedRow } from './reads';
import { DEFAULT_STATUS, STATUSES, STATUS_LABELS, STREAMS, needStatusOf, type FollowupStatus } from './rules';
import type { Filters } from './validation';

/**
 * Pure view models of the follow-up: the needs with their proposals and rolled-up status, the filters,
 * the indicator's lines (computed by stats' uptake functions) and its chart. No database here.
 */

export const NEEDS_PER_PAGE = 20;
export const PROPOSALS_PER_PAGE = 100;
export const NO_STREAM = 'aucun';

export interface NeedView {
  id: number;
  code: string;
  title: string;
  themeCode: string;
  themeTitle: string;
  regions: string[];
  status: FollowupStatus;
  uptake: Uptake;
  proposals: FollowedRow[];
}

export const currentStatus = (p: { status: string | null }): string => p.status ?? DEFAULT_STATUS;

/** The followed proposals grouped by need, in order, each need with its regions and rolled-up status. */
export function needsOf(rows: readonly FollowedRow[], regions: ReadonlyMap<number, string[]>): NeedView[] {
  const out: NeedView[] = [];
  const byId = new Map<number, NeedView>();
  for (const p of rows) {
    let need = byId.get(p.needId);
    if (!need) {
      need = {
        id: p.needId, code: p.needCode, title: p.needTitle, themeCode: p.themeCode, themeTitle: p.themeTitle,
        regions: regions.get(p.needId) ?? [], status: DEFAULT_STATUS, uptake: uptakeOf([]), proposals: [],
      };
      byId.set(p.needId, need);
      out.push(need);
    }
    need.proposals.push(p);
  }
  for (const n of out) {
    n.status = needStatusOf(n.proposals.map((p) => p.status));
    n.uptake = uptakeOf(n.proposals.map((p) => p.status));
  }
  return out;
}

/** Whether a proposal passes the stream and status filters. */
function proposalMatches(p: FollowedRow, f: Filters): boolean {
  if (f.stream && (f.stream === NO_STREAM ? p.stream !== null : p.stream !== f.stream)) return false;
  if (f.status && currentStatus(p) !== f.status) return false;
  return true;
}

/** The needs the filters keep (theme and region on the need; stream and status on its proposals, only the matching ones kept). */
export function filterNeeds(needs: readonly NeedView[], f: Filters): NeedView[] {
  const out: NeedView[] = [];
  for (const n of needs) {
    if (f.theme && n.themeCode !== f.theme) continue;
    if (f.region && !n.regions.includes(f.region)) continue;
    const proposals = f.stream || f.status ? n.proposals.filter((p) => proposalMatches(p, f)) : n.proposals;
    if (!proposals.length) continue;
    out.push(proposals === n.proposals ? n : { ...n, proposals });
  }
  return out;
}

/** The proposals the filters keep (the DSI's list). */
export function filterProposals(rows: readonly FollowedRow[], f: Filters, regions: ReadonlyMap<number, string[]>): FollowedRow[] {
  return rows.filter((p) => (!f.theme || p.themeCode === f.theme) && (!f.region || (regions.get(p.needId) ?? []).includes(f.region)) && proposalMatches(p, f));
}

export interface Page<T> {
  items: T[];
  page: number;
  pages: number;
  total: number;
}

export function paginate<T>(items: readonly T[], page: number, size: number): Page<T> {
  const pages = Math.max(1, Math.ceil(items.length / size));
  const p = Math.min(Math.max(1, page), pages);
  return { items: items.slice((p - 1) * size, p * size), page: p, pages, total: items.length };
}

/** The query string of the filters (for pagination links and the bulk form's return), page aside. */
export function filterQuery(f: Filters, page?: number): string {
  const params = new URLSearchParams();
  for (const key of ['theme', 'stream', 'status', 'region'] as const) if (f[key]) params.set(key === 'theme' ? 'theme' : key, f[key]);
  if (page && page > 1) params.set('page', String(page));
  const s = params.toString();
  return s ? `?${s}` : '';
}

export interface Indicator {
  overall: Uptake;
  byStatus: Array<{ key: string; label: string; count: number }>;
  byTheme: UptakeLine[];
  byStream: UptakeLine[];
  byRegion: UptakeLine[];
  timeline: UptakePoint[];
}

/**
 * The uptake indicator overall, per theme, per stream (« Chantier non choisi » for proposals without
 * one), per region (a need's proposals count in every region it was heard in) and over time.
 * `weightOf` is the place for priority points once the network's ballots exist.
 */
export function indicatorOf(
  rows: readonly FollowedRow[],
  regions: ReadonlyMap<number, string[]>,
  changes: ReadonlyArray<{ proposalId: number; status: string; on: string }>,
  themes: ReadonlyArray<{ code: string; title: string }>,
  weightOf?: (p: FollowedRow) => number,
): Indicator {
  const statusOf = (p: FollowedRow) => p.status;
  const counts = new Map<string, number>();
  for (const p of rows) counts.set(currentStatus(p), (counts.get(currentStatus(p)) ?? 0) + 1);
  const regionList = [...new Set([...regions.values()].flat())].sort((a, b) => a.localeCompare(b, 'fr')).map((r) => ({ key: r, label: r }));
  return {
    overall: uptakeOf(rows.map(statusOf), weightOf ? rows.map(weightOf) : undefined),
    byStatus: STATUSES.map((s) => ({ key: s, label: STATUS_LABELS[s], count: counts.get(s) ?? 0 })),
    byTheme: uptakeBy(rows, statusOf, (p) => [p.themeCode], themes.map((t) => ({ key: t.code, label: t.title })), weightOf).filter((l) => l.total > 0),
    byStream: uptakeBy(rows, statusOf, (p) => [p.stream ?? NO_STREAM], [...STREAMS.map((s) => ({ key: s.code as string, label: s.label as string })), { key: NO_STREAM, label: 'Chantier non choisi' }], weightOf).filter((l) => l.total > 0),
    byRegion: uptakeBy(rows, statusOf, (p) => regions.get(p.needId) ?? [], regionList, weightOf).filter((l) => l.total > 0),
    timeline: uptakeOverTime(changes, rows.length, new Set(rows.map((r) => r.id))),
  };
}

/** The indicator over time as an SVG step chart (its data table is on the page). */
export function timelineChart(points: readonly UptakePoint[], today: string, id = 'prise-en-compte'): string {
  const last = points[points.length - 1];
  return stepChartSvg({
    id,
    title: 'Évolution du taux de prise en compte des exigences',
    description: last
      ? `Du ${formatDate(points[0]!.on)} au ${formatDate(last.on)}, la part des propositions retenues ou plus avancées passe de ${formatPercent(points[0]!.takenShare, 1)} à ${formatPercent(last.takenShare, 1)}, et la part des propositions livrées de ${formatPercent(points[0]!.deliveredShare, 1)} à ${formatPercent(last.deliveredShare, 1)}. Les valeurs de chaque date sont dans le tableau qui suit.`
      : 'Aucun changement de statut enregistré pour l’instant.',
    days: points.map((p) => p.on),
    series: [
      { label: 'Prises en compte (retenues, planifiées, en cours ou livrées)', values: points.map((p) => p.takenShare) },
      { label: 'Livrées', values: points.map((p) => p.deliveredShare) },
    ],
    until: today,
  });
}
