import type { Knex } from 'knex';
import { NotFoundError, Result, invalid, ok } from '../../shared/http/errors';
import { recordAudit } from '../audit';
import type { Actor } from '../../shared/actor';
import { themeClashes } from './add-theme';
import { findTheme, updateTheme as writeTheme } from './queries';
import type { ThemeInput } from './validation';

/** The DSI renames a theme, changes its code or its description. */
export async function updateTheme(db: Knex, actor: Actor, consultationId: number, themeId: number, input: ThemeInput, requestId?: string): Promise<Result<{ id: number }>> {
  return db.transaction(async (trx) => {
    const before = await findTheme(trx, consultationId, themeId);
    if (!before) throw new NotFoundError();
    const errors = await themeClashes(trx, consultationId, input, themeId);
    if (Object.keys(errors).length) return invalid(errors, 409);
    const fields = { code: input.code, title: input.title, description_md: input.descriptionMd };
    await writeTheme(trx, themeId, fields);
    await recordAudit(trx, {
      actorId: actor.id,
      action: 'theme.update',
      objectType: 'theme',
      objectId: themeId,
      consultationId,
      before: { code: before.code, title: before.title, description_md: before.description_md },
      after: fields,
      requestId,
    });
    return ok({ id: themeId });
  });
}
