import type { Knex } from 'knex';
import { invalid, ok, type Result } from '../../shared/http/errors';
import { recordAudit } from '../audit';
import { hashPassword } from '../auth';
import { destroySessionsOf, findPasswordReset, findUserById, setPasswordHash, usePasswordReset } from './queries';
import { hashResetToken } from './request-password-reset';

export type ResetLinkState = 'valid' | 'unknown' | 'used' | 'expired';

/** What a reset link is worth now (the page shows the form, or offers a new link). */
export async function resetLinkState(db: Knex, token: string, now = new Date()): Promise<ResetLinkState> {
  const row = await findPasswordReset(db, hashResetToken(token));
  if (!row) return 'unknown';
  if (row.used_at) return 'used';
  if (row.expires_at.getTime() <= now.getTime()) return 'expired';
  const user = await findUserById(db, row.user_id);
  return user?.active ? 'valid' : 'unknown';
}

/**
 * A person sets a new password through their reset link: the link is used once (atomically, so two
 * submissions cannot both succeed), the person's sessions end (a stolen session dies with the old
 * password), and the reset is audited.
 */
export async function completePasswordReset(db: Knex, token: string, newPassword: string, requestId?: string, now = new Date()): Promise<Result<{ userId: number }>> {
  const hash = await hashPassword(newPassword);
  return db.transaction(async (trx) => {
    const row = await findPasswordReset(trx, hashResetToken(token));
    if (!row || row.expires_at.getTime() <= now.getTime()) return invalid({ _link: 'expired' }, 410);
    const user = await findUserById(trx, row.user_id);
    if (!user?.active) return invalid({ _link: 'unknown' }, 410);
    if (!(await usePasswordReset(trx, row.id, now))) return invalid({ _link: 'used' }, 410);
    await setPasswordHash(trx, user.id, hash);
    await destroySessionsOf(trx, user.id);
    await recordAudit(trx, { actorId: user.id, action: 'user.reset_password_by_email', objectType: 'user', objectId: user.id, requestId });
    return ok({ userId: user.id });
  });
}
