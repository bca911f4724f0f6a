import type { Db } from '../../shared/db';
import { insertRows, type PlainRow } from '../../shared/db';
import { insertReturningId, toBool, toDate, toInt } from '../../shared/db';
import type { Role } from '../../shared/actor';

/** Sessions belong to the auth module; users' use cases end them through this name. */
export { destroySessionsOf } from '../auth';

export interface UserRow {
  id: number;
  email: string | null;
  display_name: string;
  password_hash: string | null;
  role: Role;
  structure_id: number | null;
  structure_name?: string | null;
  active: boolean;
  anonymised_at: string | Date | null;
  last_login_at: string | Date | null;
  version: number;
  created_at: string | Date;
}

const normalise = (row: any): UserRow => ({ ...row, active: toBool(row.active), version: Number(row.version) });

function baseQuery(db: Db) {
  return db('users as u')
    .leftJoin('structures as s', 's.id', 'u.structure_id')
    .select('u.*', 's.name as structure_name');
}

export async function findUserById(db: Db, id: number): Promise<UserRow | undefined> {
  const row = await baseQuery(db).where('u.id', id).first();
  return row ? normalise(row) : undefined;
}

export async function findUserByEmail(db: Db, email: string): Promise<UserRow | undefined> {
  const row = await baseQuery(db).where('u.email', email.trim().toLowerCase()).first();
  return row ? normalise(row) : undefined;
}

export interface UserFilter {
  q?: string;
  role?: Role;
  active?: boolean;
  afterName?: string; // keyset: (display_name, id) after this position
  afterId?: number;
  limit: number;
}

export async function listUsers(db: Db, f: UserFilter): Promise<UserRow[]> {
  const q = baseQuery(db).whereNull('u.anonymised_at');
  if (f.q) {
    const like = `%${f.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q.where((w) => w.whereRaw("lower(u.display_name) like ? escape '\\'", [like]).orWhereRaw("lower(u.email) like ? escape '\\'", [like]));
  }
  if (f.role) q.where('u.role', f.role);
  if (f.active !== undefined) q.where('u.active', f.active);
  if (f.afterName !== undefined && f.afterId !== undefined) {
    q.where((w) =>
      w.where('u.display_name', '>', f.afterName!).orWhere((w2) => w2.where('u.display_name', f.afterName!).andWhere('u.id', '>', f.afterId!)),
    );
  }
  const rows = await q.orderBy([{ column: 'u.display_name' }, { column: 'u.id' }]).limit(f.limit);
  return rows.map(normalise);
}

export async function countUsersByRole(db: Db): Promise<Record<Role, number>> {
  const rows = await db('users').where({ active: true }).whereNull('anonymised_at').select('role').count({ n: '*' }).groupBy('role');
  const out: Record<Role, number> = { contributeur: 0, ambassadeur: 0, dsi: 0 };
  for (const r of rows as Array<{ role: Role; n: number | string }>) out[r.role] = Number(r.n);
  return out;
}

export async function countActiveDsi(db: Db): Promise<number> {
  const r = await db('users').where({ role: 'dsi', active: true }).count({ n: '*' }).first();
  return Number(r?.n ?? 0);
}

export interface NewUser {
  email: string;
  display_name: string;
  role: Role;
  structure_id: number | null;
  password_hash: string | null;
}

export async function insertUser(db: Db, u: NewUser): Promise<number> {
  const now = new Date().toISOString();
  return insertReturningId(db, 'users', {
    ...u,
    active: true,
    password_changed_at: u.password_hash ? now : null,
    created_at: now,
    updated_at: now,
  });
}

/** Optimistic update: only applies when the row still has the version the editor saw. Returns false when stale. */
export async function updateUserIfVersion(db: Db, id: number, version: number, changes: Partial<NewUser & { active: boolean }>): Promise<boolean> {
  const n = await db('users')
    .where({ id, version })
    .update({ ...changes, version: version + 1, updated_at: new Date().toISOString() });
  return n === 1;
}

export async function setPasswordHash(db: Db, id: number, hash: string): Promise<void> {
  const now = new Date().toISOString();
  await db('users')
    .where({ id })
    .update({ password_hash: hash, password_changed_at: now, updated_at: now, version: db.raw('version + 1') });
}

export async function touchLastLogin(db: Db, id: number): Promise<void> {
  await db('users').where({ id }).update({ last_login_at: new Date().toISOString() });
}

export async function existingEmails(db: Db, emails: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < emails.length; i += 500) {
    const rows = await db('users').whereIn('email', emails.slice(i, i + 500)).select('email');
    for (const r of rows) found.add(r.email);
  }
  return found;
}


/** What a person left in the consultations (shown before anonymising them). */
export async function personFootprint(db: Db, userId: number): Promise<{ contributions: number; registrations: number; applications: number }> {
  const n = async (q: PromiseLike<unknown>) => Number(((await q) as { n?: number | string } | undefined)?.n ?? 0);
  const [contributions, registrations, applications] = await Promise.all([
    n(db('raw_contributions').where({ author_id: userId }).count({ n: '*' }).first()),
    n(db('workshop_registrations').where({ user_id: userId }).count({ n: '*' }).first()),
    n(db('ambassador_applications').where({ user_id: userId }).count({ n: '*' }).first()),
  ]);
  return { contributions, registrations, applications };
}

/**
 * RGPD erasure of the account row: the name becomes `label`, the e-mail and password go, the account
 * closes; the version is bumped so that an open form sees the change as a conflict.
 */
export async function anonymiseUserRow(db: Db, id: number, label: string, at: string): Promise<void> {
  await db('users')
    .where({ id })
    .update({ display_name: label, email: null, password_hash: null, active: false, anonymised_at: at, updated_at: at, version: db.raw('version + 1') });
}

/** The role follows an ambassador decision (the ambassadors module asks); version bumped for open forms. */
export async function setUserRole(db: Db, userId: number, role: Role): Promise<void> {
  await db('users')
    .where({ id: userId })
    .update({ role, version: db.raw('version + 1'), updated_at: new Date().toISOString() });
}

// Bulk loads (the demo): rows whose ids and history are already decided, written in batches.
export async function insertUsers(db: Db, rows: readonly PlainRow[]): Promise<void> {
  await insertRows(db, 'users', rows);
}

/** A password-reset link's token, stored as its SHA-256 (the link itself is only in the mail). */
export async function insertPasswordReset(db: Db, userId: number, tokenHash: string, expiresAt: Date, now = new Date()): Promise<void> {
  await db('password_resets').insert({ user_id: userId, token_hash: tokenHash, expires_at: expiresAt.toISOString(), created_at: now.toISOString() });
}

export interface PasswordResetRow {
  id: number;
  user_id: number;
  expires_at: Date;
  used_at: Date | null;
}

export async function findPasswordReset(db: Db, tokenHash: string): Promise<PasswordResetRow | undefined> {
  const r = await db('password_resets').where({ token_hash: tokenHash }).first();
  return r ? { id: toInt(r.id), user_id: toInt(r.user_id), expires_at: toDate(r.expires_at)!, used_at: toDate(r.used_at) } : undefined;
}

/** Uses a reset link once: false when another request used it first (one statement, atomic). */
export async function usePasswordReset(db: Db, id: number, now = new Date()): Promise<boolean> {
  return (await db('password_resets').where({ id }).whereNull('used_at').update({ used_at: now.toISOString() })) === 1;
}

/** A new link makes the person's earlier, unused ones void (only the latest mail works). */
export async function voidPasswordResets(db: Db, userId: number, now = new Date()): Promise<void> {
  await db('password_resets').where({ user_id: userId }).whereNull('used_at').update({ used_at: now.toISOString() });
}
