import type { Knex } from 'knex';
import { OPTIONAL_KINDS, type MailKind } from './kinds';
import { setPreference } from './queries';

/** A person keeps the optional mails they ticked and turns the others off (profile form). */
export async function chooseOptionalMails(db: Knex, userId: number, kept: ReadonlySet<string>): Promise<MailKind[]> {
  return db.transaction(async (trx) => {
    for (const kind of OPTIONAL_KINDS) await setPreference(trx, userId, kind, kept.has(kind));
    return OPTIONAL_KINDS.filter((k) => kept.has(k));
  });
}

/** One click from a mail's footer: that kind off (the unsubscribe page). */
export async function unsubscribe(db: Knex, userId: number, kind: MailKind): Promise<void> {
  await setPreference(db, userId, kind, false);
}
