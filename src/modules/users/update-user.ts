import type { Knex } from 'knex';
import { NotFoundError, Result, invalid, ok } from '../../shared/http/errors';
import { t } from '../../shared/i18n';
import { recordAudit } from '../audit';
import type { Actor } from '../../shared/actor';
import { findStructure } from '../structures';
import { countActiveDsi, findUserByEmail, findUserById, updateUserIfVersion, UserRow } from './queries';
import type { UpdateUserInput } from './validation';

export type UpdateOutcome = Result<UserRow> & { current?: UserRow };

/** The DSI changes name, e-mail, role or structure. A stale version is refused with the current values. */
export async function updateUser(db: Knex, actor: Actor, id: number, input: UpdateUserInput, requestId?: string): Promise<UpdateOutcome> {
  return db.transaction(async (trx) => {
    const before = await findUserById(trx, id);
    if (!before || before.anonymised_at) throw new NotFoundError();
    if (before.version !== input.version) return { ...invalid({ _form: t('users.stale') }, 409), current: before };
    const other = await findUserByEmail(trx, input.email);
    if (other && other.id !== id) return invalid({ email: t('users.emailTaken') }, 409);
    if (input.structureId && !(await findStructure(trx, input.structureId))) {
      return invalid({ structureId: "Cette structure n'existe pas." });
    }
    if (before.role === 'dsi' && input.role !== 'dsi' && before.active && (await countActiveDsi(trx)) <= 1) {
      return invalid({ role: t('users.lastDsi') });
    }
    const changes = { email: input.email, display_name: input.displayName, role: input.role, structure_id: input.structureId };
    if (!(await updateUserIfVersion(trx, id, input.version, changes))) {
      return { ...invalid({ _form: t('users.stale') }, 409), current: (await findUserById(trx, id))! };
    }
    await recordAudit(trx, {
      actorId: actor.id,
      action: 'user.update',
      objectType: 'user',
      objectId: id,
      before: { email: before.email, displayName: before.display_name, role: before.role, structureId: before.structure_id },
      after: changes,
      requestId,
    });
    return ok((await findUserById(trx, id))!);
  });
}
