import type { Knex } from 'knex';
import { NotFoundError, ok, type Result } from '../../shared/http/errors';
import { recordAudit } from '../audit';
import type { Actor } from '../auth/roles';

/**
 * An ambassador says whether the white paper may name them (name, structure, themes) in its list of
 * ambassadors. Only for editions published afterwards: a published edition is never changed.
 */
export async function setConsent(db: Knex, actor: Actor, consultationId: number, consent: boolean, requestId?: string): Promise<Result<{ consent: boolean }>> {
  return db.transaction(async (trx) => {
    const application = await trx('ambassador_applications').where({ consultation_id: consultationId, user_id: actor.id, status: 'retenue' }).first('id', 'whitepaper_consent');
    if (!application) throw new NotFoundError();
    const before = application.whitepaper_consent === true || Number(application.whitepaper_consent) === 1;
    await trx('ambassador_applications')
      .where({ id: application.id })
      .update({ whitepaper_consent: consent, whitepaper_consent_at: new Date().toISOString() });
    await recordAudit(trx, {
      actorId: actor.id,
      action: consent ? 'whitepaper.consent.give' : 'whitepaper.consent.withdraw',
      objectType: 'ambassador_application',
      objectId: Number(application.id),
      consultationId,
      before: { whitepaper_consent: before },
      after: { whitepaper_consent: consent },
      requestId,
    });
    return ok({ consent });
  });
}
