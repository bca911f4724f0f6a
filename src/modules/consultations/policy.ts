import type { MaybeActor } from '../auth/roles';

export const consultationsPolicy = {
  /** A consultation's public page (calendar, themes, figures, data notice) is open to everyone, even visitors. */
  canViewPublicPage: (_actor: MaybeActor): boolean => true,
  canManage: (actor: MaybeActor): boolean => actor?.role === 'dsi',
};
