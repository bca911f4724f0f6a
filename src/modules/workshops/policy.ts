import type { MaybeActor } from '../../shared/actor';
import type { WorkshopStatus } from './rules';

/** The fields of a workshop that decide who may do what with it. */
export interface WorkshopTarget {
  facilitator_id: number | null;
  created_by: number | null;
  status: WorkshopStatus;
  starts_at: Date;
}

/** DSI, or the workshop's own facilitator or creator: those who run this workshop. */
const runs = (actor: MaybeActor, w: WorkshopTarget): boolean =>
  !!actor && (actor.role === 'dsi' || (w.facilitator_id !== null && w.facilitator_id === actor.id) || (w.created_by !== null && w.created_by === actor.id));

/**
 * Who may do what with workshops, decided on the object: an ambassador plans workshops, but runs
 * only the ones they facilitate or created — not another ambassador's.
 */
export const workshopsPolicy = {
  /** Staff find workshops to attend: every logged-in person. */
  canBrowse: (actor: MaybeActor): boolean => !!actor,
  canView: (actor: MaybeActor, _w: WorkshopTarget): boolean => !!actor,
  canPlan: (actor: MaybeActor): boolean => actor?.role === 'dsi' || actor?.role === 'ambassadeur',
  /** Staff facilitate with their account; anyone else is named on the form by e-mail only. */
  canFacilitate: (person: { role: string } | null | undefined): boolean => person?.role === 'ambassadeur' || person?.role === 'dsi',
  canEdit: (actor: MaybeActor, w: WorkshopTarget): boolean => runs(actor, w),
  canRecordAttendance: (actor: MaybeActor, w: WorkshopTarget): boolean => runs(actor, w),
  canClose: (actor: MaybeActor, w: WorkshopTarget): boolean => runs(actor, w),
  canCapture: (actor: MaybeActor, w: WorkshopTarget): boolean => runs(actor, w),
  /** The registrants' list holds names and e-mails: only those who run the workshop see or export it. */
  canSeeRegistrants: (actor: MaybeActor, w: WorkshopTarget): boolean => runs(actor, w),
  /** Any logged-in person, while the workshop is planned and still to come. */
  canRegister: (actor: MaybeActor, w: WorkshopTarget, now: Date = new Date()): boolean =>
    !!actor && w.status === 'planifie' && w.starts_at.getTime() > now.getTime(),
  /** One's own registration, while the workshop is planned. */
  canCancelRegistration: (actor: MaybeActor, w: WorkshopTarget): boolean => !!actor && w.status === 'planifie',
};
