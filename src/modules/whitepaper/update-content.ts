import type { Knex } from 'knex';
import { invalid, ok, type Result } from '../../shared/http/errors';
import { t } from '../../shared/i18n';
import { recordAudit } from '../audit';
import type { Actor } from '../../shared/actor';
import { findContent, replaceThemeIntros, saveContentIfVersion, themeIntros, type ContentRow } from './queries';
import type { ContentInput } from './validation';

export type UpdateContentOutcome = Result<ContentRow> & { current?: ContentRow; currentIntros?: Map<number, string> };

/**
 * The DSI saves the editorial content (sections and theme introductions together). A save made from an
 * old version is refused (409) with the saved texts, so that nobody's writing silently replaces another's.
 */
export async function updateContent(
  db: Knex,
  actor: Actor,
  consultationId: number,
  input: ContentInput,
  intros: Map<number, string>,
  requestId?: string,
): Promise<UpdateContentOutcome> {
  return db.transaction(async (trx) => {
    const before = await findContent(trx, consultationId);
    const introsBefore = await themeIntros(trx, consultationId);
    const stale = async () => ({ ...invalid({ _form: t('whitepaper.stale') }, 409), current: await findContent(trx, consultationId), currentIntros: await themeIntros(trx, consultationId) });
    if (before.version !== input.version) return stale();
    const fields = {
      title: input.title,
      subtitle: input.subtitle,
      foreword_md: input.foreword_md,
      method_md: input.method_md,
      conclusion_md: input.conclusion_md,
      acknowledgements_md: input.acknowledgements_md,
      word_cloud: input.word_cloud,
    };
    if (!(await saveContentIfVersion(trx, consultationId, before.version, fields, actor.id))) return stale();
    await replaceThemeIntros(trx, consultationId, intros);
    const { version: _v, updated_by: _b, updated_at: _a, consultation_id: _c, ...beforeFields } = before;
    await recordAudit(trx, {
      actorId: actor.id,
      action: 'whitepaper.content.update',
      objectType: 'whitepaper_content',
      objectId: consultationId,
      consultationId,
      before: { ...beforeFields, intros: Object.fromEntries(introsBefore) },
      after: { ...fields, intros: Object.fromEntries(intros) },
      requestId,
    });
    return ok(await findContent(trx, consultationId));
  });
}
