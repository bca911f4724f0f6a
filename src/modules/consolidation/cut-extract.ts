import type { Knex } from 'knex';
import { NotFoundError, invalid, ok, type Result } from '../../shared/http/errors';
import { t } from '../../shared/i18n';
import { recordAudit } from '../audit';
import type { Actor } from '../../shared/actor';
import type { WorkScope } from './policy';
import { activeWholeLinks, insertExtract, insertLinks, lockConsolidated, lockRaw, refreshStatuses } from './queries';
import { checkExtract } from './rules';
import type { ExtractFormInput } from './validation';
import { requireWork } from './scope';

/**
 * Cuts a quoted fragment out of a raw contribution that carries several ideas and links it to its own
 * consolidated contribution. The fragment must be a substring of the contribution's own text.
 */
export async function cutExtract(db: Knex, actor: Actor, scope: WorkScope, rawId: number, input: ExtractFormInput, requestId?: string): Promise<Result<{ extractId: number; code: string | null }>> {
  return db.transaction(async (trx) => {
    const raw = await lockRaw(trx, rawId);
    if (!raw || raw.consultation_id !== scope.consultationId) throw new NotFoundError();
    requireWork(actor, scope, raw.theme_id);
    if (raw.status === 'retiree' || raw.status === 'hors_perimetre') return invalid({ _form: t('consolidation.notAvailable', { refs: raw.reference || `n° ${raw.id}` }) }, 409);
    const check = checkExtract(raw.body, input);
    if (!check.ok) return invalid({ [check.field]: check.message });
    const target = await lockConsolidated(trx, input.targetId);
    if (!target || target.consultation_id !== scope.consultationId) return invalid({ targetId: t('consolidation.unknownTarget') });
    requireWork(actor, scope, target.theme_id);
    if ((await activeWholeLinks(trx, [raw.id])).length) return invalid({ _form: t('consolidation.wholeLinked') }, 409);
    const extractId = await insertExtract(trx, { raw_contribution_id: raw.id, start_offset: check.start, end_offset: check.end, quote: check.quote }, actor.id);
    await insertLinks(trx, [{ consolidated_contribution_id: target.id, raw_contribution_id: raw.id, extract_id: extractId }], actor.id);
    await refreshStatuses(trx, [raw.id]);
    await recordAudit(trx, {
      actorId: actor.id,
      action: 'consolidation.extract',
      objectType: 'raw_contribution',
      objectId: raw.id,
      consultationId: scope.consultationId,
      after: { extractId, start: check.start, end: check.end, quote: check.quote, consolidatedId: target.id, code: target.code },
      requestId,
    });
    return ok({ extractId, code: target.code });
  });
}
