import type { Knex } from 'knex';
import { setRawFields } from '../contributions';
import { NotFoundError, invalid, ok, type Result } from '../../shared/http/errors';
import { t } from '../../shared/i18n';
import { recordAudit } from '../audit';
import type { Actor } from '../../shared/actor';
import type { WorkScope } from './policy';
import { lockRaw } from './queries';
import { requireWork } from './scope';

/** Undoes « hors périmètre »: the contribution is to process again; the former reason stays in the audit log. */
export async function bringBackInScope(db: Knex, actor: Actor, scope: WorkScope, rawId: number, requestId?: string): Promise<Result<{ id: number }>> {
  return db.transaction(async (trx) => {
    const raw = await lockRaw(trx, rawId);
    if (!raw || raw.consultation_id !== scope.consultationId) throw new NotFoundError();
    requireWork(actor, scope, raw.theme_id);
    if (raw.status !== 'hors_perimetre') return invalid({ _form: t('consolidation.notOutOfScope') }, 409);
    await setRawFields(trx, raw.id, { status: 'a_traiter', out_of_scope_reason: null });
    await recordAudit(trx, {
      actorId: actor.id,
      action: 'consolidation.back_in_scope',
      objectType: 'raw_contribution',
      objectId: raw.id,
      consultationId: scope.consultationId,
      before: { status: raw.status, reason: raw.out_of_scope_reason },
      after: { status: 'a_traiter', reason: null },
      requestId,
    });
    return ok({ id: raw.id });
  });
}
