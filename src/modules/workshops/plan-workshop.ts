import type { Knex } from 'knex';
import { invalid, ok, type Result } from '../../shared/http/errors';
import { recordAudit } from '../audit';
import type { Actor } from '../../shared/actor';
import { checkWorkshopInput, workshopColumns } from './check-workshop-input';
import { insertWorkshop, setWorkshopThemes } from './queries';
import type { WorkshopInput } from './validation';

/** The DSI or an ambassador plans a workshop of a consultation. */
export async function planWorkshop(db: Knex, actor: Actor, input: WorkshopInput, requestId?: string): Promise<Result<{ id: number; title: string }>> {
  return db.transaction(async (trx) => {
    const checked = await checkWorkshopInput(trx, input);
    if (!checked.ok) return invalid(checked.errors);
    const now = new Date().toISOString();
    const row = {
      consultation_id: input.consultationId,
      ...workshopColumns(input, checked.value),
      status: 'planifie',
      created_by: actor.id,
      created_at: now,
      updated_at: now,
    };
    const id = await insertWorkshop(trx, row);
    await setWorkshopThemes(trx, id, checked.value.themeIds);
    await recordAudit(trx, {
      actorId: actor.id,
      action: 'workshop.plan',
      objectType: 'workshop',
      objectId: id,
      consultationId: input.consultationId,
      after: { ...row, themeIds: checked.value.themeIds },
      requestId,
    });
    return ok({ id, title: input.title });
  });
}
