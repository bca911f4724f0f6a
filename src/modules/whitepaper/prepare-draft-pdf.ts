import { isUniqueViolation } from '../../shared/db';
import type { Actor } from '../auth/roles';
import { assembleDocument } from './assemble';
import { inBackground, progressWriter, STALE_LAYOUT_MS } from './background';
import { allNeeds, type WhitePaperDocument } from './document';
import { insertDraftPdf, purgeDraftPdfs, runningDraftPdf, updateDraftPdf } from './queries';
import { authorOf, type PublishDeps } from './publish-edition';
import { renderPdfBufferInWorker } from './render-in-worker';

/** Finished draft PDFs are forgotten after a day: the draft moves on, and the file is only a view of it. */
export const DRAFT_PDF_KEPT_MS = 24 * 3600 * 1000;

export interface DraftPdfStarted {
  draftPdfId: number;
  /** False when a layout of this consultation was already running: the request joins it. */
  started: boolean;
  /** Resolves when the PDF is stored (or the layout failed). */
  done: Promise<void>;
}

/**
 * The DSI or an ambassador asks for the PDF of a long draft. It is laid out in the background from the
 * draft as it reads now, and its page shows the progress. One layout at a time per consultation (a
 * partial unique index): asking again while one runs joins it rather than doubling the work.
 */
export async function prepareDraftPdf(
  deps: PublishDeps,
  actor: Actor,
  consultation: { id: number; slug: string; title: string },
): Promise<DraftPdfStarted> {
  const { db } = deps;
  const prepared = await db.transaction(async (trx): Promise<DraftPdfStarted | { id: number; doc: WhitePaperDocument }> => {
    const running = await runningDraftPdf(trx, consultation.id);
    if (running && Date.now() - running.updated_at.getTime() <= STALE_LAYOUT_MS) {
      return { draftPdfId: running.id, started: false, done: Promise.resolve() };
    }
    if (running) await updateDraftPdf(trx, running.id, { status: 'echec', error: 'interrompue (aucune nouvelle depuis plusieurs minutes)', finished_at: new Date().toISOString() });
    await purgeDraftPdfs(trx, consultation.id, new Date(Date.now() - DRAFT_PDF_KEPT_MS));
    const doc = await assembleDocument(trx, { consultation, author: await authorOf(trx, actor), edition: null });
    try {
      const id = await insertDraftPdf(trx, { consultation_id: consultation.id, requested_by: actor.id, needs: allNeeds(doc).length });
      return { id, doc };
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      // Another request started one at the same instant (the transaction is now unusable on PostgreSQL).
      return { draftPdfId: 0, started: false, done: Promise.resolve() };
    }
  });
  if ('draftPdfId' in prepared) {
    if (prepared.draftPdfId) return prepared;
    const other = await runningDraftPdf(db, consultation.id);
    return { draftPdfId: other?.id ?? 0, started: false, done: Promise.resolve() };
  }
  const done = layOut(deps, prepared.id, prepared.doc);
  inBackground(done);
  return { draftPdfId: prepared.id, started: true, done };
}

async function layOut(deps: PublishDeps, id: number, doc: WhitePaperDocument): Promise<void> {
  const { db, logger } = deps;
  try {
    const progress = progressWriter((done, total) => updateDraftPdf(db, id, { steps_done: done, steps_total: total }));
    const { pdf, pages } = await renderPdfBufferInWorker(doc, progress);
    await updateDraftPdf(db, id, { status: 'prete', pdf, pdf_bytes: pdf.length, pages, steps_done: 1, steps_total: 1, finished_at: new Date().toISOString() });
  } catch (err) {
    logger.error({ err, draftPdf: id }, 'échec de la mise en page du PDF de travail');
    const reason = err instanceof Error ? err.message.slice(0, 500) : String(err);
    await updateDraftPdf(db, id, { status: 'echec', error: reason, finished_at: new Date().toISOString() }).catch(() => undefined);
  }
}
