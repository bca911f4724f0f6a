import type { Knex } from 'knex';
import { NotFoundError, invalid, ok, type Result } from '../../shared/http/errors';
import { t } from '../../shared/i18n';
import { recordAudit } from '../audit';
import { learnFromLinks } from '../similarity';
import type { Actor } from '../../shared/actor';
import type { WorkScope } from './policy';
import { codesWithPrefix, insertConsolidated, insertLinks, linksOfConsolidated, lockConsolidated, lockTheme, undoLinks, updateConsolidatedIfVersion, type ConsolidatedRow } from './queries';
import { nextCode, themePrefix } from './rules';
import { requireWork } from './scope';
import type { SplitInput } from './validation';

export type SplitOutcome = Result<{ id: number; code: string; from: string | null }> & { current?: ConsolidatedRow };

/**
 * Splits a consolidated contribution: the chosen links move to a new one (split_from_id keeps the
 * lineage). Moving means stamping the old link as undone and creating a new one, so history stays.
 */
export async function splitConsolidated(db: Knex, actor: Actor, scope: WorkScope, id: number, input: SplitInput, requestId?: string): Promise<SplitOutcome> {
  return db.transaction(async (trx) => {
    const cc = await lockConsolidated(trx, id);
    if (!cc || cc.consultation_id !== scope.consultationId) throw new NotFoundError();
    requireWork(actor, scope, cc.theme_id);
    if (cc.version !== input.version) return { ...invalid({ _form: t('consolidation.stale') }, 409), current: cc };
    const theme = await lockTheme(trx, input.themeId);
    if (!theme || theme.consultation_id !== scope.consultationId) return invalid({ themeId: t('consolidation.unknownTheme') });
    requireWork(actor, scope, theme.id);
    const active = (await linksOfConsolidated(trx, cc.id)).filter((l) => !l.undone_at);
    const moving = active.filter((l) => input.linkIds.includes(l.id));
    if (!moving.length || moving.length !== input.linkIds.length) return invalid({ linkIds: t('consolidation.splitNone') });
    if (moving.length === active.length) return invalid({ linkIds: t('consolidation.splitAll') });
    if (!(await updateConsolidatedIfVersion(trx, cc.id, input.version, {}))) return { ...invalid({ _form: t('consolidation.stale') }, 409), current: cc };
    const code = nextCode(theme.code, await codesWithPrefix(trx, scope.consultationId, `CC-${themePrefix(theme.code)}-`));
    const newId = await insertConsolidated(trx, { consultation_id: scope.consultationId, theme_id: theme.id, code, title: input.title, body_md: input.bodyMd, split_from_id: cc.id }, actor.id);
    // Stamp first, then re-create: the partial unique indexes allow one ACTIVE link per contribution/extract.
    await undoLinks(trx, moving.map((l) => l.id), actor.id);
    await insertLinks(trx, moving.map((l) => ({ consolidated_contribution_id: newId, raw_contribution_id: l.raw_contribution_id, extract_id: l.extract_id })), actor.id);
    const whole = moving.filter((l) => !l.extract_id).map((l) => l.raw_contribution_id);
    await learnFromLinks(trx, scope.consultationId, { consolidatedId: cc.id, removed: whole });
    await learnFromLinks(trx, scope.consultationId, { consolidatedId: newId, added: whole });
    await recordAudit(trx, {
      actorId: actor.id,
      action: 'consolidation.split',
      objectType: 'consolidated_contribution',
      objectId: cc.id,
      consultationId: scope.consultationId,
      before: { code: cc.code, linkIds: active.map((l) => l.id) },
      after: { newId, code, title: input.title, themeId: theme.id, movedLinkIds: moving.map((l) => l.id), rawContributionIds: moving.map((l) => l.raw_contribution_id) },
      requestId,
    });
    return ok({ id: newId, code, from: cc.code });
  });
}
