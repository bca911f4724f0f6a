import type { Db } from '../../shared/db';
import { toDate, toInt } from '../../shared/db';
import type { MailKind, OutboxStatus } from './kinds';

/**
 * The outbox (`outbox_mails`) and the optional kinds people turned off (`notification_preferences`),
 * both owned by notifications. People's names and addresses are READ from `users` (owned by users,
 * which sits above this module: importing it would make a cycle, and reading needs no owner).
 */

export interface Recipient {
  id: number;
  email: string;
  name: string;
}

/** The people among `userIds` who can receive a mail: active, with an address, not anonymised. */
export async function recipients(db: Db, userIds: readonly number[]): Promise<Recipient[]> {
  if (!userIds.length) return [];
  const rows = await db('users')
    .whereIn('id', [...new Set(userIds)])
    .where({ active: true })
    .whereNotNull('email')
    .whereNull('anonymised_at')
    .select('id', 'email', 'display_name')
    .orderBy('id');
  return rows.map((r: any) => ({ id: toInt(r.id), email: String(r.email), name: String(r.display_name) }));
}

/** The active DSI accounts (few: the national team). */
export async function dsiIds(db: Db): Promise<number[]> {
  const rows = await db('users').where({ role: 'dsi', active: true }).whereNotNull('email').select('id').orderBy('id').limit(200);
  return rows.map((r: any) => toInt(r.id));
}

/** Of `userIds`, those who turned `kind` off. */
export async function optedOut(db: Db, kind: MailKind, userIds: readonly number[]): Promise<Set<number>> {
  if (!userIds.length) return new Set();
  const rows = await db('notification_preferences').where({ kind, enabled: false }).whereIn('user_id', [...userIds]).select('user_id');
  return new Set(rows.map((r: any) => toInt(r.user_id)));
}

/** The optional kinds a person turned off. */
export async function disabledKinds(db: Db, userId: number): Promise<Set<string>> {
  const rows = await db('notification_preferences').where({ user_id: userId, enabled: false }).select('kind');
  return new Set(rows.map((r: any) => String(r.kind)));
}

export async function setPreference(db: Db, userId: number, kind: MailKind, enabled: boolean): Promise<void> {
  await db('notification_preferences')
    .insert({ user_id: userId, kind, enabled, updated_at: new Date().toISOString() })
    .onConflict(['user_id', 'kind'])
    .merge(['enabled', 'updated_at']);
}

export interface OutboxInsert {
  user_id: number | null;
  to_address: string;
  kind: MailKind;
  subject: string;
  text_body: string;
  html_body: string;
  ics: string | null;
}

export async function insertMails(db: Db, rows: readonly OutboxInsert[], now = new Date()): Promise<void> {
  const at = now.toISOString();
  // Bounded statements: a publication may write to hundreds of contributors.
  for (let i = 0; i < rows.length; i += 100) {
    await db('outbox_mails').insert(rows.slice(i, i + 100).map((r) => ({ ...r, status: 'en_attente', attempts: 0, next_attempt_at: at, created_at: at })));
  }
}

export interface OutboxRow {
  id: number;
  user_id: number | null;
  to_address: string;
  kind: string;
  subject: string;
  text_body: string;
  html_body: string;
  ics: string | null;
  status: OutboxStatus;
  attempts: number;
  next_attempt_at: Date;
  last_error: string | null;
  created_at: Date;
  sent_at: Date | null;
}

const rowOut = (r: any): OutboxRow => ({
  ...r,
  id: toInt(r.id),
  user_id: r.user_id == null ? null : toInt(r.user_id),
  attempts: toInt(r.attempts),
  next_attempt_at: toDate(r.next_attempt_at)!,
  created_at: toDate(r.created_at)!,
  sent_at: toDate(r.sent_at),
});

/**
 * Claims up to `limit` due mails for one sender with one statement: the outer `status` test is
 * evaluated again on each row once its lock is taken (PostgreSQL), so two instances never claim the
 * same mail; SQLite runs one statement at a time. Claims older than `staleMs` (a sender that
 * stopped mid-send) are due again.
 */
export async function claimDue(db: Db, token: string, limit: number, now: Date, staleMs: number): Promise<OutboxRow[]> {
  const at = now.toISOString();
  await db('outbox_mails')
    .where({ status: 'en_cours' })
    .where('claimed_at', '<', new Date(now.getTime() - staleMs).toISOString())
    .update({ status: 'en_attente', claim_token: null });
  const due = db('outbox_mails').where({ status: 'en_attente' }).where('next_attempt_at', '<=', at).orderBy('next_attempt_at').orderBy('id').limit(limit).select('id');
  await db('outbox_mails')
    .whereIn('id', due)
    .where({ status: 'en_attente' })
    .update({ status: 'en_cours', claim_token: token, claimed_at: at });
  const rows = await db('outbox_mails').where({ claim_token: token, status: 'en_cours' }).orderBy('id');
  return rows.map(rowOut);
}

export async function markSent(db: Db, id: number, token: string, now: Date): Promise<void> {
  await db('outbox_mails')
    .where({ id, claim_token: token })
    .update({ status: 'envoye', sent_at: now.toISOString(), attempts: db.raw('attempts + 1'), claim_token: null, last_error: null });
}

export async function markFailed(db: Db, id: number, token: string, error: string, next: { giveUp: boolean; at: Date }): Promise<void> {
  await db('outbox_mails')
    .where({ id, claim_token: token })
    .update({
      status: next.giveUp ? 'echoue' : 'en_attente',
      attempts: db.raw('attempts + 1'),
      next_attempt_at: next.at.toISOString(),
      claim_token: null,
      last_error: error.slice(0, 500),
    });
}

/** How many mails wait, were sent, were given up (the page's summary). */
export async function countByStatus(db: Db): Promise<Record<string, number>> {
  const rows = await db('outbox_mails').select('status').count({ n: '*' }).groupBy('status');
  return Object.fromEntries(rows.map((r: any) => [String(r.status), toInt(r.n)]));
}

/** Newest first, a page of `limit` before the id `before` (keyset: any depth costs the same). */
export async function listMails(db: Db, limit: number, before?: number): Promise<OutboxRow[]> {
  const q = db('outbox_mails');
  if (before) q.where('id', '<', before);
  const rows = await q
    .select('id', 'user_id', 'to_address', 'kind', 'subject', 'status', 'attempts', 'next_attempt_at', 'last_error', 'created_at', 'sent_at')
    .orderBy('id', 'desc')
    .limit(limit);
  return rows.map((r: any) => rowOut({ ...r, text_body: '', html_body: '', ics: null }));
}

export async function findMail(db: Db, id: number): Promise<OutboxRow | undefined> {
  const r = await db('outbox_mails').where({ id }).first();
  return r ? rowOut(r) : undefined;
}
