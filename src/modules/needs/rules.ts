/**
 * Pure rules of needs and proposals: codes, renumbering, readiness for validation. No database here,
 * so the unit tests pin them down exactly.
 */

export const NEED_STATUSES = ['brouillon', 'soumis', 'valide', 'renvoye'] as const;
export type NeedStatus = (typeof NEED_STATUSES)[number];
export const PRIORITIES = ['haute', 'moyenne', 'basse'] as const;
export type Priority = (typeof PRIORITIES)[number];

/** The review statuses in words (a need is masculine, a proposal feminine), for exports. */
export const NEED_STATUS_LABELS: Readonly<Record<NeedStatus, string>> = { brouillon: 'Brouillon', soumis: 'Soumis à la DSI', valide: 'Validé', renvoye: 'Renvoyé' };
export const PROPOSAL_STATUS_LABELS: Readonly<Record<NeedStatus, string>> = { brouillon: 'Brouillon', soumis: 'Soumise à la DSI', valide: 'Validée', renvoye: 'Renvoyée' };
export const PRIORITY_LABELS: Readonly<Record<Priority, string>> = { haute: 'Haute', moyenne: 'Moyenne', basse: 'Basse' };

const NEED_CODE = /^B-(\d+)$/;

/** Formats the n-th need code: B-01 … B-99, then B-100 (two digits at least). */
export function needCode(n: number): string {
  return `B-${String(n).padStart(2, '0')}`;
}

/** The code a new need gets: one past the highest B-NN already used in the consultation (merged ones included). */
export function nextNeedCode(existing: string[]): string {
  let max = 0;
  for (const c of existing) {
    const m = NEED_CODE.exec(c);
    if (m) max = Math.max(max, Number(m[1]));
  }
  return needCode(max + 1);
}

/** A proposal's code: its need's code, a dot, its rank under the need (B-07.2). */
export function proposalCode(needCodeValue: string, rank: number): string {
  return `${needCodeValue}.${rank}`;
}

/** The next rank of a proposal under a need, from the codes already there. */
export function nextProposalRank(needCodeValue: string, existing: string[]): number {
  let max = 0;
  const prefix = `${needCodeValue}.`;
  for (const c of existing) {
    if (c.startsWith(prefix)) {
      const n = Number(c.slice(prefix.length));
      if (Number.isInteger(n)) max = Math.max(max, n);
    }
  }
  return max + 1;
}

export interface RenumberNeed {
  id: number;
  code: string;
  themePosition: number;
  themeId: number;
  position: number;
  merged: boolean;
  proposals: Array<{ id: number; code: string; position: number }>;
}

export interface RenumberPlan {
  needs: Array<{ id: number; from: string; to: string }>;
  proposals: Array<{ id: number; from: string; to: string }>;
}

/**
 * Codes B-01… in theme order then position order (id breaks ties). A merged need no longer owns a
 * number: it gets F-<id> so it can never collide with a live code. Proposals follow their need, by position.
 */
export function renumberPlan(needs: RenumberNeed[]): RenumberPlan {
  const live = needs
    .filter((n) => !n.merged)
    .sort((a, b) => a.themePosition - b.themePosition || a.themeId - b.themeId || a.position - b.position || a.id - b.id);
  const plan: RenumberPlan = { needs: [], proposals: [] };
  live.forEach((n, i) => {
    const to = needCode(i + 1);
    plan.needs.push({ id: n.id, from: n.code, to });
    [...n.proposals]
      .sort((a, b) => a.position - b.position || a.id - b.id)
      .forEach((p, j) => plan.proposals.push({ id: p.id, from: p.code, to: proposalCode(to, j + 1) }));
  });
  for (const n of needs.filter((x) => x.merged)) plan.needs.push({ id: n.id, from: n.code, to: `F-${n.id}` });
  return plan;
}

/** Moves an item one step up or down in an ordered list of ids; returns the new order (unchanged at the ends). */
export function moveInOrder(ids: number[], id: number, direction: 'up' | 'down'): number[] {
  const i = ids.indexOf(id);
  const j = direction === 'up' ? i - 1 : i + 1;
  if (i < 0 || j < 0 || j >= ids.length) return ids;
  const out = [...ids];
  [out[i], out[j]] = [out[j]!, out[i]!];
  return out;
}

export interface Readiness {
  ready: boolean;
  missing: string[];
}

/**
 * A need goes to the white paper only with at least one validated proposal and one consolidated
 * contribution behind it; what is missing is listed in French.
 */
export function validationReadiness(need: {
  supports: number;
  proposals: Array<{ code: string; status: string }>;
}): Readiness {
  const missing: string[] = [];
  if (need.supports === 0) missing.push('au moins une contribution consolidée rattachée au besoin');
  if (!need.proposals.some((p) => p.status === 'valide')) {
    const pending = need.proposals.map((p) => p.code);
    missing.push(
      pending.length
        ? `au moins une proposition fonctionnelle validée (aucune des propositions ${pending.join(', ')} ne l’est encore)`
        : 'au moins une proposition fonctionnelle validée (le besoin n’en a aucune)',
    );
  }
  return { ready: missing.length === 0, missing };
}

export function readinessMessage(code: string, r: Readiness): string {
  return `Le besoin ${code} ne peut pas être validé : il manque ${r.missing.join(' ; ')}.`;
}

/** Raw contributions shown per page on a need's page: a screenful or two of text at a time. */
export const RAW_PER_PAGE = 20;

/**
 * One page of the raw contributions behind a need. The trace is read whole anyway (its counts are the
 * page's figures), so the page is a slice of it; a page past the end shows the last one.
 */
export function rawContributionsPage<T>(rows: T[], requested: number | undefined, q: string) {
  const count = Math.max(1, Math.ceil(rows.length / RAW_PER_PAGE));
  const number = Math.min(requested ?? 1, count);
  return {
    rows: rows.slice((number - 1) * RAW_PER_PAGE, number * RAW_PER_PAGE),
    number,
    count,
    /** A page asked for by its link opens the folded list, so that the link lands on the rows. */
    open: requested !== undefined,
    /** The page's other parameters, kept by the pager's links. */
    query: q ? `q=${encodeURIComponent(q)}&` : '',
  };
}
