import { Router, type Request, type Response } from 'express';
import type { AppDeps } from '../../shared/http/context';
import { allow, authorize, currentActor, requireLogin } from '../../shared/http/guards';
import { flash } from '../../shared/http/flash';
import { NotFoundError, type FieldErrors } from '../../shared/http/errors';
import { failureOf } from '../../shared/validation';
import { t } from '../../shared/i18n';
import { findConsultationBySlug, listThemes, type ConsultationRow } from '../consultations';
import { validatedNeedsWithProposals } from '../needs';
import { assembleDocument } from './assemble';
import { allNeeds } from './document';
import { documentView, layoutState, sectionPreviews } from './present';
import { whitepaperPolicy } from './policy';
import {
  editionPdf,
  editionSnapshot,
  draftPdfFile,
  findContent,
  findDraftPdf,
  findEdition,
  findPublication,
  findSelectedApplication,
  isAmbassadorOf,
  latestEdition,
  listEditions,
  layoutPercent,
  selectedAmbassadors,
  themeIntros,
  type ContentRow,
  type EditionRow,
} from './queries';
import { changelog, missingForPublication, outlineOf, readSnapshot } from './rules';
import { authorOf, startPublication } from './publish-edition';
import { prepareDraftPdf } from './prepare-draft-pdf';
import { renderPdfInWorker } from './render-in-worker';
import { setConsent } from './set-consent';
import { updateContent } from './update-content';
import { changelogQuery, contentSchema, INTRO_MAX, readIntros, SECTION_MAX } from './validation';
import { parseId } from '../../shared/http/params';

const PUBLIC = '/consultations/:slug/livre-blanc';
const ADMIN = '/admin/consultations/:slug/livre-blanc';
/** Prepared views of published editions kept in memory (least recently read dropped first). */
const VIEWS_KEPT = 4;

/** The white paper: the DSI's editorial page and publication, drafts for the ambassadors, public editions. */
export function whitepaperRoutes(deps: AppDeps): Router {
  const { db } = deps;
  const r = Router();

  async function consultationOf(req: Request): Promise<ConsultationRow> {
    const consultation = await findConsultationBySlug(db, String(req.params.slug).slice(0, 100));
    if (!consultation) throw new NotFoundError();
    return consultation;
  }

  async function editionOf(req: Request, consultation: ConsultationRow, number?: number): Promise<EditionRow> {
    authorize(whitepaperPolicy.canReadEditions(currentActor(req)));
    const edition = number === undefined ? await latestEdition(db, consultation.id) : await findEdition(db, consultation.id, number);
    if (!edition) throw new NotFoundError();
    return edition;
  }

  // ---- Public editions (no login) ----
  async function sendEditionPdf(req: Request, res: Response, number?: number) {
    const consultation = await consultationOf(req);
    const edition = await editionOf(req, consultation, number);
    const pdf = await editionPdf(db, edition.id);
    if (!pdf) throw new NotFoundError();
    res.set({
      'Content-Type': 'application/pdf',
      'Content-Length': String(pdf.length),
      'Content-Disposition': `inline; filename="livre-blanc-${consultation.slug}-v${edition.number}.pdf"`,
      // A numbered edition never changes; the « latest » address does when a new edition comes out.
      'Cache-Control': number === undefined ? 'public, max-age=300' : 'public, max-age=31536000, immutable',
      ETag: `"${edition.pdf_sha256}"`,
    });
    if (req.fresh) return res.status(304).end();
    res.end(pdf);
  }

  /**
   * A published edition never changes, so its prepared view (the snapshot parsed, its Markdown rendered
   * and sanitised) is kept for the next readers: the few most recent editions read, in memory.
   */
  const views = new Map<number, ReturnType<typeof documentView>>();
  async function editionView(editionId: number): Promise<ReturnType<typeof documentView>> {
    let view = views.get(editionId);
    if (!view) {
      const doc = readSnapshot(await editionSnapshot(db, editionId));
      if (!doc) throw new NotFoundError();
      view = documentView(doc);
      if (views.size >= VIEWS_KEPT) views.delete(views.keys().next().value!);
    } else views.delete(editionId);
    views.set(editionId, view);
    return view;
  }

  async function renderEdition(res: Response, consultation: ConsultationRow, edition: EditionRow) {
    const view = await editionView(edition.id);
    const editions = await listEditions(db, consultation.id);
    res.render('whitepaper/document', {
      title: view.doc.title,
      consultation,
      ...view,
      edition,
      latest: editions[0]?.number === edition.number,
      editions,
      pdfHref: `/consultations/${consultation.slug}/livre-blanc/editions/${edition.number}.pdf`,
      draft: false,
    });
  }

  r.get(`${PUBLIC}.pdf`, (req, res) => sendEditionPdf(req, res));
  r.get(`${PUBLIC}/editions/:number.pdf`, (req, res) => sendEditionPdf(req, res, parseId(req.params.number)));
  r.get(`${PUBLIC}/editions/:number`, async (req, res) => {
    const consultation = await consultationOf(req);
    await renderEdition(res, consultation, await editionOf(req, consultation, parseId(req.params.number)));
  });

  r.get(`${PUBLIC}/editions`, async (req, res) => {
    const consultation = await consultationOf(req);
    authorize(whitepaperPolicy.canReadEditions(currentActor(req)));
    const editions = await listEditions(db, consultation.id);
    res.render('whitepaper/editions', { title: `Éditions du livre blanc — ${consultation.title}`, consultation, editions });
  });

  r.get(`${PUBLIC}/changements`, async (req, res) => {
    const consultation = await consultationOf(req);
    authorize(whitepaperPolicy.canReadEditions(currentActor(req)));
    const editions = await listEditions(db, consultation.id);
    const parsed = changelogQuery.safeParse(req.query);
    const from = parsed.success ? editions.find((e) => e.number === parsed.data.de) : editions[1];
    const to = parsed.success ? editions.find((e) => e.number === parsed.data.vers) : editions[0];
    const view = { title: `Changements entre éditions — ${consultation.title}`, consultation, editions, from, to };
    if (!from || !to || from.number === to.number) {
      return res.status(parsed.success || req.query.de !== undefined ? 404 : 200).render('whitepaper/changelog', { ...view, changes: null });
    }
    const [a, b] = [readSnapshot(await editionSnapshot(db, from.id)), readSnapshot(await editionSnapshot(db, to.id))];
    if (!a || !b) throw new NotFoundError();
    res.render('whitepaper/changelog', { ...view, changes: changelog(a, b) });
  });

  // Registered after the addresses above so that « editions » or « brouillon » are never read as a slug suffix.
  r.get(PUBLIC, async (req, res) => {
    const consultation = await consultationOf(req);
    authorize(whitepaperPolicy.canReadEditions(currentActor(req)));
    const edition = await latestEdition(db, consultation.id);
    if (!edition) return res.status(404).render('whitepaper/not-published', { title: `Livre blanc — ${consultation.title}`, consultation });
    await renderEdition(res, consultation, edition);
  });

  // ---- Drafts: the DSI and the consultation's ambassadors ----
  async function draftAccess(req: Request) {
    const consultation = await consultationOf(req);
    const actor = currentActor(req)!;
    const ambassadorHere = actor.role === 'ambassadeur' && (await isAmbassadorOf(db, consultation.id, actor.id));
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

  r.post(`${PUBLIC}/consentement`, requireLogin, async (req, res) => {
    const consultation = await consultationOf(req);
    const actor = currentActor(req)!;
    authorize(whitepaperPolicy.canSetConsent(actor, { user_id: actor.id }));
    const consent = req.body?.consent === 'oui';
    await setConsent(db, actor, consultation.id, consent, req.id as string);
    flash(req, 'success', t(consent ? 'whitepaper.consentGiven' : 'whitepaper.consentWithdrawn'));
    res.redirect(303, `/consultations/${consultation.slug}/livre-blanc/brouillon#consentement`);
  });

  // ---- The DSI's editorial page ----
  async function managed(req: Request): Promise<ConsultationRow> {
    const consultation = await consultationOf(req);
    authorize(whitepaperPolicy.canEdit(currentActor(req), consultation));
    return consultation;
  }

  async function renderEditorial(
    req: Request,
    res: Response,
    consultation: ConsultationRow,
    form: { values: Record<string, unknown>; errors: FieldErrors; current?: ContentRow | null; currentIntros?: Map<number, string>; preview?: boolean },
  ) {
    const [content, themes, intros, editions, ambassadors] = [
      await findContent(db, consultation.id),
      await listThemes(db, consultation.id),
      await themeIntros(db, consultation.id),
      await listEditions(db, consultation.id),
      await selectedAmbassadors(db, consultation.id),
    ];
    const needs = await validatedNeedsWithProposals(db, consultation.id);
    const themeIds = new Map(themes.map((th) => [th.code, th.id]));
    const missing = missingForPublication(content, { themes: outlineOf(themes, intros, needs) }, (code) => themeIds.get(code));
    res.render('whitepaper/editorial', {
      title: `Livre blanc — ${consultation.title}`,
      consultation,
      tab: 'livre-blanc',
      themes,
      values: form.values,
      errors: form.errors,
      current: form.current ?? null,
      currentIntros: form.currentIntros ?? new Map(),
      previews: form.preview ? sectionPreviews(form.values, themes) : null,
      content,
      intros,
      missing,
      editions,
      ambassadors,
      needCount: needs.length,
      largeDraft: isLarge(needs.length),
      publishErrors: (form.values as { _publishErrors?: FieldErrors })._publishErrors ?? null,
      sectionMax: SECTION_MAX,
      introMax: INTRO_MAX,
    });
  }

  const valuesOf = (content: ContentRow, intros: Map<number, string>): Record<string, unknown> => ({
    title: content.title,
    subtitle: content.subtitle,
    foreword_md: content.foreword_md,
    method_md: content.method_md,
    conclusion_md: content.conclusion_md,
    acknowledgements_md: content.acknowledgements_md,
    version: content.version,
    ...Object.fromEntries([...intros].map(([id, text]) => [`intro_${id}`, text])),
  });

  r.get(ADMIN, allow(whitepaperPolicy.canEdit), async (req, res) => {
    const consultation = await managed(req);
    const values = valuesOf(await findContent(db, consultation.id), await themeIntros(db, consultation.id));
    await renderEditorial(req, res, consultation, { values, errors: {} });
  });

  r.post(ADMIN, allow(whitepaperPolicy.canEdit), async (req, res) => {
    const consultation = await managed(req);
    const themes = await listThemes(db, consultation.id);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const parsed = contentSchema.safeParse(body);
    const { intros, errors: introErrors } = readIntros(body, themes.map((th) => th.id));
    // « Aperçu » shows the sections as they will read, without saving anything.
    if (body.action === 'apercu') return renderEditorial(req, res, consultation, { values: body, errors: parsed.success ? introErrors : { ...failureOf(parsed, null).errors, ...introErrors }, preview: true });
    const result = parsed.success && !Object.keys(introErrors).length ? await updateContent(db, currentActor(req)!, consultation.id, parsed.data, intros, req.id as string) : null;
    if (!result || !result.ok) {
      const failure = failureOf(parsed, result);
      res.status(parsed.success && !result ? 422 : failure.status);
      return renderEditorial(req, res, consultation, {
        values: body,
        errors: { ...failure.errors, ...introErrors },
        current: result?.current ?? null,
        currentIntros: result?.currentIntros,
      });
    }
    flash(req, 'success', t('whitepaper.saved'));
    res.redirect(303, `/admin/consultations/${consultation.slug}/livre-blanc`);
  });

  r.post(`${ADMIN}/publier`, allow(whitepaperPolicy.canPublish), async (req, res) => {
    const consultation = await consultationOf(req);
    authorize(whitepaperPolicy.canPublish(currentActor(req), consultation));
    const contentVersion = Number(req.body?.version);
    const result = await startPublication(
      deps,
      currentActor(req)!,
      consultation,
      { contentVersion: Number.isInteger(contentVersion) ? contentVersion : -1 },
      { requestId: req.id as string, syncMaxNeeds: deps.config.whitepaper.backgroundNeeds },
    );
    if (!result.ok) {
      const values = valuesOf(await findContent(db, consultation.id), await themeIntros(db, consultation.id));
      res.status(result.status ?? 422);
      return renderEditorial(req, res, consultation, { values: { ...values, _publishErrors: result.errors }, errors: {} });
    }
    res.redirect(303, `/admin/consultations/${consultation.slug}/livre-blanc/publications/${result.value.publicationId}`);
  });

  async function publicationOf(req: Request) {
    const consultation = await managed(req);
    const publication = await findPublication(db, consultation.id, parseId(req.params.id));
    if (!publication) throw new NotFoundError();
    return { consultation, publication };
  }

  r.get(`${ADMIN}/publications/:id/etat`, allow(whitepaperPolicy.canEdit), async (req, res) => {
    const { publication } = await publicationOf(req);
    res.set('Cache-Control', 'no-store').json(layoutState(publication));
  });

  r.get(`${ADMIN}/publications/:id`, allow(whitepaperPolicy.canEdit), async (req, res) => {
    const { consultation, publication } = await publicationOf(req);
    res.render('whitepaper/publication', { title: `Publication du livre blanc — ${consultation.title}`, consultation, tab: 'livre-blanc', publication, percent: layoutPercent(publication) });
  });

  return r;
}
