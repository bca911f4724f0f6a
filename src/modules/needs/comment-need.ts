import type { Knex } from 'knex';
import { NotFoundError, Result, ok } from '../../shared/http/errors';
import { recordAudit } from '../audit';
import type { Actor } from '../../shared/actor';
import { findNeed, insertComment } from './queries';

export async function commentNeed(db: Knex, actor: Actor, needId: number, body: string, requestId?: string): Promise<Result<{ id: number }>> {
  return db.transaction(async (trx) => {
    const need = await findNeed(trx, needId);
    if (!need) throw new NotFoundError();
    const id = await insertComment(trx, { need_id: needId, author_id: actor.id, body });
    await recordAudit(trx, { actorId: actor.id, action: 'need.comment', objectType: 'need', objectId: needId, consultationId: need.consultation_id, after: { commentId: id, body }, requestId });
    return ok({ id });
  });
}
