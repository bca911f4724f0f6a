import { isUniqueViolation } from '../../shared/db';
import type { Actor } from '../../shared/actor';
import { assembleDocument } from './assemble';
import { failureReason, inBackground, isStale, progressWriter, STALE_ERROR } from './background';
import { allNeeds, type WhitePaperDocument } from './document';
import { insertDraftPdf, purgeDraftPdfs, runningDraftPdf, updateDraftPdf } from './queries';
import { authorOf, type PublishDeps } from './publish-edition';
import { renderPdfBufferInWorker } from './render-in-worker';

/** Finished draft PDFs are forgotten after a day: the draft moves on, and the file is only a view of it. */
export const DRAFT_PDF_KEPT_MS = 24 * 3600 * 1000;

/**
 * The DSI or an ambassador asks for the PDF of a long draft. It is laid out in the background from the
 * draft as it reads now, and its page shows the progress. One layout at a time per consultation (a
 * partial unique index): asking again while one runs joins it rather than doubling the work.
 * Returns the layout to follow (null only if a concurrent one finished before it could be found).
 */
export async function prepareDraftPdf(deps: PublishDeps, actor: Actor, consultation: { id: number; slug: string; title: string }): Promise<number | null> {
  const { db } = deps;
  const prepared = await db.transaction(async (trx): Promise<{ join: number | null } | { id: number; doc: WhitePaperDocument }> => {
    const running = await runningDraftPdf(trx, consultation.id);
    if (running && !isStale(running)) return { join: running.id };
    if (running) await updateDraftPdf(trx, running.id, { status: 'echec', error: STALE_ERROR, finished_at: new Date().toISOString() });
    await purgeDraftPdfs(trx, consultation.id, new Date(Date.now() - DRAFT_PDF_KEPT_MS));
    const doc = await assembleDocument(trx, { consultation, author: await authorOf(trx, actor), edition: null });
    try {
      return { id: await insertDraftPdf(trx, { consultation_id: consultation.id, requested_by: actor.id, needs: allNeeds(doc).length }), doc };
    } catch (err) {
      // Another request started one at the same instant (and this transaction is unusable on PostgreSQL).
      if (isUniqueViolation(err)) return { join: null };
      throw err;
    }
  });
  if ('join' in prepared) return prepared.join ?? (await runningDraftPdf(db, consultation.id))?.id ?? null;
  inBackground(layOut(deps, prepared.id, prepared.doc));
  return prepared.id;
}

async function layOut(deps: PublishDeps, id: number, doc: WhitePaperDocument): Promise<void> {
  const { db, logger } = deps;
  try {
    const progress = progressWriter((done, total) => updateDraftPdf(db, id, { steps_done: done, steps_total: total }));
    const { pdf, pages } = await renderPdfBufferInWorker(doc, progress);
    await updateDraftPdf(db, id, { status: 'prete', pdf, pdf_bytes: pdf.length, pages, steps_done: 1, steps_total: 1, finished_at: new Date().toISOString() });
  } catch (err) {
    logger.error({ err, draftPdf: id }, 'échec de la mise en page du PDF de travail');
    await updateDraftPdf(db, id, { status: 'echec', error: failureReason(err), finished_at: new Date().toISOString() }).catch(() => undefined);
  }
}
