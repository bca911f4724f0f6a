import type { Knex } from 'knex';
import { NotFoundError } from '../../shared/http/errors';
import { recordAudit } from '../audit';
import type { Actor } from '../../shared/actor';
import { overrideFromChoice } from './phases';
import { findConsultationById, setOverrides } from './queries';
import type { OpeningsInput } from './validation';

/** The DSI opens or closes a step by hand, or lets it follow the calendar again. */
export async function setOpenings(db: Knex, actor: Actor, consultationId: number, input: OpeningsInput, requestId?: string): Promise<void> {
  await db.transaction(async (trx) => {
    const before = await findConsultationById(trx, consultationId);
    if (!before) throw new NotFoundError();
    const after = {
      contributions_open: overrideFromChoice(input.contributions),
      consolidation_open: overrideFromChoice(input.consolidation),
      ambassador_call_open: overrideFromChoice(input.ambassadorCall),
    };
    await setOverrides(trx, consultationId, after);
    await recordAudit(trx, {
      actorId: actor.id,
      action: 'consultation.openings',
      objectType: 'consultation',
      objectId: consultationId,
      consultationId,
      before: { contributions_open: before.contributions_open, consolidation_open: before.consolidation_open, ambassador_call_open: before.ambassador_call_open },
      after,
      requestId,
    });
  });
}
