import type { Knex } from 'knex';
import { setRawFields } from '../contributions';
import { NotFoundError, invalid, ok, type Result } from '../../shared/http/errors';
import { t } from '../../shared/i18n';
import { recordAudit } from '../audit';
import type { Actor } from '../../shared/actor';
import type { WorkScope } from './policy';
import { lockRaw, lockTheme } from './queries';
import { requireWork } from './scope';

/**
 * Puts a contribution still to process in a theme (typically an « à classer » one). Whoever may work
 * on its current place may send it to any theme of the consultation: its ambassadors take it from there.
 */
export async function classifyContribution(db: Knex, actor: Actor, scope: WorkScope, rawId: number, themeId: number, requestId?: string): Promise<Result<{ theme: string }>> {
  return db.transaction(async (trx) => {
    const raw = await lockRaw(trx, rawId);
    if (!raw || raw.consultation_id !== scope.consultationId) throw new NotFoundError();
    requireWork(actor, scope, raw.theme_id);
    if (raw.status !== 'a_traiter') return invalid({ themeId: t('consolidation.notToClassify') }, 409);
    const theme = await lockTheme(trx, themeId);
    if (!theme || theme.consultation_id !== scope.consultationId) return invalid({ themeId: t('consolidation.unknownTheme') });
    await setRawFields(trx, raw.id, { theme_id: theme.id });
    await recordAudit(trx, {
      actorId: actor.id,
      action: 'contribution.classify',
      objectType: 'raw_contribution',
      objectId: raw.id,
      consultationId: scope.consultationId,
      before: { themeId: raw.theme_id },
      after: { themeId: theme.id },
      requestId,
    });
    return ok({ theme: theme.title });
  });
}
