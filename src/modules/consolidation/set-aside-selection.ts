import type { Knex } from 'knex';
import { ok, type Result } from '../../shared/http/errors';
import type { Actor } from '../../shared/actor';
import { recordAudits } from '../audit';
import { setRawFields } from '../contributions';
import type { WorkScope } from './policy';
import { checkSelection } from './scope';

/**
 * Sets a whole selection aside as out of scope with one reason (the bulk form of markOutOfScope),
 * all or nothing: the same checks as every bulk action (checkSelection), one audit entry per
 * contribution, the old reason kept in it.
 */
export async function setAsideSelection(db: Knex, actor: Actor, scope: WorkScope, input: { ids: number[]; reason: string }, requestId?: string): Promise<Result<{ count: number; themeId: number | null }>> {
  return db.transaction(async (trx) => {
    const selection = await checkSelection(trx, actor, scope, input.ids);
    if (!selection.ok) return selection;
    for (const raw of selection.value) await setRawFields(trx, raw.id, { status: 'hors_perimetre', out_of_scope_reason: input.reason });
    await recordAudits(
      trx,
      selection.value.map((raw) => ({
        actorId: actor.id, action: 'consolidation.out_of_scope', objectType: 'raw_contribution', objectId: raw.id, consultationId: scope.consultationId,
        before: { status: raw.status, reason: raw.out_of_scope_reason }, after: { status: 'hors_perimetre', reason: input.reason }, requestId,
      })),
    );
    return ok({ count: selection.value.length, themeId: selection.value[0]?.theme_id ?? null });
  });
}
