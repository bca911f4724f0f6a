import { Router, type Request } from 'express';
import type { AppDeps } from '../../shared/http/context';
import { allow } from '../../shared/http/guards';
import type { FieldErrors } from '../../shared/http/errors';
import { formAction, found, type FormActor, type FormContext } from '../../shared/http/form-action';
import { parseId } from '../../shared/http/params';
import { parisDay } from '../../shared/paris-time';
import { t } from '../../shared/i18n';
import { capacityUseOf } from '../stats';
import { findConsultationBySlug, listConsultations } from '../consultations';
import { latestEdition } from '../whitepaper';
import { followupContext, type FollowupContext } from './context';
import { followupPolicy } from './policy';
import { followupOverview } from './overview';
import { filterProposals, filterQuery, paginate, PROPOSALS_PER_PAGE, currentStatus } from './present';
import { capacitiesOf, capacityYears, findFollowed, followedProposals, historyOf, type FollowedRow } from './queries';
import { recordStatusChange } from './record-status-change';
import { setCapacity } from './set-capacity';
import { needsCsv, needsExport, needsJson, writeNeedsXlsx } from './export-needs';
import { STATUSES, STATUS_LABELS, STREAMS, statusLabel, streamFromTarget, streamLabel } from './rules';
import { bulkSchema, capacitySchema, changeSchema, filtersSchema, type Filters } from './validation';

const ADMIN = '/admin/consultations/:slug/suivi';
const statusOptions = STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] }));

/** The DSI's follow-up: the list with its bulk change, one proposal's history and change form, the capacity. */
export function adminRoutes({ db }: AppDeps): Router {
  const r = Router();
  const dsi = allow(followupPolicy.canManage);

  r.get('/admin/suivi', dsi, async (_req, res) => {
    const consultations = [];
    for (const c of await listConsultations(db)) consultations.push({ ...c, edition: (await latestEdition(db, c.id)) ?? null });
    res.render('followup/index', { title: 'Suivi des exigences', consultations });
  });

  // ---- The list of followed proposals, with filters and the bulk change ----

  interface ListState {
    status?: number;
    errors?: FieldErrors;
    values?: Record<string, unknown>;
  }

  async function renderList(req: Request, res: import('express').Response, ctx: FollowupContext, state: ListState = {}) {
    const c = ctx.consultation;
    const filters: Filters = filtersSchema.parse(req.query);
    if (!ctx.published) return res.status(state.status ?? 200).render('followup/not-published', { title: 'Suivi des exigences', consultation: c });
    const { rows, regions, indicator } = await followupOverview(db, c.id, ctx.themes);
    const page = paginate(filterProposals(rows, filters, regions), filters.page, PROPOSALS_PER_PAGE);
    const selected = new Set([state.values?.proposalIds ?? []].flat().map(String));
    res.status(state.status ?? 200).render('followup/admin', {
      title: `Suivi des exigences — ${c.title}`,
      consultation: c, ctx, filters, indicator, page, selected, total: rows.length,
      errors: state.errors ?? {}, values: state.values ?? { effectiveOn: parisDay(new Date()) },
      statuses: statusOptions, streams: STREAMS, regions: indicator.byRegion.map((l) => l.key),
      statusLabel, streamLabel, currentStatus, query: filterQuery(filters, page.page),
      pageHref: (n: number) => `/admin/consultations/${c.slug}/suivi${filterQuery(filters, n)}`,
    });
  }

  r.get(ADMIN, dsi, async (req, res) => renderList(req, res, await followupContext(db, req)));

  r.post(ADMIN, formAction({
    load: (req) => followupContext(db, req),
    allowed: (actor, ctx) => followupPolicy.canManage(actor) && ctx.published,
    schema: bulkSchema,
    run: (input, { req, actor, object: ctx }) =>
      recordStatusChange(db, actor, ctx.consultation.id, input.proposalIds, { status: input.status, stream: input.stream, effectiveOn: input.effectiveOn, comment: input.comment }, req.id as string),
    failed: ({ status, errors }, { req, res, object, values }) => renderList(req, res, object, { status, errors, values }),
    done: (v, { req, object: ctx }) => ({
      to: `/admin/consultations/${ctx.consultation.slug}/suivi${filterQuery(filtersSchema.parse(req.query), filtersSchema.parse(req.query).page)}`,
      flash: v.count === 1 ? t('followup.changed', { status: v.status, code: v.codes[0]! }) : t('followup.changedMany', { status: v.status, count: v.count }),
    }),
  }));

  // ---- One proposal: its history and the change form ----

  async function loadProposal(req: Request, _actor?: FormActor) {
    const ctx = await followupContext(db, req);
    const proposal = found(ctx.published ? await findFollowed(db, ctx.consultation.id, parseId(req.params.id)) : undefined);
    return { ctx, proposal };
  }
  type Loaded = Awaited<ReturnType<typeof loadProposal>>;

  async function renderProposal(ctxs: Pick<FormContext<Loaded>, 'res'> & { object: Loaded }, state: ListState = {}) {
    const { ctx, proposal: p } = ctxs.object;
    const history = (await historyOf(db, [p.id])).get(p.id) ?? [];
    ctxs.res.status(state.status ?? 200).render('followup/proposal', {
      title: `Suivi de la proposition ${p.code} — ${p.title}`,
      consultation: ctx.consultation, proposal: p, history, statusLabel, streamLabel, statuses: statusOptions, streams: STREAMS,
      errors: state.errors ?? {},
      values: state.values ?? {
        status: p.status ?? '', stream: p.stream ?? streamFromTarget(p.targetStream) ?? '', effectiveOn: parisDay(new Date()),
        comment: '', links: p.links.join('\n'), estimate: p.estimate ?? '',
      },
    });
  }

  r.get(`${ADMIN}/propositions/:id`, dsi, async (req, res) => {
    const object = await loadProposal(req);
    await renderProposal({ res, object });
  });

  r.post(`${ADMIN}/propositions/:id`, formAction({
    load: loadProposal,
    allowed: (actor, s) => followupPolicy.canChange(actor, s.proposal),
    schema: changeSchema,
    run: (input, { req, actor, object: s }) => recordStatusChange(db, actor, s.ctx.consultation.id, [s.proposal.id], input, req.id as string),
    failed: ({ status, errors }, p) => renderProposal(p, { status, errors, values: p.values }),
    done: (v, { object: s }) => ({ to: `/admin/consultations/${s.ctx.consultation.slug}/suivi/propositions/${s.proposal.id}`, flash: t('followup.changed', { status: v.status, code: v.codes[0]! }) }),
  }));

  // ---- The capacity reserved per stream and what the retained proposals use of it ----

  async function renderCapacity(req: Request, res: import('express').Response, ctx: FollowupContext, state: ListState & { year?: number } = {}) {
    const c = ctx.consultation;
    const asked = Number(req.query.annee);
    const year = state.year ?? (Number.isInteger(asked) && asked >= 2020 && asked <= 2100 ? asked : Number(parisDay(new Date()).slice(0, 4)));
    const [reserved, rows, years] = await Promise.all([capacitiesOf(db, c.id, year), followedProposals(db, c.id), capacityYears(db, c.id)]);
    // The proposals of a year: those whose current status took effect that year.
    const ofYear = rows.filter((p) => p.effectiveOn?.startsWith(String(year)));
    const lines = STREAMS.map((s) => ({
      code: s.code, label: s.label, use: capacityUseOf(reserved.get(s.code) ?? 0, ofYear.filter((p: FollowedRow) => p.stream === s.code)),
    }));
    res.status(state.status ?? 200).render('followup/capacity', {
      title: `Capacité réservée — ${c.title}`, consultation: c, year, years: [...new Set([year, ...years])].sort((a, b) => b - a), lines,
      errors: state.errors ?? {},
      values: state.values ?? Object.fromEntries([['year', year], ...STREAMS.map((s) => [`capacity_${s.code}`, reserved.get(s.code) ?? ''])]),
    });
  }

  r.get(`${ADMIN}/capacite`, dsi, async (req, res) => {
    const ctx = await followupContext(db, req);
    await renderCapacity(req, res, ctx);
  });

  r.post(`${ADMIN}/capacite`, formAction({
    load: (req) => followupContext(db, req),
    allowed: (actor) => followupPolicy.canSetCapacity(actor),
    schema: capacitySchema,
    run: (input, { req, actor, object: ctx }) => setCapacity(db, actor, ctx.consultation.id, input, req.id as string),
    failed: ({ status, errors }, { req, res, object, values }) => {
      const y = Number(values.year);
      return renderCapacity(req, res, object, { status, errors, values, year: Number.isInteger(y) && y >= 2020 && y <= 2100 ? y : undefined });
    },
    done: (v, { object: ctx }) => ({ to: `/admin/consultations/${ctx.consultation.slug}/suivi/capacite?annee=${v.year}`, flash: t('followup.capacitySaved', { year: v.year }) }),
  }));

  // ---- The needs and proposals with their statuses, points and traces (one set of lines, three formats) ----

  const EXPORT = '/admin/consultations/:slug/besoins-propositions';
  const exportDsi = allow(followupPolicy.canExportNeeds);
  async function exportOf(req: Request, res: import('express').Response, ext: string) {
    const consultation = found(await findConsultationBySlug(db, String(req.params.slug).slice(0, 100)));
    res.setHeader('Content-Disposition', `attachment; filename="besoins-propositions-${consultation.slug}.${ext}"`);
    res.setHeader('Cache-Control', 'no-store');
    return needsExport(db, consultation);
  }
  r.get(`${EXPORT}.csv`, exportDsi, async (req, res) => {
    const e = await exportOf(req, res, 'csv');
    res.type('text/csv; charset=utf-8').send(needsCsv(e));
  });
  r.get(`${EXPORT}.json`, exportDsi, async (req, res) => {
    const e = await exportOf(req, res, 'json');
    res.type('application/json; charset=utf-8').send(JSON.stringify(needsJson(e), null, 2));
  });
  r.get(`${EXPORT}.xlsx`, exportDsi, async (req, res) => {
    const e = await exportOf(req, res, 'xlsx');
    res.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    await writeNeedsXlsx(res, e);
  });

  return r;
}
