import type { Knex } from 'knex';
import { NotFoundError, Result, invalid, ok } from '../../shared/http/errors';
import { t } from '../../shared/i18n';
import { recordAudit } from '../audit';
import type { Actor } from '../../shared/actor';
import { findNeed, submitProposalsOf, updateNeedIfVersion } from './queries';
import { notify } from '../notifications';

/** The ambassadors hand a draft (or returned) need to the DSI; its draft/returned proposals go with it. */
export async function submitNeed(db: Knex, actor: Actor, id: number, version: number, requestId?: string): Promise<Result<{ code: string }>> {
  return db.transaction(async (trx) => {
    const need = await findNeed(trx, id);
    if (!need) throw new NotFoundError();
    if (!(await updateNeedIfVersion(trx, id, version, { status: 'soumis' }))) return invalid({ _form: t('needs.stale') }, 409);
    await submitProposalsOf(trx, id);
    await recordAudit(trx, { actorId: actor.id, action: 'need.submit', objectType: 'need', objectId: id, consultationId: need.consultation_id, before: { status: need.status }, after: { status: 'soumis' }, requestId });
    await notify.submittedToDsi(trx, { code: need.code, title: need.title, path: `/besoins/${id}`, by: actor.displayName });
    return ok({ code: need.code });
  });
}
