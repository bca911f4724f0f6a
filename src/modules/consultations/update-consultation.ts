import type { Knex } from 'knex';
import { NotFoundError, Result, invalid, ok } from '../../shared/http/errors';
import { t } from '../../shared/i18n';
import { recordAudit } from '../audit';
import type { Actor } from '../../shared/actor';
import { findConsultationById, findConsultationBySlug, updateConsultationIfVersion, type ConsultationRow } from './queries';
import { slugify } from './slug';
import type { UpdateConsultationInput } from './validation';

export type UpdateConsultationOutcome = Result<ConsultationRow> & { current?: ConsultationRow };

/** The DSI edits title, address and texts. A save based on an old version is refused (409) with the current values. */
export async function updateConsultation(
  db: Knex,
  actor: Actor,
  id: number,
  input: UpdateConsultationInput,
  requestId?: string,
): Promise<UpdateConsultationOutcome> {
  return db.transaction(async (trx) => {
    const before = await findConsultationById(trx, id);
    if (!before) throw new NotFoundError();
    if (before.version !== input.version) return { ...invalid({ _form: t('consultations.stale') }, 409), current: before };
    // An emptied slug field is rebuilt from the title; the old address is otherwise kept.
    const slug = input.slug || slugify(input.title) || before.slug;
    if (slug !== before.slug) {
      const other = await findConsultationBySlug(trx, slug);
      if (other && other.id !== id) return invalid({ slug: t('consultations.slugTaken') }, 409);
    }
    const fields = { slug, title: input.title, description_md: input.descriptionMd, data_notice_md: input.dataNoticeMd };
    if (!(await updateConsultationIfVersion(trx, id, input.version, fields))) {
      return { ...invalid({ _form: t('consultations.stale') }, 409), current: (await findConsultationById(trx, id))! };
    }
    await recordAudit(trx, {
      actorId: actor.id,
      action: 'consultation.update',
      objectType: 'consultation',
      objectId: id,
      consultationId: id,
      before: { slug: before.slug, title: before.title, description_md: before.description_md, data_notice_md: before.data_notice_md },
      after: fields,
      requestId,
    });
    return ok((await findConsultationById(trx, id))!);
  });
}
