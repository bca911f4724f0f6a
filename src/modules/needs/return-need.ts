import type { Knex } from 'knex';
import { NotFoundError, Result, invalid, ok } from '../../shared/http/errors';
import { t } from '../../shared/i18n';
import { recordAudit } from '../audit';
import type { Actor } from '../../shared/actor';
import { findNeed, updateNeedIfVersion } from './queries';
import { ambassadorsOfTheme } from '../ambassadors';
import { notify } from '../notifications';

/** The DSI returns a need to the ambassadors with a comment they will read on the need's page. */
export async function returnNeed(db: Knex, actor: Actor, id: number, version: number, comment: string, requestId?: string): Promise<Result<{ code: string }>> {
  return db.transaction(async (trx) => {
    const need = await findNeed(trx, id);
    if (!need) throw new NotFoundError();
    if (!(await updateNeedIfVersion(trx, id, version, { status: 'renvoye', review_comment: comment, validated_by: null, validated_at: null }))) {
      return invalid({ _form: t('needs.stale') }, 409);
    }
    await recordAudit(trx, { actorId: actor.id, action: 'need.return', objectType: 'need', objectId: id, consultationId: need.consultation_id, before: { status: need.status }, after: { status: 'renvoye', comment }, requestId });
    await notify.returnedToAmbassadors(trx, await ambassadorsOfTheme(trx, need.consultation_id, need.theme_id), { what: 'Besoin', code: need.code, title: need.title, comment, path: `/besoins/${id}` });
    return ok({ code: need.code });
  });
}
