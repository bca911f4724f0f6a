import { Router, type Request } from 'express';
import type { AppDeps } from '../../shared/http/context';
import { authorize, currentActor, requireLogin } from '../../shared/http/guards';
import { NotFoundError } from '../../shared/http/errors';
import { formAction, found } from '../../shared/http/form-action';
import { parseId } from '../../shared/http/params';
import { t } from '../../shared/i18n';
import { findConsultationBySlug, type ConsultationRow } from '../consultations';
import { assembleDocument } from './assemble';
import { allNeeds } from './document';
import { documentView, layoutState } from './present';
import { whitepaperPolicy } from './policy';
import { draftPdfFile, findDraftPdf, findSelectedApplication, isAmbassadorOf, layoutPercent, listEditions } from './queries';
import { authorOf } from './publish-edition';
import { prepareDraftPdf } from './prepare-draft-pdf';
import { renderPdfInWorker } from './render-in-worker';
import { setConsent } from './set-consent';
import { consentSchema } from './validation';

const PUBLIC = '/consultations/:slug/livre-blanc';

/** The working version of the white paper: the DSI and the consultation's ambassadors read it, page or PDF. */
export function draftRoutes(deps: AppDeps): Router {
  const { db } = deps;
  const r = Router();
  const consultationOf = async (req: Request): Promise<ConsultationRow> => found(await findConsultationBySlug(db, String(req.params.slug).slice(0, 100)));

  async function draftAccess(req: Request) {
    const consultation = await consultationOf(req);
    const actor = currentActor(req)!;
    const ambassadorHere = whitepaperPolicy.mayBeAmbassadorHere(actor) && (await isAmbassadorOf(db, consultation.id, actor.id));
    authorize(whitepaperPolicy.canPreviewDraft(actor, { ambassadorHere }));
    return { consultation, actor, ambassadorHere };
  }

  /** Beyond the configured size the draft's PDF is prepared in the background, with a progress page. */
  const isLarge = (needCount: number) => needCount > deps.config.whitepaper.backgroundNeeds;

  const draftOf = async (consultation: ConsultationRow, req: Request) =>
    assembleDocument(db, { consultation, author: await authorOf(db, currentActor(req)!), edition: null });

  r.get(`${PUBLIC}/brouillon.pdf`, requireLogin, async (req, res) => {
    const { consultation } = await draftAccess(req);
    const doc = await draftOf(consultation, req);
    res.set({
      'Content-Type': 'application/pdf',
      'Content-Disposition': `inline; filename="livre-blanc-${consultation.slug}-brouillon.pdf"`,
      'Cache-Control': 'no-store',
    });
    // Streamed as it is laid out: the first bytes leave before the last page is made.
    await renderPdfInWorker(doc, res).catch((err: Error) => {
      if (res.headersSent) return req.log.warn({ err }, 'aperçu PDF interrompu');
      // Nothing sent yet: the error page must not go out labelled as a PDF.
      res.removeHeader('Content-Type');
      res.removeHeader('Content-Disposition');
      throw err;
    });
  });

  r.get(`${PUBLIC}/brouillon`, requireLogin, async (req, res) => {
    const { consultation, actor } = await draftAccess(req);
    const doc = await draftOf(consultation, req);
    res.render('whitepaper/document', {
      title: `Version de travail — ${doc.title}`,
      consultation,
      ...documentView(doc),
      edition: null,
      latest: false,
      editions: await listEditions(db, consultation.id),
      pdfHref: `/consultations/${consultation.slug}/livre-blanc/brouillon.pdf`,
      draft: true,
      largeDraft: isLarge(allNeeds(doc).length),
      consent: (await findSelectedApplication(db, consultation.id, actor.id))?.consent ?? null,
    });
  });

  // ---- A long draft's PDF, laid out in the background ----
  r.post(`${PUBLIC}/brouillon/pdf`, requireLogin, async (req, res) => {
    const { consultation, actor } = await draftAccess(req);
    const draftPdfId = await prepareDraftPdf(deps, actor, consultation);
    const base = `/consultations/${consultation.slug}/livre-blanc/brouillon`;
    res.redirect(303, draftPdfId ? `${base}/pdf/${draftPdfId}` : base);
  });

  async function draftPdfOf(req: Request) {
    const { consultation, actor, ambassadorHere } = await draftAccess(req);
    const draftPdf = await findDraftPdf(db, consultation.id, parseId(req.params.id));
    if (!draftPdf) throw new NotFoundError();
    authorize(whitepaperPolicy.canReadDraftPdf(actor, draftPdf, { consultationId: consultation.id, ambassadorHere }));
    return { consultation, draftPdf };
  }

  r.get(`${PUBLIC}/brouillon/pdf/:id.pdf`, requireLogin, async (req, res) => {
    const { consultation, draftPdf } = await draftPdfOf(req);
    const pdf = draftPdf.status === 'terminee' ? await draftPdfFile(db, draftPdf.id) : null;
    if (!pdf) throw new NotFoundError();
    res.set({
      'Content-Type': 'application/pdf',
      'Content-Disposition': `inline; filename="livre-blanc-${consultation.slug}-brouillon-${draftPdf.id}.pdf"`,
      'Cache-Control': 'private, no-store',
    });
    res.send(pdf);
  });

  r.get(`${PUBLIC}/brouillon/pdf/:id/etat`, requireLogin, async (req, res) => {
    const { draftPdf } = await draftPdfOf(req);
    res.set('Cache-Control', 'no-store').json(layoutState(draftPdf));
  });

  r.get(`${PUBLIC}/brouillon/pdf/:id`, requireLogin, async (req, res) => {
    const { consultation, draftPdf } = await draftPdfOf(req);
    res.render('whitepaper/draft-pdf', { title: `PDF de la version de travail — ${consultation.title}`, consultation, draftPdf, percent: layoutPercent(draftPdf) });
  });

  r.post(`${PUBLIC}/consentement`, formAction({
    load: (req) => consultationOf(req),
    allowed: (actor) => whitepaperPolicy.canSetConsent(actor, { user_id: actor.id }),
    schema: consentSchema,
    run: ({ consent }, { req, actor, object: consultation }) => setConsent(db, actor, consultation.id, consent, req.id as string),
    // Consent is two buttons, nothing to type: a refusal is shown on the draft's page.
    failed: (_, { res, object: consultation }) => res.redirect(303, `/consultations/${consultation.slug}/livre-blanc/brouillon#consentement`),
    done: (_, { object: consultation }, { consent }) => ({
      to: `/consultations/${consultation.slug}/livre-blanc/brouillon#consentement`,
      flash: t(consent ? 'whitepaper.consentGiven' : 'whitepaper.consentWithdrawn'),
    }),
  }));

  return r;
}
