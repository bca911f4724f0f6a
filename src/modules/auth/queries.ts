import type { Db } from '../../shared/db';

/**
 * The login-throttle counters (table `login_throttle`, owned by auth). Each key — "login_account:<e-mail>"
 * or "login_ip:<address>" — counts the attempts of a window that ends at `expire` (epoch ms).
 *
 * Every function is ONE statement: atomic on both engines without a transaction, so it can never
 * leave the (single, on SQLite) connection inside a transaction, and it queues behind the app's own
 * transactions in knex's pool like any other query.
 */
const TABLE = 'login_throttle';

export interface ThrottleCount {
  points: number;
  expire: number;
}

/**
 * Counts one attempt and returns the count after it. A window that has ended starts again at 1;
 * the attempt that reaches `limit` (re)starts the block, so the block lasts `blockMs` after the
 * last allowed attempt, and later refused attempts do not prolong it.
 */
export async function countAttempt(db: Db, key: string, limit: number, blockMs: number, now = Date.now()): Promise<ThrottleCount> {
  const points = `${TABLE}.points`;
  const expire = `${TABLE}.expire`;
  const rows = await db(TABLE)
    .insert({ key, points: 1, expire: now + blockMs })
    .onConflict('key')
    .merge({
      points: db.raw('CASE WHEN ?? IS NULL OR ?? <= ? THEN 1 ELSE ?? + 1 END', [expire, expire, now, points]),
      expire: db.raw('CASE WHEN ?? IS NULL OR ?? <= ? THEN ? WHEN ?? + 1 = ? THEN ? ELSE ?? END', [
        expire, expire, now, now + blockMs, points, limit, now + blockMs, expire,
      ]),
    })
    .returning(['points', 'expire']);
  const row = rows[0] as { points: unknown; expire: unknown };
  return { points: Number(row.points), expire: Number(row.expire) };
}

/** Gives back one attempt (a successful login does not count against its address). */
export async function refundAttempt(db: Db, key: string): Promise<void> {
  await db(TABLE).where({ key }).where('points', '>', 0).decrement('points', 1);
}

export async function clearAttempts(db: Db, key: string): Promise<void> {
  await db(TABLE).where({ key }).del();
}

/** Ends every session of a person (deactivation, password reset): sessions hold the user id in JSON text. */
export async function destroySessionsOf(db: Db, userId: number): Promise<void> {
  const pattern = `%"passport":{"user":${userId}}%`;
  if (db.client.config.client === 'pg') await db('sessions').whereRaw('sess::text like ?', [pattern]).delete();
  else await db('sessions').where('sess', 'like', pattern).delete();
}
