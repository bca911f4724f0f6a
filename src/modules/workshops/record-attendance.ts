import type { Knex } from 'knex';
import { NotFoundError, invalid, ok, type Result } from '../../shared/http/errors';
import { t } from '../../shared/i18n';
import { recordAudit } from '../audit';
import type { Actor } from '../../shared/actor';
import { findWorkshop, listRegistrations, lockWorkshop, setAttendance, updateWorkshopIfVersion, type WorkshopRow } from './queries';
import type { AttendanceInput } from './validation';
import { formatSchedule, hasStarted } from './rules';

export type AttendanceOutcome = Result<WorkshopRow> & { current?: WorkshopRow };

/**
 * Saves who attended (among the seat holders), the attendees without an account and the report,
 * and — when `close` — closes the workshop. Shared by record-attendance and close-workshop so that
 * closing always records the attendance shown on the same form, in the same transaction.
 */
export async function saveAttendance(
  trx: Knex.Transaction,
  actor: Actor,
  workshopId: number,
  input: AttendanceInput,
  close: boolean,
  requestId?: string,
): Promise<AttendanceOutcome> {
  await lockWorkshop(trx, workshopId);
  const before = await findWorkshop(trx, workshopId);
  if (!before) throw new NotFoundError();
  if (before.version !== input.version) return { ...invalid({ _form: t('workshops.stale') }, 409), current: before };
  if (before.status !== 'planifie') return invalid({ _form: t('workshops.alreadyClosed') }, 409);
  // Nobody attended a session that has not begun: a workshop closed in advance would count as held.
  if (!hasStarted(before.starts_at, new Date())) return invalid({ _form: t('workshops.notStarted', { day: formatSchedule(before.starts_at, before.ends_at) }) }, 409);
  const seats = await listRegistrations(trx, workshopId, 'inscrit');
  const seatHolders = new Set(seats.map((r) => Number(r.user_id)));
  const attended = [...new Set(input.attended)];
  if (attended.some((id) => !seatHolders.has(id))) return invalid({ attended: t('workshops.unknownAttendee') });
  if (close && !input.reportMd.trim()) return invalid({ reportMd: t('workshops.reportRequired') });
  const now = new Date().toISOString();
  const changes = {
    anonymous_attendees: input.anonymousAttendees,
    report_md: input.reportMd,
    ...(close ? { status: 'clos' as const, closed_at: now } : {}),
  };
  if (!(await updateWorkshopIfVersion(trx, workshopId, input.version, changes))) {
    return { ...invalid({ _form: t('workshops.stale') }, 409), current: (await findWorkshop(trx, workshopId))! };
  }
  await setAttendance(trx, workshopId, attended);
  await recordAudit(trx, {
    actorId: actor.id,
    action: close ? 'workshop.close' : 'workshop.attendance',
    objectType: 'workshop',
    objectId: workshopId,
    consultationId: before.consultation_id,
    before: {
      status: before.status,
      anonymous_attendees: before.anonymous_attendees,
      attendedUserIds: seats.filter((r) => r.attended).map((r) => Number(r.user_id)),
    },
    after: { status: close ? 'clos' : before.status, anonymous_attendees: input.anonymousAttendees, attendedUserIds: attended, reportLength: input.reportMd.length },
    requestId,
  });
  return ok((await findWorkshop(trx, workshopId))!);
}

/** The facilitator (or the DSI) records attendance and drafts the report, the workshop staying open. */
export async function recordAttendance(db: Knex, actor: Actor, workshopId: number, input: AttendanceInput, requestId?: string): Promise<AttendanceOutcome> {
  return db.transaction((trx) => saveAttendance(trx, actor, workshopId, input, false, requestId));
}
