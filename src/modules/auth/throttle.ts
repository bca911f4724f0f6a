import type { Knex } from 'knex';
import { RateLimiterPostgres, RateLimiterSQLite, RateLimiterRes, RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Config } from '../../config';

/**
 * Login throttling per account and per address, kept in the database so that every app instance
 * sees the same counters. Only failures count; a success clears the account's counter.
 */
export interface LoginThrottle {
  /** Seconds to wait before trying again, or 0 when a try is allowed. */
  retryAfter(email: string, ip: string): Promise<number>;
  fail(email: string, ip: string): Promise<void>;
  succeed(email: string): Promise<void>;
}

function limiter(db: Knex, keyPrefix: string, points: number, blockSeconds: number): RateLimiterAbstract {
  const opts = {
    storeClient: db,
    storeType: 'knex',
    tableName: 'login_throttle',
    keyPrefix,
    points,
    duration: blockSeconds,
    blockDuration: blockSeconds,
    clearExpiredByTimeout: false,
    // The table comes from a migration (20261129001500): letting the library create it in the
    // background made the first logins of a fresh instance fail until it was done.
    tableCreated: true,
  };
  return db.client.config.client === 'pg' ? new RateLimiterPostgres(opts as never) : new RateLimiterSQLite(opts as never);
}

export function createLoginThrottle(db: Knex, config: Config['login']): LoginThrottle {
  const perAccount = limiter(db, 'login_account', config.maxPerAccount, config.blockSeconds);
  const perIp = limiter(db, 'login_ip', config.maxPerIp, config.blockSeconds);
  const key = (email: string) => email.trim().toLowerCase().slice(0, 254);
  const wait = (res: RateLimiterRes | null, points: number) =>
    res && res.consumedPoints >= points ? Math.max(1, Math.ceil(res.msBeforeNext / 1000)) : 0;
  return {
    async retryAfter(email, ip) {
      const [a, i] = await Promise.all([perAccount.get(key(email)), perIp.get(ip)]);
      return Math.max(wait(a, config.maxPerAccount), wait(i, config.maxPerIp));
    },
    async fail(email, ip) {
      // consume() rejects once the limit is passed: that is the expected outcome here, not an error.
      await Promise.allSettled([perAccount.consume(key(email)), perIp.consume(ip)]);
    },
    async succeed(email) {
      await perAccount.delete(key(email));
    },
  };
}
