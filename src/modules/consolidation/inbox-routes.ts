import { Router, type Request, type RequestHandler, type Response } from 'express';
import type { AppDeps } from '../../shared/http/context';
import { allow, authorize, currentActor } from '../../shared/http/guards';
import { NotFoundError, invalid, type FieldErrors } from '../../shared/http/errors';
import { parseIdOrNull } from '../../shared/http/params';
import { formAction, found, type FormActor } from '../../shared/http/form-action';
import { t } from '../../shared/i18n';
import { findConsultationBySlug } from '../consultations';
import { suggestGroupsFor, titleFrom } from '../similarity';
import { consolidationPolicy } from './policy';
import { ambassadorsOf, consultationsFor, countNotCovered, listConsolidated, listNotCovered, listToProcess, rawByIds, statusCounts, targetsByIdOrCode, type RawListItem, type ThemeLite } from './queries';
import { closestTargets } from './closest-targets';
import { setAsideSelection } from './set-aside-selection';
import { MAX_SELECTION, progressOf, uniqueIds } from './rules';
import { loadWorkPage, myThemes, workableThemes, type WorkPage } from './scope';
import { attachByCodeSchema, coverageQuery, createSchema, selectionOperation, setAsideSchema, suggestionsQuery, themeQuery } from './validation';
import { createConsolidated } from './create-consolidated';
import { attachContributions } from './attach-contributions';

const LIST_LIMIT = 500;

/** A theme key of the query string → that theme's id, or null (« à classer »); undefined when absent or not of this consultation. */
function themeOf(key: number | 'a_classer' | null, themes: ThemeLite[]): number | null | undefined {
  if (key === 'a_classer') return null;
  return themes.some((th) => th.id === key) ? key! : undefined;
}

/** A consultation's consolidation: the inbox, the list to process and its selection, coverage, suggested groups. */
export function inboxRoutes({ db }: AppDeps): Router {
  const r = Router();
  // Who may enter consolidation at all, decided before anything is loaded: a contributor never learns which consultation or id exists.
  const staff = allow(consolidationPolicy.canEnter);
  const mayRead = (actor: FormActor) => consolidationPolicy.canRead(actor);

  const loadPage = async (req: Request, actor: FormActor) => loadWorkPage(db, actor, found(await findConsultationBySlug(db, String(req.params.slug))));
  /** The pages without a form: load the consultation, then ask the policy about it. */
  async function page(req: Request): Promise<WorkPage> {
    const actor = currentActor(req)!;
    const p = await loadPage(req, actor);
    authorize(mayRead(actor));
    return p;
  }

  r.get('/consolidation', staff, async (req, res) => {
    const list = await consultationsFor(db, currentActor(req)!);
    if (list.length === 1) return res.redirect(303, `/consultations/${list[0]!.slug}/consolidation`);
    res.render('consolidation/choose', { title: 'Consolidation', consultations: list });
  });

  r.get('/consultations/:slug/consolidation', staff, async (req, res) => {
    const p = await page(req);
    const { actor, consultation, scope, themes } = p;
    const byTheme = new Map<number | null, Record<string, number>>();
    for (const c of await statusCounts(db, consultation.id)) {
      const m = byTheme.get(c.theme_id) ?? {};
      m[c.status] = (m[c.status] ?? 0) + c.n;
      byTheme.set(c.theme_id, m);
    }
    const mine = myThemes(p);
    const rows = mine.map((th) => ({ theme: th, progress: progressOf(byTheme.get(th.id) ?? {}) }));
    const toClassify = progressOf(byTheme.get(null) ?? {});
    const overall = progressOf(
      [...mine.map((th) => byTheme.get(th.id) ?? {}), byTheme.get(null) ?? {}].reduce<Record<string, number>>((acc, m) => {
        for (const [k, v] of Object.entries(m)) acc[k] = (acc[k] ?? 0) + v;
        return acc;
      }, {}),
    );
    const aClasser = await listToProcess(db, consultation.id, null, 100);
    res.render('consolidation/inbox', { title: `Consolidation — ${consultation.title}`, consultation, workScope: scope, rows, toClassify, overall, aClasser, themes, canWork: consolidationPolicy.canWorkSomewhere(actor, scope) });
  });

  // ---- the list to process, its checkboxes and their buttons ----
  /** The list of a theme (or « à classer ») again, where every selection form returns, with its errors and its ticks. */
  const listUrl = (p: WorkPage, key: unknown) =>
    key === undefined || key === ''
      ? `/consultations/${p.consultation.slug}/consolidation/couverture` // the coverage page of several themes (by ambassador)
      : `/consultations/${p.consultation.slug}/consolidation/a-traiter?theme=${key === 'a_classer' ? 'a_classer' : themeOf(parseIdOrNull(key), p.themes) ?? 'a_classer'}`;

  async function renderSelection(res: Response, p: WorkPage, themeId: number | null, items: RawListItem[], checked: Set<number>, errors: FieldErrors = {}, values: Record<string, unknown> = {}) {
    const { actor, consultation, scope, themes } = p;
    const theme = themes.find((th) => th.id === themeId) ?? null;
    const workable = workableThemes(p);
    const targets = workable.length ? await listConsolidated(db, consultation.id, workable.map((th) => th.id)) : [];
    // With a selection, the targets it most resembles first (each ranked by its mean score over the selection).
    const closest = checked.size ? await closestTargets(db, consultation.id, [...checked].slice(0, 200), new Set(targets.map((x) => x.id))) : [];
    res.render('consolidation/select', {
      title: `À traiter — ${theme ? theme.title : 'À classer'}`,
      consultation, theme, themeKey: themeId ?? 'a_classer', items, checked, targets, closest, errors, values,
      canWork: consolidationPolicy.canWorkOn(actor, scope, themeId), max: MAX_SELECTION,
    });
  }

  r.get('/consultations/:slug/consolidation/a-traiter', staff, async (req, res) => {
    const p = await page(req);
    const themeId = themeOf(themeQuery.parse(req.query).theme, p.themes);
    if (themeId === undefined) throw new NotFoundError();
    await renderSelection(res, p, themeId, await listToProcess(db, p.consultation.id, themeId, LIST_LIMIT), new Set());
  });

  /** A selection form refused: the same list, the same ticks, the message next to the buttons. */
  async function selectionAgain(res: Response, p: WorkPage, values: Record<string, unknown>, errors: FieldErrors) {
    const key = values.back === 'a_classer' ? null : themeOf(parseIdOrNull(values.back), p.themes);
    const themeId = key === undefined ? null : key;
    await renderSelection(res, p, themeId, await listToProcess(db, p.consultation.id, themeId, LIST_LIMIT), new Set(uniqueIds(values.ids)), errors, values);
  }

  async function renderCreate(res: Response, p: WorkPage, ids: number[], values: Record<string, unknown>, errors: FieldErrors = {}) {
    const raws = await rawByIds(db, ids.slice(0, MAX_SELECTION));
    res.render('consolidation/new', { title: 'Nouvelle contribution consolidée', consultation: p.consultation, raws, ids, values, errors, themes: workableThemes(p) });
  }

  const attach = formAction({
    load: loadPage,
    allowed: mayRead,
    schema: attachByCodeSchema,
    run: async (input, { req, actor, object: p }) => {
      const [target] = await targetsByIdOrCode(db, p.consultation.id, input.targetCode ? [] : [input.targetId!], input.targetCode ? [input.targetCode] : []);
      if (!target) return invalid({ targetCode: t('consolidation.planUnknownTarget', { code: input.targetCode || `n° ${input.targetId}` }) });
      return attachContributions(db, actor, p.scope, { ids: input.ids, targetId: target.id }, req.id as string);
    },
    failed: ({ errors }, { res, object: p, values }) => selectionAgain(res, p, values, errors),
    done: (v, { object: p, values }) => ({ to: listUrl(p, values.back), flash: t('consolidation.attached', { count: v.count, code: v.code ?? '' }) }),
  });

  const setAside = formAction({
    load: loadPage,
    allowed: mayRead,
    schema: setAsideSchema,
    run: (input, { req, actor, object: p }) => setAsideSelection(db, actor, p.scope, input, req.id as string),
    failed: ({ errors }, { res, object: p, values }) => selectionAgain(res, p, values, errors),
    done: (v, { object: p, values }) => ({ to: listUrl(p, values.back), flash: t('consolidation.setAside', { count: v.count }) }),
  });

  /** The selection's other buttons change nothing: choose again among the checked ones, or prepare the new consolidated contribution's form. */
  async function prepare(req: Request, res: Response, choose: boolean) {
    const p = await page(req);
    const ids = uniqueIds(req.body?.ids);
    if (choose) {
      const raws = (await rawByIds(db, ids.slice(0, MAX_SELECTION))).filter((x) => x.consultation_id === p.consultation.id && x.status === 'a_traiter');
      const items = raws.map((x) => ({ id: x.id, reference: x.reference, body: x.body, theme_id: x.theme_id, status: x.status }));
      return renderSelection(res, p, raws[0]?.theme_id ?? null, items, new Set(raws.map((x) => x.id)), {}, req.body ?? {});
    }
    if (!ids.length) {
      res.status(422);
      return selectionAgain(res, p, req.body ?? {}, { ids: t('consolidation.emptySelection') });
    }
    const raws = await rawByIds(db, ids.slice(0, MAX_SELECTION));
    const first = raws[0];
    // The title is pre-filled from the selection's first contribution; the ambassador rewrites it if need be.
    await renderCreate(res, p, ids, { themeId: req.body?.themeId ?? first?.theme_id ?? '', title: first ? titleFrom(first.body) : '', back: req.body?.back ?? '' });
  }

  const selection: RequestHandler = async (req, res, next) => {
    const operation = selectionOperation.parse(req.body ?? {});
    if (operation === 'rattacher') return attach(req, res, next);
    if (operation === 'hors_perimetre') return setAside(req, res, next);
    await prepare(req, res, operation === 'choisir');
  };
  r.post('/consultations/:slug/consolidation/selection', staff, selection);

  r.post('/consultations/:slug/consolidation/consolidees', staff, formAction({
    load: loadPage,
    allowed: mayRead,
    schema: createSchema,
    run: (input, { req, actor, object: p }) => createConsolidated(db, actor, p.scope, input, req.id as string),
    failed: ({ errors }, { res, object: p, values }) => renderCreate(res, p, uniqueIds(values.ids), values, errors),
    // Back to the work, not to the new page: the flash names the new code.
    done: (v, { object: p, values }) => ({ to: values.back ? listUrl(p, values.back) : `/consolidees/${v.id}`, flash: t('consolidation.created', { code: v.code, count: v.count }) }),
  }));

  // ---- coverage and suggested groups ----
  r.get('/consultations/:slug/consolidation/couverture', staff, async (req, res) => {
    const { actor, consultation, themes } = await page(req);
    const query = coverageQuery.parse(req.query);
    const ambassadors = await ambassadorsOf(db, consultation.id);
    const seeAll = consolidationPolicy.canSeeAllAmbassadors(actor);
    const visibleAmbassadors = seeAll ? ambassadors : ambassadors.filter((a) => a.id === actor.id);
    const themeId = themeOf(query.theme, themes);
    const ambassadorId = query.ambassadeur ?? (seeAll ? 0 : actor.id);
    const ambassador = visibleAmbassadors.find((a) => a.id === ambassadorId) ?? null;
    let filter: Array<number | null> | null = null;
    if (themeId !== undefined) filter = [themeId];
    else if (ambassador) filter = [...ambassador.themeIds, null];
    const [items, total] = await Promise.all([listNotCovered(db, consultation.id, filter, LIST_LIMIT), countNotCovered(db, consultation.id, filter)]);
    const perTheme = await Promise.all([...themes.map((th) => th.id), null].map(async (id) => ({ id, n: await countNotCovered(db, consultation.id, [id]) })));
    const perAmbassador = await Promise.all(visibleAmbassadors.map(async (a) => ({ ...a, n: await countNotCovered(db, consultation.id, [...a.themeIds, null]) })));
    res.render('consolidation/coverage', { title: 'Contributions non encore prises en compte', consultation, themes, items, total, perTheme, perAmbassador, themeId, ambassador });
  });

  r.get('/consultations/:slug/consolidation/suggestions', staff, async (req, res) => {
    const { actor, consultation, scope, themes } = await page(req);
    const query = suggestionsQuery.parse(req.query);
    const themeId = themeOf(query.theme, themes);
    if (themeId === undefined) throw new NotFoundError();
    const ignored = query.ignorer;
    const groups = (await suggestGroupsFor(db, consultation.id, themeId === null ? 'a_classer' : { themeId })).map((g) => ({ ...g, key: g.contributions.map((c) => c.id).sort((a, b) => a - b).join('-') }));
    res.render('consolidation/suggestions', {
      title: 'Groupes suggérés', consultation, theme: themes.find((th) => th.id === themeId) ?? null, themeKey: themeId ?? 'a_classer',
      groups: groups.filter((g) => !ignored.has(g.key)), ignored: [...ignored], ignoredCount: groups.filter((g) => ignored.has(g.key)).length,
      canWork: consolidationPolicy.canWorkOn(actor, scope, themeId),
    });
  });

  return r;
}
