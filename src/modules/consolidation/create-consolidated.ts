import type { Knex } from 'knex';
import { invalid, ok, type Result } from '../../shared/http/errors';
import { t } from '../../shared/i18n';
import { recordAudit } from '../audit';
import { learnFromLinks } from '../similarity';
import type { Actor } from '../../shared/actor';
import type { WorkScope } from './policy';
import { codesWithPrefix, insertConsolidated, insertLinks, lockTheme, refreshStatuses } from './queries';
import { isUniqueViolation, nextCode, themePrefix } from './rules';
import { alreadyTaken, checkSelection, requireWork } from './scope';
import { tellContributors } from './tell-contributors';
import type { CreateInput } from './validation';

export interface Created {
  id: number;
  code: string;
  count: number;
}

/**
 * Creates a consolidated contribution from a selection of raw contributions (hundreds at once), all
 * or nothing. Two ambassadors taking the same contribution at once: the partial unique index on
 * active links lets one win; the other's whole batch is rolled back and they are told which ones.
 */
export async function createConsolidated(db: Knex, actor: Actor, scope: WorkScope, input: CreateInput, requestId?: string): Promise<Result<Created>> {
  try {
    return await db.transaction(async (trx) => {
      const theme = await lockTheme(trx, input.themeId);
      if (!theme || theme.consultation_id !== scope.consultationId) return invalid({ themeId: t('consolidation.unknownTheme') });
      requireWork(actor, scope, theme.id);
      const selection = await checkSelection(trx, actor, scope, input.ids);
      if (!selection.ok) return selection;
      const prefix = `CC-${themePrefix(theme.code)}-`;
      const code = nextCode(theme.code, await codesWithPrefix(trx, scope.consultationId, prefix));
      const id = await insertConsolidated(trx, { consultation_id: scope.consultationId, theme_id: theme.id, code, title: input.title, body_md: input.bodyMd }, actor.id);
      await insertLinks(trx, input.ids.map((rawId) => ({ consolidated_contribution_id: id, raw_contribution_id: rawId })), actor.id);
      await refreshStatuses(trx, input.ids);
      await learnFromLinks(trx, scope.consultationId, { consolidatedId: id, added: input.ids });
      await tellContributors(trx, input.ids, { code, title: input.title });
      await recordAudit(trx, {
        actorId: actor.id,
        action: 'consolidation.create',
        objectType: 'consolidated_contribution',
        objectId: id,
        consultationId: scope.consultationId,
        after: { code, title: input.title, themeId: theme.id, rawContributionIds: input.ids },
        requestId,
      });
      return ok({ id, code, count: input.ids.length });
    });
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    return (await alreadyTaken(db, input.ids)) ?? invalid({ ids: t('consolidation.alreadyTaken', { refs: '—' }) }, 409);
  }
}
