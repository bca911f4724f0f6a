import crypto from 'node:crypto';
import { isOptionalKind, type MailKind } from './kinds';

/**
 * The unsubscribe link of an optional mail: « user id . kind . HMAC » signed with SESSION_SECRET, so
 * that it works without logging in, names one person and one kind, and cannot be forged for another.
 * It never expires: a mail read months later still unsubscribes.
 */
const sign = (secret: string, payload: string) => crypto.createHmac('sha256', secret).update(`desabonnement:${payload}`).digest('base64url');

export function unsubscribeToken(secret: string, userId: number, kind: MailKind): string {
  const payload = `${userId}.${kind}`;
  return `${payload}.${sign(secret, payload)}`;
}

export function readUnsubscribeToken(secret: string, token: unknown): { userId: number; kind: MailKind } | null {
  if (typeof token !== 'string' || token.length > 200) return null;
  const m = /^(\d{1,10})\.([a-z_]{1,40})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!m) return null;
  const [, id, kind, mac] = m;
  const expected = Buffer.from(sign(secret, `${id}.${kind}`));
  const given = Buffer.from(mac!);
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) return null;
  if (!isOptionalKind(kind)) return null;
  return { userId: Number(id), kind };
}
