import type { MaybeActor } from '../../shared/actor';

export interface UserTarget {
  id: number;
  role: string;
  active: boolean;
}

/** Who may see and change accounts. Object-level: decisions take the target account into account. */
export const usersPolicy = {
  canList: (actor: MaybeActor): boolean => actor?.role === 'dsi',
  canCreate: (actor: MaybeActor): boolean => actor?.role === 'dsi',
  canImport: (actor: MaybeActor): boolean => actor?.role === 'dsi',
  canEdit: (actor: MaybeActor, _target: UserTarget): boolean => actor?.role === 'dsi',
  canResetPassword: (actor: MaybeActor, target: UserTarget): boolean => actor?.role === 'dsi' && target.active,
  /** Nobody locks themselves out: a DSI cannot deactivate their own account. */
  canDeactivate: (actor: MaybeActor, target: UserTarget): boolean =>
    actor?.role === 'dsi' && target.active && target.id !== actor.id,
  canReactivate: (actor: MaybeActor, target: UserTarget): boolean => actor?.role === 'dsi' && !target.active,
  /** RGPD erasure, by the DSI, of anyone but themselves (an anonymised account cannot log in again). */
  canAnonymise: (actor: MaybeActor, target: UserTarget): boolean => actor?.role === 'dsi' && target.id !== actor.id,
  /** A profile is seen by its owner and by the DSI. */
  canViewProfile: (actor: MaybeActor, target: { id: number }): boolean =>
    !!actor && (actor.id === target.id || actor.role === 'dsi'),
};
