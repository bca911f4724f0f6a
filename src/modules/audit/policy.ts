import type { MaybeActor } from '../../shared/actor';

export const auditPolicy = {
  /** The audit log shows every actor's actions: the DSI only. */
  canBrowse: (actor: MaybeActor): boolean => actor?.role === 'dsi',
};
