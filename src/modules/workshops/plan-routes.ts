import { Router, type Request, type Response } from 'express';
import type { AppDeps } from '../../shared/http/context';
import { authorize, currentActor, requireLogin } from '../../shared/http/guards';
import { NotFoundError, type FieldErrors } from '../../shared/http/errors';
import { formAction, found } from '../../shared/http/form-action';
import { parseId } from '../../shared/http/params';
import { t } from '../../shared/i18n';
import { listConsultations, listThemes } from '../consultations';
import { listStructures } from '../structures';
import { findUserById } from '../users';
import { workshopsPolicy } from './policy';
import { facilitatorChoices, findWorkshop, themesOfWorkshops, type WorkshopRow } from './queries';
import { formatSchedule, utcToParis } from './rules';
import { editWorkshopSchema, planQuery, workshopSchema } from './validation';
import { planWorkshop } from './plan-workshop';
import { updateWorkshop } from './update-workshop';

const asList = (v: unknown): string[] => (v == null || v === '' ? [] : Array.isArray(v) ? v.map(String) : [String(v)]);

/** Planning a workshop and editing it: one form, two addresses. */
export function planRoutes({ db }: AppDeps): Router {
  const r = Router();

  async function renderForm(
    res: Response,
    status: number,
    opts: { workshop: WorkshopRow | null; consultationId: number | null; values: Record<string, unknown>; errors: FieldErrors; current?: (WorkshopRow & { themeIds: number[] }) | null },
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

  async function formValuesOf(w: WorkshopRow): Promise<Record<string, unknown>> {
    const start = utcToParis(w.starts_at);
    const facilitator = w.facilitator_id ? await findUserById(db, w.facilitator_id) : undefined;
    const staff = facilitator && workshopsPolicy.canFacilitate(facilitator);
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

  r.get('/ateliers/nouveau', requireLogin, async (req, res) => {
    const actor = currentActor(req)!;
    authorize(workshopsPolicy.canPlan(actor));
    const consultations = await listConsultations(db);
    const chosen = planQuery.parse(req.query).consultation ?? (consultations.length === 1 ? consultations[0]!.id : null);
    if (!chosen || !consultations.some((c) => c.id === chosen)) {
      return res.render('workshops/choose-consultation', { title: 'Planifier un atelier', consultations });
    }
    const values = { consultationId: chosen, mode: 'presentiel', capacity: 20, startTime: '09:30', endTime: '12:00', facilitatorId: workshopsPolicy.canFacilitate(actor) ? actor.id : '' };
    await renderForm(res, 200, { workshop: null, consultationId: chosen, values, errors: {} });
  });

  r.post('/ateliers', formAction({
    // The consultation is chosen before the form: one that does not exist is a 404, not a field error.
    load: async (req) => planQuery.parse({ consultation: req.body?.consultationId }).consultation,
    allowed: (actor) => workshopsPolicy.canPlan(actor),
    schema: workshopSchema,
    run: (input, { req, actor, object: consultationId }) => {
      if (!consultationId) throw new NotFoundError();
      return planWorkshop(db, actor, input, req.id as string);
    },
    failed: ({ errors }, { res, object: consultationId, values }) => renderForm(res, 422, { workshop: null, consultationId, values, errors }),
    done: (w) => ({ to: `/ateliers/${w.id}`, flash: t('workshops.planned', { title: w.title }) }),
  }));

  const loadWorkshop = async (req: Request) => found(await findWorkshop(db, parseId(req.params.id)));

  r.get('/ateliers/:id/modifier', requireLogin, async (req, res) => {
    const w = await loadWorkshop(req);
    authorize(workshopsPolicy.canEdit(currentActor(req), w));
    await renderForm(res, 200, { workshop: w, consultationId: w.consultation_id, values: await formValuesOf(w), errors: {} });
  });

  r.post('/ateliers/:id/modifier', formAction({
    load: loadWorkshop,
    allowed: (actor, w) => workshopsPolicy.canEdit(actor, w),
    schema: editWorkshopSchema,
    // A workshop stays in its consultation.
    input: (body, w) => ({ ...body, consultationId: w.consultation_id }),
    run: (input, { req, actor, object: w }) => updateWorkshop(db, actor, w.id, input, req.id as string),
    failed: ({ status, errors, result }, { res, object: w, values }) => {
      const current = result?.current ?? null;
      const body = { ...values, consultationId: w.consultation_id };
      // After a conflict, the next save is made against the version now stored.
      return renderForm(res, status, { workshop: current ?? w, consultationId: w.consultation_id, values: current ? { ...body, version: current.version } : body, errors, current });
    },
    done: (v, { object: w }) => ({ to: `/ateliers/${w.id}`, flash: t('workshops.updated', { title: v.title }) }),
  }));

  return r;
}
