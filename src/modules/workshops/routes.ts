import crypto from 'node:crypto';
import { Router, type Request, type Response } from 'express';
import type { AppDeps } from '../../shared/http/context';
import { allow, authorize, currentActor, requireLogin } from '../../shared/http/guards';
import { flash } from '../../shared/http/flash';
import { NotFoundError, type FieldErrors } from '../../shared/http/errors';
import { fieldErrors, failureOf } from '../../shared/validation';
import { renderMarkdown } from '../../shared/markdown';
import { t } from '../../shared/i18n';
import type { Actor } from '../../shared/actor';
import { listConsultations, listThemes } from '../consultations';
import { listStructures } from '../structures';
import { findUserById } from '../users';
import { workshopsPolicy } from './policy';
import {
  countWorkshopContributions,
  countWorkshops,
  facilitatorChoices,
  findRegistration,
  findWorkshop,
  lastWorkshopContributions,
  listRegistrations,
  listWorkshops,
  regionsWithStructures,
  themesOfWorkshops,
  waitingPosition,
  type When,
  type WorkshopFilter,
  type WorkshopRow,
} from './queries';
import { formatSchedule, nextDay, parisToUtc, placesLeft, utcToParis } from './rules';
import { attendanceSchema, captureSchema, registrationSchema, versionSchema, workshopSchema } from './validation';
import { attendanceCsv } from './attendance-csv';
import { planWorkshop } from './plan-workshop';
import { updateWorkshop } from './update-workshop';
import { registerToWorkshop } from './register-to-workshop';
import { cancelRegistration } from './cancel-registration';
import { recordAttendance } from './record-attendance';
import { closeWorkshop } from './close-workshop';
import { captureContribution } from './capture-contribution';
import { parseId, parseIdOrNull } from '../../shared/http/params';

const PAGE_SIZE = 20;
const MAX_PAGE = 1000;
const LAST_CAPTURED = 10;


const one = (v: unknown): string => (typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : '').trim();
const validDay = (v: string): string | null => (/^\d{4}-\d{2}-\d{2}$/.test(v) && parisToUtc(v, '00:00') ? v : null);
const asList = (v: unknown): string[] => (v == null || v === '' ? [] : Array.isArray(v) ? v.map(String) : [String(v)]);
const wantsJson = (req: Request): boolean => /application\/json/.test(String(req.headers.accept ?? ''));

async function loadWorkshop(db: AppDeps['db'], raw: unknown): Promise<WorkshopRow> {
  const w = await findWorkshop(db, parseId(raw));
  if (!w) throw new NotFoundError();
  return w;
}

export function workshopsRoutes({ db }: AppDeps): Router {
  const r = Router();

  // ---- Finding workshops (every logged-in person) ----------------------------------------
  r.get('/ateliers', allow(workshopsPolicy.canBrowse), async (req, res) => {
    const q = req.query as Record<string, unknown>;
    const from = validDay(one(q.du));
    const to = validDay(one(q.au));
    const whenRaw = one(q.quand);
    // Dates typed in the filter are more precise than the period: they take over.
    const when: When = from || to ? 'tous' : whenRaw === 'passes' || whenRaw === 'tous' ? whenRaw : 'a_venir';
    const filter: WorkshopFilter = {
      consultationId: parseIdOrNull(one(q.consultation)),
      region: one(q.region).slice(0, 80) || null,
      themeId: parseIdOrNull(one(q.theme)),
      fromIso: from ? parisToUtc(from, '00:00')!.toISOString() : null,
      toIso: to ? parisToUtc(nextDay(to), '00:00')!.toISOString() : null,
      when,
      now: new Date(),
    };
    const page = Math.min(MAX_PAGE, Math.max(1, Number(parseIdOrNull(one(q.page)) ?? 1)));
    const [total, rows, consultations, regions] = await Promise.all([
      countWorkshops(db, filter),
      listWorkshops(db, filter, PAGE_SIZE, (page - 1) * PAGE_SIZE),
      listConsultations(db),
      regionsWithStructures(db),
    ]);
    const themeGroups = await Promise.all(consultations.map(async (c) => ({ consultation: c, themes: await listThemes(db, c.id) })));
    const themes = await themesOfWorkshops(db, rows.map((w) => w.id));
    const params = new URLSearchParams();
    if (filter.consultationId) params.set('consultation', String(filter.consultationId));
    if (filter.region) params.set('region', filter.region);
    if (filter.themeId) params.set('theme', String(filter.themeId));
    if (from) params.set('du', from);
    if (to) params.set('au', to);
    params.set('quand', when);
    const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
    const pageHref = (n: number) => `/ateliers?${params.toString()}&page=${n}`;
    res.render('workshops/list', {
      title: 'Ateliers',
      workshops: rows.map((w) => ({ ...w, schedule: formatSchedule(w.starts_at, w.ends_at), themes: themes.get(w.id) ?? [], left: placesLeft(w.capacity, w.registered) })),
      filter: { consultation: filter.consultationId ?? '', region: filter.region ?? '', theme: filter.themeId ?? '', du: from ?? '', au: to ?? '', quand: when },
      consultations,
      regions,
      themeGroups,
      total,
      page,
      pages,
      prevHref: page > 1 ? pageHref(page - 1) : null,
      nextHref: page < pages ? pageHref(page + 1) : null,
      canPlan: workshopsPolicy.canPlan(currentActor(req)),
    });
  });

  // ---- Planning and editing --------------------------------------------------------------
  async function renderForm(
    res: Response,
    status: number,
    opts: { actor: Actor; workshop: WorkshopRow | null; consultationId: number; values: Record<string, unknown>; errors: FieldErrors; current?: (WorkshopRow & { themeIds: number[] }) | null },
  ) {
    const consultation = (await listConsultations(db)).find((c) => c.id === opts.consultationId);
    if (!consultation) throw new NotFoundError();
    const [themes, structures, facilitators] = await Promise.all([listThemes(db, consultation.id), listStructures(db), facilitatorChoices(db)]);
    const editing = !!opts.workshop;
    res.status(status).render(editing ? 'workshops/edit' : 'workshops/new', {
      title: editing ? `Modifier l’atelier « ${opts.workshop!.title} »` : 'Planifier un atelier',
      workshop: opts.workshop,
      consultation,
      themes,
      structures,
      facilitators,
      values: opts.values,
      checkedThemes: new Set(asList(opts.values.themeIds)),
      errors: opts.errors,
      current: opts.current
        ? { ...opts.current, schedule: formatSchedule(opts.current.starts_at, opts.current.ends_at), themeTitles: themes.filter((th) => opts.current!.themeIds.includes(Number(th.id))).map((th) => th.title) }
        : null,
    });
  }

  r.get('/ateliers/nouveau', allow(workshopsPolicy.canPlan), async (req, res) => {
    const actor = currentActor(req)!;
    const consultations = await listConsultations(db);
    const chosen = parseIdOrNull(one(req.query.consultation)) ?? (consultations.length === 1 ? consultations[0]!.id : null);
    if (!chosen || !consultations.some((c) => c.id === chosen)) {
      return res.render('workshops/choose-consultation', { title: 'Planifier un atelier', consultations });
    }
    const values = { consultationId: chosen, mode: 'presentiel', capacity: 20, startTime: '09:30', endTime: '12:00', facilitatorId: actor.role === 'contributeur' ? '' : actor.id };
    await renderForm(res, 200, { actor, workshop: null, consultationId: chosen, values, errors: {} });
  });

  r.post('/ateliers', allow(workshopsPolicy.canPlan), async (req, res) => {
    const actor = currentActor(req)!;
    const body = (req.body ?? {}) as Record<string, unknown>;
    const consultationId = parseIdOrNull(one(body.consultationId));
    if (!consultationId) throw new NotFoundError();
    const parsed = workshopSchema.safeParse(body);
    const result = parsed.success ? await planWorkshop(db, actor, parsed.data, req.id as string) : null;
    if (!parsed.success || !result?.ok) {
      const { errors } = failureOf(parsed, result);
      return renderForm(res, 422, { actor, workshop: null, consultationId, values: body, errors });
    }
    flash(req, 'success', t('workshops.planned', { title: result.value.title }));
    res.redirect(303, `/ateliers/${result.value.id}`);
  });

  async function formValuesOf(w: WorkshopRow): Promise<Record<string, unknown>> {
    const start = utcToParis(w.starts_at);
    const facilitator = w.facilitator_id ? await findUserById(db, w.facilitator_id) : undefined;
    const staff = facilitator && (facilitator.role === 'ambassadeur' || facilitator.role === 'dsi');
    return {
      consultationId: w.consultation_id,
      title: w.title,
      day: start.day,
      startTime: start.time,
      endTime: utcToParis(w.ends_at).time,
      mode: w.mode,
      place: w.place,
      structureId: w.structure_id,
      facilitatorId: staff ? facilitator!.id : '',
      facilitatorEmail: facilitator && !staff ? facilitator.email ?? '' : '',
      capacity: w.capacity,
      themeIds: ((await themesOfWorkshops(db, [w.id])).get(w.id) ?? []).map((th) => String(th.id)),
      version: w.version,
    };
  }

  r.get('/ateliers/:id/modifier', requireLogin, async (req, res) => {
    const actor = currentActor(req)!;
    const w = await loadWorkshop(db, req.params.id);
    authorize(workshopsPolicy.canEdit(actor, w));
    await renderForm(res, 200, { actor, workshop: w, consultationId: w.consultation_id, values: await formValuesOf(w), errors: {} });
  });

  r.post('/ateliers/:id/modifier', requireLogin, async (req, res) => {
    const actor = currentActor(req)!;
    const w = await loadWorkshop(db, req.params.id);
    authorize(workshopsPolicy.canEdit(actor, w));
    const body = { ...((req.body ?? {}) as Record<string, unknown>), consultationId: w.consultation_id };
    const parsed = workshopSchema.safeParse(body);
    const ver = versionSchema.safeParse(body);
    const result = parsed.success && ver.success ? await updateWorkshop(db, actor, w.id, { ...parsed.data, version: ver.data.version }, req.id as string) : null;
    if (!result?.ok) {
      const errors = result ? (result as { errors: FieldErrors }).errors : { ...(ver.success ? {} : fieldErrors(ver.error)), ...(parsed.success ? {} : fieldErrors(parsed.error)) };
      const status = result ? ((result as { status?: number }).status ?? 422) : 422;
      const current = result?.current ?? null;
      // After a conflict, the next save is made against the version now stored.
      const values = current ? { ...body, version: current.version } : body;
      return renderForm(res, status, { actor, workshop: current ?? w, consultationId: w.consultation_id, values, errors, current });
    }
    flash(req, 'success', t('workshops.updated', { title: result.value.title }));
    res.redirect(303, `/ateliers/${w.id}`);
  });

  // ---- A workshop's page, registration --------------------------------------------------
  async function renderShow(req: Request, res: Response, w: WorkshopRow, status = 200, error: string | null = null) {
    const actor = currentActor(req)!;
    authorize(workshopsPolicy.canView(actor, w));
    const [themes, mine, position] = await Promise.all([
      themesOfWorkshops(db, [w.id]),
      findRegistration(db, w.id, actor.id),
      waitingPosition(db, w.id, actor.id),
    ]);
    const runs = workshopsPolicy.canSeeRegistrants(actor, w);
    const [seats, waiting, captured] = runs
      ? await Promise.all([listRegistrations(db, w.id, 'inscrit'), listRegistrations(db, w.id, 'liste_attente'), countWorkshopContributions(db, w.id)])
      : [[], [], 0];
    res.status(status).render('workshops/show', {
      title: w.title,
      workshop: w,
      schedule: formatSchedule(w.starts_at, w.ends_at),
      themes: themes.get(w.id) ?? [],
      left: placesLeft(w.capacity, w.registered),
      mine: mine && mine.status !== 'annule' ? mine : null,
      position,
      canRegister: workshopsPolicy.canRegister(actor, w),
      canCancel: workshopsPolicy.canCancelRegistration(actor, w),
      runs,
      can: {
        edit: workshopsPolicy.canEdit(actor, w) && w.status === 'planifie',
        capture: workshopsPolicy.canCapture(actor, w) && w.status === 'planifie',
        attendance: workshopsPolicy.canRecordAttendance(actor, w) && w.status === 'planifie',
      },
      seats,
      waiting,
      captured,
      reportHtml: renderMarkdown(w.report_md),
      error,
    });
  }

  r.get('/ateliers/:id', requireLogin, async (req, res) => {
    await renderShow(req, res, await loadWorkshop(db, req.params.id));
  });

  r.post('/ateliers/:id/inscription', requireLogin, async (req, res) => {
    const actor = currentActor(req)!;
    const w = await loadWorkshop(db, req.params.id);
    authorize(workshopsPolicy.canView(actor, w));
    const input = registrationSchema.parse(req.body ?? {});
    const result = await registerToWorkshop(db, actor, w.id, input, req.id as string);
    if (!result.ok) return renderShow(req, res, (await findWorkshop(db, w.id))!, result.status ?? 409, Object.values(result.errors).join(' '));
    flash(
      req,
      'success',
      result.value.status === 'inscrit'
        ? t('workshops.registered', { title: result.value.title })
        : t('workshops.waitlisted', { title: result.value.title, position: result.value.position ?? 1 }),
    );
    res.redirect(303, `/ateliers/${w.id}`);
  });

  r.post('/ateliers/:id/desinscription', requireLogin, async (req, res) => {
    const actor = currentActor(req)!;
    const w = await loadWorkshop(db, req.params.id);
    authorize(workshopsPolicy.canView(actor, w));
    const result = await cancelRegistration(db, actor, w.id, req.id as string);
    if (!result.ok) return renderShow(req, res, (await findWorkshop(db, w.id))!, result.status ?? 409, Object.values(result.errors).join(' '));
    flash(req, 'success', t(result.value.previous === 'inscrit' ? 'workshops.cancelledRegistration' : 'workshops.cancelledWaiting', { title: result.value.title }));
    res.redirect(303, `/ateliers/${w.id}`);
  });

  // ---- Attendance, report, closing ------------------------------------------------------
  async function renderAttendance(res: Response, w: WorkshopRow, status: number, values: Record<string, unknown>, errors: FieldErrors, current: WorkshopRow | null = null) {
    const seats = await listRegistrations(db, w.id, 'inscrit');
    res.status(status).render('workshops/attendance', {
      title: `Présences et clôture — ${w.title}`,
      workshop: w,
      schedule: formatSchedule(w.starts_at, w.ends_at),
      seats,
      values,
      attendedSet: new Set(asList(values.attended)),
      errors,
      current: current ? { ...current, reportHtml: renderMarkdown(current.report_md) } : null,
    });
  }

  r.get('/ateliers/:id/presences', requireLogin, async (req, res) => {
    const w = await loadWorkshop(db, req.params.id);
    authorize(workshopsPolicy.canRecordAttendance(currentActor(req), w));
    const seats = await listRegistrations(db, w.id, 'inscrit');
    const values = { attended: seats.filter((s) => s.attended).map((s) => String(s.user_id)), anonymousAttendees: w.anonymous_attendees, reportMd: w.report_md, version: w.version };
    await renderAttendance(res, w, 200, values, {});
  });

  r.post('/ateliers/:id/presences', requireLogin, async (req, res) => {
    const actor = currentActor(req)!;
    const w = await loadWorkshop(db, req.params.id);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const close = one(body.action) === 'clore';
    authorize(close ? workshopsPolicy.canClose(actor, w) : workshopsPolicy.canRecordAttendance(actor, w));
    const parsed = attendanceSchema.safeParse(body);
    const result = parsed.success ? await (close ? closeWorkshop : recordAttendance)(db, actor, w.id, parsed.data, req.id as string) : null;
    if (!result?.ok) {
      const { status, errors } = failureOf(parsed, result);
      const current = result?.current ?? null;
      const values = current ? { ...body, version: current.version } : body;
      return renderAttendance(res, current ?? w, status, values, errors, current);
    }
    flash(req, 'success', t(close ? 'workshops.closed' : 'workshops.attendanceSaved', { title: w.title }));
    res.redirect(303, close ? `/ateliers/${w.id}` : `/ateliers/${w.id}/presences`);
  });

  r.get('/ateliers/:id/presences.csv', requireLogin, async (req, res) => {
    const w = await loadWorkshop(db, req.params.id);
    authorize(workshopsPolicy.canSeeRegistrants(currentActor(req), w));
    const lines = [...(await listRegistrations(db, w.id, 'inscrit')), ...(await listRegistrations(db, w.id, 'liste_attente'))];
    const csv = attendanceCsv({
      title: w.title,
      schedule: formatSchedule(w.starts_at, w.ends_at),
      anonymousAttendees: w.anonymous_attendees,
      lines,
      statusLabel: (s) => t(`workshops.registrationStatus.${s}`),
    });
    res.setHeader('Content-Disposition', `attachment; filename="atelier-${w.id}-presences.csv"`);
    res.setHeader('Cache-Control', 'no-store');
    res.type('text/csv; charset=utf-8').send(csv);
  });

  // ---- Live capture ----------------------------------------------------------------------
  async function renderCapture(
    res: Response,
    w: WorkshopRow,
    status: number,
    values: Record<string, unknown>,
    errors: FieldErrors,
  ) {
    const [allThemes, workshopThemes, seats, count, last] = await Promise.all([
      listThemes(db, w.consultation_id),
      themesOfWorkshops(db, [w.id]),
      listRegistrations(db, w.id, 'inscrit'),
      countWorkshopContributions(db, w.id),
      lastWorkshopContributions(db, w.id, LAST_CAPTURED),
    ]);
    // The workshop's own themes come first, so that their shortcuts are 1, 2, 3…
    const own = new Set((workshopThemes.get(w.id) ?? []).map((th) => Number(th.id)));
    const ordered = [...allThemes.filter((th) => own.has(Number(th.id))), ...allThemes.filter((th) => !own.has(Number(th.id)))];
    res.status(status).render('workshops/capture', {
      title: `Saisie en direct — ${w.title}`,
      workshop: w,
      themes: ordered.map((th, i) => ({ ...th, shortcut: i < 9 ? String(i + 1) : null, own: own.has(Number(th.id)) })),
      seats,
      count,
      last,
      values,
      errors,
    });
  }

  r.get('/ateliers/:id/saisie', requireLogin, async (req, res) => {
    const w = await loadWorkshop(db, req.params.id);
    authorize(workshopsPolicy.canCapture(currentActor(req), w));
    if (w.status !== 'planifie') {
      flash(req, 'error', t('workshops.capture.closed'));
      return res.redirect(303, `/ateliers/${w.id}`);
    }
    // The theme stays as it was for the next note (facilitators type a theme's sheets in a row).
    const theme = one(req.query.theme);
    const firstOwn = ((await themesOfWorkshops(db, [w.id])).get(w.id) ?? [])[0];
    const themeId = theme === 'a_classer' ? '' : parseIdOrNull(theme) ?? firstOwn?.id ?? '';
    await renderCapture(res, w, 200, { themeId: String(themeId), clientKey: crypto.randomUUID() }, {});
  });

  r.post('/ateliers/:id/saisie', requireLogin, async (req, res) => {
    const actor = currentActor(req)!;
    const w = await loadWorkshop(db, req.params.id);
    authorize(workshopsPolicy.canCapture(actor, w));
    const body = (req.body ?? {}) as Record<string, unknown>;
    const parsed = captureSchema.safeParse(body);
    const result = parsed.success ? await captureContribution(db, actor, w.id, parsed.data, req.id as string) : null;
    if (!result?.ok) {
      const { status, errors } = failureOf(parsed, result);
      if (wantsJson(req)) return res.status(status).json({ ok: false, errors });
      if (status === 409) {
        flash(req, 'error', Object.values(errors).join(' '));
        return res.redirect(303, `/ateliers/${w.id}`);
      }
      // What was typed stays, with the same client_key: sending it again still stores it once.
      return renderCapture(res, w, status, body, errors);
    }
    const { id, duplicate, count } = result.value;
    const message = duplicate ? t('workshops.capture.duplicate', { id }) : t('workshops.capture.saved', { id, count });
    if (wantsJson(req)) {
      const [entry] = await lastWorkshopContributions(db, w.id, 1);
      return res.status(duplicate ? 200 : 201).json({
        ok: true,
        id,
        duplicate,
        count,
        message,
        entry: entry && entry.id === id ? { id, body: entry.body, theme: entry.theme_title, author: entry.author_name } : null,
      });
    }
    flash(req, 'success', message);
    const theme = parsed.success ? (parsed.data.themeId ?? 'a_classer') : '';
    res.redirect(303, `/ateliers/${w.id}/saisie?theme=${theme}`);
  });

  return r;
}
