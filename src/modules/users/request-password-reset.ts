import crypto from 'node:crypto';
import type { Knex } from 'knex';
import { recordAudit } from '../audit';
import { notify } from '../notifications';
import { findUserByEmail, insertPasswordReset, voidPasswordResets } from './queries';

/** A reset link is valid this long: long enough to read the mail, short for a link left in a mailbox. */
export const RESET_VALID_MINUTES = 60;

export const hashResetToken = (token: string) => crypto.createHash('sha256').update(token).digest('hex');

/**
 * Someone asks for a reset link for an address. When it belongs to an active account, a single-use
 * token (32 random bytes) is stored hashed and the link is mailed, in one transaction. Nothing tells
 * the asker whether the address exists: the route answers the same in both cases.
 */
export async function requestPasswordReset(db: Knex, email: string, requestId?: string, now = new Date()): Promise<void> {
  const user = await findUserByEmail(db, email);
  if (!user || !user.active || !user.email) return;
  const token = crypto.randomBytes(32).toString('base64url');
  await db.transaction(async (trx) => {
    await voidPasswordResets(trx, user.id, now);
    await insertPasswordReset(trx, user.id, hashResetToken(token), new Date(now.getTime() + RESET_VALID_MINUTES * 60_000), now);
    await notify.passwordReset(trx, user.id, `/mot-de-passe/nouveau/${token}`, RESET_VALID_MINUTES);
    await recordAudit(trx, { actorId: null, action: 'user.request_password_reset', objectType: 'user', objectId: user.id, requestId });
  });
}
