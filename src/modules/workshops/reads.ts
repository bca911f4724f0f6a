import type { Db } from '../../shared/db';
import { toBool, toDate } from '../../shared/db';
import type { RegistrationStatus, WorkshopMode, WorkshopStatus } from './rules';

/**
 * The workshops module's read-only queries: workshops and their list, registrations, the choices
 * of the planning form and the live capture's counters. Writes (and the row lock taken before one)
 * stay in queries.ts, where the ownership test (convention 13) looks for them; queries.ts
 * re-exports these, so callers keep one import.
 */

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
