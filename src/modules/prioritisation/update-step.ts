import type { Knex } from 'knex';
import { NotFoundError, invalid, ok, type Result } from '../../shared/http/errors';
import { formatNumber, t } from '../../shared/i18n';
import type { Actor } from '../../shared/actor';
import { recordAudit } from '../audit';
import { overlapError } from './open-step';
import { hasBallots, lockStep, updateStepIfVersion } from './queries';
import type { StepInput } from './validation';

/**
 * The DSI changes a step: its title, dates (closing it early, extending it), the white paper's order.
 * The points per person cannot change once someone has voted (their ballots were checked against it).
 * Carries the version the DSI saw: a change made meanwhile → 409, nothing overwritten.
 */
export async function updateStep(db: Knex, actor: Actor, stepId: number, input: StepInput, requestId?: string): Promise<Result<{ id: number; title: string }>> {
  return db.transaction(async (trx) => {
    const step = await lockStep(trx, stepId);
    if (!step) throw new NotFoundError();
    if (input.version !== step.version) return invalid({ _form: t('prioritisation.stale') }, 409);
    const clash = await overlapError(trx, step.consultation_id, input, step.id);
    if (Object.keys(clash).length) return invalid(clash);
    if (input.budget !== step.budget) {
      if (await hasBallots(trx, step.id)) return invalid({ budget: t('prioritisation.budgetLocked', { budget: formatNumber(step.budget) }) });
    }
    const changes = { title: input.title, starts_at: input.startsAt, ends_at: input.endsAt, budget: input.budget, whitepaper_order: input.whitepaperOrder };
    if (!(await updateStepIfVersion(trx, step.id, step.version, changes))) return invalid({ _form: t('prioritisation.stale') }, 409);
    await recordAudit(trx, {
      actorId: actor.id,
      action: 'prioritisation.step.update',
      objectType: 'prioritisation_step',
      objectId: step.id,
      consultationId: step.consultation_id,
      before: { title: step.title, starts_at: step.starts_at.toISOString(), ends_at: step.ends_at.toISOString(), budget: step.budget, whitepaper_order: step.whitepaper_order },
      after: changes,
      requestId,
    });
    return ok({ id: step.id, title: input.title });
  });
}
