import { isUniqueViolation } from '../../shared/db';
import type { Actor } from '../../shared/actor';
import { assembleDocument } from './assemble';
import { failIfStale, startJob, type JobStore } from '../../shared/jobs';
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
    // A running layout is joined, unless it is stale: then it is failed, and a new one starts.
    const expire = (error: string) => updateDraftPdf(trx, running!.id, { status: 'echouee', error, finished_at: new Date().toISOString() });
    if (running && !(await failIfStale(DRAFT_PDF_JOB, running, expire))) return { join: running.id };
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
  void layOut(deps, prepared.id, prepared.doc);
  return prepared.id;
}

/** The draft PDFs' kind of job (see shared/jobs). */
export const DRAFT_PDF_JOB = 'brouillon-pdf';

function layOut(deps: PublishDeps, id: number, doc: WhitePaperDocument): Promise<void> {
  const { db, logger } = deps;
  const store: JobStore = {
    progress: (done, total) => updateDraftPdf(db, id, { steps_done: done, steps_total: total }),
    fail: (error) => updateDraftPdf(db, id, { status: 'echouee', error, finished_at: new Date().toISOString() }),
  };
  return startJob({ kind: DRAFT_PDF_JOB, id, store, logger, failureLog: 'échec de la mise en page du PDF de travail' }, async (progress) => {
    const { pdf, pages } = await renderPdfBufferInWorker(doc, progress);
    await updateDraftPdf(db, id, { status: 'terminee', pdf, pdf_bytes: pdf.length, pages, steps_done: 1, steps_total: 1, finished_at: new Date().toISOString() });
  });
}
