import type { Db } from '../../shared/db';
import { insertReturningId, insertRows, isPostgres, toBool, toDate, type PlainRow } from '../../shared/db';

/**
 * The prioritisation module's tables: `prioritisation_steps`, `prioritisation_ballots` (one per person
 * and step: a unique index) and `prioritisation_lines`. The only file that writes them. Every query
 * runs unchanged on SQLite and PostgreSQL (counts and ids are Number()-ed, booleans toBool()-ed).
 */

export interface StepRow {
  id: number;
  consultation_id: number;
  title: string;
  starts_at: Date;
  ends_at: Date;
  budget: number;
  whitepaper_order: boolean;
  created_by: number | null;
  version: number;
  created_at: Date;
  updated_at: Date;
}

export interface StepWithConsultation extends StepRow {
  consultation_slug: string;
  consultation_title: string;
  ballots: number;
}

const normaliseStep = (r: any): StepRow => ({
  id: Number(r.id),
  consultation_id: Number(r.consultation_id),
  title: String(r.title),
  starts_at: toDate(r.starts_at)!,
  ends_at: toDate(r.ends_at)!,
  budget: Number(r.budget),
  whitepaper_order: toBool(r.whitepaper_order),
  created_by: r.created_by == null ? null : Number(r.created_by),
  version: Number(r.version),
  created_at: toDate(r.created_at)!,
  updated_at: toDate(r.updated_at)!,
});

const STEP_COLUMNS = ['ps.id', 'ps.consultation_id', 'ps.title', 'ps.starts_at', 'ps.ends_at', 'ps.budget', 'ps.whitepaper_order', 'ps.created_by', 'ps.version', 'ps.created_at', 'ps.updated_at'];

function stepsWithConsultation(db: Db) {
  return db('prioritisation_steps as ps')
    .join('consultations as c', 'c.id', 'ps.consultation_id')
    .select([...STEP_COLUMNS, 'c.slug as consultation_slug', 'c.title as consultation_title'])
    .select(db('prioritisation_ballots as b').count('*').whereRaw('b.step_id = ps.id').as('ballots'));
}
const normaliseListed = (r: any): StepWithConsultation => ({ ...normaliseStep(r), consultation_slug: r.consultation_slug, consultation_title: r.consultation_title, ballots: Number(r.ballots ?? 0) });

export async function findStep(db: Db, id: number): Promise<StepWithConsultation | undefined> {
  const row = await stepsWithConsultation(db).where('ps.id', id).first();
  return row ? normaliseListed(row) : undefined;
}

/** The step's row, locked until the transaction ends on PostgreSQL (SQLite serialises writes anyway). */
export async function lockStep(db: Db, id: number): Promise<StepRow | undefined> {
  const q = db('prioritisation_steps as ps').select(STEP_COLUMNS).where('ps.id', id);
  if (isPostgres(db)) q.forUpdate();
  const row = await q.first();
  return row ? normaliseStep(row) : undefined;
}

/**
 * The step a ballot is saved into, under a shared lock on PostgreSQL: voters go side by side while a
 * change of the step by the DSI (lockStep) waits for them, and the other way round.
 */
export async function stepForBallot(db: Db, id: number): Promise<StepRow | undefined> {
  const q = db('prioritisation_steps as ps').select(STEP_COLUMNS).where('ps.id', id);
  if (isPostgres(db)) q.forShare();
  const row = await q.first();
  return row ? normaliseStep(row) : undefined;
}

/** Steps whose results order the white paper (the DSI's option), latest end first. */
export async function whitepaperSteps(db: Db, consultationId: number): Promise<StepRow[]> {
  const rows = await db('prioritisation_steps as ps').select(STEP_COLUMNS).where({ 'ps.consultation_id': consultationId, 'ps.whitepaper_order': true }).orderBy('ps.ends_at', 'desc').orderBy('ps.id', 'desc');
  return rows.map(normaliseStep);
}

/** Whether anyone has voted in a step. */
export async function hasBallots(db: Db, stepId: number): Promise<boolean> {
  return !!(await db('prioritisation_ballots').where({ step_id: stepId }).first('id'));
}

/** Steps of a consultation, latest start first. */
export async function listSteps(db: Db, consultationId: number): Promise<StepWithConsultation[]> {
  return (await stepsWithConsultation(db).where('ps.consultation_id', consultationId).orderBy('ps.starts_at', 'desc').orderBy('ps.id', 'desc')).map(normaliseListed);
}

/** Every step of every consultation, latest start first (the « Priorisation » page). */
export async function listAllSteps(db: Db): Promise<StepWithConsultation[]> {
  return (await stepsWithConsultation(db).orderBy('ps.starts_at', 'desc').orderBy('ps.id', 'desc')).map(normaliseListed);
}

export interface NewStep {
  consultation_id: number;
  title: string;
  starts_at: string;
  ends_at: string;
  budget: number;
  whitepaper_order: boolean;
  created_by: number | null;
}

export async function insertStep(db: Db, s: NewStep): Promise<number> {
  const now = new Date().toISOString();
  return insertReturningId(db, 'prioritisation_steps', { ...s, created_at: now, updated_at: now });
}

/** Changes a step only at the version its editor saw (false: someone changed it meanwhile). */
export async function updateStepIfVersion(db: Db, id: number, version: number, changes: Partial<Omit<NewStep, 'consultation_id' | 'created_by'>>): Promise<boolean> {
  const n = await db('prioritisation_steps')
    .where({ id, version })
    .update({ ...changes, version: version + 1, updated_at: new Date().toISOString() });
  return n === 1;
}

// ---- Ballots ----------------------------------------------------------------------------------

export interface BallotRow {
  id: number;
  step_id: number;
  voter_id: number;
  voter_role: string;
  voter_region: string | null;
  points_total: number;
  version: number;
  updated_at: Date;
}

const normaliseBallot = (r: any): BallotRow => ({
  id: Number(r.id),
  step_id: Number(r.step_id),
  voter_id: Number(r.voter_id),
  voter_role: String(r.voter_role),
  voter_region: r.voter_region ?? null,
  points_total: Number(r.points_total),
  version: Number(r.version),
  updated_at: toDate(r.updated_at)!,
});

export async function findBallot(db: Db, stepId: number, voterId: number): Promise<BallotRow | undefined> {
  const row = await db('prioritisation_ballots').where({ step_id: stepId, voter_id: voterId }).first();
  return row ? normaliseBallot(row) : undefined;
}

/** need id → points of one ballot. */
export async function ballotLines(db: Db, ballotId: number): Promise<Map<number, number>> {
  const rows = (await db('prioritisation_lines').where({ ballot_id: ballotId }).select('need_id', 'points')) as Array<{ need_id: number; points: number }>;
  return new Map(rows.map((r) => [Number(r.need_id), Number(r.points)]));
}

export interface BallotHeader {
  step_id: number;
  voter_id: number;
  voter_role: string;
  voter_region: string | null;
  points_total: number;
}

/**
 * A new ballot. The unique index (step_id, voter_id) refuses a second one for the same person: the
 * caller runs it in a savepoint and turns the refusal into an update of the existing ballot.
 */
export async function insertBallot(db: Db, b: BallotHeader): Promise<number> {
  const now = new Date().toISOString();
  return insertReturningId(db, 'prioritisation_ballots', { ...b, version: 1, created_at: now, updated_at: now });
}

export async function updateBallot(db: Db, id: number, changes: Pick<BallotHeader, 'voter_role' | 'voter_region' | 'points_total'>): Promise<void> {
  await db('prioritisation_ballots').where({ id }).update({ ...changes, version: db.raw('version + 1'), updated_at: new Date().toISOString() });
}

/** Replaces a ballot's lines (only needs given at least one point get a line). */
export async function replaceLines(db: Db, ballotId: number, lines: ReadonlyArray<{ needId: number; points: number }>): Promise<void> {
  await db('prioritisation_lines').where({ ballot_id: ballotId }).del();
  const rows = lines.filter((l) => l.points > 0).map((l) => ({ ballot_id: ballotId, need_id: l.needId, points: l.points }));
  if (rows.length) await db('prioritisation_lines').insert(rows);
}

/** Every ballot of a step with its lines, for the results (stats' pure functions compute them). */
export async function stepBallots(db: Db, stepId: number): Promise<Array<{ voterId: number; voterRole: string; voterRegion: string | null; lines: Array<{ needId: number; points: number }> }>> {
  const [ballots, lines] = await Promise.all([
    db('prioritisation_ballots').where({ step_id: stepId }).select('id', 'voter_id', 'voter_role', 'voter_region').orderBy('id'),
    db('prioritisation_lines as l').join('prioritisation_ballots as b', 'b.id', 'l.ballot_id').where('b.step_id', stepId).select('l.ballot_id', 'l.need_id', 'l.points').orderBy('l.ballot_id').orderBy('l.need_id'),
  ]);
  const byBallot = new Map<number, Array<{ needId: number; points: number }>>();
  for (const l of lines as Array<{ ballot_id: number; need_id: number; points: number }>) {
    const id = Number(l.ballot_id);
    byBallot.set(id, [...(byBallot.get(id) ?? []), { needId: Number(l.need_id), points: Number(l.points) }]);
  }
  return (ballots as any[]).map((b) => ({ voterId: Number(b.voter_id), voterRole: String(b.voter_role), voterRegion: b.voter_region ?? null, lines: byBallot.get(Number(b.id)) ?? [] }));
}

// ---- What is voted on --------------------------------------------------------------------------

export interface VotableNeed {
  id: number;
  code: string;
  title: string;
  theme_id: number;
  theme_code: string;
  theme_title: string;
}

/**
 * The needs a step puts to the vote: the consultation's validated needs (not merged), in reading
 * order (theme, then the need's position). Read from needs/ and consultations/ tables, never written.
 */
export async function votableNeeds(db: Db, consultationId: number): Promise<VotableNeed[]> {
  const rows = await db('needs as n')
    .join('themes as t', 't.id', 'n.theme_id')
    .where({ 'n.consultation_id': consultationId, 'n.status': 'valide' })
    .whereNull('n.merged_into_id')
    .select('n.id', 'n.code', 'n.title', 'n.theme_id', 't.code as theme_code', 't.title as theme_title')
    .orderBy('t.position')
    .orderBy('t.id')
    .orderBy('n.position')
    .orderBy('n.id');
  return (rows as any[]).map((r) => ({ id: Number(r.id), code: r.code, title: r.title, theme_id: Number(r.theme_id), theme_code: r.theme_code, theme_title: r.theme_title }));
}

// Bulk loads (the demo): rows whose ids and history are already decided, written in batches.
export async function insertSteps(db: Db, rows: readonly PlainRow[]): Promise<void> {
  await insertRows(db, 'prioritisation_steps', rows);
}
export async function insertBallots(db: Db, rows: readonly PlainRow[]): Promise<void> {
  await insertRows(db, 'prioritisation_ballots', rows);
}
export async function insertLines(db: Db, rows: readonly PlainRow[]): Promise<void> {
  await insertRows(db, 'prioritisation_lines', rows);
}
