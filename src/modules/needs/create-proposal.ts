import type { Knex } from 'knex';
import { NotFoundError, Result, ok } from '../../shared/http/errors';
import { recordAudit } from '../audit';
import type { Actor } from '../../shared/actor';
import { findNeed, insertProposal, listProposals, nextPosition, touchNeed } from './queries';
import { nextProposalRank, proposalCode } from './rules';
import type { ProposalInput } from './validation';

/** A functional proposal under a need, coded B-NN.M, at the end of the need's list. */
export async function createProposal(db: Knex, actor: Actor, needId: number, input: ProposalInput, requestId?: string): Promise<Result<{ id: number; code: string }>> {
  return db.transaction(async (trx) => {
    const need = await findNeed(trx, needId);
    if (!need || need.merged_into_id) throw new NotFoundError();
    const code = proposalCode(need.code, nextProposalRank(need.code, (await listProposals(trx, needId)).map((p) => p.code)));
    const id = await insertProposal(trx, {
      need_id: needId, code, title: input.title, description_md: input.descriptionMd, priority: input.priority, target_stream: input.targetStream,
      position: await nextPosition(trx, 'functional_proposals', { need_id: needId }), created_by: actor.id,
    });
    await touchNeed(trx, needId);
    await recordAudit(trx, { actorId: actor.id, action: 'proposal.create', objectType: 'proposal', objectId: id, consultationId: need.consultation_id, after: { needId, code, ...input }, requestId });
    return ok({ id, code });
  });
}
