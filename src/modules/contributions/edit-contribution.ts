import type { Knex } from 'knex';
import { ForbiddenError, NotFoundError, Result, invalid, ok } from '../../shared/http/errors';
import { t } from '../../shared/i18n';
import type { WriteBatcher } from '../../shared/write-batcher';
import { recordAudit } from '../audit';
import type { Actor } from '../../shared/actor';
import { contributionsPolicy } from './policy';
import { findContribution, isConsolidated, lockContribution, updateRawContributionBody, type ContributionView } from './queries';
import { checkTheme } from './submit-contribution';
import type { EditContributionInput } from './validation';

export type EditOutcome = Result<ContributionView> & { current?: ContributionView };

/**
 * Refuses a change once an ambassador has taken the contribution into account (consolidated, set
 * aside, or linked to a consolidated contribution), or once its author withdrew it.
 */
export async function processedRefusal(trx: Knex.Transaction, c: { id: number; status: string }): Promise<string | null> {
  if (c.status === 'retiree') return t('contributions.alreadyWithdrawn');
  if (c.status !== 'a_traiter' || (await isConsolidated(trx, c.id))) return t('contributions.alreadyProcessed');
  return null;
}

/** The author edits their contribution (text, theme, anonymity); a stale version is refused with both versions. */
export async function editContribution(writer: WriteBatcher, actor: Actor, id: number, input: EditContributionInput, requestId?: string): Promise<EditOutcome> {
  // Through the group-commit writer: one savepoint of a shared transaction (shared/write-batcher).
  return writer.run(async (trx) => {
    if (!(await lockContribution(trx, id))) throw new NotFoundError();
    const before = (await findContribution(trx, id))!;
    if (!contributionsPolicy.canEdit(actor, before)) throw new ForbiddenError(t('contributions.notYours'));
    const refusal = await processedRefusal(trx, before);
    if (refusal) return { ...invalid({ _form: refusal }, 409), current: before };
    if (before.version !== input.version) return { ...invalid({ _form: t('contributions.stale') }, 409), current: before };
    const themeError = await checkTheme(trx, before.consultation_id, input.themeId);
    if (themeError) return invalid({ themeId: themeError });
    const changes = { body: input.body, theme_id: input.themeId, anonymous: input.anonymous };
    if (!(await updateRawContributionBody(trx, id, input.version, changes))) {
      return { ...invalid({ _form: t('contributions.stale') }, 409), current: (await findContribution(trx, id))! };
    }
    await recordAudit(trx, {
      actorId: actor.id,
      action: 'contribution.update',
      objectType: 'raw_contribution',
      objectId: id,
      consultationId: before.consultation_id,
      before: { themeId: before.theme_id, anonymous: before.anonymous, body: before.body },
      after: { themeId: input.themeId, anonymous: input.anonymous, body: input.body },
      requestId,
    });
    return ok((await findContribution(trx, id))!);
  });
}
