import type { Knex } from 'knex';
import { recordAudit } from '../audit';
import type { Actor } from '../../shared/actor';
import { NotFoundError, invalid, ok, type Result } from '../../shared/http/errors';
import { formatDate, t } from '../../shared/i18n';
import { closingDay, opensPurge, parisDay } from './phases';
import { findConsultationById, listPhases, replacePhases } from './queries';
import type { PhaseInput } from './validation';

const summary = (p: { kind: string; title: string; starts_on: string; ends_on: string }) => ({ kind: p.kind, title: p.title, starts_on: p.starts_on, ends_on: p.ends_on });

/**
 * The DSI sets the calendar: the phases given replace the previous ones, in one transaction. A
 * change that would close the consultation today (moving the follow-up's end back, say) makes the
 * irreversible purge of personal data possible: it is refused until the DSI confirms it knowingly.
 */
export async function setPhases(
  db: Knex,
  actor: Actor,
  consultationId: number,
  phases: PhaseInput[],
  options: { requestId?: string; confirmPurgeOpening?: boolean } = {},
): Promise<Result<void>> {
  return db.transaction(async (trx) => {
    const consultation = await findConsultationById(trx, consultationId);
    if (!consultation) throw new NotFoundError();
    const before = await listPhases(trx, consultationId);
    const purged = (consultation as { personal_data_purged_at?: unknown }).personal_data_purged_at != null;
    if (!purged && !options.confirmPurgeOpening && opensPurge(before, phases, parisDay(new Date()))) {
      return invalid({ confirmPurgeOpening: t('consultations.purgeOpening', { day: formatDate(closingDay(phases)) }) }, 409);
    }
    await replacePhases(trx, consultationId, phases);
    await recordAudit(trx, {
      actorId: actor.id,
      action: 'consultation.phases',
      objectType: 'consultation',
      objectId: consultationId,
      consultationId,
      before: before.map(summary),
      after: phases.map(summary),
      requestId: options.requestId,
    });
    return ok(undefined);
  });
}
