import type { Knex } from 'knex';
import { Result, invalid, ok } from '../../shared/http/errors';
import { t } from '../../shared/i18n';
import { recordAudit } from '../audit';
import type { Actor } from '../../shared/actor';
import { findThemeByCodeOrTitle, insertTheme } from './queries';
import type { ThemeInput } from './validation';

/** Code and title are unique within a consultation (the code names needs and exports). */
export async function themeClashes(db: Knex | Knex.Transaction, consultationId: number, input: ThemeInput, exceptId?: number) {
  const clashes = (await findThemeByCodeOrTitle(db, consultationId, input.code, input.title)).filter((th) => th.id !== exceptId);
  const errors: Record<string, string> = {};
  if (clashes.some((th) => th.code === input.code)) errors.code = t('consultations.themeCodeTaken');
  if (clashes.some((th) => th.title.toLowerCase() === input.title.toLowerCase())) errors.title = t('consultations.themeTitleTaken');
  return errors;
}

/** The DSI adds a theme at the end of the list. */
export async function addTheme(db: Knex, actor: Actor, consultationId: number, input: ThemeInput, requestId?: string): Promise<Result<{ id: number }>> {
  return db.transaction(async (trx) => {
    const errors = await themeClashes(trx, consultationId, input);
    if (Object.keys(errors).length) return invalid(errors, 409);
    const fields = { code: input.code, title: input.title, description_md: input.descriptionMd };
    const id = await insertTheme(trx, consultationId, fields);
    await recordAudit(trx, { actorId: actor.id, action: 'theme.create', objectType: 'theme', objectId: id, consultationId, after: fields, requestId });
    return ok({ id });
  });
}
