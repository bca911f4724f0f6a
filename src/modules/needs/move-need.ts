import type { Knex } from 'knex';
import { NotFoundError, Result, ok } from '../../shared/http/errors';
import { recordAudit } from '../audit';
import type { Actor } from '../../shared/actor';
import { findNeed, themeNeedOrder, writeOrder } from './queries';
import { moveInOrder } from './rules';

/** Moves a need one step up or down within its theme (codes stay until the next renumbering). */
export async function moveNeed(db: Knex, actor: Actor, needId: number, direction: 'up' | 'down', requestId?: string): Promise<Result<null>> {
  return db.transaction(async (trx) => {
    const need = await findNeed(trx, needId);
    if (!need || need.merged_into_id) throw new NotFoundError();
    const before = await themeNeedOrder(trx, need.consultation_id, need.theme_id);
    const after = moveInOrder(before, needId, direction);
    await writeOrder(trx, 'needs', after);
    await recordAudit(trx, { actorId: actor.id, action: 'need.move', objectType: 'need', objectId: needId, consultationId: need.consultation_id, before: { order: before }, after: { order: after }, requestId });
    return ok(null);
  });
}
