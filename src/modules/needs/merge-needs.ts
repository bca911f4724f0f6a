import type { Knex } from 'knex';
import { NotFoundError, Result, invalid, ok } from '../../shared/http/errors';
import { t } from '../../shared/i18n';
import { recordAudit } from '../audit';
import type { Actor } from '../../shared/actor';
import { findNeed, listProposals, nextPosition, touchNeed } from './queries';
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

    const supports = (await trx('need_supports').where({ need_id: fromId }).select('consolidated_contribution_id', 'created_by', 'created_at')) as any[];
    const existing = new Set((await trx('need_supports').where({ need_id: intoId }).select('consolidated_contribution_id')).map((r: any) => Number(r.consolidated_contribution_id)));
    for (const s of supports) {
      if (!existing.has(Number(s.consolidated_contribution_id))) {
        await trx('need_supports').insert({ need_id: intoId, consolidated_contribution_id: s.consolidated_contribution_id, created_by: s.created_by, created_at: s.created_at });
      }
    }
    await trx('need_supports').where({ need_id: fromId }).delete();

    const targetCodes = (await listProposals(trx, intoId)).map((p) => p.code);
    let position = await nextPosition(trx, 'functional_proposals', { need_id: intoId });
    const moved: Array<{ id: number; from: string; to: string }> = [];
    for (const p of await listProposals(trx, fromId)) {
      const code = proposalCode(into.code, nextProposalRank(into.code, targetCodes));
      targetCodes.push(code);
      await trx('functional_proposals').where({ id: p.id }).update({ need_id: intoId, code, position: position++, version: p.version + 1, updated_at: new Date().toISOString() });
      moved.push({ id: p.id, from: p.code, to: code });
    }

    const quoted = new Set((await trx('representative_quotes').where({ need_id: intoId }).select('raw_contribution_id')).map((r: any) => Number(r.raw_contribution_id)));
    for (const q of (await trx('representative_quotes').where({ need_id: fromId }).select('id', 'raw_contribution_id')) as any[]) {
      // The same contribution quoted under both needs: one quote is enough under the merged need.
      if (quoted.has(Number(q.raw_contribution_id))) await trx('representative_quotes').where({ id: q.id }).delete();
      else await trx('representative_quotes').where({ id: q.id }).update({ need_id: intoId });
    }
    await trx('need_comments').where({ need_id: fromId }).update({ need_id: intoId });

    await trx('needs').where({ id: fromId }).update({ merged_into_id: intoId, version: from.version + 1, updated_at: new Date().toISOString() });
    await touchNeed(trx, intoId);
    await recordAudit(trx, {
      actorId: actor.id, action: 'need.merge', objectType: 'need', objectId: intoId, consultationId: into.consultation_id,
      before: { mergedNeed: { id: fromId, code: from.code, title: from.title } },
      after: { into: { id: intoId, code: into.code }, supports: supports.map((s) => Number(s.consolidated_contribution_id)), proposals: moved }, requestId,
    });
    return ok({ into: into.code, from: from.code });
  });
}
