import type { MaybeActor } from '../../shared/actor';

export const privacyPolicy = {
  /** Purging personal data is the DSI's responsibility (on behalf of the data controller). */
  canManagePersonalData: (actor: MaybeActor): boolean => actor?.role === 'dsi',
  /** Checked on the consultation itself (every consultation is the DSI's today; the hook stays for scoped roles). */
  canManageConsultationData: (actor: MaybeActor, _consultation: { id: number }): boolean => actor?.role === 'dsi',
};
