import type { Knex } from 'knex';
import { NotFoundError, Result, invalid, ok } from '../../shared/http/errors';
import { t } from '../../shared/i18n';
import { recordAudit } from '../audit';
import type { Actor } from '../../shared/actor';
import { findNeed, findQuote, insertQuote, isBehindNeed } from './queries';

/** Marks a raw contribution behind the need (whole, or one of its extracts) as a representative quote. */
export async function addQuote(db: Knex, actor: Actor, needId: number, rawId: number, extractId: number | null, requestId?: string): Promise<Result<{ id: number }>> {
  return db.transaction(async (trx) => {
    const need = await findNeed(trx, needId);
    if (!need) throw new NotFoundError();
    if (!(await isBehindNeed(trx, needId, rawId, extractId))) return invalid({ rawId: t('needs.notBehind') });
    if (await findQuote(trx, needId, { raw_contribution_id: rawId })) return invalid({ rawId: 'Cette contribution est déjà citée pour ce besoin.' }, 409);
    const id = await insertQuote(trx, { need_id: needId, raw_contribution_id: rawId, extract_id: extractId, created_by: actor.id });
    await recordAudit(trx, { actorId: actor.id, action: 'quote.add', objectType: 'need', objectId: needId, consultationId: need.consultation_id, after: { quoteId: id, rawContributionId: rawId, extractId }, requestId });
    return ok({ id });
  });
}
