import type { Knex } from 'knex';
import { NotFoundError, Result, invalid, ok } from '../../shared/http/errors';
import { t } from '../../shared/i18n';
import { recordAudit } from '../audit';
import type { Actor } from '../../shared/actor';
import { findConsultationById, listPhases, listThemes, openings, parisDay } from '../consultations';
import { findStructure } from '../structures';
import { formatThemeList } from './decision';
import { findApplication, insertApplication } from './queries';
import type { ApplyInput } from './validation';

/**
 * A staff member applies to become an ambassador. Only while the call is open (selection phase, or
 * opened by hand), once per consultation; the themes ticked must belong to the consultation.
 */
export async function applyAsAmbassador(
  db: Knex,
  actor: Actor,
  consultationId: number,
  input: ApplyInput,
  options: { requestId?: string; at?: Date } = {},
): Promise<Result<{ id: number }>> {
  return db.transaction(async (trx) => {
    const consultation = await findConsultationById(trx, consultationId);
    if (!consultation) throw new NotFoundError();
    const open = openings(await listPhases(trx, consultationId), consultation, parisDay(options.at ?? new Date()));
    if (!open.ambassadorCall) return invalid({ _form: t('ambassadors.closed', { title: consultation.title }) }, 409);
    if (await findApplication(trx, consultationId, actor.id)) return invalid({ _form: t('ambassadors.alreadyApplied') }, 409);
    const themeIds = new Set((await listThemes(trx, consultationId)).map((th) => th.id));
    if (input.knownThemes.some((id) => !themeIds.has(id))) return invalid({ knownThemes: t('ambassadors.unknownTheme') });
    if (themeIds.size > 0 && input.knownThemes.length === 0) return invalid({ knownThemes: t('ambassadors.themesRequired') });
    if (input.structureId && !(await findStructure(trx, input.structureId))) return invalid({ structureId: "Cette structure n'existe pas." });
    const row = {
      consultation_id: consultationId,
      user_id: actor.id,
      structure_id: input.structureId,
      motivation: input.motivation,
      known_themes: formatThemeList(input.knownThemes),
    };
    const id = await insertApplication(trx, row);
    await recordAudit(trx, {
      actorId: actor.id,
      action: 'ambassador.apply',
      objectType: 'ambassador_application',
      objectId: id,
      consultationId,
      after: { structure_id: row.structure_id, known_themes: row.known_themes, motivation_length: row.motivation.length },
      requestId: options.requestId,
    });
    return ok({ id });
  });
}
