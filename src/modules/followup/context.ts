import type { Request } from 'express';
import type { Db } from '../../shared/db';
import { toDate } from '../../shared/db';
import { found } from '../../shared/http/form-action';
import { findConsultationBySlug, listThemes, type ConsultationRow } from '../consultations';
import { latestEdition } from '../whitepaper';

/** A consultation as the follow-up sees it: whether (and when) its white paper was first published. */
export interface FollowupContext {
  consultation: ConsultationRow;
  published: boolean;
  publishedAt: Date | null;
  themes: Array<{ code: string; title: string }>;
}

export async function followupContext(db: Db, req: Request): Promise<FollowupContext> {
  const consultation = found(await findConsultationBySlug(db, String(req.params.slug).slice(0, 100)));
  const edition = await latestEdition(db, consultation.id);
  const themes = (await listThemes(db, consultation.id)).map((t) => ({ code: t.code, title: t.title }));
  return { consultation, published: !!edition, publishedAt: edition ? toDate(edition.published_at) : null, themes };
}

/** The day a consultation was created ('YYYY-MM-DD', UTC): the date part of the feeds' tag URIs. */
export const createdDay = (c: ConsultationRow): string => (toDate(c.created_at) ?? new Date(0)).toISOString().slice(0, 10);
