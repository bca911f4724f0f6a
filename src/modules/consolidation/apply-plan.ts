import type { Knex } from 'knex';
import { NotFoundError, invalid, ok, type Result } from '../../shared/http/errors';
import { t } from '../../shared/i18n';
import type { Actor } from '../../shared/actor';
import { recordAudits, type AuditEntry } from '../audit';
import { setRawFields } from '../contributions';
import { learnFromLinks, titleFrom } from '../similarity';
import { consolidationPolicy, type WorkScope } from './policy';
import { resolvePlan, type PlanBatch } from './plan-rules';
import {
  activeWholeLinks, codesWithPrefix, insertConsolidated, insertLinks, insertPlan, lockConsolidated, lockTheme, rawByIds, recordPlanResult, refreshStatuses, targetsByIdOrCode, type RawRow,
} from './queries';
import { isUniqueViolation, nextCode, themePrefix } from './rules';
import { rawLabel, requireWork } from './scope';
import type { PlanForm } from './validation';

/** A part of the plan that could not be applied, and what to do about it (shown on the plan page). */
export interface PlanConflict {
  group: string;
  message: string;
}

export interface AppliedPlan {
  planId: number | null;
  linked: number;
  created: string[];
  attached: number;
  setAside: number;
  conflicts: PlanConflict[];
}

type Target = Awaited<ReturnType<typeof targetsByIdOrCode>>[number];

/**
 * Applies a consolidation plan in one transaction: everything still valid is applied, each part that
 * another ambassador changed meanwhile (a contribution taken or set aside, a target edited or
 * withdrawn) is left out and reported — never overwritten. One audit entry per link and per
 * contribution set aside, one for the plan; what the links teach is learned at once. Two ambassadors
 * applying at the same moment: the unique index on active links picks the winner, and the other's
 * plan is checked again and applied without the contributions just taken.
 */
export async function applyPlan(db: Knex, actor: Actor, scope: WorkScope, form: PlanForm, requestId?: string): Promise<Result<AppliedPlan>> {
  const batches = resolvePlan(form);
  // A code typed in a target field that names nothing is the ambassador's own typing: a field error, nothing applied.
  // Every ticked « attach » group's target is looked up, even a group whose members all moved or merged elsewhere.
  const attaching = form.groups.filter((g) => g.apply && g.action === 'attach');
  const codes = [...new Set(attaching.filter((g) => g.targetCode).map((g) => g.targetCode))];
  const ids = attaching.filter((g) => !g.targetCode && g.targetId).map((g) => g.targetId!);
  const known = await targetsByIdOrCode(db, scope.consultationId, ids, codes);
  const unknown = form.groups.filter((g) => g.apply && g.action === 'attach' && (g.targetCode ? !known.some((k) => k.code === g.targetCode) : g.targetId && !known.some((k) => k.id === g.targetId)));
  if (unknown.length) return invalid(Object.fromEntries(unknown.map((g) => [g.targetCode ? `g${g.n}_code` : `g${g.n}_target`, t('consolidation.planUnknownTarget', { code: g.targetCode || `n° ${g.targetId}` })])));
  for (let attempt = 0; ; attempt++) {
    try {
      return await db.transaction(async (trx) => ok(await applyIn(trx, actor, scope, form, batches, requestId)));
    } catch (err) {
      if (!isUniqueViolation(err) || attempt >= 2) throw err;
    }
  }
}

async function applyIn(trx: Knex.Transaction, actor: Actor, scope: WorkScope, form: PlanForm, batches: PlanBatch[], requestId?: string): Promise<AppliedPlan> {
  const theme = await lockTheme(trx, form.themeId);
  if (!theme || theme.consultation_id !== scope.consultationId) throw new NotFoundError();
  requireWork(actor, scope, theme.id);
  const conflicts: PlanConflict[] = [];
  const all = batches.flatMap((b) => b.rawIds);
  const raws = new Map((await rawByIds(trx, all)).map((r) => [r.id, r]));
  const taken = new Map((await activeWholeLinks(trx, all)).map((l) => [l.raw_contribution_id, l.code]));
  /** Why this contribution can no longer be placed by this plan, or null. */
  const blocker = (id: number, raw: RawRow | undefined): string | null => {
    if (!raw || raw.consultation_id !== scope.consultationId) return t('consolidation.planRawMissing', { ref: `n° ${id}` });
    const ref = rawLabel(raw);
    if (taken.has(id)) return t('consolidation.planRawTaken', { ref, code: taken.get(id) ?? '—' });
    if (raw.status === 'retiree') return t('consolidation.planRawWithdrawn', { ref });
    if (raw.status === 'hors_perimetre') return t('consolidation.planRawAside', { ref });
    if (raw.theme_id !== theme.id && !consolidationPolicy.canWorkOn(actor, scope, raw.theme_id)) return t('consolidation.planRawMoved', { ref });
    return null;
  };
  const targets = await targetsByIdOrCode(trx, scope.consultationId, batches.filter((b) => b.action === 'attach' && !b.targetCode && b.targetId).map((b) => b.targetId!), batches.filter((b) => b.targetCode).map((b) => b.targetCode));
  const targetOf = (b: PlanBatch): Target | undefined => (b.targetCode ? targets.find((x) => x.code === b.targetCode) : targets.find((x) => x.id === b.targetId));

  const ready: Array<{ batch: PlanBatch; ids: number[]; target?: Target }> = [];
  for (const b of batches) {
    const ids: number[] = [];
    for (const id of b.rawIds) {
      const why = blocker(id, raws.get(id));
      if (why) conflicts.push({ group: b.label, message: why });
      else ids.push(id);
    }
    if (!ids.length) continue;
    if (b.action === 'attach') {
      const target = targetOf(b);
      const locked = target && (await lockConsolidated(trx, target.id));
      const code = target?.code ?? `n° ${b.targetId}`;
      if (!target || !locked || locked.status === 'annulee') {
        conflicts.push({ group: b.label, message: t('consolidation.planTargetGone', { code }) });
        continue;
      }
      const seen = form.seen.get(target.id);
      if (seen !== undefined && seen !== locked.version) {
        conflicts.push({ group: b.label, message: t('consolidation.planTargetEdited', { code }) });
        continue;
      }
      if (!consolidationPolicy.canWorkOn(actor, scope, locked.theme_id)) {
        conflicts.push({ group: b.label, message: t('consolidation.planTargetNotYours', { code }) });
        continue;
      }
      ready.push({ batch: b, ids, target });
    } else ready.push({ batch: b, ids });
  }
  if (!ready.length) return { planId: null, linked: 0, created: [], attached: 0, setAside: 0, conflicts };

  const planId = await insertPlan(trx, { consultation_id: scope.consultationId, theme_id: theme.id }, actor.id);
  const audits: AuditEntry[] = [];
  const audit = (action: string, objectType: string, objectId: number, after: unknown, before?: unknown) =>
    audits.push({ actorId: actor.id, action, objectType, objectId, consultationId: scope.consultationId, after, before, requestId });
  const linkedIds: number[] = [];
  const created: string[] = [];
  const setAside: number[] = [];
  let attached = 0;
  const learn: Array<{ consolidatedId: number; added: number[] }> = [];
  for (const { batch, ids, target } of ready) {
    if (batch.action === 'out_of_scope') {
      for (const id of ids) {
        await setRawFields(trx, id, { status: 'hors_perimetre', out_of_scope_reason: batch.reason });
        audit('consolidation.out_of_scope', 'raw_contribution', id, { status: 'hors_perimetre', reason: batch.reason, planId }, { status: raws.get(id)!.status, reason: raws.get(id)!.out_of_scope_reason });
        setAside.push(id);
      }
      continue;
    }
    let consolidatedId: number;
    let code: string | null;
    if (batch.action === 'attach') {
      consolidatedId = target!.id;
      code = target!.code;
      attached += ids.length;
    } else {
      code = nextCode(theme.code, await codesWithPrefix(trx, scope.consultationId, `CC-${themePrefix(theme.code)}-`));
      const title = batch.title || titleFrom(raws.get(ids[0]!)!.body);
      consolidatedId = await insertConsolidated(trx, { consultation_id: scope.consultationId, theme_id: theme.id, code, title, body_md: '', plan_id: planId }, actor.id);
      audit('consolidation.create', 'consolidated_contribution', consolidatedId, { code, title, themeId: theme.id, rawContributionIds: ids, planId });
      created.push(code);
    }
    await insertLinks(trx, ids.map((rawId) => ({ consolidated_contribution_id: consolidatedId, raw_contribution_id: rawId })), actor.id, planId);
    for (const id of ids) audit('consolidation.attach', 'raw_contribution', id, { consolidatedId, code, planId });
    linkedIds.push(...ids);
    learn.push({ consolidatedId, added: ids });
  }
  await refreshStatuses(trx, linkedIds);
  for (const l of learn) await learnFromLinks(trx, scope.consultationId, l);
  await recordPlanResult(trx, planId, { setAside, linksMade: linkedIds.length });
  audit('consolidation.plan_apply', 'consolidation_plan', planId, { themeId: theme.id, links: linkedIds.length, created, setAside: setAside.length, conflicts: conflicts.length });
  await recordAudits(trx, audits);
  return { planId, linked: linkedIds.length, created, attached, setAside: setAside.length, conflicts };
}
