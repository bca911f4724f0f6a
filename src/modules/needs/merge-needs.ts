import type { Knex } from 'knex';
import { NotFoundError, Result, invalid, ok } from '../../shared/http/errors';
import { t } from '../../shared/i18n';
import { recordAudit } from '../audit';
import type { Actor } from '../../shared/actor';
import { findNeed, listProposals, markNeedMerged, moveQuotesAndComments, moveSupports, nextPosition, reassignProposal, touchNeed } from './queries';
import { nextProposalRank, proposalCode } from './rules';

/**
 * Merges `fromId` into `intoId`: supports, proposals (recoded under the target), quotes and comments
 * move; the merged need keeps its row, hidden from lists, with merged_into_id telling where it went.
 */
export async function mergeNeeds(db: Knex, actor: Actor, intoId: number, fromId: number, requestId?: string): Promise<Result<{ into: string; from: string }>> {
  return db.transaction(async (trx) => {
    const into = await findNeed(trx, intoId);
    if (!into || into.merged_into_id) throw new NotFoundError();
    if (intoId === fromId) return invalid({ fromId: t('needs.mergeSelf') });
    const from = await findNeed(trx, fromId);
    if (!from || from.merged_into_id || from.consultation_id !== into.consultation_id) return invalid({ fromId: t('needs.mergeTarget') });

    const supports = await moveSupports(trx, fromId, intoId);

    const targetCodes = (await listProposals(trx, intoId)).map((p) => p.code);
    let position = await nextPosition(trx, 'functional_proposals', { need_id: intoId });
    const moved: Array<{ id: number; from: string; to: string }> = [];
    for (const p of await listProposals(trx, fromId)) {
      const code = proposalCode(into.code, nextProposalRank(into.code, targetCodes));
      targetCodes.push(code);
      await reassignProposal(trx, p, intoId, code, position++);
      moved.push({ id: p.id, from: p.code, to: code });
    }

    await moveQuotesAndComments(trx, fromId, intoId);

    await markNeedMerged(trx, from, intoId);
    await touchNeed(trx, intoId);
    await recordAudit(trx, {
      actorId: actor.id, action: 'need.merge', objectType: 'need', objectId: intoId, consultationId: into.consultation_id,
      before: { mergedNeed: { id: fromId, code: from.code, title: from.title } },
      after: { into: { id: intoId, code: into.code }, supports, proposals: moved }, requestId,
    });
    return ok({ into: into.code, from: from.code });
  });
}
