import type { Db } from '../../shared/db';
import { insertRows, type PlainRow } from '../../shared/db';
import { insertReturningId, isPostgres, toBool, toDate } from '../../shared/db';
import type { RegistrationStatus, WorkshopMode, WorkshopStatus } from './rules';

export interface WorkshopRow {
  id: number;
  consultation_id: number;
  consultation_title: string;
  consultation_slug: string;
  title: string;
  starts_at: Date;
  ends_at: Date;
  mode: WorkshopMode;
  place: string;
  structure_id: number;
  structure_name: string;
  department_code: string | null;
  department_name: string | null;
  region: string;
  facilitator_id: number | null;
  facilitator_name: string | null;
  capacity: number;
  status: WorkshopStatus;
  anonymous_attendees: number;
  report_md: string;
  closed_at: Date | null;
  version: number;
  created_by: number | null;
  /** People holding a seat, and people on the waiting list (computed, never stored). */
  registered: number;
  waiting: number;
}

const normalise = (r: any): WorkshopRow => ({
  ...r,
  starts_at: toDate(r.starts_at)!,
  ends_at: toDate(r.ends_at)!,
  closed_at: toDate(r.closed_at),
  capacity: Number(r.capacity),
  anonymous_attendees: Number(r.anonymous_attendees),
  version: Number(r.version),
  registered: Number(r.registered ?? 0),
  waiting: Number(r.waiting ?? 0),
});

function countOf(db: Db, status: RegistrationStatus) {
  return db('workshop_registrations as wr').count('*').where('wr.workshop_id', db.ref('w.id')).where('wr.status', status);
}

/** Department and region come from the organising structure: read through the join, never stored twice. */
function baseQuery(db: Db) {
  return db('workshops as w')
    .join('consultations as c', 'c.id', 'w.consultation_id')
    .join('structures as s', 's.id', 'w.structure_id')
    .leftJoin('users as f', 'f.id', 'w.facilitator_id')
    .select(
      'w.*',
      'c.title as consultation_title',
      'c.slug as consultation_slug',
      's.name as structure_name',
      's.department_code',
      's.department_name',
      's.region',
      'f.display_name as facilitator_name',
      countOf(db, 'inscrit').as('registered'),
      countOf(db, 'liste_attente').as('waiting'),
    );
}

export async function findWorkshop(db: Db, id: number): Promise<WorkshopRow | undefined> {
  const row = await baseQuery(db).where('w.id', id).first();
  return row ? normalise(row) : undefined;
}

/**
 * Takes the workshop's row lock for the rest of the transaction (PostgreSQL), so that two people
 * registering at the same time are counted one after the other. SQLite runs on one connection:
 * its transactions are already serialised.
 */
export async function lockWorkshop(db: Db, id: number): Promise<void> {
  const q = db('workshops').where({ id }).select('id');
  if (isPostgres(db)) q.forUpdate();
  await q.first();
}

export type When = 'a_venir' | 'passes' | 'tous';
export interface WorkshopFilter {
  consultationId: number | null;
  region: string | null;
  themeId: number | null;
  /** UTC bounds computed from the Paris days typed in the filter. */
  fromIso: string | null;
  toIso: string | null;
  when: When;
  now: Date;
}

function filtered(db: Db, f: WorkshopFilter) {
  const q = baseQuery(db);
  if (f.consultationId) q.where('w.consultation_id', f.consultationId);
  if (f.region) q.where('s.region', f.region);
  if (f.themeId) q.whereExists(db('workshop_themes as wt').select(db.raw('1')).where('wt.workshop_id', db.ref('w.id')).where('wt.theme_id', f.themeId));
  if (f.fromIso) q.where('w.starts_at', '>=', f.fromIso);
  if (f.toIso) q.where('w.starts_at', '<', f.toIso);
  if (f.when === 'a_venir') q.where('w.ends_at', '>=', f.now.toISOString());
  if (f.when === 'passes') q.where('w.ends_at', '<', f.now.toISOString());
  return q;
}

/** Upcoming workshops soonest first; past (or all) ones most recent first. */
export async function listWorkshops(db: Db, f: WorkshopFilter, limit: number, offset: number): Promise<WorkshopRow[]> {
  const dir = f.when === 'a_venir' ? 'asc' : 'desc';
  const rows = await filtered(db, f).orderBy('w.starts_at', dir).orderBy('w.id', dir).limit(limit).offset(offset);
  return rows.map(normalise);
}

export async function countWorkshops(db: Db, f: WorkshopFilter): Promise<number> {
  const q = filtered(db, f).clearSelect().clearOrder().count({ n: '*' }).first();
  return Number(((await q) as { n?: unknown } | undefined)?.n ?? 0);
}

export interface WorkshopThemeRow {
  workshop_id: number;
  id: number;
  code: string;
  title: string;
  position: number;
}

export async function themesOfWorkshops(db: Db, workshopIds: number[]): Promise<Map<number, WorkshopThemeRow[]>> {
  const out = new Map<number, WorkshopThemeRow[]>();
  if (!workshopIds.length) return out;
  const rows = (await db('workshop_themes as wt')
    .join('themes as t', 't.id', 'wt.theme_id')
    .whereIn('wt.workshop_id', workshopIds)
    .select('wt.workshop_id', 't.id', 't.code', 't.title', 't.position')
    .orderBy('t.position')
    .orderBy('t.id')) as WorkshopThemeRow[];
  for (const r of rows) {
    const list = out.get(Number(r.workshop_id)) ?? [];
    list.push(r);
    out.set(Number(r.workshop_id), list);
  }
  return out;
}


/** A planned workshop's row (columns checked by check-workshop-input.ts). */
export async function insertWorkshop(db: Db, row: Record<string, unknown>): Promise<number> {
  return insertReturningId(db, 'workshops', row);
}
export async function setWorkshopThemes(db: Db, workshopId: number, themeIds: number[]): Promise<void> {
  await db('workshop_themes').where({ workshop_id: workshopId }).delete();
  if (themeIds.length) await db('workshop_themes').insert([...new Set(themeIds)].map((theme_id) => ({ workshop_id: workshopId, theme_id })));
}

export async function regionsWithStructures(db: Db): Promise<string[]> {
  return (await db('structures').distinct('region').orderBy('region')).map((r: { region: string }) => r.region);
}

export interface FacilitatorChoice {
  id: number;
  display_name: string;
  email: string | null;
  role: string;
}

/** Ambassadors and DSI staff who can facilitate (active, not anonymised). */
export async function facilitatorChoices(db: Db): Promise<FacilitatorChoice[]> {
  return db('users')
    .whereIn('role', ['ambassadeur', 'dsi'])
    .where({ active: true })
    .whereNull('anonymised_at')
    .select('id', 'display_name', 'email', 'role')
    .orderBy('display_name')
    .orderBy('id')
    .limit(1000);
}

export interface RegistrationRow {
  id: number;
  workshop_id: number;
  user_id: number;
  status: RegistrationStatus;
  attended: boolean;
  display_name: string;
  email: string | null;
  structure_id: number | null;
  structure_name: string | null;
  updated_at: Date;
}

function registrationQuery(db: Db) {
  return db('workshop_registrations as wr')
    .join('users as u', 'u.id', 'wr.user_id')
    .leftJoin('structures as s', 's.id', 'u.structure_id')
    .select('wr.*', 'u.display_name', 'u.email', 'u.structure_id', 's.name as structure_name');
}
const normaliseRegistration = (r: any): RegistrationRow => ({ ...r, attended: toBool(r.attended), updated_at: toDate(r.updated_at)! });

export async function findRegistration(db: Db, workshopId: number, userId: number): Promise<RegistrationRow | undefined> {
  const row = await registrationQuery(db).where({ 'wr.workshop_id': workshopId, 'wr.user_id': userId }).first();
  return row ? normaliseRegistration(row) : undefined;
}

/** Seat holders by name; then the waiting list in its order (first come, first served). */
export async function listRegistrations(db: Db, workshopId: number, status: RegistrationStatus): Promise<RegistrationRow[]> {
  const q = registrationQuery(db).where({ 'wr.workshop_id': workshopId, 'wr.status': status });
  if (status === 'liste_attente') q.orderBy('wr.updated_at').orderBy('wr.id');
  else q.orderBy('u.display_name').orderBy('wr.id');
  return (await q.limit(2000)).map(normaliseRegistration);
}

export async function countByStatus(db: Db, workshopId: number, status: RegistrationStatus): Promise<number> {
  const r = await db('workshop_registrations').where({ workshop_id: workshopId, status }).count({ n: '*' }).first();
  return Number((r as { n?: unknown } | undefined)?.n ?? 0);
}

/** The person's position on the waiting list (1 = next to get a seat). */
export async function waitingPosition(db: Db, workshopId: number, userId: number): Promise<number | null> {
  const queue = await db('workshop_registrations').where({ workshop_id: workshopId, status: 'liste_attente' }).orderBy('updated_at').orderBy('id').pluck('user_id');
  const i = queue.map(Number).indexOf(userId);
  return i < 0 ? null : i + 1;
}

/** The first `n` people of the waiting list move to a seat; returns their user ids. */
export async function promoteFromWaitingList(db: Db, workshopId: number, n: number): Promise<number[]> {
  if (n <= 0) return [];
  const first = (await db('workshop_registrations')
    .where({ workshop_id: workshopId, status: 'liste_attente' })
    .orderBy('updated_at')
    .orderBy('id')
    .limit(n)
    .select('id', 'user_id')) as Array<{ id: number; user_id: number }>;
  if (!first.length) return [];
  await db('workshop_registrations')
    .whereIn('id', first.map((r) => r.id))
    .update({ status: 'inscrit', updated_at: new Date().toISOString() });
  return first.map((r) => Number(r.user_id));
}

/** A registration for a person: a new row, or their cancelled one reused (one row per person and workshop). */
export async function upsertRegistration(db: Db, workshopId: number, userId: number, status: RegistrationStatus, existingId: number | null): Promise<void> {
  const now = new Date().toISOString();
  if (existingId) {
    await db('workshop_registrations').where({ id: existingId }).update({ status, attended: false, updated_at: now });
  } else {
    await db('workshop_registrations').insert({ workshop_id: workshopId, user_id: userId, status, attended: false, created_at: now, updated_at: now });
  }
}

export async function setRegistrationStatus(db: Db, id: number, status: RegistrationStatus): Promise<void> {
  await db('workshop_registrations').where({ id }).update({ status, updated_at: new Date().toISOString() });
}

export interface WorkshopChanges {
  consultation_id?: number;
  title?: string;
  starts_at?: string;
  ends_at?: string;
  mode?: WorkshopMode;
  place?: string;
  structure_id?: number;
  facilitator_id?: number | null;
  capacity?: number;
  status?: WorkshopStatus;
  anonymous_attendees?: number;
  report_md?: string;
  closed_at?: string | null;
}

/** Optimistic update: applies only when the row still has the version the editor saw. */
export async function updateWorkshopIfVersion(db: Db, id: number, version: number, changes: WorkshopChanges): Promise<boolean> {
  const n = await db('workshops')
    .where({ id, version })
    .update({ ...changes, version: version + 1, updated_at: new Date().toISOString() });
  return n === 1;
}

/** Marks who attended among the seat holders; everyone else is set absent. */
export async function setAttendance(db: Db, workshopId: number, attendedUserIds: number[]): Promise<void> {
  await db('workshop_registrations').where({ workshop_id: workshopId }).update({ attended: false });
  if (attendedUserIds.length) {
    await db('workshop_registrations')
      .where({ workshop_id: workshopId, status: 'inscrit' })
      .whereIn('user_id', attendedUserIds)
      .update({ attended: true });
  }
}

// ---- Live capture ----------------------------------------------------------------------------

export async function findByClientKey(db: Db, consultationId: number, clientKey: string): Promise<{ id: number; workshop_id: number | null } | undefined> {
  const row = await db('raw_contributions').where({ consultation_id: consultationId, client_key: clientKey }).select('id', 'workshop_id').first();
  return row ? { id: Number(row.id), workshop_id: row.workshop_id == null ? null : Number(row.workshop_id) } : undefined;
}

export async function countWorkshopContributions(db: Db, workshopId: number): Promise<number> {
  const r = await db('raw_contributions').where({ workshop_id: workshopId }).whereNot('status', 'retiree').count({ n: '*' }).first();
  return Number((r as { n?: unknown } | undefined)?.n ?? 0);
}

export interface CapturedRow {
  id: number;
  body: string;
  theme_title: string | null;
  author_name: string | null;
  submitted_at: Date;
}

export async function lastWorkshopContributions(db: Db, workshopId: number, limit: number): Promise<CapturedRow[]> {
  const rows = await db('raw_contributions as rc')
    .leftJoin('themes as t', 't.id', 'rc.theme_id')
    .leftJoin('users as u', 'u.id', 'rc.author_id')
    .where('rc.workshop_id', workshopId)
    .select('rc.id', 'rc.body', 'rc.submitted_at', 't.title as theme_title', 'u.display_name as author_name')
    .orderBy('rc.id', 'desc')
    .limit(limit);
  return rows.map((r: any) => ({ ...r, id: Number(r.id), submitted_at: toDate(r.submitted_at)! }));
}

// Bulk loads (the demo): rows whose ids and history are already decided, written in batches.
export async function insertWorkshops(db: Db, rows: readonly PlainRow[]): Promise<void> {
  await insertRows(db, 'workshops', rows);
}
export async function insertWorkshopThemes(db: Db, rows: readonly PlainRow[]): Promise<void> {
  await insertRows(db, 'workshop_themes', rows);
}
export async function insertRegistrations(db: Db, rows: readonly PlainRow[]): Promise<void> {
  await insertRows(db, 'workshop_registrations', rows);
}
