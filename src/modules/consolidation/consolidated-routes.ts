import { Router, type Request, type Response } from 'express';
import type { AppDeps } from '../../shared/http/context';
import { allow, authorize, currentActor } from '../../shared/http/guards';
import type { FieldErrors } from '../../shared/http/errors';
import { flash } from '../../shared/http/flash';
import { formAction, found, noFields, type FormAction, type FormActor, type Outcome } from '../../shared/http/form-action';
import { parseId } from '../../shared/http/params';
import { renderMarkdown } from '../../shared/markdown';
import { t } from '../../shared/i18n';
import { findConsultationById } from '../consultations';
import { authorLabel } from '../contributions';
import { needsSupportedBy } from '../needs';
import { consolidationPolicy } from './policy';
import { findConsolidated, linksOfConsolidated, rawDetails, type ConsolidatedRow, type RawDetail } from './queries';
import { loadWorkPage, workableThemes } from './scope';
import { splitSchema, updateSchema } from './validation';
import { updateConsolidated } from './update-consolidated';
import { detachLink } from './detach-link';
import { splitConsolidated } from './split-consolidated';

interface PageState {
  values?: Record<string, unknown>;
  errors?: FieldErrors;
  current?: ConsolidatedRow | null;
  split?: Record<string, unknown>;
  splitErrors?: FieldErrors;
}

/** The split form shares the page with the edit form, so its fields are prefixed (unique ids): these are its own. */
const SPLIT_FIELDS = new Set(['title', 'bodyMd', 'themeId']);
const splitField = (k: string) => (SPLIT_FIELDS.has(k) ? `split${k[0]!.toUpperCase()}${k.slice(1)}` : k);

/** One consolidated contribution: its page, its edit form, detaching a link, splitting it. */
export function consolidatedRoutes({ db }: AppDeps): Router {
  const r = Router();
  // Who may enter consolidation at all, decided before anything is loaded: a contributor never learns which id exists.
  const staff = allow(consolidationPolicy.canEnter);

  /** The consolidated contribution, and its consultation's work page (the actor's scope and the themes). */
  async function loadConsolidated(req: Request, actor: FormActor) {
    const cc = found(await findConsolidated(db, parseId(req.params.id)));
    return { cc, ...(await loadWorkPage(db, actor, found(await findConsultationById(db, cc.consultation_id)))) };
  }
  type Loaded = Awaited<ReturnType<typeof loadConsolidated>>;
  const onConsolidated = <I, R extends Outcome>(spec: Omit<FormAction<Loaded, I, R>, 'load' | 'allowed'>) =>
    formAction({ load: loadConsolidated, allowed: (actor) => consolidationPolicy.canRead(actor), ...spec });
  const back = (s: Loaded) => `/consolidees/${s.cc.id}`;

  async function renderConsolidated(res: Response, s: Loaded, state: PageState = {}) {
    const { actor, cc, consultation, scope, themes } = s;
    const links = await linksOfConsolidated(db, cc.id);
    const details = new Map((await rawDetails(db, [...new Set(links.map((l) => l.raw_contribution_id))])).map((d) => [d.id, d]));
    const author = (d: RawDetail | undefined) => (!d ? '' : authorLabel(actor, { ...d, author_name: d.author_label }));
    const splitFrom = cc.split_from_id ? await findConsolidated(db, cc.split_from_id) : null;
    const shown = state.current ?? cc;
    // Traces both ways: the needs this contribution supports, as the raw contribution's page shows them.
    const needs = (await needsSupportedBy(db, [cc.id])).get(cc.id) ?? [];
    res.render('consolidation/show', {
      title: `${cc.code ?? 'Contribution consolidée'} — ${cc.title}`,
      cc, consultation, links, details, author, splitFrom, needs, canEdit: consolidationPolicy.canWorkOn(actor, scope, cc.theme_id),
      bodyHtml: renderMarkdown(cc.body_md), currentHtml: state.current ? renderMarkdown(state.current.body_md) : '',
      theme: themes.find((th) => th.id === cc.theme_id), themes: workableThemes(s), allThemes: themes,
      values: state.values ?? { title: shown.title, bodyMd: shown.body_md, themeId: shown.theme_id, version: shown.version },
      errors: state.errors ?? {}, current: state.current ?? null,
      split: state.split ?? { splitThemeId: cc.theme_id, version: cc.version }, splitErrors: state.splitErrors ?? {},
    });
  }

  r.get('/consolidees/:id', staff, async (req, res) => {
    const actor = currentActor(req)!;
    const s = await loadConsolidated(req, actor);
    authorize(consolidationPolicy.canRead(actor));
    await renderConsolidated(res, s);
  });

  r.post('/consolidees/:id', staff, onConsolidated({
    schema: updateSchema,
    run: (input, { req, actor, object: s }) => updateConsolidated(db, actor, s.scope, s.cc.id, input, req.id as string),
    failed: ({ errors, result }, { res, object: s, values }) => renderConsolidated(res, s, { values, errors, current: result?.current ?? null }),
    done: (v, { object: s }) => ({ to: back(s), flash: t('consolidation.updated', { code: v.code ?? '' }) }),
  }));

  r.post('/consolidees/:id/liens/:linkId/detacher', staff, onConsolidated({
    schema: noFields,
    run: (_, { req, actor, object: s }) => detachLink(db, actor, s.scope, s.cc.id, parseId(req.params.linkId), req.id as string),
    // A one-button form: the refusal is flashed above the page, as it is now.
    failed: ({ errors }, { req, res, object: s }) => {
      flash(req, 'error', Object.values(errors).join(' '));
      res.redirect(303, back(s));
    },
    done: (_, { object: s }) => ({ to: back(s), flash: t('consolidation.detached') }),
  }));

  r.post('/consolidees/:id/scinder', staff, onConsolidated({
    schema: splitSchema,
    input: (body) => ({ linkIds: body.linkIds, version: body.version, title: body.splitTitle, bodyMd: body.splitBodyMd, themeId: body.splitThemeId }),
    run: (input, { req, actor, object: s }) => splitConsolidated(db, actor, s.scope, s.cc.id, input, req.id as string),
    failed: ({ errors, result }, { res, object: s, values }) => {
      const splitErrors = Object.fromEntries(Object.entries(errors).map(([k, v]) => [splitField(k), v]));
      return renderConsolidated(res, s, { split: values, splitErrors, current: result?.current ?? null });
    },
    done: (v) => ({ to: `/consolidees/${v.id}`, flash: t('consolidation.split', { code: v.code, from: v.from ?? '' }) }),
  }));

  return r;
}
