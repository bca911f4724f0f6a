import type { Knex } from 'knex';
import { ForbiddenError, NotFoundError, Result, invalid, ok } from '../../shared/http/errors';
import { t } from '../../shared/i18n';
import { recordAudit } from '../audit';
import type { Actor } from '../../shared/actor';
import { usersPolicy } from './policy';
import { countActiveDsi, destroySessionsOf, findUserById, updateUserIfVersion, UserRow } from './queries';

/** Deactivates (their sessions end at once) or reactivates an account. Nothing is deleted. */
export async function setUserActive(db: Knex, actor: Actor, id: number, active: boolean, requestId?: string): Promise<Result<UserRow>> {
  return db.transaction(async (trx) => {
    const target = await findUserById(trx, id);
    if (!target || target.anonymised_at) throw new NotFoundError();
    const allowed = active ? usersPolicy.canReactivate(actor, target) : usersPolicy.canDeactivate(actor, target);
    if (!allowed) {
      if (!active && target.id === actor.id) return invalid({ _form: t('users.selfDeactivate') });
      throw new ForbiddenError();
    }
    if (!active && target.role === 'dsi' && (await countActiveDsi(trx)) <= 1) return invalid({ _form: t('users.lastDsi') });
    await updateUserIfVersion(trx, id, target.version, { active });
    if (!active) await destroySessionsOf(trx, id);
    await recordAudit(trx, {
      actorId: actor.id,
      action: active ? 'user.reactivate' : 'user.deactivate',
      objectType: 'user',
      objectId: id,
      before: { active: target.active },
      after: { active },
      requestId,
    });
    return ok((await findUserById(trx, id))!);
  });
}
