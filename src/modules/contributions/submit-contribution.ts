import type { Knex } from 'knex';
import { Result, invalid, ok } from '../../shared/http/errors';
import { t } from '../../shared/i18n';
import { isConstraintViolation, type Db } from '../../shared/db';
import type { WriteBatcher } from '../../shared/write-batcher';
import { recordAudit } from '../audit';
import type { Actor } from '../../shared/actor';
import { consultationInTransaction, listThemes, type ConsultationRow, type ThemeRow } from '../consultations';
import { intakeWithPhases } from './calendar';
import { insertRawContribution } from './queries';
import type { ContributionInput } from './validation';

/** The theme must be one of the consultation's (required when the consultation has themes). */
export async function checkTheme(db: Knex | Knex.Transaction, consultationId: number, themeId: number | null): Promise<string | null> {
  return themeError(await listThemes(db, consultationId), themeId);
}

function themeError(themes: readonly ThemeRow[], themeId: number | null): string | null {
  if (!themes.length) return themeId === null ? null : t('contributions.unknownTheme');
  if (themeId === null || !themes.some((th) => Number(th.id) === themeId)) return t('contributions.unknownTheme');
  return null;
}

/**
 * A staff member submits a contribution of their own during the consultation phase, or after
 * publication as continuous intake (« remontée continue », flagged: calendar.ts intakeMode). Otherwise
 * nothing is stored and the refusal says why (409: the consultation's state, not the input).
 *
 * Through the group-commit writer (shared/write-batcher): the contribution and its audit entry are one
 * savepoint of a batch's transaction — both or neither, even if the client has gone — and the answer
 * comes once the batch has committed. A row the database refuses (a constraint) fails alone, with its
 * message; the others of the batch are stored.
 */
export async function submitContribution(
  writer: WriteBatcher,
  app: Db,
  actor: Actor,
  consultationId: number,
  input: ContributionInput,
  requestId?: string,
): Promise<Result<{ id: number; consultation: ConsultationRow; continuous: boolean }>> {
  try {
    return await writer.run(async (trx) => {
      // Checked again inside the transaction (the DSI may have just closed the step), from the cached
      // copy when the transaction reads the same version of it.
      const current = await consultationInTransaction(app, trx, consultationId);
      if (!current) return invalid({ _form: t('contributions.gone') }, 409);
      const consultation = current.row;
      const intake = await intakeWithPhases(trx, consultation, current.phases);
      if (!intake) return invalid({ _form: t('contributions.closed', { title: consultation.title }) }, 409);
      const themeMessage = themeError(current.themes, input.themeId);
      if (themeMessage) return invalid({ themeId: themeMessage });
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
  } catch (err) {
    // A theme removed meanwhile, or any rule of the schema: this one is refused, typed text kept.
    if (isConstraintViolation(err)) return invalid({ _form: t('contributions.refusedByDatabase') });
    throw err;
  }
}
