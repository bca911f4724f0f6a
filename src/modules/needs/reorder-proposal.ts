import type { Knex } from 'knex';
import { NotFoundError, Result, ok } from '../../shared/http/errors';
import { recordAudit } from '../audit';
import type { Actor } from '../../shared/actor';
import { findNeed, findProposal, listProposals, writeOrder } from './queries';
import { moveInOrder } from './rules';

/** Moves a proposal one step up or down under its need. */
export async function reorderProposal(db: Knex, actor: Actor, proposalId: number, direction: 'up' | 'down', requestId?: string): Promise<Result<null>> {
  return db.transaction(async (trx) => {
    const p = await findProposal(trx, proposalId);
    if (!p) throw new NotFoundError();
    const need = (await findNeed(trx, p.need_id))!;
    const before = (await listProposals(trx, p.need_id)).map((x) => x.id);
    const after = moveInOrder(before, p.id, direction);
    await writeOrder(trx, 'functional_proposals', after);
    await recordAudit(trx, { actorId: actor.id, action: 'proposal.reorder', objectType: 'proposal', objectId: p.id, consultationId: need.consultation_id, before: { order: before }, after: { order: after }, requestId });
    return ok(null);
  });
}
