import type { Knex } from 'knex';
import { Result, invalid, ok } from '../../shared/http/errors';
import { t } from '../../shared/i18n';
import { recordAudit } from '../audit';
import type { Actor } from '../../shared/actor';
import { findConsultationBySlug, insertConsultation, slugsLike } from './queries';
import { freeSlug, slugify } from './slug';
import type { ConsultationInput } from './validation';

/**
 * The DSI creates a consultation. An empty slug is made from the title (made unique with -2, -3…);
 * a slug typed by the DSI is kept as typed, and refused if another consultation has it.
 */
export async function createConsultation(db: Knex, actor: Actor, input: ConsultationInput, requestId?: string): Promise<Result<{ id: number; slug: string }>> {
  return db.transaction(async (trx) => {
    let slug = input.slug;
    if (slug) {
      if (await findConsultationBySlug(trx, slug)) return invalid({ slug: t('consultations.slugTaken') }, 409);
    } else {
      const base = slugify(input.title) || 'consultation';
      const taken = await slugsLike(trx, base);
      slug = freeSlug(base, (s) => taken.has(s));
    }
    const fields = { slug, title: input.title, description_md: input.descriptionMd, data_notice_md: input.dataNoticeMd };
    const id = await insertConsultation(trx, fields, actor.id);
    await recordAudit(trx, {
      actorId: actor.id,
      action: 'consultation.create',
      objectType: 'consultation',
      objectId: id,
      consultationId: id,
      after: fields,
      requestId,
    });
    return ok({ id, slug });
  });
}
