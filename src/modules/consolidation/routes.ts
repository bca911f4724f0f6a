import { Router, type Request, type Response } from 'express';
import type { AppDeps } from '../../shared/http/context';
import { needsSupportedBy } from '../needs';
import { allow, authorize, currentActor } from '../../shared/http/guards';
import { flash } from '../../shared/http/flash';
import { NotFoundError, type FieldErrors } from '../../shared/http/errors';
import { fieldErrors, failureOf } from '../../shared/validation';
import { renderMarkdown } from '../../shared/markdown';
import { t } from '../../shared/i18n';
import type { Actor } from '../../shared/actor';
import { findConsultationById, findConsultationBySlug, type ConsultationRow } from '../consultations';
import { contributionsPolicy } from '../contributions';
import { similarConsolidated, similarRawContributions, suggestGroupsFor } from '../similarity';
import { consolidationPolicy, type WorkScope } from './policy';
import {
  activeLinksOfRaw, ambassadorsOf, consultationsFor, countNotCovered, findConsolidated, findRaw, linksOfConsolidated, listConsolidated,
  listNotCovered, listToProcess, rawByIds, rawDetails, statusCounts, themesOf, type ConsolidatedRow, type RawDetail, type ThemeLite,
} from './queries';
import { MAX_SELECTION, progressOf, uniqueIds } from './rules';
import { loadWorkScope } from './scope';
import { attachSchema, classifySchema, createSchema, extractSchema, outOfScopeSchema, splitSchema, updateSchema } from './validation';
import { createConsolidated } from './create-consolidated';
import { attachContributions } from './attach-contributions';
import { detachLink } from './detach-link';
import { splitConsolidated } from './split-consolidated';
import { updateConsolidated } from './update-consolidated';
import { markOutOfScope } from './mark-out-of-scope';
import { bringBackInScope } from './bring-back-in-scope';
import { cutExtract } from './cut-extract';
import { classifyContribution } from './classify-contribution';
import { parseId, parseIdOrNull } from '../../shared/http/params';

const LIST_LIMIT = 500;


/** ?theme=12 or ?theme=a_classer → theme id or null (« à classer »); undefined when absent or invalid. */
function themeParam(v: unknown, themes: ThemeLite[]): number | null | undefined {
  if (v === 'a_classer') return null;
  const id = parseIdOrNull(v);
  return themes.some((th) => th.id === id) ? id! : undefined;
}


export function consolidationRoutes({ db }: AppDeps): Router {
  const r = Router();
  const staff = allow(consolidationPolicy.canEnter);

  async function context(req: Request, consultation: ConsultationRow | undefined) {
    if (!consultation) throw new NotFoundError();
    const actor = currentActor(req)!;
    authorize(consolidationPolicy.canRead(actor));
    const scope = await loadWorkScope(db, actor, consultation);
    const themes = await themesOf(db, consultation.id);
    return { actor, consultation, scope, themes };
  }
  const bySlug = async (req: Request) => context(req, await findConsultationBySlug(db, String(req.params.slug)));

  /** Themes one may consolidate (the « à classer » list is everyone's). */
  const workableThemes = (actor: Actor, scope: WorkScope, themes: ThemeLite[]) => themes.filter((th) => consolidationPolicy.canWorkOn(actor, scope, th.id));
  const myThemes = (actor: Actor, scope: WorkScope, themes: ThemeLite[]) =>
    scope.themeIds === 'all' || consolidationPolicy.consolidatesEverything(actor) ? themes : themes.filter((th) => (scope.themeIds as ReadonlySet<number>).has(th.id));

  // ---------- inbox ----------
  r.get('/consolidation', staff, async (req, res) => {
    const list = await consultationsFor(db, currentActor(req)!);
    if (list.length === 1) return res.redirect(303, `/consultations/${list[0]!.slug}/consolidation`);
    res.render('consolidation/choose', { title: 'Consolidation', consultations: list });
  });

  r.get('/consultations/:slug/consolidation', staff, async (req, res) => {
    const { actor, consultation, scope, themes } = await bySlug(req);
    const counts = await statusCounts(db, consultation.id);
    const byTheme = new Map<number | null, Record<string, number>>();
    for (const c of counts) {
      const m = byTheme.get(c.theme_id) ?? {};
      m[c.status] = (m[c.status] ?? 0) + c.n;
      byTheme.set(c.theme_id, m);
    }
    const mine = myThemes(actor, scope, themes);
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

  // ---------- selection list (checkboxes) ----------
  async function renderSelection(res: Response, ctx: Awaited<ReturnType<typeof bySlug>>, themeId: number | null, items: Awaited<ReturnType<typeof listToProcess>>, checked: Set<number>, errors: FieldErrors = {}) {
    const { actor, consultation, scope, themes } = ctx;
    const theme = themes.find((th) => th.id === themeId) ?? null;
    const workable = workableThemes(actor, scope, themes);
    const targets = workable.length ? await listConsolidated(db, consultation.id, workable.map((th) => th.id)) : [];
    res.render('consolidation/select', {
      title: `À traiter — ${theme ? theme.title : 'À classer'}`,
      consultation, theme, themeKey: themeId ?? 'a_classer', items, checked, targets, errors,
      canWork: consolidationPolicy.canWorkOn(actor, scope, themeId), max: MAX_SELECTION,
    });
  }

  r.get('/consultations/:slug/consolidation/a-traiter', staff, async (req, res) => {
    const ctx = await bySlug(req);
    const themeId = themeParam(req.query.theme, ctx.themes);
    if (themeId === undefined) throw new NotFoundError();
    const items = await listToProcess(db, ctx.consultation.id, themeId, LIST_LIMIT);
    await renderSelection(res, ctx, themeId, items, new Set());
  });

  async function renderCreate(res: Response, ctx: Awaited<ReturnType<typeof bySlug>>, ids: number[], values: Record<string, unknown>, errors: FieldErrors = {}) {
    const raws = await rawByIds(db, ids.slice(0, MAX_SELECTION));
    const workable = workableThemes(ctx.actor, ctx.scope, ctx.themes);
    res.render('consolidation/new', { title: 'Nouvelle contribution consolidée', consultation: ctx.consultation, raws, ids, values, errors, themes: workable });
  }

  /** The selection form's buttons: prepare a new consolidated contribution, choose again, or attach. */
  r.post('/consultations/:slug/consolidation/selection', staff, async (req, res) => {
    const ctx = await bySlug(req);
    const op = String(req.body?.operation ?? '');
    const ids = uniqueIds(req.body?.ids);
    if (op === 'rattacher') {
      const parsed = attachSchema.safeParse(req.body);
      const result = parsed.success ? await attachContributions(db, ctx.actor, ctx.scope, parsed.data, req.id as string) : null;
      if (!parsed.success || !result?.ok) {
        res.status(failureOf(parsed, result).status);
        return res.render('consolidation/problem', { title: 'Rattachement refusé', consultation: ctx.consultation, errors: failureOf(parsed, result).errors });
      }
      flash(req, 'success', t('consolidation.attached', { count: result.value.count, code: result.value.code ?? '' }));
      return res.redirect(303, `/consolidees/${result.value.id}`);
    }
    if (op === 'choisir') {
      const raws = (await rawByIds(db, ids.slice(0, MAX_SELECTION))).filter((x) => x.consultation_id === ctx.consultation.id && x.status === 'a_traiter');
      const themeId = raws[0]?.theme_id ?? null;
      return renderSelection(res, ctx, themeId, raws.map((x) => ({ id: x.id, reference: x.reference, body: x.body, theme_id: x.theme_id, status: x.status })), new Set(raws.map((x) => x.id)));
    }
    if (!ids.length) {
      res.status(422);
      return res.render('consolidation/problem', { title: 'Sélection vide', consultation: ctx.consultation, errors: { ids: t('consolidation.emptySelection') } });
    }
    const first = (await rawByIds(db, ids.slice(0, 1)))[0];
    await renderCreate(res, ctx, ids, { themeId: req.body?.themeId ?? first?.theme_id ?? '' });
  });

  r.post('/consultations/:slug/consolidation/consolidees', staff, async (req, res) => {
    const ctx = await bySlug(req);
    const parsed = createSchema.safeParse(req.body);
    const result = parsed.success ? await createConsolidated(db, ctx.actor, ctx.scope, parsed.data, req.id as string) : null;
    if (!parsed.success || !result?.ok) {
      res.status(failureOf(parsed, result).status);
      return renderCreate(res, ctx, uniqueIds(req.body?.ids), req.body ?? {}, failureOf(parsed, result).errors);
    }
    flash(req, 'success', t('consolidation.created', { code: result.value.code, count: result.value.count }));
    res.redirect(303, `/consolidees/${result.value.id}`);
  });

  // ---------- coverage ----------
  r.get('/consultations/:slug/consolidation/couverture', staff, async (req, res) => {
    const { actor, consultation, scope, themes } = await bySlug(req);
    const ambassadors = await ambassadorsOf(db, consultation.id);
    const seeAll = consolidationPolicy.canSeeAllAmbassadors(actor);
    const visibleAmbassadors = seeAll ? ambassadors : ambassadors.filter((a) => a.id === actor.id);
    const themeId = themeParam(req.query.theme, themes);
    const ambassadorId = parseIdOrNull(req.query.ambassadeur) ?? (seeAll ? 0 : actor.id);
    const ambassador = visibleAmbassadors.find((a) => a.id === ambassadorId) ?? null;
    let filter: Array<number | null> | null = null;
    if (themeId !== undefined) filter = [themeId];
    else if (ambassador) filter = [...ambassador.themeIds, null];
    const [items, total] = await Promise.all([listNotCovered(db, consultation.id, filter, LIST_LIMIT), countNotCovered(db, consultation.id, filter)]);
    const perTheme = await Promise.all([...themes.map((th) => th.id), null].map(async (id) => ({ id, n: await countNotCovered(db, consultation.id, [id]) })));
    const perAmbassador = await Promise.all(visibleAmbassadors.map(async (a) => ({ ...a, n: await countNotCovered(db, consultation.id, [...a.themeIds, null]) })));
    res.render('consolidation/coverage', { title: 'Contributions non encore prises en compte', consultation, themes, items, total, perTheme, perAmbassador, themeId, ambassador });
  });

  // ---------- suggested groups ----------
  r.get('/consultations/:slug/consolidation/suggestions', staff, async (req, res) => {
    const { actor, consultation, scope, themes } = await bySlug(req);
    const themeId = themeParam(req.query.theme, themes);
    if (themeId === undefined) throw new NotFoundError();
    const ignored = new Set(String(req.query.ignorer ?? '').split(',').filter((s) => /^\d+(-\d+)*$/.test(s)).slice(0, 200));
    const groups = (await suggestGroupsFor(db, consultation.id, themeId === null ? 'a_classer' : { themeId })).map((g) => ({ ...g, key: g.contributions.map((c) => c.id).sort((a, b) => a - b).join('-') }));
    res.render('consolidation/suggestions', {
      title: 'Groupes suggérés', consultation, theme: themes.find((th) => th.id === themeId) ?? null, themeKey: themeId ?? 'a_classer',
      groups: groups.filter((g) => !ignored.has(g.key)), ignored: [...ignored], ignoredCount: groups.filter((g) => ignored.has(g.key)).length,
      canWork: consolidationPolicy.canWorkOn(actor, scope, themeId),
    });
  });

  // ---------- a consolidated contribution ----------
  async function consolidatedContext(req: Request) {
    const cc = await findConsolidated(db, parseId(req.params.id));
    if (!cc) throw new NotFoundError();
    return { cc, ...(await context(req, await findConsultationById(db, cc.consultation_id))) };
  }

  async function renderConsolidated(res: Response, ctx: Awaited<ReturnType<typeof consolidatedContext>>, extra: { values?: Record<string, unknown>; errors?: FieldErrors; current?: ConsolidatedRow | null; split?: Record<string, unknown>; splitErrors?: FieldErrors } = {}) {
    const { actor, cc, consultation, scope, themes } = ctx;
    const links = await linksOfConsolidated(db, cc.id);
    const details = new Map((await rawDetails(db, [...new Set(links.map((l) => l.raw_contribution_id))])).map((d) => [d.id, d]));
    const author = (d: RawDetail | undefined) =>
      !d ? '' : contributionsPolicy.canSeeAuthor(actor, { anonymous: d.anonymous, author_id: d.author_id, source: d.source }) ? (d.author_label ?? '—') : 'Anonyme';
    const splitFrom = cc.split_from_id ? await findConsolidated(db, cc.split_from_id) : null;
    const canEdit = consolidationPolicy.canWorkOn(actor, scope, cc.theme_id);
    const shown = extra.current ?? cc;
    res.render('consolidation/show', {
      title: `${cc.code ?? 'Contribution consolidée'} — ${cc.title}`,
      cc, consultation, links, details, author, splitFrom, canEdit,
      bodyHtml: renderMarkdown(cc.body_md), currentHtml: extra.current ? renderMarkdown(extra.current.body_md) : '',
      theme: themes.find((th) => th.id === cc.theme_id), themes: workableThemes(actor, scope, themes), allThemes: themes,
      values: extra.values ?? { title: shown.title, bodyMd: shown.body_md, themeId: shown.theme_id, version: shown.version },
      errors: extra.errors ?? {}, current: extra.current ?? null,
      split: extra.split ?? { splitThemeId: cc.theme_id, version: cc.version }, splitErrors: extra.splitErrors ?? {},
    });
  }

  r.get('/consolidees/:id', staff, async (req, res) => renderConsolidated(res, await consolidatedContext(req)));

  r.post('/consolidees/:id', staff, async (req, res) => {
    const ctx = await consolidatedContext(req);
    const parsed = updateSchema.safeParse(req.body);
    const result = parsed.success ? await updateConsolidated(db, ctx.actor, ctx.scope, ctx.cc.id, parsed.data, req.id as string) : null;
    if (!parsed.success || !result?.ok) {
      res.status(failureOf(parsed, result).status);
      return renderConsolidated(res, ctx, { values: req.body ?? {}, errors: failureOf(parsed, result).errors, current: result?.current ?? null });
    }
    flash(req, 'success', t('consolidation.updated', { code: result.value.code ?? '' }));
    res.redirect(303, `/consolidees/${ctx.cc.id}`);
  });

  r.post('/consolidees/:id/liens/:linkId/detacher', staff, async (req, res) => {
    const ctx = await consolidatedContext(req);
    const result = await detachLink(db, ctx.actor, ctx.scope, ctx.cc.id, parseId(req.params.linkId), req.id as string);
    flash(req, result.ok ? 'success' : 'error', result.ok ? t('consolidation.detached') : Object.values(result.errors).join(' '));
    res.redirect(303, `/consolidees/${ctx.cc.id}`);
  });

  r.post('/consolidees/:id/scinder', staff, async (req, res) => {
    const ctx = await consolidatedContext(req);
    // The split form's fields are prefixed: it shares the page with the edit form (unique ids).
    const body = req.body ?? {};
    const parsed = splitSchema.safeParse({ linkIds: body.linkIds, version: body.version, title: body.splitTitle, bodyMd: body.splitBodyMd, themeId: body.splitThemeId });
    const result = parsed.success ? await splitConsolidated(db, ctx.actor, ctx.scope, ctx.cc.id, parsed.data, req.id as string) : null;
    if (!parsed.success || !result?.ok) {
      res.status(failureOf(parsed, result).status);
      const raw = failureOf(parsed, result).errors;
      const prefixed: FieldErrors = {};
      for (const [k, v] of Object.entries(raw)) prefixed[k === 'title' || k === 'bodyMd' || k === 'themeId' ? `split${k[0]!.toUpperCase()}${k.slice(1)}` : k] = v;
      return renderConsolidated(res, ctx, { split: body, splitErrors: prefixed, current: result?.current ?? null });
    }
    flash(req, 'success', t('consolidation.split', { code: result.value.code, from: result.value.from ?? '' }));
    res.redirect(303, `/consolidees/${result.value.id}`);
  });

  // ---------- a raw contribution's working page ----------
  async function rawContext(req: Request) {
    const raw = await findRaw(db, parseId(req.params.id));
    if (!raw) throw new NotFoundError();
    return { raw, ...(await context(req, await findConsultationById(db, raw.consultation_id))) };
  }

  async function renderRaw(res: Response, ctx: Awaited<ReturnType<typeof rawContext>>, errors: FieldErrors = {}, values: Record<string, unknown> = {}) {
    const { actor, raw, consultation, scope, themes } = ctx;
    const [detail] = await rawDetails(db, [raw.id]);
    const author = contributionsPolicy.canSeeAuthor(actor, { anonymous: detail!.anonymous, author_id: detail!.author_id, source: detail!.source }) ? (detail!.author_label ?? '—') : 'Anonyme';
    // Integration point with the similarity module: ranked neighbours of this contribution.
    const [similarRaw, similarCc, links] = await Promise.all([
      similarRawContributions(db, raw.id, 8),
      similarConsolidated(db, raw.id, 8),
      activeLinksOfRaw(db, raw.id),
    ]);
    // The needs each consolidated contribution supports: the raw contribution's way to the white paper.
    const needsOf = await needsSupportedBy(db, links.map((l) => l.consolidated_id));
    const workable = workableThemes(actor, scope, themes);
    const targets = workable.length ? await listConsolidated(db, consultation.id, workable.map((th) => th.id)) : [];
    res.render('consolidation/raw', {
      title: `Contribution ${raw.reference || 'n° ' + raw.id}`,
      raw: detail, author, consultation, links, needsOf, similarRaw, similarCc, targets, themes, errors, values,
      canWork: consolidationPolicy.canWorkOn(actor, scope, raw.theme_id),
      themeTitle: (id: number | null) => (id === null ? 'À classer' : (themes.find((th) => th.id === id)?.title ?? '—')),
    });
  }

  r.get('/consolidation/contributions/:id', staff, async (req, res) => renderRaw(res, await rawContext(req)));

  r.post('/consolidation/contributions/:id/hors-perimetre', staff, async (req, res) => {
    const ctx = await rawContext(req);
    const parsed = outOfScopeSchema.safeParse(req.body);
    const result = parsed.success ? await markOutOfScope(db, ctx.actor, ctx.scope, ctx.raw.id, parsed.data.reason, req.id as string) : null;
    if (!parsed.success || !result?.ok) {
      res.status(failureOf(parsed, result).status);
      return renderRaw(res, ctx, failureOf(parsed, result).errors, req.body ?? {});
    }
    flash(req, 'success', t('consolidation.outOfScope'));
    res.redirect(303, `/consolidation/contributions/${ctx.raw.id}`);
  });

  r.post('/consolidation/contributions/:id/reintegrer', staff, async (req, res) => {
    const ctx = await rawContext(req);
    const result = await bringBackInScope(db, ctx.actor, ctx.scope, ctx.raw.id, req.id as string);
    flash(req, result.ok ? 'success' : 'error', result.ok ? t('consolidation.backInScope') : Object.values(result.errors).join(' '));
    res.redirect(303, `/consolidation/contributions/${ctx.raw.id}`);
  });

  r.post('/consolidation/contributions/:id/classer', staff, async (req, res) => {
    const ctx = await rawContext(req);
    const parsed = classifySchema.safeParse(req.body);
    const result = parsed.success ? await classifyContribution(db, ctx.actor, ctx.scope, ctx.raw.id, parsed.data.themeId, req.id as string) : null;
    if (!parsed.success || !result?.ok) {
      res.status(failureOf(parsed, result).status);
      return renderRaw(res, ctx, failureOf(parsed, result).errors, req.body ?? {});
    }
    flash(req, 'success', t('consolidation.classified', { theme: result.value.theme }));
    const back = typeof req.body?.retour === 'string' && req.body.retour.startsWith('/consultations/') ? req.body.retour : `/consolidation/contributions/${ctx.raw.id}`;
    res.redirect(303, back);
  });

  r.post('/consolidation/contributions/:id/extraits', staff, async (req, res) => {
    const ctx = await rawContext(req);
    const parsed = extractSchema.safeParse(req.body);
    const result = parsed.success ? await cutExtract(db, ctx.actor, ctx.scope, ctx.raw.id, parsed.data, req.id as string) : null;
    if (!parsed.success || !result?.ok) {
      res.status(failureOf(parsed, result).status);
      return renderRaw(res, ctx, failureOf(parsed, result).errors, req.body ?? {});
    }
    flash(req, 'success', t('consolidation.extracted', { code: result.value.code ?? '' }));
    res.redirect(303, `/consolidation/contributions/${ctx.raw.id}`);
  });

  return r;
}
