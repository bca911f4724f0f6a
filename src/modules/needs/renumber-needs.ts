import type { Knex } from 'knex';
import { Result, ok } from '../../shared/http/errors';
import { recordAudit } from '../audit';
import type { Actor } from '../../shared/actor';
import { codesToRenumber, writeCodes } from './queries';
import { renumberPlan, type RenumberNeed } from './rules';

/**
 * Recomputes every code B-01… in theme then position order, in one transaction. Codes are unique per
 * consultation, so a first pass moves every need to a temporary code no live code can take.
 */
export async function renumberNeeds(db: Knex, actor: Actor, consultationId: number, requestId?: string): Promise<Result<{ changed: number }>> {
  return db.transaction(async (trx) => {
    const { needs: rows, proposals } = await codesToRenumber(trx, consultationId);
    const needs: RenumberNeed[] = rows.map((r) => ({
      id: Number(r.id), code: r.code, position: Number(r.position), themeId: Number(r.theme_id), themePosition: Number(r.theme_position),
      merged: r.merged_into_id != null,
      proposals: proposals.filter((p) => Number(p.need_id) === Number(r.id)).map((p) => ({ id: Number(p.id), code: p.code, position: Number(p.position) })),
    }));
    const plan = renumberPlan(needs);
    const needChanges = plan.needs.filter((c) => c.from !== c.to);
    const proposalChanges = plan.proposals.filter((c) => c.from !== c.to);
    await writeCodes(trx, needChanges, proposalChanges);
    await recordAudit(trx, {
      actorId: actor.id, action: 'need.renumber', objectType: 'consultation', objectId: consultationId, consultationId,
      before: Object.fromEntries(needChanges.map((c) => [c.id, c.from])), after: Object.fromEntries(needChanges.map((c) => [c.id, c.to])), requestId,
    });
    return ok({ changed: needChanges.length + proposalChanges.length });
  });
}
