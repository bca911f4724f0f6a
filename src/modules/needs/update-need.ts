import type { Knex } from 'knex';
import { NotFoundError, Result, invalid, ok } from '../../shared/http/errors';
import { t } from '../../shared/i18n';
import { recordAudit } from '../audit';
import type { Actor } from '../../shared/actor';
import { findTheme } from '../consultations';
import { findNeed, nextPosition, updateNeedIfVersion, type NeedRow } from './queries';
import type { UpdateNeedInput } from './validation';

export type NeedOutcome = Result<NeedRow> & { current?: NeedRow };

/** Title, description, theme of a need; a stale version is refused with the values saved meanwhile. */
export async function updateNeed(db: Knex, actor: Actor, id: number, input: UpdateNeedInput, requestId?: string): Promise<NeedOutcome> {
  return db.transaction(async (trx) => {
    const before = await findNeed(trx, id);
    if (!before) throw new NotFoundError();
    if (before.version !== input.version) return { ...invalid({ _form: t('needs.stale') }, 409), current: before };
    const theme = await findTheme(trx, before.consultation_id, input.themeId);
    if (!theme) return invalid({ themeId: "Ce thème n'appartient pas à cette consultation." });
    const changes: Record<string, unknown> = { title: input.title, description_md: input.descriptionMd, theme_id: input.themeId };
    if (input.themeId !== before.theme_id) changes.position = await nextPosition(trx, 'needs', { consultation_id: before.consultation_id, theme_id: input.themeId });
    if (!(await updateNeedIfVersion(trx, id, input.version, changes))) {
      return { ...invalid({ _form: t('needs.stale') }, 409), current: (await findNeed(trx, id))! };
    }
    await recordAudit(trx, {
      actorId: actor.id, action: 'need.update', objectType: 'need', objectId: id, consultationId: before.consultation_id,
      before: { title: before.title, descriptionMd: before.description_md, themeId: before.theme_id },
      after: { title: input.title, descriptionMd: input.descriptionMd, themeId: input.themeId }, requestId,
    });
    return ok((await findNeed(trx, id))!);
  });
}
