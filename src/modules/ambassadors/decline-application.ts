import type { Knex } from 'knex';
import { NotFoundError, invalid, ok } from '../../shared/http/errors';
import { t } from '../../shared/i18n';
import { recordAudit } from '../audit';
import { setUserRole } from '../users';
import type { Actor, Role } from '../../shared/actor';
import { decisionMark, roleAfterDecline } from './decision';
import { assignedThemeIds, countAssignmentsOf, findApplicationById, recordDecision, replaceAssignments } from './queries';
import type { DecisionOutcome } from './select-ambassador';
import { notify } from '../notifications';

/**
 * The DSI declines an application, with an optional comment the applicant will read. Revising a
 * selection removes the themes assigned in this consultation and, when nothing else makes the person
 * an ambassador, gives them back the contributor role.
 */
export async function declineApplication(
  db: Knex,
  actor: Actor,
  consultationId: number,
  applicationId: number,
  input: { comment: string; seen: string },
  requestId?: string,
): Promise<DecisionOutcome> {
  return db.transaction(async (trx) => {
    const app = await findApplicationById(trx, consultationId, applicationId);
    if (!app) throw new NotFoundError();
    if (input.seen && input.seen !== decisionMark(app.status, app.decided_at)) return { ...invalid({ _form: t('ambassadors.stale') }, 409), current: app };
    const beforeThemes = await assignedThemeIds(trx, consultationId, app.user_id);
    await replaceAssignments(trx, consultationId, app.user_id, []);
    const beforeRole = app.role as Role;
    const role = roleAfterDecline(beforeRole, app.status, await countAssignmentsOf(trx, app.user_id));
    await recordDecision(trx, app.id, { status: 'non_retenue', decision_comment: input.comment || null, decided_by: actor.id });
    if (role !== beforeRole) await setUserRole(trx, app.user_id, role);
    await recordAudit(trx, {
      actorId: actor.id,
      action: 'ambassador.decline',
      objectType: 'ambassador_application',
      objectId: app.id,
      consultationId,
      before: { status: app.status, themes: beforeThemes, role: beforeRole, comment: app.decision_comment },
      after: { status: 'non_retenue', themes: [], role, comment: input.comment || null, user_id: app.user_id },
      requestId,
    });
    await notify.ambassadorDecision(trx, app.user_id, { consultationTitle: app.consultation_title ?? '', selected: false, comment: input.comment || null });
    return ok((await findApplicationById(trx, consultationId, app.id))!);
  });
}
