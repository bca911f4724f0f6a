import type { Knex } from 'knex';
import { recordAudit } from '../audit';
import type { Actor } from '../../shared/actor';
import { listPhases, replacePhases } from './queries';
import type { PhaseInput } from './validation';

const summary = (p: { kind: string; title: string; starts_on: string; ends_on: string }) => ({ kind: p.kind, title: p.title, starts_on: p.starts_on, ends_on: p.ends_on });

/** The DSI sets the calendar: the phases given replace the previous ones, in one transaction. */
export async function setPhases(db: Knex, actor: Actor, consultationId: number, phases: PhaseInput[], requestId?: string): Promise<void> {
  await db.transaction(async (trx) => {
    const before = await listPhases(trx, consultationId);
    await replacePhases(trx, consultationId, phases);
    await recordAudit(trx, {
      actorId: actor.id,
      action: 'consultation.phases',
      objectType: 'consultation',
      objectId: consultationId,
      consultationId,
      before: before.map(summary),
      after: phases.map(summary),
      requestId,
    });
  });
}
