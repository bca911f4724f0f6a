import type { Knex } from 'knex';
import { NotFoundError, invalid, ok, type Result } from '../../shared/http/errors';
import { t } from '../../shared/i18n';
import { recordAudit } from '../audit';
import type { Actor } from '../../shared/actor';
import { findRegistration, findWorkshop, lockWorkshop, upsertRegistration, waitingPosition } from './queries';
import { decideRegistration } from './rules';
import { notify } from '../notifications';
import { mailFacts } from './workshop-mail';

export interface Registered {
  status: 'inscrit' | 'liste_attente';
  title: string;
  position: number | null;
}

/**
 * A person registers to a workshop, or joins its waiting list when it is full and they asked to.
 * The count and the insert happen in one transaction with the workshop locked (PostgreSQL) or the
 * single SQLite connection held, so two people can never take the last seat together.
 * A refusal (full, closed, cancelled, past, twice) changes nothing.
 */
export async function registerToWorkshop(
  db: Knex,
  actor: Actor,
  workshopId: number,
  input: { waitingList: boolean },
  requestId?: string,
  now: Date = new Date(),
): Promise<Result<Registered>> {
  return db.transaction(async (trx) => {
    await lockWorkshop(trx, workshopId);
    const w = await findWorkshop(trx, workshopId);
    if (!w) throw new NotFoundError();
    const existing = await findRegistration(trx, workshopId, actor.id);
    const decision = decideRegistration({
      status: w.status,
      startsAt: w.starts_at,
      now,
      capacity: w.capacity,
      registered: w.registered,
      existing: existing?.status ?? null,
      waitingList: input.waitingList,
    });
    if (!decision.ok) return invalid({ _form: t(`workshops.registration.${decision.reason}`) }, 409);
    await upsertRegistration(trx, workshopId, actor.id, decision.status, existing?.id ?? null);
    await recordAudit(trx, {
      actorId: actor.id,
      action: decision.status === 'inscrit' ? 'workshop.register' : 'workshop.waitlist',
      objectType: 'workshop',
      objectId: workshopId,
      consultationId: w.consultation_id,
      before: existing ? { status: existing.status } : undefined,
      after: { userId: actor.id, status: decision.status },
      requestId,
    });
    // A seat is confirmed by mail with the invitation; a place on the waiting list is not (its mail comes with the seat).
    if (decision.status === 'inscrit') await notify.workshopRegistered(trx, actor.id, mailFacts(w));
    const position = decision.status === 'liste_attente' ? await waitingPosition(trx, workshopId, actor.id) : null;
    return ok({ status: decision.status, title: w.title, position });
  });
}
