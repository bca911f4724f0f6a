import type { MaybeActor } from '../../shared/actor';

/** What a person may do with their own session and account. */
export const authPolicy = {
  /** Any logged-in person sees their profile, exports their data and changes their password. */
  canViewOwnProfile: (actor: MaybeActor): boolean => !!actor,
  canChangeOwnPassword: (actor: MaybeActor): boolean => !!actor,
  /** Only the DSI reaches the administration area. */
  canAdminister: (actor: MaybeActor): boolean => actor?.role === 'dsi',
  isAmbassador: (actor: MaybeActor): boolean => actor?.role === 'ambassadeur',
};
