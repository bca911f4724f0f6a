import { ForbiddenError, NotFoundError, Result, invalid, ok } from '../../shared/http/errors';
import { t } from '../../shared/i18n';
import type { WriteBatcher } from '../../shared/write-batcher';
import { recordAudit } from '../audit';
import type { Actor } from '../../shared/actor';
import { processedRefusal } from './edit-contribution';
import { contributionsPolicy } from './policy';
import { findContribution, lockContribution, withdrawContribution as markWithdrawn, type ContributionView } from './queries';

/** The author withdraws a contribution not yet consolidated: its status becomes « retirée »; the row is kept. */
export async function withdrawContribution(writer: WriteBatcher, actor: Actor, id: number, version: number, requestId?: string): Promise<Result<ContributionView>> {
  // Through the group-commit writer: one savepoint of a shared transaction (shared/write-batcher).
  return writer.run(async (trx) => {
    if (!(await lockContribution(trx, id))) throw new NotFoundError();
    const before = (await findContribution(trx, id))!;
    if (!contributionsPolicy.canWithdraw(actor, before)) throw new ForbiddenError(t('contributions.notYours'));
    const refusal = await processedRefusal(trx, before);
    if (refusal) return invalid({ _form: refusal }, 409);
    if (before.version !== version || !(await markWithdrawn(trx, id, version))) return invalid({ _form: t('contributions.stale') }, 409);
    await recordAudit(trx, {
      actorId: actor.id,
      action: 'contribution.withdraw',
      objectType: 'raw_contribution',
      objectId: id,
      consultationId: before.consultation_id,
      before: { status: before.status },
      after: { status: 'retiree' },
      requestId,
    });
    return ok((await findContribution(trx, id))!);
  });
}
