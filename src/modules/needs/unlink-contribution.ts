import type { Knex } from 'knex';
import { NotFoundError, Result, ok } from '../../shared/http/errors';
import { recordAudit } from '../audit';
import type { Actor } from '../../shared/actor';
import { deleteSupport, findNeed } from './queries';

/** Detaches one consolidated contribution from a need (the contribution itself is untouched). */
export async function unlinkContribution(db: Knex, actor: Actor, needId: number, consolidatedId: number, requestId?: string): Promise<Result<null>> {
  return db.transaction(async (trx) => {
    const need = await findNeed(trx, needId);
    if (!need) throw new NotFoundError();
    if (!(await deleteSupport(trx, needId, consolidatedId))) throw new NotFoundError();
    await recordAudit(trx, { actorId: actor.id, action: 'need.unlink', objectType: 'need', objectId: needId, consultationId: need.consultation_id, before: { consolidatedId }, requestId });
    return ok(null);
  });
}
