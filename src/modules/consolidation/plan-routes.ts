import { Router, type Request, type Response } from 'express';
import type { AppDeps } from '../../shared/http/context';
import { allow, authorize, currentActor } from '../../shared/http/guards';
import { NotFoundError, type FieldErrors } from '../../shared/http/errors';
import { formAction, found, type FormActor } from '../../shared/http/form-action';
import { parseId } from '../../shared/http/params';
import { t } from '../../shared/i18n';
import { findConsultationBySlug } from '../consultations';
import { planFor } from '../similarity';
import { applyPlan, type PlanConflict } from './apply-plan';
import { overlay, planView } from './plan-present';
import { consolidationPolicy } from './policy';
import { lastPlanOf, liveConsolidated } from './queries';
import { loadWorkPage, workableThemes, type WorkPage } from './scope';
import { undoPlan } from './undo-plan';
import { planFormParser, themeQuery } from './validation';

/**
 * The consolidation plan of a theme — the ambassador's main screen: every unprocessed contribution
 * laid out in proposed groups, adjusted with plain form fields, applied in one submission; after it,
 * the ambassador stays on the plan with what is left. « Annuler mon dernier plan » undoes it.
 */
export function planRoutes({ db }: AppDeps): Router {
  const r = Router();
  const staff = allow(consolidationPolicy.canEnter);
  const mayRead = (actor: FormActor) => consolidationPolicy.canRead(actor);
  const loadPage = async (req: Request, actor: FormActor) => loadWorkPage(db, actor, found(await findConsultationBySlug(db, String(req.params.slug))));
  const planUrl = (p: WorkPage, themeId: number) => `/consultations/${p.consultation.slug}/consolidation/plan?theme=${themeId}`;

  /** The theme a plan is about: one of the consultation's (« à classer » is classified first, on its list). */
  function themeOf(p: WorkPage, id: unknown) {
    const theme = p.themes.find((th) => th.id === id);
    if (!theme) throw new NotFoundError();
    return theme;
  }

  async function render(res: Response, p: WorkPage, themeId: number, extra: { errors?: FieldErrors; values?: Record<string, unknown>; conflicts?: PlanConflict[] } = {}) {
    const theme = themeOf(p, themeId);
    const plan = await planFor(db, p.consultation.id, { themeId });
    const live = await liveConsolidated(db, p.consultation.id, workableThemes(p).map((th) => th.id).concat(themeId));
    let view = planView(plan, live);
    if (extra.values) view = overlay(view, extra.values);
    const last = await lastPlanOf(db, p.consultation.id, p.actor.id);
    res.render('consolidation/plan', {
      title: `Plan de consolidation — ${theme.title}`, consultation: p.consultation, theme, view, last,
      errors: extra.errors ?? {}, conflicts: extra.conflicts ?? [], canWork: consolidationPolicy.canWorkOn(p.actor, p.scope, themeId),
    });
  }

  r.get('/consultations/:slug/consolidation/plan', staff, async (req, res) => {
    const actor = currentActor(req)!;
    const p = await loadPage(req, actor);
    authorize(mayRead(actor));
    const key = themeQuery.parse(req.query).theme;
    if (key === 'a_classer') return res.redirect(303, `/consultations/${p.consultation.slug}/consolidation/a-traiter?theme=a_classer`);
    await render(res, p, themeOf(p, key).id);
  });

  r.post('/consultations/:slug/consolidation/plan', staff, formAction({
    load: loadPage,
    allowed: mayRead,
    schema: planFormParser,
    run: (input, { req, actor, object: p }) => {
      themeOf(p, input.themeId);
      return applyPlan(db, actor, p.scope, input, req.id as string);
    },
    failed: async ({ errors }, { res, object: p, values }) => {
      const themeId = Number(values.themeId);
      if (!p.themes.some((th) => th.id === themeId)) throw new NotFoundError();
      await render(res, p, themeId, { errors, values });
    },
    done: async (v, { res, object: p }, input) => {
      const message = v.planId
        ? t('consolidation.planApplied', { linked: v.linked, attached: v.attached, created: v.created.length, aside: v.setAside })
        : v.conflicts.length ? '' : t('consolidation.planNothing');
      if (!v.conflicts.length) return { to: planUrl(p, input.themeId), flash: message };
      // Some parts could not be applied: the plan again, with what is left and each conflict explained.
      if (message) res.locals.flash = [...(res.locals.flash ?? []), { kind: 'success', message }];
      res.status(409);
      await render(res, p, input.themeId, { conflicts: v.conflicts });
    },
  }));

  r.post('/consultations/:slug/consolidation/plan/annuler', staff, formAction({
    load: loadPage,
    allowed: mayRead,
    schema: { safeParse: (input: unknown) => ({ success: true as const, data: { planId: parseId((input as Record<string, unknown>)?.planId), themeId: parseId((input as Record<string, unknown>)?.themeId) } }) },
    run: (input, { req, actor, object: p }) => undoPlan(db, actor, p.scope, input.planId, req.id as string),
    failed: async ({ errors }, { res, object: p, values }) => render(res, p, themeOf(p, Number(values.themeId)).id, { errors }),
    done: (v, { object: p }, input) => ({
      to: planUrl(p, themeOf(p, input.themeId).id),
      flash: t('consolidation.planUndone', { detached: v.detached, back: v.broughtBack, withdrawn: v.withdrawn.length }),
    }),
  }));

  return r;
}
