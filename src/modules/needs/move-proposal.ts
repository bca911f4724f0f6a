import type { Knex } from 'knex';
import { NotFoundError, Result, invalid, ok } from '../../shared/http/errors';
import { t } from '../../shared/i18n';
import { recordAudit } from '../audit';
import type { Actor } from '../../shared/actor';
import { findNeed, findProposal, listProposals, nextPosition, reassignProposal, touchNeed } from './queries';
import { nextProposalRank, proposalCode } from './rules';

/** Moves a proposal under another need of the same consultation; it takes the next code there. */
export async function moveProposal(db: Knex, actor: Actor, proposalId: number, targetNeedId: number, requestId?: string): Promise<Result<{ code: string; needId: number }>> {
  return db.transaction(async (trx) => {
    const p = await findProposal(trx, proposalId);
    if (!p) throw new NotFoundError();
    const from = (await findNeed(trx, p.need_id))!;
    const target = await findNeed(trx, targetNeedId);
    if (!target || target.merged_into_id || target.consultation_id !== from.consultation_id) return invalid({ needId: t('needs.mergeTarget') });
    if (target.id === from.id) return invalid({ needId: t('needs.mergeSelf') });
    const code = proposalCode(target.code, nextProposalRank(target.code, (await listProposals(trx, target.id)).map((x) => x.code)));
    await reassignProposal(trx, p, target.id, code, await nextPosition(trx, 'functional_proposals', { need_id: target.id }));
    await touchNeed(trx, from.id);
    await touchNeed(trx, target.id);
    await recordAudit(trx, {
      actorId: actor.id, action: 'proposal.move', objectType: 'proposal', objectId: p.id, consultationId: from.consultation_id,
      before: { needId: from.id, code: p.code }, after: { needId: target.id, code }, requestId,
    });
    return ok({ code, needId: target.id });
  });
}
