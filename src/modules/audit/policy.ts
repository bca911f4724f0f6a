import type { MaybeActor } from '../auth/roles';

export const auditPolicy = {
  /** The audit log shows every actor's actions: the DSI only. */
  canBrowse: (actor: MaybeActor): boolean => actor?.role === 'dsi',
};
