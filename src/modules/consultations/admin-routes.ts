import { Router, type Request, type Response } from 'express';
import type { AppDeps } from '../../shared/http/context';
import { allow, authorize, currentActor } from '../../shared/http/guards';
import { flash } from '../../shared/http/flash';
import { NotFoundError, type FieldErrors } from '../../shared/http/errors';
import { renderMarkdown } from '../../shared/markdown';
import { fieldErrors } from '../../shared/validation';
import { t } from '../../shared/i18n';
import { consultationsPolicy } from './policy';
import { calendarSummary, choiceFromOverride, openings, parisDay, PHASE_KINDS, PHASE_LABELS, OVERRIDE_CHOICES } from './phases';
import {
  countThemesByConsultation,
  findConsultationBySlug,
  findTheme,
  listConsultations,
  listPhases,
  listThemes,
  phasesByConsultation,
  type ConsultationRow,
} from './queries';
import { consultationSchema, openingsSchema, phaseField, readPhases, themeSchema, updateConsultationSchema, MARKDOWN_MAX, THEME_DESCRIPTION_MAX } from './validation';
import { createConsultation } from './create-consultation';
import { updateConsultation } from './update-consultation';
import { setPhases } from './set-phases';
import { setOpenings } from './set-openings';
import { addTheme } from './add-theme';
import { updateTheme } from './update-theme';
import { moveTheme } from './move-theme';
import { deleteTheme } from './delete-theme';
import { parseId } from '../../shared/http/params';

const BASE = '/admin/consultations';
const canManageAny = (actor: Parameters<typeof consultationsPolicy.canManage>[0]) => consultationsPolicy.canManage(actor);


/** The DSI's pages to set a consultation up: information, calendar, themes, openings. */
export function adminRoutes({ db }: AppDeps): Router {
  const r = Router();

  /** The consultation named in the URL, after asking the policy about this very consultation. */
  async function managed(req: Request): Promise<ConsultationRow> {
    const consultation = await findConsultationBySlug(db, String(req.params.slug).slice(0, 100));
    if (!consultation) throw new NotFoundError();
    authorize(consultationsPolicy.canManage(currentActor(req), consultation));
    return consultation;
  }

  const page = (consultation: ConsultationRow, tab: string, title: string) => ({
    title: `${title} — ${consultation.title}`,
    heading: title,
    consultation,
    tab,
  });

  // ---- List and creation ----
  r.get(BASE, allow(canManageAny), async (_req, res) => {
    const consultations = await listConsultations(db);
    const [phases, themeCounts] = await Promise.all([phasesByConsultation(db, consultations.map((c) => c.id)), countThemesByConsultation(db)]);
    const today = parisDay(new Date());
    res.render('consultations/admin/list', {
      title: 'Gérer les consultations',
      consultations: consultations.map((c) => ({
        ...c,
        calendar: calendarSummary(phases.get(c.id) ?? [], today),
        phaseCount: (phases.get(c.id) ?? []).length,
        themeCount: themeCounts.get(c.id) ?? 0,
      })),
    });
  });

  const renderNew = (res: Response, values: object, errors: FieldErrors) =>
    res.render('consultations/admin/new', { title: 'Nouvelle consultation', values, errors, markdownMax: MARKDOWN_MAX });

  r.get(`${BASE}/nouvelle`, allow(canManageAny), (_req, res) => renderNew(res, {}, {}));

  r.post(BASE, allow(canManageAny), async (req, res) => {
    const actor = currentActor(req)!;
    authorize(consultationsPolicy.canManage(actor));
    const parsed = consultationSchema.safeParse(req.body);
    if (!parsed.success) return renderNew(res.status(422), req.body, fieldErrors(parsed.error));
    const result = await createConsultation(db, actor, parsed.data, req.id as string);
    if (!result.ok) return renderNew(res.status(result.status ?? 422), req.body, result.errors);
    flash(req, 'success', t('consultations.created', { title: parsed.data.title }));
    res.redirect(303, `${BASE}/${result.value.slug}/calendrier`);
  });

  // ---- General information ----
  const renderEdit = (res: Response, consultation: ConsultationRow, values: object, errors: FieldErrors, current: ConsultationRow | null) =>
    res.render('consultations/admin/edit', { ...page(consultation, 'informations', 'Informations générales'), values, errors, current, markdownMax: MARKDOWN_MAX });

  r.get(`${BASE}/:slug`, allow(canManageAny), async (req, res) => {
    const c = await managed(req);
    renderEdit(res, c, { title: c.title, slug: c.slug, descriptionMd: c.description_md, dataNoticeMd: c.data_notice_md, version: c.version }, {}, null);
  });

  r.post(`${BASE}/:slug`, allow(canManageAny), async (req, res) => {
    const c = await managed(req);
    const parsed = updateConsultationSchema.safeParse(req.body);
    if (!parsed.success) return renderEdit(res.status(422), c, req.body, fieldErrors(parsed.error), null);
    const result = await updateConsultation(db, currentActor(req)!, c.id, parsed.data, req.id as string);
    if (!result.ok) return renderEdit(res.status(result.status ?? 422), result.current ?? c, req.body, result.errors, result.current ?? null);
    flash(req, 'success', t('consultations.updated', { title: result.value.title }));
    res.redirect(303, `${BASE}/${result.value.slug}`);
  });

  // ---- Calendar ----
  const renderCalendar = async (res: Response, c: ConsultationRow, values: Record<string, string> | null, errors: FieldErrors) => {
    let v = values;
    if (!v) {
      const phases = await listPhases(db, c.id);
      v = {};
      for (const kind of PHASE_KINDS) {
        const p = phases.find((x) => x.kind === kind);
        v[phaseField(kind, 'title')] = p?.title ?? PHASE_LABELS[kind];
        v[phaseField(kind, 'startsOn')] = p?.starts_on ?? '';
        v[phaseField(kind, 'endsOn')] = p?.ends_on ?? '';
      }
    }
    res.render('consultations/admin/calendar', { ...page(c, 'calendrier', 'Calendrier'), kinds: PHASE_KINDS, labels: PHASE_LABELS, phaseField, values: v, errors });
  };

  r.get(`${BASE}/:slug/calendrier`, allow(canManageAny), async (req, res) => {
    await renderCalendar(res, await managed(req), null, {});
  });

  r.post(`${BASE}/:slug/calendrier`, allow(canManageAny), async (req, res) => {
    const c = await managed(req);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const read = readPhases(body);
    if (!read.ok) {
      const typed: Record<string, string> = {};
      for (const [k, v] of Object.entries(body)) if (typeof v === 'string') typed[k] = v.slice(0, 300);
      return renderCalendar(res.status(422), c, typed, read.errors);
    }
    const result = await setPhases(db, currentActor(req)!, c.id, read.phases, { requestId: req.id as string, confirmPurgeOpening: body.confirmPurgeOpening === 'oui' });
    if (!result.ok) {
      const typed: Record<string, string> = {};
      for (const [k, v] of Object.entries(body)) if (typeof v === 'string') typed[k] = v.slice(0, 300);
      return renderCalendar(res.status(result.status ?? 422), c, typed, result.errors);
    }
    flash(req, 'success', t('consultations.phasesSaved'));
    res.redirect(303, `${BASE}/${c.slug}/calendrier`);
  });

  // ---- Themes ----
  const renderThemes = async (res: Response, c: ConsultationRow, values: object, errors: FieldErrors) => {
    const themes = await listThemes(db, c.id);
    res.render('consultations/admin/themes', {
      ...page(c, 'thematiques', 'Thématiques'),
      themes: themes.map((th) => ({ ...th, descriptionHtml: renderMarkdown(th.description_md) })),
      values,
      errors,
      descriptionMax: THEME_DESCRIPTION_MAX,
    });
  };

  r.get(`${BASE}/:slug/thematiques`, allow(canManageAny), async (req, res) => {
    await renderThemes(res, await managed(req), {}, {});
  });

  r.post(`${BASE}/:slug/thematiques`, allow(canManageAny), async (req, res) => {
    const c = await managed(req);
    const parsed = themeSchema.safeParse(req.body);
    if (!parsed.success) return renderThemes(res.status(422), c, req.body, fieldErrors(parsed.error));
    const result = await addTheme(db, currentActor(req)!, c.id, parsed.data, req.id as string);
    if (!result.ok) return renderThemes(res.status(result.status ?? 422), c, req.body, result.errors);
    flash(req, 'success', t('consultations.themeCreated', { title: parsed.data.title }));
    res.redirect(303, `${BASE}/${c.slug}/thematiques`);
  });

  const renderTheme = (res: Response, c: ConsultationRow, theme: { id: number; title: string }, values: object, errors: FieldErrors) =>
    res.render('consultations/admin/theme', { ...page(c, 'thematiques', `Thématique « ${theme.title} »`), theme, values, errors, descriptionMax: THEME_DESCRIPTION_MAX });

  r.get(`${BASE}/:slug/thematiques/:id`, allow(canManageAny), async (req, res) => {
    const c = await managed(req);
    const theme = await findTheme(db, c.id, parseId(req.params.id));
    if (!theme) throw new NotFoundError();
    renderTheme(res, c, theme, { code: theme.code, title: theme.title, descriptionMd: theme.description_md }, {});
  });

  r.post(`${BASE}/:slug/thematiques/:id`, allow(canManageAny), async (req, res) => {
    const c = await managed(req);
    const theme = await findTheme(db, c.id, parseId(req.params.id));
    if (!theme) throw new NotFoundError();
    const parsed = themeSchema.safeParse(req.body);
    if (!parsed.success) return renderTheme(res.status(422), c, theme, req.body, fieldErrors(parsed.error));
    const result = await updateTheme(db, currentActor(req)!, c.id, theme.id, parsed.data, req.id as string);
    if (!result.ok) return renderTheme(res.status(result.status ?? 422), c, theme, req.body, result.errors);
    flash(req, 'success', t('consultations.themeUpdated', { title: parsed.data.title }));
    res.redirect(303, `${BASE}/${c.slug}/thematiques`);
  });

  for (const [path, direction] of [['monter', 'up'], ['descendre', 'down']] as const) {
    r.post(`${BASE}/:slug/thematiques/:id/${path}`, allow(canManageAny), async (req, res) => {
      const c = await managed(req);
      const result = await moveTheme(db, currentActor(req)!, c.id, parseId(req.params.id), direction, req.id as string);
      if (!result.ok) return renderThemes(res.status(result.status ?? 422), c, {}, result.errors);
      flash(req, 'success', t('consultations.themeMoved', { title: result.value.title }));
      res.redirect(303, `${BASE}/${c.slug}/thematiques#theme-${result.value.id}`);
    });
  }

  r.post(`${BASE}/:slug/thematiques/:id/supprimer`, allow(canManageAny), async (req, res) => {
    const c = await managed(req);
    const result = await deleteTheme(db, currentActor(req)!, c.id, parseId(req.params.id), req.id as string);
    if (!result.ok) return renderThemes(res.status(result.status ?? 422), c, {}, result.errors);
    flash(req, 'success', t('consultations.themeDeleted', { title: result.value.title }));
    res.redirect(303, `${BASE}/${c.slug}/thematiques`);
  });

  // ---- Openings ----
  const renderOpenings = async (res: Response, c: ConsultationRow, values: object, errors: FieldErrors) => {
    const phases = await listPhases(db, c.id);
    const today = parisDay(new Date());
    res.render('consultations/admin/openings', {
      ...page(c, 'ouvertures', 'Ouverture des étapes'),
      values,
      errors,
      choices: OVERRIDE_CHOICES,
      byCalendar: openings(phases, { contributions_open: null, consolidation_open: null, ambassador_call_open: null }, today),
      now: openings(phases, c, today),
    });
  };

  r.get(`${BASE}/:slug/ouvertures`, allow(canManageAny), async (req, res) => {
    const c = await managed(req);
    await renderOpenings(res, c, {
      contributions: choiceFromOverride(c.contributions_open),
      consolidation: choiceFromOverride(c.consolidation_open),
      ambassadorCall: choiceFromOverride(c.ambassador_call_open),
    }, {});
  });

  r.post(`${BASE}/:slug/ouvertures`, allow(canManageAny), async (req, res) => {
    const c = await managed(req);
    const parsed = openingsSchema.safeParse(req.body);
    if (!parsed.success) return renderOpenings(res.status(422), c, req.body ?? {}, fieldErrors(parsed.error));
    await setOpenings(db, currentActor(req)!, c.id, parsed.data, req.id as string);
    flash(req, 'success', t('consultations.openingsSaved'));
    res.redirect(303, `${BASE}/${c.slug}/ouvertures`);
  });

  return r;
}
