/**
 * The simulated ambassador of the effort journey (bench/consolidation-effort.ts): a pure,
 * deterministic function from what the plan page shows (and what the ambassador remembers) to the
 * form actions of one round. It knows the labels of the effort set; reading them, and the database to
 * know where each topic already went, is its memory — never counted as an action.
 *
 * Truth: each topic ends in ONE consolidated contribution, its « home » (the first one the ambassador
 * accepts for that topic: an existing one the plan proposes to attach to, or a new one it creates);
 * the off-topic texts are set out of scope. Contributions without a label (the demo's own
 * unprocessed ones of the theme) are not the ambassador's concern here: the plan is trusted for them.
 *
 * One round, on the page as it is:
 * 1. Each TICKED group with labelled members: majority label M (ties: the label met first, members
 *    being listed most central first).
 *    - M off-topic → action « hors périmètre » (+ a reason typed if the field is empty).
 *    - M already goes somewhere on this page (a « lead » group chosen earlier in this round, or a
 *      group already attaching to M's home): merge into that lead when fixing this group would cost
 *      more than the one select of « Fusionner ».
 *    - M has a home H → attach to H: action select if needed; target select if H is among the
 *      candidates, else H's code typed in the code field.
 *    - M has no home → accept the proposal (it becomes M's lead, and its target M's home), unless it
 *      attaches to another topic's home (already, or chosen earlier this round): then « Créer », with
 *      the title typed when the field is empty (attach groups carry none).
 *    Then each labelled member whose label L ≠ M moves (one select): to L's lead group on this page,
 *    else « hors périmètre » if off-topic, else « plus tard ».
 * 2. Each UNTICKED single: off-topic → « hors périmètre »; its label has a home (accepted in an
 *    earlier round) and a group on this page goes there → moved there; else left for a later round,
 *    where the plan, recomputed with the new consolidated contributions and what the links taught,
 *    usually proposes it ticked.
 * 3. When no ticked group with labelled members is left (the plan proposes only singles), the singles
 *    are ticked: label with a home → tick, « Rattacher », its target (select or code); label without
 *    a home → the first single ticked (« Créer », its pre-filled title), the next ones of that label
 *    moved into it. So the journey always ends.
 * 4. The « hors périmètre » reason at the bottom of the page is typed once when a member goes there.
 * Then one submission (« Appliquer les groupes cochés »).
 */

export const OFF_TOPIC = 'hors-sujet';
export const OUT_REASON = 'Hors sujet pour cette thématique';

/** One group of the plan page, as read from its form fields. */
export interface PageGroup {
  n: number;
  ticked: boolean;
  action: 'attach' | 'create' | 'out_of_scope';
  /** The target select's value (a consolidated contribution id), or null. */
  target: number | null;
  /** The target select's options (candidate ids, best first). */
  candidates: number[];
  code: string;
  title: string;
  reason: string;
  /** Member ids, in page order (most central or closest first). */
  members: number[];
}

export interface PageState {
  groups: PageGroup[];
  outReason: string;
}

export interface Home {
  id: number;
  code: string;
}

export interface Memory {
  labelOf: ReadonlyMap<number, string>;
  /** Each topic's home, once accepted (read from the database after each submission). */
  homes: ReadonlyMap<string, Home>;
  /** A title for a group switched to « Créer » (the ambassador types the first member's first sentence). */
  titleFor: (rawId: number) => string;
  /**
   * Variant (not the brief's policy): a single also joins a group accepted on the same page for its
   * topic, before that topic has a home in the database (« eager »).
   */
  eager?: boolean;
}

/** One form action: a select change or a checkbox tick (both counted as clicks), or a typed field. */
export type FormAction = { kind: 'select'; field: string; value: string } | { kind: 'check'; field: string } | { kind: 'fill'; field: string; value: string };

export interface Round {
  actions: FormAction[];
  /** Whether anything labelled will be applied by this submission (false: the journey is stuck). */
  progress: boolean;
  forced: boolean;
  /** What the plan proposed wrong on this page and the ambassador corrected: members in a ticked group of another topic, ticked groups redirected. */
  corrected: { members: number; groups: number };
}

/** Where a label goes on this page: a lead group, with the consolidated contribution it attaches to (null: it creates one). */
interface Lead {
  n: number;
  cc: number | null;
}

export function majority(ids: readonly number[], labelOf: ReadonlyMap<number, string>): string | undefined {
  const counts = new Map<string, number>();
  for (const id of ids) {
    const l = labelOf.get(id);
    if (l !== undefined) counts.set(l, (counts.get(l) ?? 0) + 1);
  }
  let best: string | undefined;
  for (const [l, c] of counts) if (best === undefined || c > counts.get(best)!) best = l; // Map order: first met wins ties
  return best;
}

export function decideRound(page: PageState, memory: Memory): Round {
  const { labelOf, homes } = memory;
  const actions: FormAction[] = [];
  const select = (field: string, value: string) => actions.push({ kind: 'select', field, value });
  const leads = new Map<string, Lead>();
  const ownerOf = new Map<number, string>([...homes].map(([l, h]) => [h.id, l]));
  let progress = false;
  let toOut = false;
  const labelled = (g: PageGroup) => g.members.filter((id) => labelOf.has(id));

  /** Makes group g attach to home h (select or code); returns the cost it would have, acting only when `act`. */
  const attachCost = (g: PageGroup, h: Home) => (g.action === 'attach' ? 0 : 1) + (g.code ? (g.code === h.code ? 0 : 1) : g.target === h.id ? 0 : 1);
  const attach = (g: PageGroup, h: Home) => {
    if (g.action !== 'attach') select(`g${g.n}_action`, 'attach');
    if (g.code === h.code) return;
    if (g.candidates.includes(h.id) && !g.code) {
      if (g.target !== h.id) select(`g${g.n}_target`, String(h.id));
    } else actions.push({ kind: 'fill', field: `g${g.n}_code`, value: h.code });
  };

  // 1. Ticked groups.
  const misplaced: Array<{ id: number; label: string }> = [];
  const ticked = page.groups.filter((g) => g.ticked && labelled(g).length);
  let redirected = 0;
  for (const g of ticked) {
    const m = majority(g.members, labelOf)!;
    const mark = actions.length;
    progress = true;
    for (const id of labelled(g)) if (labelOf.get(id) !== m) misplaced.push({ id, label: labelOf.get(id)! });
    if (m === OFF_TOPIC) {
      if (g.action !== 'out_of_scope') select(`g${g.n}_action`, 'out_of_scope');
      if (!g.reason.trim()) actions.push({ kind: 'fill', field: `g${g.n}_reason`, value: OUT_REASON });
      if (actions.length > mark) redirected++;
      continue;
    }
    decideTicked(g, m);
    if (actions.length > mark) redirected++;
  }
  function decideTicked(g: PageGroup, m: string): void {
    const home = homes.get(m);
    const lead = leads.get(m);
    if (lead) {
      // M already goes somewhere on this page: merge, unless fixing this group is as cheap.
      if (home && lead.cc === home.id && attachCost(g, home) <= 1) attach(g, home);
      else select(`g${g.n}_into`, String(lead.n));
      return;
    }
    if (home) {
      attach(g, home);
      leads.set(m, { n: g.n, cc: home.id });
      return;
    }
    const takenBy = (cc: number) => ownerOf.get(cc) ?? [...leads].find(([, l]) => l.cc === cc)?.[0];
    if (g.action === 'attach' && g.target !== null && !g.code && takenBy(g.target) === undefined) {
      leads.set(m, { n: g.n, cc: g.target });
      return;
    }
    if (g.action !== 'create') select(`g${g.n}_action`, 'create');
    if (!g.title.trim()) actions.push({ kind: 'fill', field: `g${g.n}_title`, value: memory.titleFor(labelled(g).find((id) => labelOf.get(id) === m)!) });
    leads.set(m, { n: g.n, cc: null });
  }
  for (const x of misplaced) {
    const lead = leads.get(x.label);
    if (lead) select(`m_${x.id}`, `g${lead.n}`);
    else if (x.label === OFF_TOPIC) {
      select(`m_${x.id}`, 'out');
      toOut = true;
    } else select(`m_${x.id}`, 'later');
  }

  // 1b. Unticked groups « à vérifier » (isolated contributions gathered under the target they resemble):
  //     ticked when their majority topic goes to that very target (its home, or its lead's target on this
  //     page); their odd members moved like misplaced ones. Otherwise their members count as singles.
  const checks = page.groups.filter((g) => !g.ticked && g.action === 'attach' && labelled(g).length >= 2);
  const unchecked: PageGroup[] = [];
  for (const g of checks) {
    const m = majority(g.members, labelOf)!;
    const goesThere = m !== OFF_TOPIC && g.target !== null && !g.code && (homes.get(m)?.id === g.target || (leads.get(m)?.cc ?? null) === g.target);
    if (!goesThere) {
      unchecked.push(g);
      continue;
    }
    actions.push({ kind: 'check', field: `g${g.n}_apply` });
    g.ticked = true;
    progress = true;
    if (!leads.has(m)) leads.set(m, { n: g.n, cc: g.target });
    for (const id of labelled(g)) {
      const l = labelOf.get(id)!;
      if (l === m) continue;
      const lead = leads.get(l);
      if (lead) select(`m_${id}`, `g${lead.n}`);
      else if (l === OFF_TOPIC) {
        select(`m_${id}`, 'out');
        toOut = true;
      } else select(`m_${id}`, 'later');
    }
  }

  // 3 (before 2, so that the singles of a label follow the one ticked). Nothing ticked: tick the singles.
  const singles: PageGroup[] = [
    ...page.groups.filter((g) => !g.ticked && labelled(g).length && !checks.includes(g)),
    // The members of a group « à vérifier » that is not for their topic are handled one by one.
    ...unchecked.flatMap((g) => labelled(g).map((id) => ({ ...g, members: [id], single: true }))),
  ];
  const forced = !ticked.length && !checks.some((g) => g.ticked);
  if (forced) {
    let fresh = 0;
    for (const g of singles) {
      if ((g as { single?: boolean }).single) {
        // A member of a group « à vérifier » for another target: a topic with no home yet starts a new group (« nouveau groupe 1–3 »).
        const l = labelOf.get(g.members[0]!)!;
        if (l === OFF_TOPIC || leads.has(l) || homes.has(l) || fresh >= 3) continue;
        select(`m_${g.members[0]}`, `new${++fresh}`);
        leads.set(l, { n: -fresh, cc: null });
        progress = true;
        continue;
      }
      const l = majority(g.members, labelOf)!;
      if (l === OFF_TOPIC || leads.has(l)) continue;
      actions.push({ kind: 'check', field: `g${g.n}_apply` });
      progress = true;
      const home = homes.get(l);
      if (home) {
        attach(g, home);
        leads.set(l, { n: g.n, cc: home.id });
      } else {
        if (g.action !== 'create') select(`g${g.n}_action`, 'create');
        if (!g.title.trim()) actions.push({ kind: 'fill', field: `g${g.n}_title`, value: memory.titleFor(g.members[0]!) });
        leads.set(l, { n: g.n, cc: null });
      }
      g.ticked = true;
    }
  }

  // 2. Unticked singles: out of scope, or into their label's lead on this page, or later.
  for (const g of singles) {
    if (g.ticked) continue;
    for (const id of labelled(g)) {
      const l = labelOf.get(id)!;
      if (l === OFF_TOPIC) {
        select(`m_${id}`, 'out');
        toOut = true;
        progress = true;
      } else if (leads.has(l) && (forced || homes.has(l) || memory.eager)) {
        const n = leads.get(l)!.n;
        if ((g as { single?: boolean }).single && n < 0 && g.members[0] === id && actions.some((a) => a.kind === 'select' && a.field === `m_${id}`)) continue;
        select(`m_${id}`, n < 0 ? `new${-n}` : `g${n}`);
        progress = true;
      }
    }
  }
  if (toOut && !page.outReason.trim()) actions.push({ kind: 'fill', field: 'out_reason', value: OUT_REASON });
  return { actions, progress, forced, corrected: { members: misplaced.length, groups: redirected } };
}
