import type { Knex } from 'knex';
import { Result, invalid, ok } from '../../shared/http/errors';
import { t } from '../../shared/i18n';
import { recordAudit } from '../audit';
import type { Actor } from '../../shared/actor';
import { findConsultationBySlug, listThemes, type ConsultationRow } from '../consultations';
import { contributionIntake } from './calendar';
import { insertRawContribution } from './queries';
import type { ContributionInput } from './validation';

/** The theme must be one of the consultation's (required when the consultation has themes). */
export async function checkTheme(db: Knex | Knex.Transaction, consultationId: number, themeId: number | null): Promise<string | null> {
  const themes = await listThemes(db, consultationId);
  if (!themes.length) return themeId === null ? null : t('contributions.unknownTheme');
  if (themeId === null || !themes.some((th) => Number(th.id) === themeId)) return t('contributions.unknownTheme');
  return null;
}

/**
 * A staff member submits a contribution of their own during the consultation phase, or after
 * publication as continuous intake (« remontée continue », flagged: calendar.ts intakeMode). Otherwise
 * nothing is stored and the refusal says why (409: the consultation's state, not the input).
 */
export async function submitContribution(
  db: Knex,
  actor: Actor,
  slug: string,
  input: ContributionInput,
  requestId?: string,
): Promise<Result<{ id: number; consultation: ConsultationRow; continuous: boolean }>> {
  return db.transaction(async (trx) => {
    // Read again inside the transaction: the DSI may have just closed the step.
    const consultation = (await findConsultationBySlug(trx, slug))!;
    const intake = await contributionIntake(trx, consultation);
    if (!intake) return invalid({ _form: t('contributions.closed', { title: consultation.title }) }, 409);
    const themeError = await checkTheme(trx, consultation.id, input.themeId);
    if (themeError) return invalid({ themeId: themeError });
    const id = await insertRawContribution(trx, {
      consultation_id: consultation.id,
      theme_id: input.themeId,
      author_id: actor.id,
      structure_id: actor.structureId,
      anonymous: input.anonymous,
      source: 'individuelle',
      body: input.body,
      created_by: actor.id,
      continuous_intake: intake === 'remontee_continue',
    });
    await recordAudit(trx, {
      actorId: actor.id,
      action: 'contribution.submit',
      objectType: 'raw_contribution',
      objectId: id,
      consultationId: consultation.id,
      after: { themeId: input.themeId, anonymous: input.anonymous, body: input.body, ...(intake === 'remontee_continue' ? { continuousIntake: true } : {}) },
      requestId,
    });
    return ok({ id, consultation, continuous: intake === 'remontee_continue' });
  });
}
