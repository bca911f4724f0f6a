import passport from 'passport';
import { Strategy as LocalStrategy } from 'passport-local';
import type { Knex } from 'knex';
import { dummyPasswordHash, verifyPassword } from './password';
import type { Actor, Role } from '../../shared/actor';

/** Loads the actor of a session: a deactivated or anonymised account is logged out at its next request. */
export async function loadActor(db: Knex, id: number): Promise<Actor | null> {
  const row = await db('users').where({ id }).whereNull('anonymised_at').first();
  if (!row || !(row.active === true || row.active === 1)) return null;
  return { id: row.id, email: row.email, displayName: row.display_name, role: row.role as Role, structureId: row.structure_id };
}

/**
 * passport-local: the same failure, and about the same time, whether the e-mail is unknown, the
 * account inactive or the password wrong — no account enumeration.
 */
export function configurePassport(db: Knex): passport.PassportStatic {
  const instance = new passport.Passport();
  instance.use(
    new LocalStrategy({ usernameField: 'email', passwordField: 'password' }, async (email, password, done) => {
      try {
        const row = await db('users').where({ email: email.trim().toLowerCase() }).whereNull('anonymised_at').first();
        const hash = row?.password_hash ?? (await dummyPasswordHash());
        const good = await verifyPassword(password, hash);
        const active = row && (row.active === true || row.active === 1);
        if (!row || !good || !active || !row.password_hash) return done(null, false);
        done(null, (await loadActor(db, row.id)) ?? false);
      } catch (err) {
        done(err);
      }
    }),
  );
  instance.serializeUser((user, done) => done(null, (user as Actor).id));
  instance.deserializeUser(async (id: number, done) => {
    try {
      done(null, (await loadActor(db, id)) ?? false);
    } catch (err) {
      done(err);
    }
  });
  return instance as unknown as passport.PassportStatic;
}
