import type { Knex } from 'knex';
import { isUniqueViolation } from '../../shared/db';
import { NotFoundError, invalid, ok, type Result } from '../../shared/http/errors';
import { t } from '../../shared/i18n';
import { recordAudit } from '../audit';
import type { Actor } from '../../shared/actor';
import { listThemes } from '../consultations';
import { insertRawContribution } from '../contributions';
import { countWorkshopContributions, findByClientKey, findRegistration, findWorkshop } from './queries';
import type { CaptureInput } from './validation';

export interface Captured {
  id: number;
  duplicate: boolean;
  count: number;
}

/**
 * One sticky note typed by the facilitator during (or after) the session becomes a raw contribution
 * of the workshop. Idempotent: the form's client_key is stored with the note, so a POST re-sent after
 * a network drop or a reload finds the note already there and stores nothing twice.
 *
 * Capture stays open for the workshop's facilitator and the DSI as long as the workshop is not
 * closed, whatever the consultation's phase: facilitators often type the sheets after the session,
 * and the workshop itself bounds what may be added to it.
 */
export async function captureContribution(db: Knex, actor: Actor, workshopId: number, input: CaptureInput, requestId?: string): Promise<Result<Captured>> {
  const w = await findWorkshop(db, workshopId);
  if (!w) throw new NotFoundError();
  try {
    return await db.transaction(async (trx) => {
      const existing = await findByClientKey(trx, w.consultation_id, input.clientKey);
      if (existing) return ok({ id: existing.id, duplicate: true, count: await countWorkshopContributions(trx, workshopId) });
      const current = await findWorkshop(trx, workshopId);
      if (!current || current.status !== 'planifie') return invalid({ _form: t('workshops.capture.closed') }, 409);
      if (input.themeId !== null && !(await listThemes(trx, w.consultation_id)).some((th) => Number(th.id) === input.themeId)) {
        return invalid({ themeId: t('workshops.capture.unknownTheme') });
      }
      let structureId: number | null = current.structure_id;
      if (input.participantId !== null) {
        const reg = await findRegistration(trx, workshopId, input.participantId);
        if (!reg || reg.status !== 'inscrit') return invalid({ participantId: t('workshops.capture.unknownParticipant') });
        structureId = reg.structure_id ?? current.structure_id;
      }
      const id = await insertRawContribution(trx, {
        consultation_id: w.consultation_id,
        theme_id: input.themeId,
        workshop_id: workshopId,
        author_id: input.participantId,
        structure_id: structureId,
        source: 'atelier',
        body: input.body,
        client_key: input.clientKey,
        created_by: actor.id,
      });
      await recordAudit(trx, {
        actorId: actor.id,
        action: 'contribution.capture',
        objectType: 'raw_contribution',
        objectId: id,
        consultationId: w.consultation_id,
        after: { workshopId, themeId: input.themeId, authorId: input.participantId, length: input.body.length },
        requestId,
      });
      return ok({ id, duplicate: false, count: await countWorkshopContributions(trx, workshopId) });
    });
  } catch (err) {
    // Two copies of the same note raced past the look-up: the unique key kept one; answer as a duplicate.
    if (!isUniqueViolation(err)) throw err;
    const existing = await findByClientKey(db, w.consultation_id, input.clientKey);
    if (!existing) throw err;
    return ok({ id: existing.id, duplicate: true, count: await countWorkshopContributions(db, workshopId) });
  }
}
