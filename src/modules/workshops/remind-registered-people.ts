import type { Knex } from 'knex';
import { notify } from '../notifications';
import { findWorkshop, takeDueReminders } from './queries';
import { mailFacts } from './workshop-mail';

/** « La veille »: a seat of a workshop starting within the next 24 hours is reminded once. */
export const REMINDER_WINDOW_MS = 24 * 3600 * 1000;

/**
 * Reminds the people holding a seat of a workshop that starts within a day (run by the server every
 * few minutes). Marking the seats and writing the mails share one transaction: a reminder is never
 * marked without its mail, nor written twice. Returns how many mails were written.
 */
export async function remindRegisteredPeople(db: Knex, now = new Date()): Promise<number> {
  return db.transaction(async (trx) => {
    const taken = await takeDueReminders(trx, now, REMINDER_WINDOW_MS);
    const byWorkshop = new Map<number, number[]>();
    for (const r of taken) byWorkshop.set(r.workshop_id, [...(byWorkshop.get(r.workshop_id) ?? []), r.user_id]);
    let written = 0;
    for (const [workshopId, userIds] of byWorkshop) {
      const w = await findWorkshop(trx, workshopId);
      if (w) written += await notify.workshopReminder(trx, userIds, mailFacts(w));
    }
    return written;
  });
}
