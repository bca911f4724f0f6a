import { Router, type Request, type Response } from 'express';
import type { AppDeps } from '../../shared/http/context';
import { authorize, currentActor, requireLogin } from '../../shared/http/guards';
import { flash } from '../../shared/http/flash';
import { NotFoundError, type FieldErrors } from '../../shared/http/errors';
import { formAction, found } from '../../shared/http/form-action';
import { parseId } from '../../shared/http/params';
import { failureOf } from '../../shared/validation';
import { t } from '../../shared/i18n';
import { findConsultationBySlug, listThemes, type ConsultationRow } from '../consultations';
import { validatedNeedsWithProposals } from '../needs';
import { layoutState, sectionPreviews } from './present';
import { whitepaperPolicy } from './policy';
import { findContent, findPublication, layoutPercent, listEditions, selectedAmbassadors, themeIntros, type ContentRow } from './queries';
import { missingForPublication, outlineOf } from './rules';
import { startPublication, staleNumbersFor } from './publish-edition';
import { editorialFigureValues } from './assemble';
import { FIGURE_NAMES, type FigureName } from '../stats';
import { updateContent } from './update-content';
import { contentSchema, INTRO_MAX, publishSchema, readIntros, SECTION_MAX } from './validation';
import { publicRoutes } from './public-routes';
import { draftRoutes } from './draft-routes';

const ADMIN = '/admin/consultations/:slug/livre-blanc';

/** The white paper: the DSI's editorial page and publication here; public editions and drafts in their own routers. */
export function whitepaperRoutes(deps: AppDeps): Router {
  const { db } = deps;
  const r = Router();
  const consultationOf = async (req: Request): Promise<ConsultationRow> => found(await findConsultationBySlug(db, String(req.params.slug).slice(0, 100)));
  /** Beyond the configured size the draft's PDF is prepared in the background, with a progress page. */
  const isLarge = (needCount: number) => needCount > deps.config.whitepaper.backgroundNeeds;

  r.use(publicRoutes(deps));
  r.use(draftRoutes(deps));

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
    // The figures the texts may name, and the numbers left over from the previous edition, shown before publishing.
    const figureValues = await editorialFigureValues(db, consultation.id);
    const stale = await staleNumbersFor(db, consultation.id, content, figureValues);
    const confirmed = new Set((form.values as { _confirmed?: string[] })._confirmed ?? []);
    res.render('whitepaper/editorial', {
      title: `Livre blanc — ${consultation.title}`,
      consultation,
      tab: 'livre-blanc',
      themes,
      values: form.values,
      errors: form.errors,
      current: form.current ?? null,
      currentIntros: form.currentIntros ?? new Map(),
      previews: form.preview ? sectionPreviews(form.values, themes, figureValues) : null,
      figureNames: Object.entries(FIGURE_NAMES).map(([name, label]) => ({ name, label, value: figureValues[name as FigureName] })),
      stale,
      confirmed,
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
    word_cloud: content.word_cloud === null ? 'aucun' : content.word_cloud === '' ? 'tout' : content.word_cloud.replace(/^theme=/, ''),
    version: content.version,
    ...Object.fromEntries([...intros].map(([id, text]) => [`intro_${id}`, text])),
  });

  r.get(ADMIN, requireLogin, async (req, res) => {
    const consultation = await managed(req);
    const values = valuesOf(await findContent(db, consultation.id), await themeIntros(db, consultation.id));
    await renderEditorial(req, res, consultation, { values, errors: {} });
  });

  r.post(ADMIN, requireLogin, async (req, res) => {
    const consultation = await managed(req);
    const themes = await listThemes(db, consultation.id);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const parsed = contentSchema.safeParse(body);
    const { intros, errors: readErrors } = readIntros(body, themes.map((th) => th.id));
    // The cloud's theme must be one of this consultation's.
    const cloudTheme = parsed.success && parsed.data.word_cloud?.startsWith('theme=') ? Number(parsed.data.word_cloud.slice(6)) : null;
    const introErrors = cloudTheme !== null && !themes.some((th) => th.id === cloudTheme) ? { ...readErrors, word_cloud: 'Choisissez un nuage de mots dans la liste.' } : readErrors;
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

  r.post(`${ADMIN}/publier`, formAction({
    load: (req) => consultationOf(req),
    allowed: (actor, consultation) => whitepaperPolicy.canPublish(actor, consultation),
    schema: publishSchema,
    run: ({ version, confirmer }, { req, actor, object: consultation }) =>
      startPublication(deps, actor, consultation, { contentVersion: version, confirmed: confirmer }, { requestId: req.id as string, syncMaxNeeds: deps.config.whitepaper.backgroundNeeds }),
    // What is missing for publication is listed above the editorial form, as it stands saved.
    failed: async ({ errors }, { req, res, values: posted, object: consultation }) => {
      const values = valuesOf(await findContent(db, consultation.id), await themeIntros(db, consultation.id));
      // The boxes the DSI ticked stay ticked.
      const ticked = publishSchema.safeParse(posted);
      return renderEditorial(req, res, consultation, { values: { ...values, _publishErrors: errors, _confirmed: ticked.success ? ticked.data.confirmer : [] }, errors: {} });
    },
    done: (v, { object: consultation }) => ({ to: `/admin/consultations/${consultation.slug}/livre-blanc/publications/${v.publicationId}` }),
  }));

  async function publicationOf(req: Request) {
    const consultation = await managed(req);
    const publication = await findPublication(db, consultation.id, parseId(req.params.id));
    if (!publication) throw new NotFoundError();
    return { consultation, publication };
  }

  r.get(`${ADMIN}/publications/:id/etat`, requireLogin, async (req, res) => {
    const { publication } = await publicationOf(req);
    res.set('Cache-Control', 'no-store').json(layoutState(publication));
  });

  r.get(`${ADMIN}/publications/:id`, requireLogin, async (req, res) => {
    const { consultation, publication } = await publicationOf(req);
    res.render('whitepaper/publication', { title: `Publication du livre blanc — ${consultation.title}`, consultation, tab: 'livre-blanc', publication, percent: layoutPercent(publication) });
  });

  return r;
}
