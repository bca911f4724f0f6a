import type { Knex } from 'knex';
import { NotFoundError, Result, invalid, ok } from '../../shared/http/errors';
import { t } from '../../shared/i18n';
import { recordAudit } from '../audit';
import type { Actor } from '../../shared/actor';
import { findNeed, findProposal, updateProposalIfVersion } from './queries';

export async function validateProposal(db: Knex, actor: Actor, id: number, version: number, requestId?: string): Promise<Result<{ code: string }>> {
  return db.transaction(async (trx) => {
    const p = await findProposal(trx, id);
    if (!p) throw new NotFoundError();
    const now = new Date().toISOString();
    if (!(await updateProposalIfVersion(trx, id, version, { status: 'valide', validated_by: actor.id, validated_at: now, review_comment: null }))) {
      return invalid({ _form: t('needs.proposalStale') }, 409);
    }
    const need = await findNeed(trx, p.need_id);
    await recordAudit(trx, { actorId: actor.id, action: 'proposal.validate', objectType: 'proposal', objectId: id, consultationId: need?.consultation_id ?? null, before: { status: p.status }, after: { status: 'valide' }, requestId });
    return ok({ code: p.code });
  });
}
