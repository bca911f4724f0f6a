import type { Knex } from 'knex';
import { NotFoundError, Result, invalid, ok } from '../../shared/http/errors';
import { t } from '../../shared/i18n';
import { recordAudit } from '../audit';
import { setUserRole } from '../users';
import type { Actor, Role } from '../../shared/actor';
import { listThemes } from '../consultations';
import { notify } from '../notifications';
import { decisionMark, roleAfterSelection } from './decision';
import { assignedThemeIds, findApplicationById, recordDecision, replaceAssignments, type ApplicationRow } from './queries';

export type DecisionOutcome = Result<ApplicationRow> & { current?: ApplicationRow };

/**
 * The DSI selects an applicant and assigns the themes they will consolidate. The person becomes an
 * ambassador (a DSI keeps their role). A decision may be revised: the assignments are replaced.
 */
export async function selectAmbassador(
  db: Knex,
  actor: Actor,
  consultationId: number,
  applicationId: number,
  input: { themeIds: number[]; comment: string; seen: string },
  requestId?: string,
): Promise<DecisionOutcome> {
  return db.transaction(async (trx) => {
    const app = await findApplicationById(trx, consultationId, applicationId);
    if (!app) throw new NotFoundError();
    if (input.seen && input.seen !== decisionMark(app.status, app.decided_at)) return { ...invalid({ _form: t('ambassadors.stale') }, 409), current: app };
    const themeIds = new Set((await listThemes(trx, consultationId)).map((th) => th.id));
    if (input.themeIds.some((id) => !themeIds.has(id))) return invalid({ themeIds: t('ambassadors.unknownTheme') });
    if (!input.themeIds.length) return invalid({ themeIds: t('ambassadors.assignRequired') });
    const beforeThemes = await assignedThemeIds(trx, consultationId, app.user_id);
    const beforeRole = app.role as Role;
    const role = roleAfterSelection(beforeRole);
    await replaceAssignments(trx, consultationId, app.user_id, input.themeIds);
    await recordDecision(trx, app.id, { status: 'retenue', decision_comment: input.comment || null, decided_by: actor.id });
    if (role !== beforeRole) await setUserRole(trx, app.user_id, role);
    await recordAudit(trx, {
      actorId: actor.id,
      action: 'ambassador.select',
      objectType: 'ambassador_application',
      objectId: app.id,
      consultationId,
      before: { status: app.status, themes: beforeThemes, role: beforeRole, comment: app.decision_comment },
      after: { status: 'retenue', themes: [...input.themeIds].sort((a, b) => a - b), role, comment: input.comment || null, user_id: app.user_id },
      requestId,
    });
    await notify.ambassadorDecision(trx, app.user_id, { consultationTitle: app.consultation_title ?? '', selected: true, comment: input.comment || null });
    return ok((await findApplicationById(trx, consultationId, app.id))!);
  });
}
