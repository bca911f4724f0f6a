import type { MaybeActor } from '../../shared/actor';

export interface ApplicationTarget {
  user_id: number;
}

/** Who may apply to the call for ambassadors, and who reviews the applications. */
export const ambassadorsPolicy = {
  /** Any logged-in staff member applies, once per consultation, while the call is open. */
  canApply: (actor: MaybeActor, call: { open: boolean }, existing: ApplicationTarget | undefined | null): boolean =>
    !!actor && call.open && !existing,
  canListOwn: (actor: MaybeActor): boolean => !!actor,
  /** An application (motivation, outcome) is seen by its author and by the DSI. */
  canView: (actor: MaybeActor, application: ApplicationTarget): boolean => !!actor && (actor.id === application.user_id || actor.role === 'dsi'),
  canReview: (actor: MaybeActor, _consultation?: { id: number }): boolean => actor?.role === 'dsi',
  canDecide: (actor: MaybeActor, _application?: ApplicationTarget): boolean => actor?.role === 'dsi',
};
