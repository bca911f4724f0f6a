import type { Knex } from 'knex';
import { NotFoundError, Result, invalid, ok } from '../../shared/http/errors';
import { t } from '../../shared/i18n';
import { recordAudit } from '../audit';
import type { Actor } from '../../shared/actor';
import { deleteTheme as removeTheme, findTheme, listThemes, setThemeOrder, themeUsage, type ThemeRow } from './queries';

/**
 * A theme typed by mistake can be removed while nothing uses it. Once a contribution, a need, a
 * workshop or an ambassador points at it, it is never deleted: it may only be renamed.
 */
export async function deleteTheme(db: Knex, actor: Actor, consultationId: number, themeId: number, requestId?: string): Promise<Result<ThemeRow>> {
  return db.transaction(async (trx) => {
    const theme = await findTheme(trx, consultationId, themeId);
    if (!theme) throw new NotFoundError();
    const usage = await themeUsage(trx, themeId);
    if (usage.contributions > 0) return invalid({ _form: t('consultations.themeInUse', { title: theme.title, count: usage.contributions }) }, 409);
    if (usage.other > 0) return invalid({ _form: t('consultations.themeLinked', { title: theme.title }) }, 409);
    await removeTheme(trx, themeId);
    await setThemeOrder(trx, (await listThemes(trx, consultationId)).map((th) => th.id));
    await recordAudit(trx, {
      actorId: actor.id,
      action: 'theme.delete',
      objectType: 'theme',
      objectId: themeId,
      consultationId,
      before: { code: theme.code, title: theme.title, description_md: theme.description_md },
      requestId,
    });
    return ok(theme);
  });
}
