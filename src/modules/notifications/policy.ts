import type { MaybeActor } from '../../shared/actor';

export const notificationsPolicy = {
  /** The outbox holds every person's mails (reset links included): the DSI only. */
  canBrowseOutbox: (actor: MaybeActor): boolean => actor?.role === 'dsi',
};
