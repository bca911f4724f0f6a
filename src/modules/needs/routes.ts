import { Router, type Request, type Response } from 'express';
import type { AppDeps } from '../../shared/http/context';
import { authorize, currentActor, requireLogin } from '../../shared/http/guards';
import { flash } from '../../shared/http/flash';
import { NotFoundError, type FieldErrors } from '../../shared/http/errors';
import { fieldErrors } from '../../shared/validation';
import { renderMarkdown } from '../../shared/markdown';
import { t } from '../../shared/i18n';
import { findConsultationById, findConsultationBySlug, listThemes, type ConsultationRow } from '../consultations';
import type { Actor } from '../../shared/actor';
import { needsPolicy, type NeedsContext } from './policy';
import {
  findNeed, findProposal, listComments, listNeeds, listProposals, listQuotes, listThemeConsolidated, needsContext, streamSuggestions,
  type NeedRow, type ProposalRow,
} from './queries';
import { needTrace, funnel } from './trace';
import { commentSchema, idList, needSchema, proposalSchema, returnSchema, updateNeedSchema, updateProposalSchema } from './validation';
import { PRIORITIES } from './rules';
import { createNeed } from './create-need';
import { updateNeed } from './update-need';
import { linkContributions } from './link-contributions';
import { unlinkContribution } from './unlink-contribution';
import { moveNeed } from './move-need';
import { renumberNeeds } from './renumber-needs';
import { mergeNeeds } from './merge-needs';
import { createProposal } from './create-proposal';
import { updateProposal } from './update-proposal';
import { moveProposal } from './move-proposal';
import { reorderProposal } from './reorder-proposal';
import { submitNeed } from './submit-need';
import { validateNeed } from './validate-need';
import { returnNeed } from './return-need';
import { validateProposal } from './validate-proposal';
import { returnProposal } from './return-proposal';
import { addQuote } from './add-quote';
import { removeQuote } from './remove-quote';
import { commentNeed } from './comment-need';
import { parseId } from '../../shared/http/params';

const direction = (v: unknown): 'up' | 'down' => (v === 'up' || v === 'monter' ? 'up' : 'down');
const versionOf = (v: unknown): number => (Number.isInteger(Number(v)) && Number(v) > 0 ? Number(v) : 0);
const errorsOf = (r: { ok: boolean }) => (r as unknown as { errors: FieldErrors }).errors;
const statusOf = (r: { ok: boolean }) => (r as { status?: number }).status ?? 422;

interface PageState {
  status?: number;
  errors?: FieldErrors;
  values?: Record<string, unknown>;
  current?: NeedRow | null;
  proposalErrors?: FieldErrors;
  proposalValues?: Record<string, unknown>;
  reviewErrors?: FieldErrors;
  commentErrors?: FieldErrors;
  commentValues?: Record<string, unknown>;
  reviewValues?: Record<string, unknown>;
}

export function needsRoutes({ db }: AppDeps): Router {
  const r = Router();

  async function consultationOf(slug: unknown): Promise<ConsultationRow> {
    const c = typeof slug === 'string' ? await findConsultationBySlug(db, slug) : undefined;
    if (!c) throw new NotFoundError();
    return c;
  }

  /** The need, its consultation and the actor's context: every /besoins/:id route starts here. */
  async function load(req: Request) {
    const need = await findNeed(db, parseId(req.params.id));
    if (!need) throw new NotFoundError();
    const consultation = (await findConsultationById(db, need.consultation_id))!;
    const actor = currentActor(req)!;
    authorize(needsPolicy.canRead(actor));
    return { need, consultation, actor, ctx: await needsContext(db, actor, consultation) };
  }

  async function renderNeed(req: Request, res: Response, need: NeedRow, consultation: ConsultationRow, actor: Actor, ctx: NeedsContext, state: PageState = {}) {
    if (need.merged_into_id) {
      const into = await findNeed(db, need.merged_into_id);
      return res.status(state.status ?? 200).render('needs/merged', { title: `Besoin ${need.code} (fusionné)`, need, into, consultation });
    }
    const q = typeof req.query.q === 'string' ? req.query.q.trim().slice(0, 100) : '';
    const [themes, trace, proposals, comments, quotes, others] = await Promise.all([
      listThemes(db, consultation.id),
      needTrace(db, need.id),
      listProposals(db, need.id),
      listComments(db, need.id),
      listQuotes(db, need.id),
      listNeeds(db, consultation.id),
    ]);
    const canEdit = needsPolicy.canEdit(actor, ctx, need);
    const linked = new Set(trace.consolidated.map((c) => c.id));
    const candidates = canEdit ? (await listThemeConsolidated(db, consultation.id, need.theme_id, q)).filter((c) => !linked.has(c.id)) : [];
    res.status(state.status ?? 200).render('needs/show', {
      title: `Besoin ${need.code} — ${need.title}`,
      need, consultation, themes, trace, proposals, comments, quotes, q, candidates,
      otherNeeds: others.filter((n) => n.id !== need.id),
      theme: themes.find((th) => th.id === need.theme_id),
      streams: await streamSuggestions(db, consultation.id),
      priorities: PRIORITIES,
      md: renderMarkdown,
      can: {
        edit: canEdit,
        quote: needsPolicy.canQuote(actor, ctx, need),
        submit: needsPolicy.canSubmit(actor, ctx, need),
        review: needsPolicy.canReview(actor, need),
        comment: needsPolicy.canComment(actor, ctx, need),
      },
      errors: state.errors ?? {},
      values: state.values ?? { title: need.title, descriptionMd: need.description_md, themeId: need.theme_id, version: need.version },
      current: state.current ?? null,
      proposalErrors: state.proposalErrors ?? {},
      proposalValues: state.proposalValues ?? { priority: 'moyenne' },
      reviewErrors: state.reviewErrors ?? {},
      commentErrors: state.commentErrors ?? {},
      commentValues: state.commentValues ?? {},
      reviewValues: state.reviewValues ?? {},
    });
  }

  // ---- Lists, creation, renumbering, funnel (per consultation) ----
  r.get('/consultations/:slug/besoins', requireLogin, async (req, res) => {
    const consultation = await consultationOf(req.params.slug);
    const actor = currentActor(req)!;
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

  async function renderNew(res: Response, consultation: ConsultationRow, actor: Actor, ctx: NeedsContext, values: Record<string, unknown>, errors: FieldErrors, status = 200) {
    const themes = (await listThemes(db, consultation.id)).filter((th) => needsPolicy.canCreateIn(actor, ctx, th.id));
    res.status(status).render('needs/new', { title: 'Nouveau besoin', consultation, themes, values, errors });
  }

  r.get('/consultations/:slug/besoins/nouveau', requireLogin, async (req, res) => {
    const consultation = await consultationOf(req.params.slug);
    const actor = currentActor(req)!;
    const ctx = await needsContext(db, actor, consultation);
    authorize(needsPolicy.canDraftAny(actor, ctx));
    await renderNew(res, consultation, actor, ctx, { themeId: req.query.theme ?? '' }, {});
  });

  r.post('/consultations/:slug/besoins', requireLogin, async (req, res) => {
    const consultation = await consultationOf(req.params.slug);
    const actor = currentActor(req)!;
    const ctx = await needsContext(db, actor, consultation);
    authorize(needsPolicy.canDraftAny(actor, ctx));
    const parsed = needSchema.safeParse(req.body ?? {});
    if (parsed.success) authorize(needsPolicy.canCreateIn(actor, ctx, parsed.data.themeId));
    const result = parsed.success ? await createNeed(db, actor, consultation.id, parsed.data, req.id as string) : null;
    if (!parsed.success || !result?.ok) {
      return renderNew(res, consultation, actor, ctx, req.body ?? {}, parsed.success ? errorsOf(result!) : fieldErrors(parsed.error), parsed.success ? statusOf(result!) : 422);
    }
    flash(req, 'success', t('needs.created', { code: result.value.code }));
    res.redirect(303, `/besoins/${result.value.id}`);
  });

  r.post('/consultations/:slug/besoins/renumeroter', requireLogin, async (req, res) => {
    const consultation = await consultationOf(req.params.slug);
    authorize(needsPolicy.canRenumber(currentActor(req)));
    const result = await renumberNeeds(db, currentActor(req)!, consultation.id, req.id as string);
    if (result.ok) flash(req, 'success', t('needs.renumbered', { count: result.value.changed }));
    res.redirect(303, `/consultations/${consultation.slug}/besoins`);
  });

  r.get('/consultations/:slug/entonnoir', requireLogin, async (req, res) => {
    const consultation = await consultationOf(req.params.slug);
    authorize(needsPolicy.canRead(currentActor(req)));
    res.render('needs/funnel', { title: `Entonnoir — ${consultation.title}`, consultation, funnel: await funnel(db, consultation.id) });
  });

  // ---- One need ----
  r.get('/besoins/:id', requireLogin, async (req, res) => {
    const { need, consultation, actor, ctx } = await load(req);
    await renderNeed(req, res, need, consultation, actor, ctx);
  });

  r.post('/besoins/:id', requireLogin, async (req, res) => {
    const { need, consultation, actor, ctx } = await load(req);
    authorize(needsPolicy.canEdit(actor, ctx, need));
    const parsed = updateNeedSchema.safeParse(req.body ?? {});
    if (parsed.success && parsed.data.themeId !== need.theme_id) authorize(needsPolicy.canCreateIn(actor, ctx, parsed.data.themeId));
    const result = parsed.success ? await updateNeed(db, actor, need.id, parsed.data, req.id as string) : null;
    if (!parsed.success || !result?.ok) {
      const current = result?.current ?? null;
      return renderNeed(req, res, current ?? need, consultation, actor, ctx, {
        status: parsed.success ? statusOf(result!) : 422,
        errors: parsed.success ? errorsOf(result!) : fieldErrors(parsed.error),
        values: { ...(req.body ?? {}), version: current ? current.version : req.body?.version },
        current,
      });
    }
    flash(req, 'success', t('needs.updated', { code: result.value.code }));
    res.redirect(303, `/besoins/${need.id}`);
  });

  r.post('/besoins/:id/rattacher', requireLogin, async (req, res) => {
    const { need, consultation, actor, ctx } = await load(req);
    authorize(needsPolicy.canEdit(actor, ctx, need));
    const ids = idList.safeParse(req.body?.consolidated);
    const result = ids.success ? await linkContributions(db, actor, need.id, ids.data, req.id as string) : null;
    if (!ids.success || !result?.ok) {
      return renderNeed(req, res, need, consultation, actor, ctx, { status: ids.success ? statusOf(result!) : 422, errors: ids.success ? errorsOf(result!) : { consolidated: fieldErrors(ids.error)._form ?? 'Sélection invalide.' } });
    }
    flash(req, 'success', t('needs.linked', { count: result.value.added.length, code: need.code }));
    res.redirect(303, `/besoins/${need.id}`);
  });

  r.post('/besoins/:id/detacher/:cid', requireLogin, async (req, res) => {
    const { need, actor, ctx } = await load(req);
    authorize(needsPolicy.canEdit(actor, ctx, need));
    await unlinkContribution(db, actor, need.id, parseId(req.params.cid), req.id as string);
    flash(req, 'success', t('needs.unlinked', { code: need.code }));
    res.redirect(303, `/besoins/${need.id}`);
  });

  r.post('/besoins/:id/deplacer', requireLogin, async (req, res) => {
    const { need, consultation, actor, ctx } = await load(req);
    authorize(needsPolicy.canEdit(actor, ctx, need));
    await moveNeed(db, actor, need.id, direction(req.body?.direction), req.id as string);
    flash(req, 'success', t('needs.moved'));
    res.redirect(303, `/consultations/${consultation.slug}/besoins#besoin-${need.id}`);
  });

  r.post('/besoins/:id/fusionner', requireLogin, async (req, res) => {
    const { need, consultation, actor, ctx } = await load(req);
    authorize(needsPolicy.canEdit(actor, ctx, need));
    const fromId = Number(req.body?.fromId);
    const from = Number.isInteger(fromId) && fromId > 0 ? await findNeed(db, fromId) : undefined;
    if (from && from.consultation_id === need.consultation_id) authorize(needsPolicy.canEdit(actor, ctx, from));
    const result = await mergeNeeds(db, actor, need.id, from ? from.id : 0, req.id as string);
    if (!result.ok) return renderNeed(req, res, need, consultation, actor, ctx, { status: statusOf(result), errors: errorsOf(result) });
    flash(req, 'success', t('needs.merged', { from: result.value.from, into: result.value.into }));
    res.redirect(303, `/besoins/${need.id}`);
  });

  r.post('/besoins/:id/soumettre', requireLogin, async (req, res) => {
    const { need, consultation, actor, ctx } = await load(req);
    authorize(needsPolicy.canSubmit(actor, ctx, need));
    const result = await submitNeed(db, actor, need.id, versionOf(req.body?.version), req.id as string);
    if (!result.ok) return renderNeed(req, res, (await findNeed(db, need.id))!, consultation, actor, ctx, { status: statusOf(result), reviewErrors: errorsOf(result) });
    flash(req, 'success', t('needs.submitted', { code: result.value.code }));
    res.redirect(303, `/besoins/${need.id}`);
  });

  r.post('/besoins/:id/valider', requireLogin, async (req, res) => {
    const { need, consultation, actor, ctx } = await load(req);
    authorize(needsPolicy.canReview(actor, need));
    const result = await validateNeed(db, actor, need.id, versionOf(req.body?.version), req.id as string);
    if (!result.ok) return renderNeed(req, res, (await findNeed(db, need.id))!, consultation, actor, ctx, { status: statusOf(result), reviewErrors: errorsOf(result) });
    flash(req, 'success', t('needs.validated', { code: result.value.code }));
    res.redirect(303, `/besoins/${need.id}`);
  });

  r.post('/besoins/:id/renvoyer', requireLogin, async (req, res) => {
    const { need, consultation, actor, ctx } = await load(req);
    authorize(needsPolicy.canReview(actor, need));
    const parsed = returnSchema.safeParse(req.body ?? {});
    const result = parsed.success ? await returnNeed(db, actor, need.id, versionOf(req.body?.version), parsed.data.comment, req.id as string) : null;
    if (!parsed.success || !result?.ok) {
      return renderNeed(req, res, (await findNeed(db, need.id))!, consultation, actor, ctx, {
        status: parsed.success ? statusOf(result!) : 422,
        reviewErrors: parsed.success ? errorsOf(result!) : fieldErrors(parsed.error),
        // The comment typed is kept, on a conflict too: the page shows the current version to resubmit.
        reviewValues: { comment: req.body?.comment ?? '' },
      });
    }
    flash(req, 'success', t('needs.returned', { code: result.value.code }));
    res.redirect(303, `/besoins/${need.id}`);
  });

  r.post('/besoins/:id/commentaires', requireLogin, async (req, res) => {
    const { need, consultation, actor, ctx } = await load(req);
    authorize(needsPolicy.canComment(actor, ctx, need));
    const parsed = commentSchema.safeParse(req.body ?? {});
    if (!parsed.success) return renderNeed(req, res, need, consultation, actor, ctx, { status: 422, commentErrors: fieldErrors(parsed.error), commentValues: req.body ?? {} });
    await commentNeed(db, actor, need.id, parsed.data.body, req.id as string);
    flash(req, 'success', t('needs.commented'));
    res.redirect(303, `/besoins/${need.id}#commentaires`);
  });

  r.post('/besoins/:id/citations', requireLogin, async (req, res) => {
    const { need, consultation, actor, ctx } = await load(req);
    authorize(needsPolicy.canQuote(actor, ctx, need));
    const rawId = Number(req.body?.rawId);
    const extractId = Number(req.body?.extractId) || null;
    const result = Number.isInteger(rawId) && rawId > 0 ? await addQuote(db, actor, need.id, rawId, extractId, req.id as string) : null;
    if (!result?.ok) return renderNeed(req, res, need, consultation, actor, ctx, { status: result ? statusOf(result) : 422, errors: result ? errorsOf(result) : { rawId: t('needs.notBehind') } });
    flash(req, 'success', t('needs.quoteAdded'));
    res.redirect(303, `/besoins/${need.id}#citations`);
  });

  r.post('/besoins/:id/citations/:qid/retirer', requireLogin, async (req, res) => {
    const { need, actor, ctx } = await load(req);
    authorize(needsPolicy.canQuote(actor, ctx, need));
    await removeQuote(db, actor, need.id, parseId(req.params.qid), req.id as string);
    flash(req, 'success', t('needs.quoteRemoved'));
    res.redirect(303, `/besoins/${need.id}#citations`);
  });

  r.post('/besoins/:id/propositions', requireLogin, async (req, res) => {
    const { need, consultation, actor, ctx } = await load(req);
    authorize(needsPolicy.canEdit(actor, ctx, need));
    const parsed = proposalSchema.safeParse(req.body ?? {});
    if (!parsed.success) return renderNeed(req, res, need, consultation, actor, ctx, { status: 422, proposalErrors: fieldErrors(parsed.error), proposalValues: req.body ?? {} });
    const result = await createProposal(db, actor, need.id, parsed.data, req.id as string);
    if (!result.ok) return renderNeed(req, res, need, consultation, actor, ctx, { status: statusOf(result), proposalErrors: errorsOf(result), proposalValues: req.body ?? {} });
    flash(req, 'success', t('needs.proposalCreated', { code: result.value.code }));
    res.redirect(303, `/besoins/${need.id}#propositions`);
  });

  // ---- One proposal ----
  async function loadProposal(req: Request) {
    const proposal = await findProposal(db, parseId(req.params.id));
    if (!proposal) throw new NotFoundError();
    const need = (await findNeed(db, proposal.need_id))!;
    const consultation = (await findConsultationById(db, need.consultation_id))!;
    const actor = currentActor(req)!;
    authorize(needsPolicy.canRead(actor));
    const ctx = await needsContext(db, actor, consultation);
    const canEdit = needsPolicy.canEdit(actor, ctx, need) && (actor.role === 'dsi' || proposal.status !== 'valide');
    return { proposal, need, consultation, actor, ctx, canEdit };
  }

  async function renderProposal(res: Response, s: Awaited<ReturnType<typeof loadProposal>>, state: { status?: number; errors?: FieldErrors; values?: Record<string, unknown>; current?: ProposalRow | null; reviewValues?: Record<string, unknown> } = {}) {
    const p = state.current ?? s.proposal;
    res.status(state.status ?? 200).render('needs/proposal', {
      title: `Proposition ${p.code} — ${p.title}`,
      proposal: p, need: s.need, consultation: s.consultation, canEdit: s.canEdit, canReview: needsPolicy.canReview(s.actor, s.need),
      priorities: PRIORITIES, md: renderMarkdown, streams: await streamSuggestions(db, s.consultation.id),
      otherNeeds: (await listNeeds(db, s.consultation.id)).filter((n) => n.id !== s.need.id && needsPolicy.canEdit(s.actor, s.ctx, n)),
      errors: state.errors ?? {},
      values: state.values ?? { title: p.title, descriptionMd: p.description_md, priority: p.priority, targetStream: p.target_stream, version: p.version },
      current: state.current ?? null,
      reviewValues: state.reviewValues ?? {},
    });
  }

  r.get('/propositions/:id', requireLogin, async (req, res) => {
    await renderProposal(res, await loadProposal(req));
  });

  r.post('/propositions/:id', requireLogin, async (req, res) => {
    const s = await loadProposal(req);
    authorize(s.canEdit);
    const parsed = updateProposalSchema.safeParse(req.body ?? {});
    const result = parsed.success ? await updateProposal(db, s.actor, s.proposal.id, parsed.data, req.id as string) : null;
    if (!parsed.success || !result?.ok) {
      const current = result?.current ?? null;
      return renderProposal(res, s, {
        status: parsed.success ? statusOf(result!) : 422,
        errors: parsed.success ? errorsOf(result!) : fieldErrors(parsed.error),
        values: { ...(req.body ?? {}), version: current ? current.version : req.body?.version },
        current,
      });
    }
    flash(req, 'success', t('needs.proposalUpdated', { code: result.value.code }));
    res.redirect(303, `/besoins/${s.need.id}#propositions`);
  });

  r.post('/propositions/:id/deplacer', requireLogin, async (req, res) => {
    const s = await loadProposal(req);
    authorize(needsPolicy.canEdit(s.actor, s.ctx, s.need));
    await reorderProposal(db, s.actor, s.proposal.id, direction(req.body?.direction), req.id as string);
    res.redirect(303, `/besoins/${s.need.id}#propositions`);
  });

  r.post('/propositions/:id/transferer', requireLogin, async (req, res) => {
    const s = await loadProposal(req);
    authorize(s.canEdit);
    const target = await findNeed(db, Number(req.body?.needId) || 0);
    if (target && target.consultation_id === s.need.consultation_id) authorize(needsPolicy.canEdit(s.actor, s.ctx, target));
    const result = await moveProposal(db, s.actor, s.proposal.id, target?.id ?? 0, req.id as string);
    if (!result.ok) return renderProposal(res, s, { status: statusOf(result), errors: errorsOf(result) });
    flash(req, 'success', t('needs.proposalMoved', { code: result.value.code }));
    res.redirect(303, `/besoins/${result.value.needId}#propositions`);
  });

  r.post('/propositions/:id/valider', requireLogin, async (req, res) => {
    const s = await loadProposal(req);
    authorize(needsPolicy.canReview(s.actor, s.need));
    const result = await validateProposal(db, s.actor, s.proposal.id, versionOf(req.body?.version), req.id as string);
    if (!result.ok) return renderProposal(res, { ...s, proposal: (await findProposal(db, s.proposal.id))! }, { status: statusOf(result), errors: errorsOf(result) });
    flash(req, 'success', t('needs.proposalValidated', { code: result.value.code }));
    res.redirect(303, `/besoins/${s.need.id}#propositions`);
  });

  r.post('/propositions/:id/renvoyer', requireLogin, async (req, res) => {
    const s = await loadProposal(req);
    authorize(needsPolicy.canReview(s.actor, s.need));
    const parsed = returnSchema.safeParse(req.body ?? {});
    const result = parsed.success ? await returnProposal(db, s.actor, s.proposal.id, versionOf(req.body?.version), parsed.data.comment, req.id as string) : null;
    if (!parsed.success || !result?.ok) {
      return renderProposal(res, { ...s, proposal: (await findProposal(db, s.proposal.id))! }, {
        status: parsed.success ? statusOf(result!) : 422,
        errors: parsed.success ? errorsOf(result!) : fieldErrors(parsed.error),
        reviewValues: { comment: req.body?.comment ?? '' },
      });
    }
    flash(req, 'success', t('needs.proposalReturned', { code: result.value.code }));
    res.redirect(303, `/besoins/${s.need.id}#propositions`);
  });

  return r;
}
