import { Router, type Request, type Response } from 'express';
import type { AppDeps } from '../../shared/http/context';
import { allow } from '../../shared/http/guards';
import { formAction, found } from '../../shared/http/form-action';
import type { FieldErrors } from '../../shared/http/errors';
import { parseId } from '../../shared/http/params';
import { utcToParis } from '../../shared/paris-time';
import { t } from '../../shared/i18n';
import { findConsultationBySlug, type ConsultationRow } from '../consultations';
import { openStep } from './open-step';
import { prioritisationPolicy } from './policy';
import { findStep, listSteps, type StepWithConsultation } from './queries';
import { BUDGET_DEFAULT, BUDGET_MAX, stepState } from './rules';
import { updateStep } from './update-step';
import { stepSchema } from './validation';

/** The DSI's pages: the steps of a consultation, opening one, changing one. */
export function adminRoutes({ db }: AppDeps): Router {
  const r = Router();
  const loadConsultation = async (req: Request): Promise<ConsultationRow> => found(await findConsultationBySlug(db, String(req.params.slug).slice(0, 100)));
  const loadStep = async (req: Request): Promise<StepWithConsultation> => found(await findStep(db, parseId(req.params.id)));

  /** A step's dates as the form shows them: Paris day and time. */
  const formValues = (s: StepWithConsultation) => {
    const start = utcToParis(s.starts_at);
    const end = utcToParis(s.ends_at);
    return { title: s.title, startDay: start.day, startTime: start.time, endDay: end.day, endTime: end.time, budget: String(s.budget), whitepaperOrder: s.whitepaper_order, version: s.version };
  };

  async function renderList(res: Response, consultation: ConsultationRow, values: Record<string, unknown>, errors: FieldErrors, status = 200) {
    const now = new Date();
    const steps = (await listSteps(db, consultation.id)).map((s) => ({ ...s, state: stepState(s, now) }));
    res.status(status).render('prioritisation/admin', {
      title: `Priorisation — ${consultation.title}`,
      consultation,
      steps,
      values,
      errors,
      budgetMax: BUDGET_MAX,
      stateLabel: (s: string) => t(`prioritisation.state.${s}`),
    });
  }

  r.get('/admin/consultations/:slug/priorisation', allow(prioritisationPolicy.canManage), async (req, res) => {
    const consultation = await loadConsultation(req);
    await renderList(res, consultation, { budget: String(BUDGET_DEFAULT), startTime: '09:00', endTime: '18:00' }, {});
  });

  r.post('/admin/consultations/:slug/priorisation', formAction({
    load: loadConsultation,
    allowed: (actor) => prioritisationPolicy.canManage(actor),
    schema: stepSchema,
    run: (input, { req, actor, object: consultation }) => openStep(db, actor, consultation.id, input, req.id as string),
    failed: ({ status, errors }, { res, object: consultation, values }) => renderList(res, consultation, values, errors, status),
    done: (v, { object: consultation }) => ({ to: `/admin/consultations/${consultation.slug}/priorisation`, flash: t('prioritisation.stepOpened', { title: v.title }) }),
  }));

  async function renderEdit(res: Response, step: StepWithConsultation, values: Record<string, unknown>, errors: FieldErrors, status = 200) {
    const consultation = (await findConsultationBySlug(db, step.consultation_slug))!;
    res.status(status).render('prioritisation/edit', {
      title: `${step.title} — ${consultation.title}`,
      consultation,
      step,
      state: stepState(step, new Date()),
      current: formValues(step),
      values,
      errors,
      budgetMax: BUDGET_MAX,
      stateLabel: (s: string) => t(`prioritisation.state.${s}`),
    });
  }

  r.get('/admin/priorisations/:id', allow(prioritisationPolicy.canManage), async (req, res) => {
    const step = await loadStep(req);
    await renderEdit(res, step, formValues(step), {});
  });

  r.post('/admin/priorisations/:id', formAction({
    load: loadStep,
    allowed: (actor) => prioritisationPolicy.canManage(actor),
    schema: stepSchema,
    run: (input, { req, actor, object: step }) => updateStep(db, actor, step.id, input, req.id as string),
    // After a conflict the form shows the step as it is now next to what was typed.
    failed: async ({ status, errors }, { res, object: step, values }) => renderEdit(res, (await findStep(db, step.id)) ?? step, values, errors, status),
    done: (v, { object: step }) => ({ to: `/admin/consultations/${step.consultation_slug}/priorisation`, flash: t('prioritisation.stepUpdated', { title: v.title }) }),
  }));

  return r;
}
