import type { Knex } from 'knex';
import { NotFoundError, invalid, ok, type Result } from '../../shared/http/errors';
import { t } from '../../shared/i18n';
import { recordAudit } from '../audit';
import { learnFromLinks } from '../similarity';
import type { Actor } from '../../shared/actor';
import type { WorkScope } from './policy';
import { findLink, lockConsolidated, refreshStatuses, undoLinks } from './queries';
import { requireWork } from './scope';

/**
 * Detaches a raw contribution (or an extract) from a consolidated contribution: the link is stamped
 * with who undid it and when, never deleted; the raw contribution goes back to « à traiter » when it
 * has no other active link.
 */
export async function detachLink(db: Knex, actor: Actor, scope: WorkScope, consolidatedId: number, linkId: number, requestId?: string): Promise<Result<{ rawId: number }>> {
  return db.transaction(async (trx) => {
    const cc = await lockConsolidated(trx, consolidatedId);
    if (!cc || cc.consultation_id !== scope.consultationId) throw new NotFoundError();
    requireWork(actor, scope, cc.theme_id);
    const link = await findLink(trx, linkId);
    if (!link || link.consolidated_contribution_id !== cc.id) throw new NotFoundError();
    if (link.undone_at || !(await undoLinks(trx, [link.id], actor.id))) return invalid({ _form: t('consolidation.linkInactive') }, 409);
    await refreshStatuses(trx, [link.raw_contribution_id]);
    // A contribution taken out teaches that its words do not go with the ones that stay (whole links only).
    if (!link.extract_id) await learnFromLinks(trx, scope.consultationId, { consolidatedId: cc.id, removed: [link.raw_contribution_id] });
    await recordAudit(trx, {
      actorId: actor.id,
      action: 'consolidation.detach',
      objectType: 'consolidated_contribution',
      objectId: cc.id,
      consultationId: scope.consultationId,
      before: { linkId: link.id, rawContributionId: link.raw_contribution_id, extractId: link.extract_id, active: true },
      after: { linkId: link.id, active: false },
      requestId,
    });
    return ok({ rawId: link.raw_contribution_id });
  });
}
