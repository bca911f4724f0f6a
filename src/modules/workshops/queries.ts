import type { Db } from '../../shared/db';
import { insertReturningId, isPostgres } from '../../shared/db';
import { insertRows, type PlainRow } from '../../shared/db';
import type { RegistrationStatus, WorkshopMode, WorkshopStatus } from './rules';

// Reads live in reads.ts; re-exported so that the module's files import queries only.
export {
  findWorkshop, listWorkshops, countWorkshops, themesOfWorkshops, regionsWithStructures, facilitatorChoices, findRegistration, listRegistrations,
  countByStatus, waitingPosition, findByClientKey, countWorkshopContributions, lastWorkshopContributions,
} from './reads';
export type { WorkshopRow, When, WorkshopFilter, WorkshopThemeRow, FacilitatorChoice, RegistrationRow, CapturedRow } from './reads';

/**
 * Takes the workshop's row lock for the rest of the transaction (PostgreSQL), so that two people
 * registering at the same time are counted one after the other. SQLite runs on one connection:
 * its transactions are already serialised.
 */
export async function lockWorkshop(db: Db, id: number): Promise<void> {
  const q = db('workshops').where({ id }).select('id');
  if (isPostgres(db)) q.forUpdate();
  await q.first();
}

/** A planned workshop's row (columns checked by check-workshop-input.ts). */
export async function insertWorkshop(db: Db, row: Record<string, unknown>): Promise<number> {
  return insertReturningId(db, 'workshops', row);
}
export async function setWorkshopThemes(db: Db, workshopId: number, themeIds: number[]): Promise<void> {
  await db('workshop_themes').where({ workshop_id: workshopId }).delete();
  if (themeIds.length) await db('workshop_themes').insert([...new Set(themeIds)].map((theme_id) => ({ workshop_id: workshopId, theme_id })));
}

/** The first `n` people of the waiting list move to a seat; returns their user ids. */
export async function promoteFromWaitingList(db: Db, workshopId: number, n: number): Promise<number[]> {
  if (n <= 0) return [];
  const first = (await db('workshop_registrations')
    .where({ workshop_id: workshopId, status: 'liste_attente' })
    .orderBy('updated_at')
    .orderBy('id')
    .limit(n)
    .select('id', 'user_id')) as Array<{ id: number; user_id: number }>;
  if (!first.length) return [];
  await db('workshop_registrations')
    .whereIn('id', first.map((r) => r.id))
    .update({ status: 'inscrit', updated_at: new Date().toISOString() });
  return first.map((r) => Number(r.user_id));
}

/** A registration for a person: a new row, or their cancelled one reused (one row per person and workshop). */
export async function upsertRegistration(db: Db, workshopId: number, userId: number, status: RegistrationStatus, existingId: number | null): Promise<void> {
  const now = new Date().toISOString();
  if (existingId) {
    await db('workshop_registrations').where({ id: existingId }).update({ status, attended: false, updated_at: now });
  } else {
    await db('workshop_registrations').insert({ workshop_id: workshopId, user_id: userId, status, attended: false, created_at: now, updated_at: now });
  }
}

export async function setRegistrationStatus(db: Db, id: number, status: RegistrationStatus): Promise<void> {
  await db('workshop_registrations').where({ id }).update({ status, updated_at: new Date().toISOString() });
}

export interface WorkshopChanges {
  consultation_id?: number;
  title?: string;
  starts_at?: string;
  ends_at?: string;
  mode?: WorkshopMode;
  place?: string;
  structure_id?: number;
  facilitator_id?: number | null;
  capacity?: number;
  status?: WorkshopStatus;
  anonymous_attendees?: number;
  report_md?: string;
  closed_at?: string | null;
}

/** Optimistic update: applies only when the row still has the version the editor saw. */
export async function updateWorkshopIfVersion(db: Db, id: number, version: number, changes: WorkshopChanges): Promise<boolean> {
  const n = await db('workshops')
    .where({ id, version })
    .update({ ...changes, version: version + 1, updated_at: new Date().toISOString() });
  return n === 1;
}

/** Marks who attended among the seat holders; everyone else is set absent. */
export async function setAttendance(db: Db, workshopId: number, attendedUserIds: number[]): Promise<void> {
  await db('workshop_registrations').where({ workshop_id: workshopId }).update({ attended: false });
  if (attendedUserIds.length) {
    await db('workshop_registrations')
      .where({ workshop_id: workshopId, status: 'inscrit' })
      .whereIn('user_id', attendedUserIds)
      .update({ attended: true });
  }
}

// Bulk loads (the demo): rows whose ids and history are already decided, written in batches.
export async function insertWorkshops(db: Db, rows: readonly PlainRow[]): Promise<void> {
  await insertRows(db, 'workshops', rows);
}
export async function insertWorkshopThemes(db: Db, rows: readonly PlainRow[]): Promise<void> {
  await insertRows(db, 'workshop_themes', rows);
}
export async function insertRegistrations(db: Db, rows: readonly PlainRow[]): Promise<void> {
  await insertRows(db, 'workshop_registrations', rows);
}

/**
 * Takes the reminders due now: seats of planned workshops starting within `withinMs`, not reminded
 * yet. The update marks them and returns exactly the rows it took (on PostgreSQL the row locks make
 * a second instance's identical update skip them), so each person is reminded once.
 */
export async function takeDueReminders(db: Db, now: Date, withinMs: number, limit = 500): Promise<Array<{ workshop_id: number; user_id: number }>> {
  const due = db('workshop_registrations as r')
    .join('workshops as w', 'w.id', 'r.workshop_id')
    .where('r.status', 'inscrit')
    .whereNull('r.reminded_at')
    .where('w.status', 'planifie')
    .where('w.starts_at', '>', now.toISOString())
    .where('w.starts_at', '<=', new Date(now.getTime() + withinMs).toISOString())
    .orderBy('r.id')
    .limit(limit)
    .select('r.id');
  const rows = (await db('workshop_registrations')
    .whereIn('id', due)
    .whereNull('reminded_at')
    .update({ reminded_at: now.toISOString() })
    .returning(['workshop_id', 'user_id'])) as Array<{ workshop_id: unknown; user_id: unknown }>;
  return rows.map((r) => ({ workshop_id: Number(r.workshop_id), user_id: Number(r.user_id) }));
}
