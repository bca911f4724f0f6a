import type { MaybeActor } from '../../shared/actor';

/** Importing raw contributions is the DSI's: it writes contributions in other people's names. */
export const importsPolicy = {
  canUse: (actor: MaybeActor): boolean => actor?.role === 'dsi',
  canImport: (actor: MaybeActor, _consultation: { id: number }): boolean => actor?.role === 'dsi',
  /** A run is seen through its own consultation only. */
  canViewRun: (actor: MaybeActor, run: { consultation_id: number }, consultation: { id: number }): boolean =>
    actor?.role === 'dsi' && Number(run.consultation_id) === Number(consultation.id),
  canLaunch: (actor: MaybeActor, run: { consultation_id: number; status: string; error_rows: number }, consultation: { id: number }): boolean =>
    actor?.role === 'dsi' && Number(run.consultation_id) === Number(consultation.id),
};
