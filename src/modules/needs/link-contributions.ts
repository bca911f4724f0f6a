import type { Knex } from 'knex';
import { NotFoundError, Result, invalid, ok } from '../../shared/http/errors';
import { t } from '../../shared/i18n';
import { recordAudit } from '../audit';
import type { Actor } from '../../shared/actor';
import { consultationsOfConsolidated, findNeed, insertSupports, supportedIds } from './queries';

/** Links consolidated contributions to a need (a consolidated contribution may support several needs). */
export async function linkContributions(db: Knex, actor: Actor, needId: number, ids: number[], requestId?: string): Promise<Result<{ added: number[] }>> {
  return db.transaction(async (trx) => {
    const need = await findNeed(trx, needId);
    if (!need) throw new NotFoundError();
    const unique = [...new Set(ids)];
    if (!unique.length) return invalid({ consolidated: 'Cochez au moins une contribution consolidée.' });
    const found = await consultationsOfConsolidated(trx, unique);
    if (found.length !== unique.length || found.some((c) => c.consultation_id !== need.consultation_id)) {
      return invalid({ consolidated: t('needs.otherConsultation') });
    }
    const already = await supportedIds(trx, needId, unique);
    const added = unique.filter((id) => !already.has(id));
    const now = new Date().toISOString();
    await insertSupports(trx, added.map((id) => ({ need_id: needId, consolidated_contribution_id: id, created_by: actor.id, created_at: now })));
    await recordAudit(trx, { actorId: actor.id, action: 'need.link', objectType: 'need', objectId: needId, consultationId: need.consultation_id, after: { consolidatedIds: added }, requestId });
    return ok({ added });
  });
}
