import type { Knex } from 'knex';
import type { Config } from '../../config';
import { clearAttempts, countAttempt, refundAttempt, type ThrottleCount } from './queries';

/**
 * Login throttling per account and per address, kept in the database so that every app instance
 * sees the same counters.
 *
 * An attempt is counted BEFORE its password is checked, by one atomic statement per counter: whatever
 * the concurrency (50 parallel requests, two instances), at most `maxPerAccount` passwords are
 * evaluated per account and `maxPerIp` per address within a window. A success clears the account's
 * counter and gives its point back to the address, so only failures lead to a block.
 *
 * Why not rate-limiter-flexible: its SQLite store ran SAVEPOINT … RELEASE on a connection it had
 * already handed back to knex's one-connection pool; under a burst its error path left that
 * connection inside an open transaction, and every later write of the app failed until a restart.
 */
export interface LoginThrottle {
  /** Counts an attempt; returns the seconds to wait (the attempt is refused) or 0 (it may proceed). */
  attempt(email: string, ip: string): Promise<number>;
  /** The attempt succeeded: the account starts afresh and the address gets its point back. */
  succeed(email: string, ip: string): Promise<void>;
}

/**
 * `prefix` keeps another flow's counters apart with the same mechanism: « reset » counts the
 * password-reset requests (per address asked for and per IP), which must not block logins.
 */
export function createLoginThrottle(db: Knex, config: Config['login'], prefix: 'login' | 'reset' = 'login'): LoginThrottle {
  const accountKey = (email: string) => `${prefix}_account:${email.trim().toLowerCase().slice(0, 254)}`;
  const ipKey = (ip: string) => `${prefix}_ip:${ip.slice(0, 100)}`;
  const blockMs = config.blockSeconds * 1000;
  const wait = (c: ThrottleCount, limit: number, now: number) => (c.points > limit ? Math.max(1, Math.ceil((c.expire - now) / 1000)) : 0);
  return {
    async attempt(email, ip) {
      const now = Date.now();
      // Sequential, not Promise.all: on SQLite both statements queue on the one connection anyway,
      // and a failure of the first must not leave the second running unobserved.
      const account = await countAttempt(db, accountKey(email), config.maxPerAccount, blockMs, now);
      const address = await countAttempt(db, ipKey(ip), config.maxPerIp, blockMs, now);
      return Math.max(wait(account, config.maxPerAccount, now), wait(address, config.maxPerIp, now));
    },
    async succeed(email, ip) {
      await clearAttempts(db, accountKey(email));
      await refundAttempt(db, ipKey(ip));
    },
  };
}
