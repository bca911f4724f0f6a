import type { Knex } from 'knex';
import { invalid, ok, type Result } from '../../shared/http/errors';
import { formatDate, t } from '../../shared/i18n';
import type { Actor } from '../../shared/actor';
import { recordAudit } from '../audit';
import { findConsultationById } from '../consultations';
import { contributorsOfNeeds } from '../needs';
import { notify } from '../notifications';
import { appendChange, followedByIds } from './queries';
import { DEFAULT_STATUS, STREAM_REQUIRED, statusLabel, streamFromTarget, type FollowupStatus } from './rules';
import type { FollowedRow } from './reads';

export interface StatusChangeInput {
  status: FollowupStatus;
  /** null: each proposal keeps its stream (or takes the one its « flux cible » names). */
  stream: string | null;
  effectiveOn: string;
  comment: string;
  /** undefined: each proposal keeps its links (a bulk change). */
  links?: string[];
  /** undefined: each proposal keeps its estimate (a bulk change); null: no estimate. */
  estimate?: number | null;
}

/**
 * Records one status for one or many followed proposals (the list's bulk change, or one proposal's
 * page): one transaction, one history row per proposal appended and made current, one audit entry per
 * proposal (same request id for a bulk change). Refused as a whole, with nothing written, when a
 * proposal is no longer followed, when the date precedes a proposal's current status, or when a status
 * that needs a stream finds none. The people whose contributions feed the needs concerned get one
 * mail each for the proposals whose status this change really moved (optional kind « suivi_besoin »).
 */
export async function recordStatusChange(
  db: Knex,
  actor: Actor,
  consultationId: number,
  proposalIds: readonly number[],
  input: StatusChangeInput,
  requestId?: string,
): Promise<Result<{ count: number; codes: string[]; status: string }>> {
  return db.transaction(async (trx) => {
    const rows = await followedByIds(trx, consultationId, proposalIds);
    if (rows.length !== new Set(proposalIds).size) return invalid({ proposalIds: t('followup.notFollowed') });
    const errors: Record<string, string> = {};
    const planned = rows.map((row) => {
      if (row.effectiveOn && input.effectiveOn < row.effectiveOn) errors.effectiveOn ??= t('followup.dateBefore', { code: row.code, date: formatDate(row.effectiveOn) });
      const stream = input.stream ?? row.stream ?? streamFromTarget(row.targetStream);
      if (!stream && STREAM_REQUIRED.includes(input.status)) errors.stream ??= t('followup.streamMissing', { code: row.code });
      return { row, stream, links: input.links ?? row.links, estimate: input.estimate !== undefined ? input.estimate : row.estimate };
    });
    if (Object.keys(errors).length) return invalid(errors);
    const now = new Date().toISOString();
    for (const { row, stream, links, estimate } of planned) {
      const changeId = await appendChange(trx, {
        consultation_id: consultationId, proposal_id: row.id, status: input.status, stream, effective_on: input.effectiveOn,
        comment: input.comment, backlog_links: JSON.stringify(links), estimate, changed_by: actor.id, created_at: now,
      });
      await recordAudit(trx, {
        actorId: actor.id, action: 'followup.status.change', objectType: 'proposal', objectId: row.id, consultationId, requestId,
        before: row.status ? { status: row.status, stream: row.stream, effectiveOn: row.effectiveOn, estimate: row.estimate, links: row.links } : null,
        after: { changeId, status: input.status, stream, effectiveOn: input.effectiveOn, comment: input.comment, estimate, links, bulk: rows.length > 1 },
      });
    }
    await tellContributors(trx, consultationId, rows.filter((r) => (r.status ?? DEFAULT_STATUS) !== input.status), input.status);
    return ok({ count: rows.length, codes: rows.map((r) => r.code), status: statusLabel(input.status) });
  });
}

/** One mail per contributor of the needs whose proposals moved, in the change's transaction. */
async function tellContributors(trx: Knex, consultationId: number, moved: readonly FollowedRow[], status: FollowupStatus): Promise<void> {
  if (!moved.length) return;
  const proposalsByNeed = new Map<string, string[]>();
  for (const r of moved) proposalsByNeed.set(r.needCode, [...(proposalsByNeed.get(r.needCode) ?? []), r.code]);
  const byUser = await contributorsOfNeeds(trx, consultationId, [...proposalsByNeed.keys()]);
  if (!byUser.size) return;
  const consultation = await findConsultationById(trx, consultationId);
  if (!consultation) return;
  const base = `/consultations/${consultation.slug}/suivi`;
  await notify.followupChanged(trx, byUser, {
    status: statusLabel(status), consultationTitle: consultation.title, proposalsByNeed,
    needPath: (code) => `${base}/besoins/${encodeURIComponent(code)}`, overviewPath: base,
  });
}
