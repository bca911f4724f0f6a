import type { Db } from '../../shared/db';
import { insertRows, type PlainRow } from '../../shared/db';
import { insertReturningId, toBool, toDate } from '../../shared/db';
import type { Role } from '../../shared/actor';
import { parseThemeList, type ApplicationStatus } from './decision';

export interface ApplicationRow {
  id: number;
  consultation_id: number;
  user_id: number;
  structure_id: number | null;
  motivation: string;
  known_themes: number[];
  status: ApplicationStatus;
  decision_comment: string | null;
  decided_by: number | null;
  decided_at: Date | null;
  created_at: Date | null;
  // Joined for display.
  display_name?: string;
  email?: string | null;
  role?: Role;
  structure_name?: string | null;
  consultation_title?: string;
  consultation_slug?: string;
  decided_by_name?: string | null;
}

const normalise = (row: any): ApplicationRow => ({
  ...row,
  known_themes: parseThemeList(row.known_themes),
  decided_at: toDate(row.decided_at),
  created_at: toDate(row.created_at),
});

function withPeople(db: Db) {
  return db('ambassador_applications as a')
    .join('users as u', 'u.id', 'a.user_id')
    .leftJoin('structures as s', 's.id', 'a.structure_id')
    .leftJoin('users as d', 'd.id', 'a.decided_by')
    .join('consultations as c', 'c.id', 'a.consultation_id')
    .select(
      'a.*',
      'u.display_name',
      'u.email',
      'u.role',
      's.name as structure_name',
      'd.display_name as decided_by_name',
      'c.title as consultation_title',
      'c.slug as consultation_slug',
    );
}

export async function findApplication(db: Db, consultationId: number, userId: number): Promise<ApplicationRow | undefined> {
  const row = await withPeople(db).where({ 'a.consultation_id': consultationId, 'a.user_id': userId }).first();
  return row ? normalise(row) : undefined;
}

export async function findApplicationById(db: Db, consultationId: number, id: number): Promise<ApplicationRow | undefined> {
  const row = await withPeople(db).where({ 'a.consultation_id': consultationId, 'a.id': id }).first();
  return row ? normalise(row) : undefined;
}

/** A consultation's applications: pending first, then by name. Bounded: a call gathers dozens, not thousands. */
export async function listApplications(db: Db, consultationId: number, status?: ApplicationStatus, limit = 1000): Promise<ApplicationRow[]> {
  const q = withPeople(db).where('a.consultation_id', consultationId);
  if (status) q.where('a.status', status);
  const rows = await q
    .orderByRaw("case when a.status = 'en_attente' then 0 else 1 end")
    .orderBy('u.display_name')
    .orderBy('a.id')
    .limit(limit);
  return rows.map(normalise);
}

export async function countApplicationsByStatus(db: Db, consultationId: number): Promise<Record<ApplicationStatus, number>> {
  const rows = await db('ambassador_applications').where({ consultation_id: consultationId }).select('status').count({ n: '*' }).groupBy('status');
  const out: Record<ApplicationStatus, number> = { en_attente: 0, retenue: 0, non_retenue: 0 };
  for (const r of rows as Array<{ status: ApplicationStatus; n: number | string }>) if (r.status in out) out[r.status] = Number(r.n);
  return out;
}

/** A person's own applications, newest consultation first. */
export async function listApplicationsOf(db: Db, userId: number): Promise<ApplicationRow[]> {
  const rows = await withPeople(db).where('a.user_id', userId).orderBy('a.created_at', 'desc').orderBy('a.id', 'desc').limit(200);
  return rows.map(normalise);
}

export interface NewApplication {
  consultation_id: number;
  user_id: number;
  structure_id: number | null;
  motivation: string;
  known_themes: string;
}

export async function insertApplication(db: Db, a: NewApplication): Promise<number> {
  return insertReturningId(db, 'ambassador_applications', { ...a, status: 'en_attente', created_at: new Date().toISOString() });
}

export async function recordDecision(
  db: Db,
  id: number,
  d: { status: ApplicationStatus; decision_comment: string | null; decided_by: number },
): Promise<void> {
  await db('ambassador_applications').where({ id }).update({ ...d, decided_at: new Date().toISOString() });
}

/** Themes a person consolidates in a consultation. */
export async function assignedThemeIds(db: Db, consultationId: number, userId: number): Promise<number[]> {
  const rows = await db('ambassador_themes').where({ consultation_id: consultationId, user_id: userId }).select('theme_id').orderBy('theme_id');
  return rows.map((r: { theme_id: number }) => Number(r.theme_id));
}

export async function replaceAssignments(db: Db, consultationId: number, userId: number, themeIds: number[]): Promise<void> {
  await db('ambassador_themes').where({ consultation_id: consultationId, user_id: userId }).delete();
  if (themeIds.length) await db('ambassador_themes').insert(themeIds.map((theme_id) => ({ consultation_id: consultationId, user_id: userId, theme_id })));
}

export async function countAssignmentsOf(db: Db, userId: number): Promise<number> {
  const r = await db('ambassador_themes').where({ user_id: userId }).count({ n: '*' }).first();
  return Number(r?.n ?? 0);
}

/** Applications and their assignments, summed by theme (for the review page). */
export async function assignmentsByTheme(db: Db, consultationId: number): Promise<Map<number, number>> {
  const rows = await db('ambassador_themes').where({ consultation_id: consultationId }).select('theme_id').count({ n: '*' }).groupBy('theme_id');
  return new Map(rows.map((r: any) => [Number(r.theme_id), Number(r.n)]));
}

/** The person's selected application in the consultation (none: not one of its ambassadors), with their consent. */
export async function findSelectedApplication(db: Db, consultationId: number, userId: number): Promise<{ id: number; consent: boolean } | undefined> {
  const row = await db('ambassador_applications').where({ consultation_id: consultationId, user_id: userId, status: 'retenue' }).first('id', 'whitepaper_consent');
  return row ? { id: Number(row.id), consent: toBool(row.whitepaper_consent) } : undefined;
}

/** An ambassador's consent to be named in the white paper (the whitepaper module asks it). */
export async function setApplicationConsent(db: Db, applicationId: number, consent: boolean): Promise<void> {
  await db('ambassador_applications').where({ id: applicationId }).update({ whitepaper_consent: consent, whitepaper_consent_at: new Date().toISOString() });
}

// Bulk loads (the demo): rows whose ids and history are already decided, written in batches.
export async function insertApplications(db: Db, rows: readonly PlainRow[]): Promise<void> {
  await insertRows(db, 'ambassador_applications', rows);
}
export async function insertAmbassadorThemes(db: Db, rows: readonly PlainRow[]): Promise<void> {
  await insertRows(db, 'ambassador_themes', rows);
}

/** The ambassadors of a theme (they hear when the DSI returns one of its needs). */
export async function ambassadorsOfTheme(db: Db, consultationId: number, themeId: number): Promise<number[]> {
  const rows = await db('ambassador_themes').where({ consultation_id: consultationId, theme_id: themeId }).select('user_id').orderBy('user_id');
  return rows.map((r: any) => Number(r.user_id));
}
