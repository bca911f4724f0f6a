import type { Knex } from 'knex';
import { NotFoundError, Result, invalid, ok } from '../../shared/http/errors';
import { t } from '../../shared/i18n';
import { recordAudit } from '../audit';
import type { Actor } from '../../shared/actor';
import { countSupports, findNeed, listProposals, updateNeedIfVersion } from './queries';
import { readinessMessage, validationReadiness } from './rules';

/** The DSI validates a need — only one with a consolidated contribution and a validated proposal. */
export async function validateNeed(db: Knex, actor: Actor, id: number, version: number, requestId?: string): Promise<Result<{ code: string }>> {
  return db.transaction(async (trx) => {
    const need = await findNeed(trx, id);
    if (!need) throw new NotFoundError();
    const supports = await countSupports(trx, id);
    const readiness = validationReadiness({ supports, proposals: await listProposals(trx, id) });
    if (!readiness.ready) return invalid({ _form: readinessMessage(need.code, readiness) });
    const now = new Date().toISOString();
    if (!(await updateNeedIfVersion(trx, id, version, { status: 'valide', validated_by: actor.id, validated_at: now, review_comment: null }))) {
      return invalid({ _form: t('needs.stale') }, 409);
    }
    await recordAudit(trx, { actorId: actor.id, action: 'need.validate', objectType: 'need', objectId: id, consultationId: need.consultation_id, before: { status: need.status }, after: { status: 'valide' }, requestId });
    return ok({ code: need.code });
  });
}
