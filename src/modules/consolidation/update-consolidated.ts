import type { Knex } from 'knex';
import { NotFoundError, invalid, ok, type Result } from '../../shared/http/errors';
import { t } from '../../shared/i18n';
import { recordAudit } from '../audit';
import type { Actor } from '../../shared/actor';
import type { WorkScope } from './policy';
import { findConsolidated, lockConsolidated, lockTheme, updateConsolidatedIfVersion, type ConsolidatedRow } from './queries';
import { requireWork } from './scope';
import type { UpdateInput } from './validation';

export type UpdateOutcome = Result<ConsolidatedRow> & { current?: ConsolidatedRow };

/** Edits title, synthesis and theme. A stale version is refused with the saved one: nothing overwritten. */
export async function updateConsolidated(db: Knex, actor: Actor, scope: WorkScope, id: number, input: UpdateInput, requestId?: string): Promise<UpdateOutcome> {
  return db.transaction(async (trx) => {
    const before = await lockConsolidated(trx, id);
    if (!before || before.consultation_id !== scope.consultationId) throw new NotFoundError();
    requireWork(actor, scope, before.theme_id);
    if (before.version !== input.version) return { ...invalid({ _form: t('consolidation.stale') }, 409), current: before };
    const theme = await lockTheme(trx, input.themeId);
    if (!theme || theme.consultation_id !== scope.consultationId) return invalid({ themeId: t('consolidation.unknownTheme') });
    requireWork(actor, scope, theme.id);
    const changes = { title: input.title, body_md: input.bodyMd, theme_id: theme.id };
    if (!(await updateConsolidatedIfVersion(trx, id, input.version, changes))) {
      return { ...invalid({ _form: t('consolidation.stale') }, 409), current: (await findConsolidated(trx, id))! };
    }
    await recordAudit(trx, {
      actorId: actor.id,
      action: 'consolidation.update',
      objectType: 'consolidated_contribution',
      objectId: id,
      consultationId: scope.consultationId,
      before: { title: before.title, bodyMd: before.body_md, themeId: before.theme_id, version: before.version },
      after: { ...changes, version: input.version + 1 },
      requestId,
    });
    return ok((await findConsolidated(trx, id))!);
  });
}
