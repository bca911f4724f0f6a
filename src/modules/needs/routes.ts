import { Router, type Request, type Response } from 'express';
import type { AppDeps } from '../../shared/http/context';
import { authorize, currentActor, requireLogin } from '../../shared/http/guards';
import { NotFoundError, type FieldErrors } from '../../shared/http/errors';
import { formAction, noFields, type FormActor } from '../../shared/http/form-action';
import { t } from '../../shared/i18n';
import { findConsultationBySlug, listThemes, type ConsultationRow } from '../consultations';
import { needsPolicy, type NeedsContext } from './policy';
import { listNeeds, needsContext, type NeedRow } from './queries';
import { funnel } from './trace';
import { needSchema, newNeedQuery } from './validation';
import { createNeed } from './create-need';
import { renumberNeeds } from './renumber-needs';
import { needRoutes } from './need-routes';
import { proposalRoutes } from './proposal-routes';

/** Needs: the per-consultation pages here, one need's page and one proposal's page in their own routers. */
export function needsRoutes(deps: AppDeps): Router {
  const { db } = deps;
  const r = Router();

  async function consultationOf(req: Request): Promise<ConsultationRow> {
    const slug = req.params.slug;
    const c = typeof slug === 'string' ? await findConsultationBySlug(db, slug) : undefined;
    if (!c) throw new NotFoundError();
    return c;
  }
  /** The consultation and the actor's place in it (their themes, whether consolidation is open). */
  const loadConsultation = async (req: Request, actor: FormActor) => {
    const consultation = await consultationOf(req);
    return { consultation, ctx: await needsContext(db, actor, consultation) };
  };

  r.get('/consultations/:slug/besoins', requireLogin, async (req, res) => {
    const actor = currentActor(req)!;
    const consultation = await consultationOf(req);
    authorize(needsPolicy.canRead(actor));
    const ctx = await needsContext(db, actor, consultation);
    const [themes, needs] = await Promise.all([listThemes(db, consultation.id), listNeeds(db, consultation.id)]);
    res.render('needs/list', {
      title: `Besoins — ${consultation.title}`,
      consultation,
      groups: themes.map((th) => ({ theme: th, needs: needs.filter((n) => n.theme_id === th.id), canCreate: needsPolicy.canCreateIn(actor, ctx, th.id) })),
      total: needs.length,
      canEditNeed: (n: NeedRow) => needsPolicy.canEdit(actor, ctx, n),
      canRenumber: needsPolicy.canRenumber(actor),
    });
  });

  async function renderNew(res: Response, actor: FormActor, s: { consultation: ConsultationRow; ctx: NeedsContext }, values: Record<string, unknown>, errors: FieldErrors, status = 200) {
    const themes = (await listThemes(db, s.consultation.id)).filter((th) => needsPolicy.canCreateIn(actor, s.ctx, th.id));
    res.status(status).render('needs/new', { title: 'Nouveau besoin', consultation: s.consultation, themes, values, errors });
  }

  r.get('/consultations/:slug/besoins/nouveau', requireLogin, async (req, res) => {
    const actor = currentActor(req)!;
    const s = await loadConsultation(req, actor);
    authorize(needsPolicy.canDraftAny(actor, s.ctx));
    await renderNew(res, actor, s, { themeId: newNeedQuery.parse(req.query).theme }, {});
  });

  r.post('/consultations/:slug/besoins', formAction({
    load: loadConsultation,
    allowed: (actor, s) => needsPolicy.canDraftAny(actor, s.ctx),
    schema: needSchema,
    run: (input, { req, actor, object: s }) => {
      authorize(needsPolicy.canCreateIn(actor, s.ctx, input.themeId));
      return createNeed(db, actor, s.consultation.id, input, req.id as string);
    },
    failed: ({ status, errors }, { res, actor, object, values }) => renderNew(res, actor, object, values, errors, status),
    done: (need) => ({ to: `/besoins/${need.id}`, flash: t('needs.created', { code: need.code }) }),
  }));

  r.post('/consultations/:slug/besoins/renumeroter', formAction({
    load: (req) => consultationOf(req),
    allowed: (actor) => needsPolicy.canRenumber(actor),
    schema: noFields,
    run: (_, { req, actor, object: consultation }) => renumberNeeds(db, actor, consultation.id, req.id as string),
    // The list is shown again either way: renumbering has no form to fill in.
    failed: (_, { res, object: consultation }) => res.redirect(303, `/consultations/${consultation.slug}/besoins`),
    done: (v, { object: consultation }) => ({ to: `/consultations/${consultation.slug}/besoins`, flash: t('needs.renumbered', { count: v.changed }) }),
  }));

  r.get('/consultations/:slug/entonnoir', requireLogin, async (req, res) => {
    const consultation = await consultationOf(req);
    authorize(needsPolicy.canRead(currentActor(req)));
    res.render('needs/funnel', { title: `Entonnoir — ${consultation.title}`, consultation, funnel: await funnel(db, consultation.id) });
  });

  r.use(needRoutes(deps));
  r.use(proposalRoutes(deps));
  return r;
}
