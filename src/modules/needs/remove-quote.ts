import type { Knex } from 'knex';
import { NotFoundError, Result, ok } from '../../shared/http/errors';
import { recordAudit } from '../audit';
import type { Actor } from '../../shared/actor';
import { deleteQuote, findNeed, findQuote } from './queries';

export async function removeQuote(db: Knex, actor: Actor, needId: number, quoteId: number, requestId?: string): Promise<Result<null>> {
  return db.transaction(async (trx) => {
    const need = await findNeed(trx, needId);
    const quote = await findQuote(trx, needId, { id: quoteId });
    if (!need || !quote) throw new NotFoundError();
    await deleteQuote(trx, quoteId);
    await recordAudit(trx, { actorId: actor.id, action: 'quote.remove', objectType: 'need', objectId: needId, consultationId: need.consultation_id, before: { quoteId, rawContributionId: Number(quote.raw_contribution_id), extractId: quote.extract_id }, requestId });
    return ok(null);
  });
}
