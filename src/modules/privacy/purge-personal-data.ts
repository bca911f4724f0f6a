import type { Knex } from 'knex';
import { ForbiddenError, NotFoundError, Result, invalid, ok } from '../../shared/http/errors';
import { formatDate, t } from '../../shared/i18n';
import { recordAudit } from '../audit';
import type { Actor } from '../../shared/actor';
import { listPhases, parisDay } from '../consultations';
import { privacyPolicy } from './policy';
import { detachContributions, eraseApplicationTexts, markPurged } from './queries';
import { closingDay, isClosed } from './retention';

export interface PurgeOutcome {
  contributionsDetached: number;
  applicationsErased: number;
  purgedAt: string;
}

/**
 * The DSI purges the personal data of a CLOSED consultation: its raw contributions are detached from
 * their authors (they stay, anonymous, and still count), and the free texts of its ambassador
 * applications are replaced. Registrations and accounts are untouched, so the participation figures
 * do not move; a person's account is erased by their own anonymisation. Refused, with nothing
 * changed, while the consultation is not closed.
 */
export async function purgePersonalData(
  db: Knex,
  actor: Actor,
  consultationId: number,
  options: { today?: string; requestId?: string } = {},
): Promise<Result<PurgeOutcome>> {
  return db.transaction(async (trx) => {
    const consultation = await trx('consultations').where({ id: consultationId }).first();
    if (!consultation) throw new NotFoundError();
    if (!privacyPolicy.canManageConsultationData(actor, consultation)) throw new ForbiddenError();
    const phases = await listPhases(trx, consultationId);
    const today = options.today ?? parisDay(new Date());
    if (!isClosed(phases, today)) {
      const day = closingDay(phases);
      return invalid({ _form: day ? t('privacy.notClosed', { date: formatDate(day) }) : t('privacy.notClosedNoPhase') }, 409);
    }
    const contributionsDetached = await detachContributions(trx, { consultationId });
    const applicationsErased = await eraseApplicationTexts(trx, { consultationId });
    const purgedAt = new Date().toISOString();
    await markPurged(trx, consultationId, purgedAt);
    await recordAudit(trx, {
      actorId: actor.id,
      action: 'consultation.purge_personal_data',
      objectType: 'consultation',
      objectId: consultationId,
      consultationId,
      before: { personalDataPurgedAt: consultation.personal_data_purged_at ?? null },
      after: { personalDataPurgedAt: purgedAt, contributionsDetached, applicationsErased },
      requestId: options.requestId,
    });
    return ok({ contributionsDetached, applicationsErased, purgedAt });
  });
}
