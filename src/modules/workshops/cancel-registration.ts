import type { Knex } from 'knex';
import { NotFoundError, invalid, ok, type Result } from '../../shared/http/errors';
import { t } from '../../shared/i18n';
import { recordAudit } from '../audit';
import type { Actor } from '../../shared/actor';
import { findRegistration, findWorkshop, lockWorkshop, promoteFromWaitingList, setRegistrationStatus } from './queries';
import { seatsToPromote } from './rules';
import { notify } from '../notifications';
import { mailFacts } from './workshop-mail';

/**
 * A person cancels their registration (or leaves the waiting list). A freed seat goes at once, in
 * the same transaction, to the first person on the waiting list.
 */
export async function cancelRegistration(
  db: Knex,
  actor: Actor,
  workshopId: number,
  requestId?: string,
): Promise<Result<{ title: string; previous: 'inscrit' | 'liste_attente'; promotedUserIds: number[] }>> {
  return db.transaction(async (trx) => {
    await lockWorkshop(trx, workshopId);
    const w = await findWorkshop(trx, workshopId);
    if (!w) throw new NotFoundError();
    const reg = await findRegistration(trx, workshopId, actor.id);
    if (!reg || reg.status === 'annule') return invalid({ _form: t('workshops.notRegistered') }, 409);
    if (w.status !== 'planifie') return invalid({ _form: t('workshops.cancelClosed') }, 409);
    await setRegistrationStatus(trx, reg.id, 'annule');
    const registered = reg.status === 'inscrit' ? w.registered - 1 : w.registered;
    const waiting = reg.status === 'liste_attente' ? w.waiting - 1 : w.waiting;
    const promotedUserIds = await promoteFromWaitingList(trx, workshopId, seatsToPromote(w.capacity, registered, waiting));
    if (promotedUserIds.length) await notify.promotedFromWaitingList(trx, promotedUserIds, mailFacts(w));
    await recordAudit(trx, {
      actorId: actor.id,
      action: 'workshop.unregister',
      objectType: 'workshop',
      objectId: workshopId,
      consultationId: w.consultation_id,
      before: { userId: actor.id, status: reg.status },
      after: { userId: actor.id, status: 'annule', promotedUserIds },
      requestId,
    });
    return ok({ title: w.title, previous: reg.status, promotedUserIds });
  });
}
