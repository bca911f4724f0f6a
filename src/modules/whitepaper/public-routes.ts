import { Router, type Request, type Response } from 'express';
import type { AppDeps } from '../../shared/http/context';
import { authorize, currentActor } from '../../shared/http/guards';
import { NotFoundError } from '../../shared/http/errors';
import { found } from '../../shared/http/form-action';
import { parseId } from '../../shared/http/params';
import type { ConsultationRow } from '../consultations';
import { findConsultationBySlug } from '../consultations';
import { documentView } from './present';
import { whitepaperPolicy } from './policy';
import { editionPdf, editionSnapshot, findEdition, latestEdition, listEditions, type EditionRow } from './queries';
import { changelog, readSnapshot } from './rules';
import { changelogQuery } from './validation';

const PUBLIC = '/consultations/:slug/livre-blanc';
/** Prepared views of published editions kept in memory (least recently read dropped first). */
const VIEWS_KEPT = 4;

/** Published editions of the white paper, read by anyone (no login): pages, PDFs, the changes between two. */
export function publicRoutes({ db }: AppDeps): Router {
  const r = Router();
  const consultationOf = async (req: Request): Promise<ConsultationRow> => found(await findConsultationBySlug(db, String(req.params.slug).slice(0, 100)));

  async function editionOf(req: Request, consultation: ConsultationRow, number?: number): Promise<EditionRow> {
    authorize(whitepaperPolicy.canReadEditions(currentActor(req)));
    const edition = number === undefined ? await latestEdition(db, consultation.id) : await findEdition(db, consultation.id, number);
    if (!edition) throw new NotFoundError();
    return edition;
  }

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

  return r;
}
