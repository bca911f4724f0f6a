import type { Knex } from 'knex';
import { ForbiddenError, NotFoundError } from '../../shared/http/errors';
import { recordAudit } from '../audit';
import { generatePassword, hashPassword } from '../auth';
import type { Actor } from '../../shared/actor';
import { usersPolicy } from './policy';
import { destroySessionsOf, findUserById, setPasswordHash } from './queries';

/** The DSI gives a person a new provisional password (shown once); their open sessions end. */
export async function resetPassword(db: Knex, actor: Actor, id: number, requestId?: string): Promise<{ name: string; password: string }> {
  const password = generatePassword();
  const hash = await hashPassword(password);
  return db.transaction(async (trx) => {
    const target = await findUserById(trx, id);
    if (!target || target.anonymised_at) throw new NotFoundError();
    if (!usersPolicy.canResetPassword(actor, target)) throw new ForbiddenError();
    await setPasswordHash(trx, id, hash);
    await destroySessionsOf(trx, id);
    await recordAudit(trx, { actorId: actor.id, action: 'user.reset_password', objectType: 'user', objectId: id, requestId });
    return { name: target.display_name, password };
  });
}
