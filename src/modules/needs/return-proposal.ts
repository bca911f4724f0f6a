import type { Knex } from 'knex';
import { NotFoundError, Result, invalid, ok } from '../../shared/http/errors';
import { t } from '../../shared/i18n';
import { recordAudit } from '../audit';
import type { Actor } from '../../shared/actor';
import { findNeed, findProposal, updateProposalIfVersion } from './queries';
import { ambassadorsOfTheme } from '../ambassadors';
import { notify } from '../notifications';

export async function returnProposal(db: Knex, actor: Actor, id: number, version: number, comment: string, requestId?: string): Promise<Result<{ code: string }>> {
  return db.transaction(async (trx) => {
    const p = await findProposal(trx, id);
    if (!p) throw new NotFoundError();
    if (!(await updateProposalIfVersion(trx, id, version, { status: 'renvoye', review_comment: comment, validated_by: null, validated_at: null }))) {
      return invalid({ _form: t('needs.proposalStale') }, 409);
    }
    const need = await findNeed(trx, p.need_id);
    await recordAudit(trx, { actorId: actor.id, action: 'proposal.return', objectType: 'proposal', objectId: id, consultationId: need?.consultation_id ?? null, before: { status: p.status }, after: { status: 'renvoye', comment }, requestId });
    if (need) await notify.returnedToAmbassadors(trx, await ambassadorsOfTheme(trx, need.consultation_id, need.theme_id), { what: 'Proposition', code: p.code, title: p.title, comment, path: `/propositions/${id}` });
    return ok({ code: p.code });
  });
}
