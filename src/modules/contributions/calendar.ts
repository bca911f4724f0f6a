import type { Db } from '../../shared/db';
import { listPhases, openings, parisDay, type ConsultationRow } from '../consultations';

/** Contributions are open during the consultation phase, unless the DSI forced the step open or closed. */
export async function contributionsOpen(db: Db, consultation: ConsultationRow, at = new Date()): Promise<boolean> {
  return openings(await listPhases(db, consultation.id), consultation, parisDay(at)).contributions;
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
