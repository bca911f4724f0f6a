import type { Db } from '../../shared/db';
import { MAIL_KINDS, type MailKind } from './kinds';
import { dsiIds, insertMails, optedOut, recipients, type Recipient } from './queries';
import { renderMail, type MailContent } from './render';
import { mailSettings } from './settings';
import { unsubscribeToken } from './unsubscribe';

export type Addressees = readonly number[] | 'dsi';

/**
 * Writes one mail per person into the outbox, in the caller's transaction (so a rolled-back action
 * sends nothing and a committed one loses nothing). People who cannot receive mail (deactivated,
 * anonymised, no address) are skipped, and so are those who turned an optional kind off. Returns
 * how many mails were written.
 */
export async function enqueueMail(db: Db, kind: MailKind, to: Addressees, content: (r: Recipient) => MailContent): Promise<number> {
  const ids = to === 'dsi' ? await dsiIds(db) : to;
  let people = await recipients(db, ids);
  if (MAIL_KINDS[kind].optional) {
    const off = await optedOut(db, kind, people.map((p) => p.id));
    people = people.filter((p) => !off.has(p.id));
  }
  if (!people.length) return 0;
  const { publicUrl, secret } = mailSettings();
  const rows = people.map((p) => {
    const c = content(p);
    const unsubscribe = MAIL_KINDS[kind].optional ? `${publicUrl}/desabonnement/${unsubscribeToken(secret, p.id, kind)}` : undefined;
    const m = renderMail(c, p, { base: publicUrl, unsubscribe });
    return { user_id: p.id, to_address: p.email, kind, subject: m.subject, text_body: m.text, html_body: m.html, ics: c.ics ?? null };
  });
  await insertMails(db, rows);
  return rows.length;
}
