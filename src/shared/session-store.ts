import { ConnectSessionKnexStore } from 'connect-session-knex';
import type { SessionData } from 'express-session';
import type { Knex } from 'knex';
import { asWriter } from './read-routing';

/**
 * The sessions' store (connect-session-knex, table `sessions`), written only when a session really
 * changes (issue 13, item 1).
 *
 * express-session saves a session whose data changed (`resave: false`), never an empty one
 * (`saveUninitialized: false`), and with `rolling: true` sends the cookie again on every answer and
 * asks the store to `touch` the session, i.e. to move its expiry: one UPDATE per logged-in request. This
 * store moves the stored expiry at most once per `touchEveryMs` per session and instance (a twentieth of
 * the session's lifetime, at most 5 minutes): an idle session may thus end up to that much earlier in
 * the database than its cookie says (12 h sessions: at most 5 minutes of 12 hours). A real save (`set`)
 * counts as a touch.
 * Its reads go through the app's routed knex (shared/read-routing: the readers); its writes always
 * through the writer, even while answering a GET.
 */
export class SessionStore extends ConnectSessionKnexStore {
  private readonly touched = new Map<string, number>();
  private readonly touchEveryMs: number;

  constructor(options: { knex: Knex; cleanupInterval: number; maxAgeMs: number }) {
    super({ knex: options.knex, tableName: 'sessions', createTable: false, cleanupInterval: options.cleanupInterval });
    this.touchEveryMs = Math.min(5 * 60 * 1000, Math.floor(options.maxAgeMs / 20));
  }

  private remember(sid: string, now: number): void {
    this.touched.set(sid, now);
    // Bounded: forget the sessions not touched within the interval (they will be touched again).
    if (this.touched.size > 50_000) {
      for (const [id, at] of this.touched) if (now - at >= this.touchEveryMs) this.touched.delete(id);
    }
  }

  override async set(sid: string, session: SessionData, callback?: (err?: unknown) => void): Promise<void> {
    this.remember(sid, Date.now());
    return asWriter(() => super.set(sid, session, callback));
  }

  override async touch(sid: string, session: SessionData, callback?: () => void): Promise<void> {
    const now = Date.now();
    const last = this.touched.get(sid);
    if (last !== undefined && now - last < this.touchEveryMs) {
      callback?.();
      return;
    }
    this.remember(sid, now);
    return asWriter(() => super.touch(sid, session, callback));
  }

  override async destroy(sid: string, callback?: (err?: unknown) => void): Promise<number> {
    this.touched.delete(sid);
    return asWriter(() => super.destroy(sid, callback));
  }
}
