import type { Knex } from 'knex';
import { Result, ok } from '../../shared/http/errors';
import { recordAudit } from '../audit';
import type { Actor } from '../../shared/actor';
import { renumberPlan, type RenumberNeed } from './rules';

/**
 * Recomputes every code B-01… in theme then position order, in one transaction. Codes are unique per
 * consultation, so a first pass moves every need to a temporary code no live code can take.
 */
export async function renumberNeeds(db: Knex, actor: Actor, consultationId: number, requestId?: string): Promise<Result<{ changed: number }>> {
  return db.transaction(async (trx) => {
    const rows = (await trx('needs as n')
      .join('themes as t', 't.id', 'n.theme_id')
      .where('n.consultation_id', consultationId)
      .select('n.id', 'n.code', 'n.position', 'n.theme_id', 'n.merged_into_id', 't.position as theme_position')) as any[];
    const proposals = (await trx('functional_proposals as p')
      .join('needs as n', 'n.id', 'p.need_id')
      .where('n.consultation_id', consultationId)
      .select('p.id', 'p.code', 'p.position', 'p.need_id')) as any[];
    const needs: RenumberNeed[] = rows.map((r) => ({
      id: Number(r.id), code: r.code, position: Number(r.position), themeId: Number(r.theme_id), themePosition: Number(r.theme_position),
      merged: r.merged_into_id != null,
      proposals: proposals.filter((p) => Number(p.need_id) === Number(r.id)).map((p) => ({ id: Number(p.id), code: p.code, position: Number(p.position) })),
    }));
    const plan = renumberPlan(needs);
    const needChanges = plan.needs.filter((c) => c.from !== c.to);
    const proposalChanges = plan.proposals.filter((c) => c.from !== c.to);
    for (const c of needChanges) await trx('needs').where({ id: c.id }).update({ code: `~${c.id}` });
    const now = new Date().toISOString();
    for (const c of needChanges) await trx('needs').where({ id: c.id }).update({ code: c.to, updated_at: now });
    for (const c of proposalChanges) await trx('functional_proposals').where({ id: c.id }).update({ code: c.to, updated_at: now });
    await recordAudit(trx, {
      actorId: actor.id, action: 'need.renumber', objectType: 'consultation', objectId: consultationId, consultationId,
      before: Object.fromEntries(needChanges.map((c) => [c.id, c.from])), after: Object.fromEntries(needChanges.map((c) => [c.id, c.to])), requestId,
    });
    return ok({ changed: needChanges.length + proposalChanges.length });
  });
}
