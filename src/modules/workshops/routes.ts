import { Router, type Request, type Response } from 'express';
import type { AppDeps } from '../../shared/http/context';
import { authorize, currentActor, requireLogin } from '../../shared/http/guards';
import { formAction, found, noFields, type FormActor, type FormFailure } from '../../shared/http/form-action';
import { parseId } from '../../shared/http/params';
import { renderMarkdown } from '../../shared/markdown';
import { t } from '../../shared/i18n';
import { listConsultations, listThemes } from '../consultations';
import { workshopsPolicy } from './policy';
import {
  countWorkshopContributions, countWorkshops, findRegistration, findWorkshop, listRegistrations, listWorkshops, regionsWithStructures, themesOfWorkshops, waitingPosition,
  type WorkshopFilter, type WorkshopRow,
} from './queries';
import { formatSchedule, nextDay, parisToUtc, placesLeft } from './rules';
import { registrationSchema, workshopListQuery } from './validation';
import { registerToWorkshop } from './register-to-workshop';
import { cancelRegistration } from './cancel-registration';
import { planRoutes } from './plan-routes';
import { captureRoutes } from './capture-routes';

const PAGE_SIZE = 20;

/** Workshops: finding them, a workshop's page and registration here; planning, attendance and live capture in their own routers. */
export function workshopsRoutes(deps: AppDeps): Router {
  const { db } = deps;
  const r = Router();

  r.get('/ateliers', requireLogin, async (req, res) => {
    authorize(workshopsPolicy.canBrowse(currentActor(req)));
    const q = workshopListQuery.parse(req.query);
    const filter: WorkshopFilter = {
      consultationId: q.consultation,
      region: q.region,
      themeId: q.theme,
      fromIso: q.du ? parisToUtc(q.du, '00:00')!.toISOString() : null,
      toIso: q.au ? parisToUtc(nextDay(q.au), '00:00')!.toISOString() : null,
      when: q.quand,
      now: new Date(),
    };
    // Once a consultation is over nothing is to come: rather than « 0 atelier » by default, the most
    // recent ones (a period chosen by the person is kept, even when empty).
    let fellBack = false;
    if (!q.quandChosen && (await countWorkshops(db, filter)) === 0) {
      filter.when = 'passes';
      q.quand = 'passes';
      fellBack = true;
    }
    const page = q.page;
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
    if (q.du) params.set('du', q.du);
    if (q.au) params.set('au', q.au);
    params.set('quand', q.quand);
    const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
    const pageHref = (n: number) => `/ateliers?${params.toString()}&page=${n}`;
    res.render('workshops/list', {
      title: 'Ateliers',
      workshops: rows.map((w) => ({ ...w, schedule: formatSchedule(w.starts_at, w.ends_at), themes: themes.get(w.id) ?? [], left: placesLeft(w.capacity, w.registered) })),
      filter: { consultation: filter.consultationId ?? '', region: filter.region ?? '', theme: filter.themeId ?? '', du: q.du ?? '', au: q.au ?? '', quand: q.quand },
      consultations,
      regions,
      themeGroups,
      total,
      page,
      pages,
      prevHref: page > 1 ? pageHref(page - 1) : null,
      nextHref: page < pages ? pageHref(page + 1) : null,
      canPlan: workshopsPolicy.canPlan(currentActor(req)),
      fellBack,
    });
  });

  r.use(planRoutes(deps));

  async function renderShow(res: Response, actor: FormActor, w: WorkshopRow, status = 200, error: string | null = null) {
    authorize(workshopsPolicy.canView(actor, w));
    const [themes, mine, position] = await Promise.all([themesOfWorkshops(db, [w.id]), findRegistration(db, w.id, actor.id), waitingPosition(db, w.id, actor.id)]);
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

  const loadWorkshop = async (req: Request) => found(await findWorkshop(db, parseId(req.params.id)));
  /** A refused registration shows the page again, as it is now, with the reason above the buttons. */
  const showAgain = async ({ status, errors }: FormFailure<unknown>, { res, actor, object: w }: { res: Response; actor: FormActor; object: WorkshopRow }) =>
    renderShow(res, actor, (await findWorkshop(db, w.id))!, status, Object.values(errors).join(' '));

  r.get('/ateliers/:id', requireLogin, async (req, res) => {
    await renderShow(res, currentActor(req)!, await loadWorkshop(req));
  });

  r.post('/ateliers/:id/inscription', formAction({
    load: loadWorkshop,
    allowed: (actor, w) => workshopsPolicy.canView(actor, w),
    schema: registrationSchema,
    run: (input, { req, actor, object: w }) => registerToWorkshop(db, actor, w.id, input, req.id as string),
    failed: showAgain,
    done: (v, { object: w }) => ({
      to: `/ateliers/${w.id}`,
      flash: v.status === 'inscrit' ? t('workshops.registered', { title: v.title }) : t('workshops.waitlisted', { title: v.title, position: v.position ?? 1 }),
    }),
  }));

  r.post('/ateliers/:id/desinscription', formAction({
    load: loadWorkshop,
    allowed: (actor, w) => workshopsPolicy.canView(actor, w),
    schema: noFields,
    run: (_, { req, actor, object: w }) => cancelRegistration(db, actor, w.id, req.id as string),
    failed: showAgain,
    done: (v, { object: w }) => ({ to: `/ateliers/${w.id}`, flash: t(v.previous === 'inscrit' ? 'workshops.cancelledRegistration' : 'workshops.cancelledWaiting', { title: v.title }) }),
  }));

  r.use(captureRoutes(deps));
  return r;
}
