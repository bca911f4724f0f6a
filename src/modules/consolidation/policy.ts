import type { MaybeActor } from '../../shared/actor';

/**
 * What an actor may do in one consultation's consolidation: whether the step is open, and which
 * themes they consolidate ('all' for the DSI). Built once per request by loadWorkScope.
 */
export interface WorkScope {
  consultationId: number;
  open: boolean;
  themeIds: ReadonlySet<number> | 'all';
}

const staff = (actor: MaybeActor): boolean => actor?.role === 'ambassadeur' || actor?.role === 'dsi';

/**
 * Ambassadors consolidate the themes assigned to them and the « à classer » contributions (no theme);
 * the DSI consolidates everything; nobody changes anything once the step is closed (reading stays).
 */
export const consolidationPolicy = {
  /** The DSI consolidates every theme, assigned or not. */
  consolidatesEverything: (actor: MaybeActor): boolean => actor?.role === 'dsi',
  canEnter: (actor: MaybeActor): boolean => staff(actor),
  canRead: (actor: MaybeActor): boolean => staff(actor),
  /** themeId null: the « à classer » list. */
  canWorkOn: (actor: MaybeActor, scope: WorkScope, themeId: number | null): boolean => {
    if (!actor || !scope.open) return false;
    if (actor.role === 'dsi') return true;
    if (actor.role !== 'ambassadeur') return false;
    return themeId === null || scope.themeIds === 'all' || scope.themeIds.has(themeId);
  },
  /** May work at all in this consultation (shows the forms). */
  canWorkSomewhere: (actor: MaybeActor, scope: WorkScope): boolean =>
    !!actor && scope.open && (actor.role === 'dsi' || actor.role === 'ambassadeur'),
  /** The coverage of every ambassador, not only one's own. */
  canSeeAllAmbassadors: (actor: MaybeActor): boolean => actor?.role === 'dsi',
};
