import type { Db } from '../../shared/db';
import type { WorkshopFacts } from '../notifications';
import type { WorkshopRow } from './reads';
import { formatSchedule } from './rules';

/** What a mail about a workshop says of it, in words (the notifications module knows no workshop). */
export const mailFacts = (w: WorkshopRow): WorkshopFacts => ({
  id: w.id,
  title: w.title,
  when: formatSchedule(w.starts_at, w.ends_at),
  start: w.starts_at,
  end: w.ends_at,
  place: [w.place, w.structure_name].filter(Boolean).join(', ') || null,
  version: w.version,
});

/** The people holding a seat (the changed-workshop mail goes to them). */
export async function seatHolderIds(db: Db, workshopId: number): Promise<number[]> {
  const rows = await db('workshop_registrations').where({ workshop_id: workshopId, status: 'inscrit' }).select('user_id').orderBy('user_id');
  return rows.map((r: any) => Number(r.user_id));
}
