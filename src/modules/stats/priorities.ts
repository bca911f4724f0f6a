import { t } from '../../shared/i18n';
import { barLength } from './present';

/**
 * The results of a shared prioritisation (« priorisation partagée »), computed once here from what
 * prioritisation/ reads (its ballots and the needs voted on): overall, per theme, per region of the
 * voter's structure, per role. Pure functions (unit-tested), no database: the ballot page, the results
 * page, their exports, the consultation's panel and the white paper all ask these, so two places never
 * disagree about a rank.
 */

/** A need that could receive points, in its reading order (theme, then position). */
export interface PriorityNeed {
  id: number;
  code: string;
  title: string;
  themeCode: string;
  themeTitle: string;
}

/** One ballot as prioritisation stores it: who voted (role, region at the time) and its lines. */
export interface PriorityBallot {
  voterRole: string;
  voterRegion: string | null;
  lines: ReadonlyArray<{ needId: number; points: number }>;
}

/** A need's line in a ranking. */
export interface PriorityLine {
  needId: number;
  code: string;
  title: string;
  themeCode: string;
  themeTitle: string;
  points: number;
  /** Ballots giving this need at least one point. */
  voters: number;
  /** Competition rank: 1, 2, 2, 4 (needs with equal points and voters share a rank). */
  rank: number;
  /** Share of all the points of the ranking, 0–1. */
  share: number;
  /** Bar length in whole percent of the top need (the CSS class `bar-<n>`, as the figures' charts). */
  bar: number;
}

/** A ranking of the needs within a group of ballots (a region, a role) or of needs (a theme). */
export interface PriorityGroup {
  key: string;
  label: string;
  ballots: number;
  points: number;
  lines: PriorityLine[];
}

export interface PriorityResults {
  ballots: number;
  points: number;
  overall: PriorityLine[];
  byTheme: PriorityGroup[];
  byRegion: PriorityGroup[];
  byRole: PriorityGroup[];
}

export const NO_REGION = 'REGION_NON_RENSEIGNEE';

/**
 * Ranks the needs by the points the ballots give them: most points first, then most voters, then the
 * needs' own order (so that a need nobody voted for keeps its place after the others). Every need is
 * listed, 0 points included. Lines naming an unknown need are ignored.
 */
export function rankNeeds(needs: readonly PriorityNeed[], ballots: readonly PriorityBallot[]): PriorityLine[] {
  const points = new Map<number, number>(needs.map((n) => [n.id, 0]));
  const voters = new Map<number, number>(needs.map((n) => [n.id, 0]));
  for (const b of ballots) {
    for (const l of b.lines) {
      if (!points.has(l.needId) || l.points <= 0) continue;
      points.set(l.needId, points.get(l.needId)! + l.points);
      voters.set(l.needId, voters.get(l.needId)! + 1);
    }
  }
  const order = new Map(needs.map((n, i) => [n.id, i]));
  const sorted = [...needs].sort(
    (a, b) => points.get(b.id)! - points.get(a.id)! || voters.get(b.id)! - voters.get(a.id)! || order.get(a.id)! - order.get(b.id)!,
  );
  const total = sorted.reduce((n, need) => n + points.get(need.id)!, 0);
  const max = sorted.length ? points.get(sorted[0]!.id)! : 0;
  const lines: PriorityLine[] = [];
  sorted.forEach((need, i) => {
    const p = points.get(need.id)!;
    const v = voters.get(need.id)!;
    const previous = lines[i - 1];
    const rank = previous && previous.points === p && previous.voters === v ? previous.rank : i + 1;
    lines.push({
      needId: need.id,
      code: need.code,
      title: need.title,
      themeCode: need.themeCode,
      themeTitle: need.themeTitle,
      points: p,
      voters: v,
      rank,
      share: total > 0 ? p / total : 0,
      bar: barLength(p, max),
    });
  });
  return lines;
}

/** Points given to the needs of the ranking (a line on a need no longer put to the vote is left out, as in rankNeeds). */
const pointsOf = (needs: readonly PriorityNeed[], ballots: readonly PriorityBallot[]) => {
  const ids = new Set(needs.map((n) => n.id));
  return ballots.reduce((n, b) => n + b.lines.reduce((m, l) => m + (ids.has(l.needId) ? Math.max(0, l.points) : 0), 0), 0);
};

function groupBallots(needs: readonly PriorityNeed[], ballots: readonly PriorityBallot[], keyOf: (b: PriorityBallot) => string, labelOf: (key: string) => string, order: (a: string, b: string) => number): PriorityGroup[] {
  const groups = new Map<string, PriorityBallot[]>();
  for (const b of ballots) {
    const key = keyOf(b);
    groups.set(key, [...(groups.get(key) ?? []), b]);
  }
  return [...groups.keys()].sort(order).map((key) => {
    const list = groups.get(key)!;
    return { key, label: labelOf(key), ballots: list.length, points: pointsOf(needs, list), lines: rankNeeds(needs, list) };
  });
}

/** The results of a step: overall, per theme (the overall points, ranked within each theme), per region, per role. */
export function priorityResults(needs: readonly PriorityNeed[], ballots: readonly PriorityBallot[]): PriorityResults {
  const overall = rankNeeds(needs, ballots);
  const themes: PriorityGroup[] = [];
  for (const need of needs) {
    if (themes.some((g) => g.key === need.themeCode)) continue;
    const lines = rankNeeds(needs.filter((n) => n.themeCode === need.themeCode), ballots);
    const voterSet = ballots.filter((b) => b.lines.some((l) => l.points > 0 && lines.some((x) => x.needId === l.needId)));
    themes.push({ key: need.themeCode, label: need.themeTitle, ballots: voterSet.length, points: lines.reduce((n, l) => n + l.points, 0), lines });
  }
  const regionKey = (b: PriorityBallot) => b.voterRegion || NO_REGION;
  // Regions alphabetically (French collation), « Région non renseignée » last.
  const byRegion = groupBallots(needs, ballots, regionKey, (k) => (k === NO_REGION ? t('stats.unknownRegion') : k), (a, b) =>
    a === NO_REGION ? 1 : b === NO_REGION ? -1 : a.localeCompare(b, 'fr'),
  );
  const ROLE_ORDER = ['contributeur', 'ambassadeur', 'dsi'];
  const roleRank = (r: string) => (ROLE_ORDER.includes(r) ? ROLE_ORDER.indexOf(r) : ROLE_ORDER.length);
  const byRole = groupBallots(needs, ballots, (b) => b.voterRole, (k) => t(`stats.priorities.role.${k}`), (a, b) => roleRank(a) - roleRank(b) || a.localeCompare(b));
  return { ballots: ballots.length, points: pointsOf(needs, ballots), overall, byTheme: themes, byRegion, byRole };
}

/**
 * The needs of each theme in the order of the points (the white paper's option): a map need id →
 * position within its theme, 1 first. Ties keep the needs' own order (rankNeeds).
 */
export function orderWithinThemes(needs: readonly PriorityNeed[], ballots: readonly PriorityBallot[]): Map<number, { position: number; points: number; rank: number }> {
  const out = new Map<number, { position: number; points: number; rank: number }>();
  for (const group of priorityResults(needs, ballots).byTheme) {
    group.lines.forEach((l, i) => out.set(l.needId, { position: i + 1, points: l.points, rank: l.rank }));
  }
  return out;
}
