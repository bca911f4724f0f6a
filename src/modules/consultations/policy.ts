import type { MaybeActor } from '../../shared/actor';

export const consultationsPolicy = {
  /** A consultation's public page (calendar, themes, figures, data notice) is open to everyone, even visitors. */
  canViewPublicPage: (_actor: MaybeActor): boolean => true,
  /**
   * Setting a consultation up (information, calendar, themes, openings) is the DSI's. The object is
   * taken so that the call sites say which consultation is managed; every DSI manages every consultation.
   */
  canManage: (actor: MaybeActor, _consultation?: { id: number }): boolean => actor?.role === 'dsi',
};
