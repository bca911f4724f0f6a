import type { Knex } from 'knex';
import { NotFoundError, ok, type Result } from '../../shared/http/errors';
import { recordAudit } from '../audit';
import type { Actor } from '../../shared/actor';
import { findSelectedApplication, setApplicationConsent } from '../ambassadors';

/**
 * An ambassador says whether the white paper may name them (name, structure, themes) in its list of
 * ambassadors. Only for editions published afterwards: a published edition is never changed.
 */
export async function setConsent(db: Knex, actor: Actor, consultationId: number, consent: boolean, requestId?: string): Promise<Result<{ consent: boolean }>> {
  return db.transaction(async (trx) => {
    const application = await findSelectedApplication(trx, consultationId, actor.id);
    if (!application) throw new NotFoundError();
    await setApplicationConsent(trx, application.id, consent);
    await recordAudit(trx, {
      actorId: actor.id,
      action: consent ? 'whitepaper.consent.give' : 'whitepaper.consent.withdraw',
      objectType: 'ambassador_application',
      objectId: application.id,
      consultationId,
      before: { whitepaper_consent: application.consent },
      after: { whitepaper_consent: consent },
      requestId,
    });
    return ok({ consent });
  });
}
