import type { Knex } from 'knex';
import { NotFoundError, invalid, ok, type Result } from '../../shared/http/errors';
import { t } from '../../shared/i18n';
import type { Actor } from '../../shared/actor';
import { recordAudits, type AuditEntry } from '../audit';
import { setRawFields } from '../contributions';
import { learnFromLinks } from '../similarity';
import type { WorkScope } from './policy';
import { activeLinksOfPlan, countLinksOfPlan, createdByPlan, findPlan, lastPlanOf, lockPlan, markPlanUndone, rawByIds, refreshStatuses, undoLinks, withdrawConsolidated } from './queries';
import { requireWork } from './scope';

export interface UndonePlan {
  detached: number;
  /** Links of the plan someone had already undone or moved: left as they are. */
  alreadyChanged: number;
  broughtBack: number;
  withdrawn: string[];
}

/**
 * Undoes the actor's last applied plan, in one step: every link it made that is still active is
 * stamped undone (never deleted), every contribution it set aside and still out of scope comes back
 * to « à traiter », and the consolidated contributions it created that nothing holds any more (no
 * link, no need) are withdrawn (« annulee »). Only the last plan: undoing an older one under a newer
 * one would tear the newer apart. What the links taught is taken back.
 */
export async function undoPlan(db: Knex, actor: Actor, scope: WorkScope, planId: number, requestId?: string): Promise<Result<UndonePlan>> {
  return db.transaction(async (trx) => {
    await lockPlan(trx, planId);
    const plan = await findPlan(trx, planId);
    if (!plan || plan.consultation_id !== scope.consultationId || plan.applied_by !== actor.id) throw new NotFoundError();
    requireWork(actor, scope, plan.theme_id);
    if (plan.undone_at) return invalid({ _form: t('consolidation.planAlreadyUndone') }, 409);
    if ((await lastPlanOf(trx, scope.consultationId, actor.id))?.id !== plan.id) return invalid({ _form: t('consolidation.planNotLast') }, 409);
    const links = await activeLinksOfPlan(trx, plan.id);
    const total = await countLinksOfPlan(trx, plan.id);
    await undoLinks(trx, links.map((l) => l.id), actor.id);
    const rawIds = links.map((l) => l.raw_contribution_id);
    await refreshStatuses(trx, rawIds);
    const byTarget = new Map<number, number[]>();
    for (const l of links) byTarget.set(l.consolidated_contribution_id, [...(byTarget.get(l.consolidated_contribution_id) ?? []), l.raw_contribution_id]);
    for (const [consolidatedId, removed] of byTarget) await learnFromLinks(trx, scope.consultationId, { consolidatedId, removed });
    const audits: AuditEntry[] = [];
    const audit = (action: string, objectType: string, objectId: number, before: unknown, after: unknown) =>
      audits.push({ actorId: actor.id, action, objectType, objectId, consultationId: scope.consultationId, before, after, requestId });
    for (const l of links) audit('consolidation.detach', 'consolidated_contribution', l.consolidated_contribution_id, { linkId: l.id, rawContributionId: l.raw_contribution_id, active: true }, { linkId: l.id, active: false, planId: plan.id });
    let broughtBack = 0;
    for (const raw of await rawByIds(trx, plan.set_aside)) {
      if (raw.status !== 'hors_perimetre') continue;
      await setRawFields(trx, raw.id, { status: 'a_traiter', out_of_scope_reason: null });
      audit('consolidation.back_in_scope', 'raw_contribution', raw.id, { status: 'hors_perimetre', reason: raw.out_of_scope_reason }, { status: 'a_traiter', planId: plan.id });
      broughtBack++;
    }
    const empty = (await createdByPlan(trx, plan.id)).filter((c) => !c.held);
    await withdrawConsolidated(trx, empty.map((c) => c.id));
    for (const c of empty) audit('consolidation.withdraw', 'consolidated_contribution', c.id, { status: 'brouillon' }, { status: 'annulee', planId: plan.id });
    await markPlanUndone(trx, plan.id, actor.id);
    audit('consolidation.plan_undo', 'consolidation_plan', plan.id, { links: total }, { detached: links.length, broughtBack, withdrawn: empty.map((c) => c.code) });
    await recordAudits(trx, audits);
    return ok({ detached: links.length, alreadyChanged: total - links.length, broughtBack, withdrawn: empty.map((c) => c.code ?? `n° ${c.id}`) });
  });
}
