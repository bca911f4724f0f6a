import type { Knex } from 'knex';
import { invalid, ok, type FieldErrors, type Result } from '../../shared/http/errors';
import { formatDateTime, t } from '../../shared/i18n';
import type { Actor } from '../../shared/actor';
import { recordAudit } from '../audit';
import { insertStep, listSteps } from './queries';
import { overlaps } from './rules';
import type { StepInput } from './validation';

/** The step that the given dates would overlap, as a field error on the start (none: {}). */
export async function overlapError(db: Knex | Knex.Transaction, consultationId: number, input: StepInput, exceptId: number | null): Promise<FieldErrors> {
  const span = { starts_at: new Date(input.startsAt), ends_at: new Date(input.endsAt) };
  const other = (await listSteps(db, consultationId)).find((s) => s.id !== exceptId && overlaps(s, span));
  return other ? { startDay: t('prioritisation.overlap', { title: other.title, from: formatDateTime(other.starts_at), to: formatDateTime(other.ends_at) }) } : {};
}

/** The DSI opens a prioritisation step for a consultation (dates in Paris time, points per person). */
export async function openStep(db: Knex, actor: Actor, consultationId: number, input: StepInput, requestId?: string): Promise<Result<{ id: number; title: string }>> {
  return db.transaction(async (trx) => {
    const clash = await overlapError(trx, consultationId, input, null);
    if (Object.keys(clash).length) return invalid(clash);
    const row = {
      consultation_id: consultationId,
      title: input.title,
      starts_at: input.startsAt,
      ends_at: input.endsAt,
      budget: input.budget,
      whitepaper_order: input.whitepaperOrder,
      created_by: actor.id,
    };
    const id = await insertStep(trx, row);
    await recordAudit(trx, { actorId: actor.id, action: 'prioritisation.step.open', objectType: 'prioritisation_step', objectId: id, consultationId, after: row, requestId });
    return ok({ id, title: input.title });
  });
}
