import { Router, type Request, type Response } from 'express';
import type { AppDeps } from '../../shared/http/context';
import { allow, authorize, currentActor } from '../../shared/http/guards';
import type { FieldErrors } from '../../shared/http/errors';
import { flash } from '../../shared/http/flash';
import { formAction, found, noFields, type FormAction, type FormActor, type FormFailure, type FormContext, type Outcome } from '../../shared/http/form-action';
import { parseId } from '../../shared/http/params';
import { t } from '../../shared/i18n';
import { findConsultationById } from '../consultations';
import { authorLabel } from '../contributions';
import { needsSupportedBy } from '../needs';
import { similarConsolidated, similarRawContributions } from '../similarity';
import { consolidationPolicy } from './policy';
import { activeLinksOfRaw, findRaw, listConsolidated, rawDetails } from './queries';
import { loadWorkPage, workableThemes } from './scope';
import { classifySchema, extractSchema, outOfScopeSchema } from './validation';
import { markOutOfScope } from './mark-out-of-scope';
import { bringBackInScope } from './bring-back-in-scope';
import { cutExtract } from './cut-extract';
import { classifyContribution } from './classify-contribution';

/** One raw contribution's working page: where it went, its neighbours, and the forms that process it. */
export function rawRoutes({ db }: AppDeps): Router {
  const r = Router();
  // Who may enter consolidation at all, decided before anything is loaded: a contributor never learns which id exists.
  const staff = allow(consolidationPolicy.canEnter);

  /** The raw contribution, and its consultation's work page (the actor's scope and the themes). */
  async function loadRaw(req: Request, actor: FormActor) {
    const raw = found(await findRaw(db, parseId(req.params.id)));
    return { raw, ...(await loadWorkPage(db, actor, found(await findConsultationById(db, raw.consultation_id)))) };
  }
  type Loaded = Awaited<ReturnType<typeof loadRaw>>;
  const onRaw = <I, R extends Outcome>(spec: Omit<FormAction<Loaded, I, R>, 'load' | 'allowed'>) =>
    formAction({ load: loadRaw, allowed: (actor) => consolidationPolicy.canRead(actor), ...spec });
  const back = (s: Loaded) => `/consolidation/contributions/${s.raw.id}`;

  async function renderRaw(res: Response, s: Loaded, errors: FieldErrors = {}, values: Record<string, unknown> = {}) {
    const { actor, raw, consultation, scope, themes } = s;
    const [detail] = await rawDetails(db, [raw.id]);
    const author = authorLabel(actor, { ...detail!, author_name: detail!.author_label });
    // Integration point with the similarity module: ranked neighbours of this contribution.
    const [similarRaw, similarCc, links] = await Promise.all([
      similarRawContributions(db, raw.id, 8),
      similarConsolidated(db, raw.id, 8),
      activeLinksOfRaw(db, raw.id),
    ]);
    // The needs each consolidated contribution supports: the raw contribution's way to the white paper.
    const needsOf = await needsSupportedBy(db, links.map((l) => l.consolidated_id));
    const workable = workableThemes(s);
    const targets = workable.length ? await listConsolidated(db, consultation.id, workable.map((th) => th.id)) : [];
    res.render('consolidation/raw', {
      title: `Contribution ${raw.reference || 'n° ' + raw.id}`,
      raw: detail, author, consultation, links, needsOf, similarRaw, similarCc, targets, themes, errors, values,
      canWork: consolidationPolicy.canWorkOn(actor, scope, raw.theme_id),
      themeTitle: (id: number | null) => (id === null ? 'À classer' : (themes.find((th) => th.id === id)?.title ?? '—')),
    });
  }
  /** A refused form shows the page again with its errors and what was typed. */
  const showAgain = ({ errors }: FormFailure<unknown>, { res, object: s, values }: FormContext<Loaded>) => renderRaw(res, s, errors, values);

  r.get('/consolidation/contributions/:id', staff, async (req, res) => {
    const actor = currentActor(req)!;
    const s = await loadRaw(req, actor);
    authorize(consolidationPolicy.canRead(actor));
    await renderRaw(res, s);
  });

  r.post('/consolidation/contributions/:id/hors-perimetre', staff, onRaw({
    schema: outOfScopeSchema,
    run: (input, { req, actor, object: s }) => markOutOfScope(db, actor, s.scope, s.raw.id, input.reason, req.id as string),
    failed: showAgain,
    done: (_, { object: s }) => ({ to: back(s), flash: t('consolidation.outOfScope') }),
  }));

  r.post('/consolidation/contributions/:id/reintegrer', staff, onRaw({
    schema: noFields,
    run: (_, { req, actor, object: s }) => bringBackInScope(db, actor, s.scope, s.raw.id, req.id as string),
    // A one-button form: the refusal is flashed above the page.
    failed: ({ errors }, { req, res, object: s }) => {
      flash(req, 'error', Object.values(errors).join(' '));
      res.redirect(303, back(s));
    },
    done: (_, { object: s }) => ({ to: back(s), flash: t('consolidation.backInScope') }),
  }));

  r.post('/consolidation/contributions/:id/classer', staff, onRaw({
    schema: classifySchema,
    run: (input, { req, actor, object: s }) => classifyContribution(db, actor, s.scope, s.raw.id, input.themeId, req.id as string),
    failed: showAgain,
    // The inbox classifies too, and is where one goes back to (only a page of consolidation, never another site).
    done: (v, { object: s, values }) => ({
      to: typeof values.retour === 'string' && values.retour.startsWith('/consultations/') ? values.retour : back(s),
      flash: t('consolidation.classified', { theme: v.theme }),
    }),
  }));

  r.post('/consolidation/contributions/:id/extraits', staff, onRaw({
    schema: extractSchema,
    run: (input, { req, actor, object: s }) => cutExtract(db, actor, s.scope, s.raw.id, input, req.id as string),
    failed: showAgain,
    done: (v, { object: s }) => ({ to: back(s), flash: t('consolidation.extracted', { code: v.code ?? '' }) }),
  }));

  return r;
}
