import type { Knex } from 'knex';
import { NotFoundError, Result, invalid, ok } from '../../shared/http/errors';
import { t } from '../../shared/i18n';
import { recordAudit } from '../audit';
import type { Actor } from '../../shared/actor';
import { listThemes, setThemeOrder, type ThemeRow } from './queries';

export type Direction = 'up' | 'down';

/** Pure: the list of ids after moving one of them a step up or down (null when it cannot move). */
export function moved(ids: number[], id: number, direction: Direction): number[] | null {
  const i = ids.indexOf(id);
  const j = direction === 'up' ? i - 1 : i + 1;
  if (i < 0 || j < 0 || j >= ids.length) return null;
  const out = [...ids];
  [out[i], out[j]] = [out[j]!, out[i]!];
  return out;
}

/** The DSI moves a theme one step up or down; positions are rewritten 1..n in one transaction. */
export async function moveTheme(db: Knex, actor: Actor, consultationId: number, themeId: number, direction: Direction, requestId?: string): Promise<Result<ThemeRow>> {
  return db.transaction(async (trx) => {
    const themes = await listThemes(trx, consultationId);
    const theme = themes.find((th) => th.id === themeId);
    if (!theme) throw new NotFoundError();
    const before = themes.map((th) => th.id);
    const after = moved(before, themeId, direction);
    if (!after) return invalid({ _form: t('consultations.themeCannotMove') });
    await setThemeOrder(trx, after);
    await recordAudit(trx, { actorId: actor.id, action: 'theme.move', objectType: 'theme', objectId: themeId, consultationId, before: { order: before }, after: { order: after, direction }, requestId });
    return ok(theme);
  });
}
