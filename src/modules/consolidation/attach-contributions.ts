import type { Knex } from 'knex';
import { invalid, ok, type Result } from '../../shared/http/errors';
import { t } from '../../shared/i18n';
import { recordAudit } from '../audit';
import { learnFromLinks } from '../similarity';
import type { Actor } from '../../shared/actor';
import type { WorkScope } from './policy';
import { insertLinks, lockConsolidated, refreshStatuses } from './queries';
import { isUniqueViolation } from './rules';
import { alreadyTaken, checkSelection, requireWork } from './scope';
import type { AttachInput } from './validation';
import { tellContributors } from './tell-contributors';

/**
 * Attaches a selection of raw contributions to an existing consolidated contribution, all or nothing.
 * The consolidated contribution's own text does not change, so its version does not either.
 */
export async function attachContributions(db: Knex, actor: Actor, scope: WorkScope, input: AttachInput, requestId?: string): Promise<Result<{ id: number; code: string | null; count: number }>> {
  try {
    return await db.transaction(async (trx) => {
      const target = await lockConsolidated(trx, input.targetId);
      if (!target || target.consultation_id !== scope.consultationId) return invalid({ targetId: t('consolidation.unknownTarget') });
      requireWork(actor, scope, target.theme_id);
      const selection = await checkSelection(trx, actor, scope, input.ids);
      if (!selection.ok) return selection;
      await insertLinks(trx, input.ids.map((rawId) => ({ consolidated_contribution_id: target.id, raw_contribution_id: rawId })), actor.id);
      await refreshStatuses(trx, input.ids);
      // What the ambassador just put together teaches the consultation's suggestions at once.
      await learnFromLinks(trx, scope.consultationId, { consolidatedId: target.id, added: input.ids });
      await tellContributors(trx, input.ids, { code: target.code, title: target.title });
      await recordAudit(trx, {
        actorId: actor.id,
        action: 'consolidation.attach',
        objectType: 'consolidated_contribution',
        objectId: target.id,
        consultationId: scope.consultationId,
        after: { code: target.code, rawContributionIds: input.ids },
        requestId,
      });
      return ok({ id: target.id, code: target.code, count: input.ids.length });
    });
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    return (await alreadyTaken(db, input.ids)) ?? invalid({ ids: t('consolidation.alreadyTaken', { refs: '—' }) }, 409);
  }
}
