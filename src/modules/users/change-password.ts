import type { Knex } from 'knex';
import { Result, invalid, ok } from '../../shared/http/errors';
import { t } from '../../shared/i18n';
import { recordAudit } from '../audit';
import { hashPassword, verifyPassword } from '../auth';
import type { Actor } from '../../shared/actor';
import { findUserById, setPasswordHash } from './queries';

/** A person changes their own password, proving they know the current one. */
export async function changePassword(
  db: Knex,
  actor: Actor,
  input: { currentPassword: string; newPassword: string },
  requestId?: string,
): Promise<Result<true>> {
  const user = await findUserById(db, actor.id);
  if (!user || !(await verifyPassword(input.currentPassword, user.password_hash))) {
    return invalid({ currentPassword: t('profile.wrongPassword') });
  }
  const hash = await hashPassword(input.newPassword);
  await db.transaction(async (trx) => {
    await setPasswordHash(trx, actor.id, hash);
    await recordAudit(trx, { actorId: actor.id, action: 'user.change_password', objectType: 'user', objectId: actor.id, requestId });
  });
  return ok(true);
}
