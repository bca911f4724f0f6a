import type { Knex } from 'knex';
import type { Actor } from '../../shared/actor';
import { saveAttendance, type AttendanceOutcome } from './record-attendance';
import type { AttendanceInput } from './validation';

/**
 * After the session, the facilitator (or the DSI) closes the workshop with its attendance and its
 * report (required). A closed workshop is final: no more registration, capture or edit.
 * Closing is refused before the session starts (it would count as held); once it has started it may
 * be closed at any time — a session may end early or be typed up the same day.
 */
export async function closeWorkshop(db: Knex, actor: Actor, workshopId: number, input: AttendanceInput, requestId?: string): Promise<AttendanceOutcome> {
  return db.transaction((trx) => saveAttendance(trx, actor, workshopId, input, true, requestId));
}
