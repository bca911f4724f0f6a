import type { Knex } from 'knex';
import { NotFoundError, Result, invalid, ok } from '../../shared/http/errors';
import { t } from '../../shared/i18n';
import { recordAudit } from '../audit';
import type { Actor } from '../../shared/actor';
import { findNeed, findProposal, updateProposalIfVersion, type ProposalRow } from './queries';
import type { UpdateProposalInput } from './validation';

export type ProposalOutcome = Result<ProposalRow> & { current?: ProposalRow };

export async function updateProposal(db: Knex, actor: Actor, id: number, input: UpdateProposalInput, requestId?: string): Promise<ProposalOutcome> {
  return db.transaction(async (trx) => {
    const before = await findProposal(trx, id);
    if (!before) throw new NotFoundError();
    if (before.version !== input.version) return { ...invalid({ _form: t('needs.proposalStale') }, 409), current: before };
    const changes = { title: input.title, description_md: input.descriptionMd, priority: input.priority, target_stream: input.targetStream };
    if (!(await updateProposalIfVersion(trx, id, input.version, changes))) {
      return { ...invalid({ _form: t('needs.proposalStale') }, 409), current: (await findProposal(trx, id))! };
    }
    const need = await findNeed(trx, before.need_id);
    await recordAudit(trx, {
      actorId: actor.id, action: 'proposal.update', objectType: 'proposal', objectId: id, consultationId: need?.consultation_id ?? null,
      before: { title: before.title, descriptionMd: before.description_md, priority: before.priority, targetStream: before.target_stream },
      after: { title: input.title, descriptionMd: input.descriptionMd, priority: input.priority, targetStream: input.targetStream }, requestId,
    });
    return ok((await findProposal(trx, id))!);
  });
}
