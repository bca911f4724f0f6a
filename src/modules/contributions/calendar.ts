import type { Db } from '../../shared/db';
import { listPhases, openings, parisDay, phaseState, type ConsultationRow, type PhaseRow } from '../consultations';

/** Contributions are open during the consultation phase, unless the DSI forced the step open or closed. */
export async function contributionsOpen(db: Db, consultation: ConsultationRow, at = new Date()): Promise<boolean> {
  return openings(await listPhases(db, consultation.id), consultation, parisDay(at)).contributions;
}

/**
 * What the contribution form takes in today:
 * - `consultation`: the consultation step is open (calendar, or the DSI's manual opening) — an
 *   individual contribution as always;
 * - `remontee_continue`: continuous intake (« remontées des besoins ») — after publication, staff and
 *   regional bodies keep sending needs through the same form, for the next edition. Open while the
 *   follow-up phase (`suivi`) runs, and from the first published edition of the white paper until the
 *   follow-up phase has ended (when the calendar has one). The DSI's « forcé fermé » on contributions
 *   closes it too;
 * - null: closed.
 */
export type IntakeMode = 'consultation' | 'remontee_continue' | null;

export interface IntakeCalendar {
  phases: ReadonlyArray<{ kind: string; starts_on: string; ends_on: string }>;
  /** The DSI's override of the contribution step (null follows the calendar). */
  contributionsOverride: boolean | null;
  /** The consultation step is open today (openings().contributions). */
  consultationOpen: boolean;
  /** A white-paper edition has been published. */
  published: boolean;
}

/** The rule above, pure (unit-tested). */
export function intakeMode(c: IntakeCalendar, today: string): IntakeMode {
  if (c.consultationOpen) return 'consultation';
  if (c.contributionsOverride === false) return null;
  const followUps = c.phases.filter((p) => p.kind === 'suivi');
  if (followUps.some((p) => phaseState(p, today) === 'en_cours')) return 'remontee_continue';
  const followUpOver = followUps.length > 0 && followUps.every((p) => phaseState(p, today) === 'passee');
  return c.published && !followUpOver ? 'remontee_continue' : null;
}

/** What the form takes in today for this consultation (see intakeMode). */
export async function contributionIntake(db: Db, consultation: ConsultationRow, at = new Date()): Promise<IntakeMode> {
  return intakeWithPhases(db, consultation, await listPhases(db, consultation.id), at);
}

/** The same, with the consultation's phases already at hand (a write transaction's copy). */
export async function intakeWithPhases(db: Db, consultation: ConsultationRow, phases: PhaseRow[], at = new Date()): Promise<IntakeMode> {
  const today = parisDay(at);
  const consultationOpen = openings(phases, consultation, today).contributions;
  if (consultationOpen) return 'consultation';
  const edition = await db('whitepaper_editions').where({ consultation_id: consultation.id }).first('id');
  return intakeMode({ phases, contributionsOverride: consultation.contributions_open, consultationOpen, published: !!edition }, today);
}

/**
 * Published: the publication phase has begun (or an edition of the white paper is out). From then on
 * the open-data file of raw contributions is public.
 */
export async function isPublished(db: Db, consultationId: number, at = new Date()): Promise<boolean> {
  const today = parisDay(at);
  const phases = await listPhases(db, consultationId);
  if (phases.some((p) => p.kind === 'publication' && p.starts_on <= today)) return true;
  const edition = await db('whitepaper_editions').where({ consultation_id: consultationId }).first('id');
  return !!edition;
}
