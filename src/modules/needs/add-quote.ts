import type { Knex } from 'knex';
import { insertReturningId } from '../../shared/db';
import { NotFoundError, Result, invalid, ok } from '../../shared/http/errors';
import { t } from '../../shared/i18n';
import { recordAudit } from '../audit';
import type { Actor } from '../../shared/actor';
import { findNeed } from './queries';

/** Marks a raw contribution behind the need (whole, or one of its extracts) as a representative quote. */
export async function addQuote(db: Knex, actor: Actor, needId: number, rawId: number, extractId: number | null, requestId?: string): Promise<Result<{ id: number }>> {
  return db.transaction(async (trx) => {
    const need = await findNeed(trx, needId);
    if (!need) throw new NotFoundError();
    const behind = trx('need_supports as s')
      .join('consolidation_links as l', 'l.consolidated_contribution_id', 's.consolidated_contribution_id')
      .where({ 's.need_id': needId, 'l.raw_contribution_id': rawId })
      .whereNull('l.undone_at');
    if (extractId) behind.where('l.extract_id', extractId);
    if (!(await behind.first('l.id'))) return invalid({ rawId: t('needs.notBehind') });
    if (await trx('representative_quotes').where({ need_id: needId, raw_contribution_id: rawId }).first('id')) return invalid({ rawId: 'Cette contribution est déjà citée pour ce besoin.' }, 409);
    const id = await insertReturningId(trx, 'representative_quotes', { need_id: needId, raw_contribution_id: rawId, extract_id: extractId, created_by: actor.id, created_at: new Date().toISOString() });
    await recordAudit(trx, { actorId: actor.id, action: 'quote.add', objectType: 'need', objectId: needId, consultationId: need.consultation_id, after: { quoteId: id, rawContributionId: rawId, extractId }, requestId });
    return ok({ id });
  });
}
