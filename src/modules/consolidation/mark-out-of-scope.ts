import type { Knex } from 'knex';
import { setRawFields } from '../contributions';
import { NotFoundError, invalid, ok, type Result } from '../../shared/http/errors';
import { t } from '../../shared/i18n';
import { recordAudit } from '../audit';
import type { Actor } from '../../shared/actor';
import type { WorkScope } from './policy';
import { activeLinksOfRaw, lockRaw } from './queries';
import { requireWork } from './scope';

/** Sets a raw contribution aside as out of scope, with a required reason (it then counts as accounted for). */
export async function markOutOfScope(db: Knex, actor: Actor, scope: WorkScope, rawId: number, reason: string, requestId?: string): Promise<Result<{ id: number }>> {
  return db.transaction(async (trx) => {
    const raw = await lockRaw(trx, rawId);
    if (!raw || raw.consultation_id !== scope.consultationId) throw new NotFoundError();
    requireWork(actor, scope, raw.theme_id);
    if (raw.status === 'retiree') return invalid({ _form: t('consolidation.withdrawn') }, 409);
    if ((await activeLinksOfRaw(trx, raw.id)).length) return invalid({ _form: t('consolidation.stillLinked') }, 409);
    await setRawFields(trx, raw.id, { status: 'hors_perimetre', out_of_scope_reason: reason });
    await recordAudit(trx, {
      actorId: actor.id,
      action: 'consolidation.out_of_scope',
      objectType: 'raw_contribution',
      objectId: raw.id,
      consultationId: scope.consultationId,
      before: { status: raw.status, reason: raw.out_of_scope_reason },
      after: { status: 'hors_perimetre', reason },
      requestId,
    });
    return ok({ id: raw.id });
  });
}
