import { Router, type Request, type Response } from 'express';
import type { AppDeps } from '../../shared/http/context';
import { authorize, requireLogin, currentActor } from '../../shared/http/guards';
import { NotFoundError, type FieldErrors } from '../../shared/http/errors';
import { formAction, noFields, type FormAction, type FormActor, type Outcome } from '../../shared/http/form-action';
import { parseId } from '../../shared/http/params';
import { renderMarkdown } from '../../shared/markdown';
import { t } from '../../shared/i18n';
import { findConsultationById, listThemes } from '../consultations';
import { needsPolicy } from './policy';
import { findNeed, listComments, listNeeds, listProposals, listQuotes, listThemeConsolidated, needsContext, streamSuggestions, type NeedRow } from './queries';
import { needTrace } from './trace';
import {
  commentSchema, idList, mergeSchema, moveSchema, needPageQuery, proposalSchema, quoteSchema, returnWithVersionSchema, updateNeedSchema, versionField,
} from './validation';
import { PRIORITIES, rawContributionsPage } from './rules';
import { updateNeed } from './update-need';
import { linkContributions } from './link-contributions';
import { unlinkContribution } from './unlink-contribution';
import { moveNeed } from './move-need';
import { mergeNeeds } from './merge-needs';
import { createProposal } from './create-proposal';
import { submitNeed } from './submit-need';
import { validateNeed } from './validate-need';
import { returnNeed } from './return-need';
import { addQuote } from './add-quote';
import { removeQuote } from './remove-quote';
import { commentNeed } from './comment-need';

/** What a failed form on the need's page shows again: each form of the page has its own errors and values. */
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

/** One need: its page (trace, proposals, quotes, thread) and every form on it. */
export function needRoutes({ db }: AppDeps): Router {
  const r = Router();

  /** The need, its consultation and the actor's place in it: every /besoins/:id route starts here. */
  async function loadNeed(req: Request, actor: FormActor) {
    const need = await findNeed(db, parseId(req.params.id));
    if (!need) throw new NotFoundError();
    const consultation = (await findConsultationById(db, need.consultation_id))!;
    return { need, consultation, ctx: await needsContext(db, actor, consultation) };
  }
  type Loaded = Awaited<ReturnType<typeof loadNeed>>;
  type Page = { req: Request; res: Response; actor: FormActor; object: Loaded };

  /** A form of the need's page, bound to its need. */
  const onNeed = <I, R extends Outcome>(spec: Omit<FormAction<Loaded, I, R>, 'load'>) => formAction({ load: loadNeed, ...spec });
  const back = (s: Loaded, anchor = '') => `/besoins/${s.need.id}${anchor}`;
  /** Review forms show the need as it is now (another reviewer may have moved it on). */
  const fresh = async (p: Page): Promise<Page> => ({ ...p, object: { ...p.object, need: (await findNeed(db, p.object.need.id))! } });

  async function renderNeed({ req, res, actor, object: { need, consultation, ctx } }: Page, state: PageState = {}) {
    if (need.merged_into_id) {
      const into = await findNeed(db, need.merged_into_id);
      return res.status(state.status ?? 200).render('needs/merged', { title: `Besoin ${need.code} (fusionné)`, need, into, consultation });
    }
    const { q, brutes } = needPageQuery.parse(req.query);
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
      rawPage: rawContributionsPage(trace.raw, brutes, q),
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

  const mayEdit = (a: FormActor, s: Loaded) => needsPolicy.canEdit(a, s.ctx, s.need);
  const mayQuote = (a: FormActor, s: Loaded) => needsPolicy.canQuote(a, s.ctx, s.need);
  const mayReview = (a: FormActor, s: Loaded) => needsPolicy.canReview(a, s.need);

  r.get('/besoins/:id', requireLogin, async (req, res) => {
    const actor = currentActor(req)!;
    const object = await loadNeed(req, actor);
    authorize(needsPolicy.canRead(actor));
    await renderNeed({ req, res, actor, object });
  });

  r.post('/besoins/:id', onNeed({
    allowed: mayEdit,
    schema: updateNeedSchema,
    run: (input, { req, actor, object: s }) => {
      // Moving the need to another theme needs the right to create in that theme.
      if (input.themeId !== s.need.theme_id) authorize(needsPolicy.canCreateIn(actor, s.ctx, input.themeId));
      return updateNeed(db, actor, s.need.id, input, req.id as string);
    },
    failed: ({ status, errors, result }, p) => {
      const current = result?.current ?? null;
      const values = { ...p.values, version: current ? current.version : p.values.version };
      return renderNeed({ ...p, object: { ...p.object, need: current ?? p.object.need } }, { status, errors, values, current });
    },
    done: (need) => ({ to: `/besoins/${need.id}`, flash: t('needs.updated', { code: need.code }) }),
  }));

  r.post('/besoins/:id/rattacher', onNeed({
    allowed: mayEdit,
    schema: idList,
    input: (body) => body.consolidated,
    run: (ids, { req, actor, object: s }) => linkContributions(db, actor, s.need.id, ids, req.id as string),
    // The checkbox list's own refusal (too many) is reported on it; an odd id is a « Sélection invalide ».
    failed: ({ status, errors, result }, p) => renderNeed(p, { status, errors: result ? errors : { consolidated: errors._form ?? 'Sélection invalide.' } }),
    done: (v, { object: s }) => ({ to: back(s), flash: t('needs.linked', { count: v.added.length, code: s.need.code }) }),
  }));

  r.post('/besoins/:id/detacher/:cid', onNeed({
    allowed: mayEdit,
    schema: noFields,
    run: (_, { req, actor, object: s }) => unlinkContribution(db, actor, s.need.id, parseId(req.params.cid), req.id as string),
    failed: ({ status, errors }, p) => renderNeed(p, { status, errors }),
    done: (_, { object: s }) => ({ to: back(s), flash: t('needs.unlinked', { code: s.need.code }) }),
  }));

  r.post('/besoins/:id/deplacer', onNeed({
    allowed: mayEdit,
    schema: moveSchema,
    run: (input, { req, actor, object: s }) => moveNeed(db, actor, s.need.id, input.direction, req.id as string),
    failed: ({ status, errors }, p) => renderNeed(p, { status, errors }),
    done: (_, { object: s }) => ({ to: `/consultations/${s.consultation.slug}/besoins#besoin-${s.need.id}`, flash: t('needs.moved') }),
  }));

  r.post('/besoins/:id/fusionner', onNeed({
    allowed: mayEdit,
    schema: mergeSchema,
    run: async ({ fromId }, { req, actor, object: s }) => {
      const from = fromId ? await findNeed(db, fromId) : undefined;
      // The need merged away is changed too: the actor must be allowed to edit it.
      if (from && from.consultation_id === s.need.consultation_id) authorize(needsPolicy.canEdit(actor, s.ctx, from));
      return mergeNeeds(db, actor, s.need.id, from ? from.id : 0, req.id as string);
    },
    failed: ({ status, errors }, p) => renderNeed(p, { status, errors }),
    done: (v, { object: s }) => ({ to: back(s), flash: t('needs.merged', { from: v.from, into: v.into }) }),
  }));

  r.post('/besoins/:id/soumettre', onNeed({
    allowed: (a, s) => needsPolicy.canSubmit(a, s.ctx, s.need),
    schema: versionField,
    run: ({ version }, { req, actor, object: s }) => submitNeed(db, actor, s.need.id, version, req.id as string),
    failed: async ({ status, errors }, p) => renderNeed(await fresh(p), { status, reviewErrors: errors }),
    done: (v, { object: s }) => ({ to: back(s), flash: t('needs.submitted', { code: v.code }) }),
  }));

  r.post('/besoins/:id/valider', onNeed({
    allowed: mayReview,
    schema: versionField,
    run: ({ version }, { req, actor, object: s }) => validateNeed(db, actor, s.need.id, version, req.id as string),
    failed: async ({ status, errors }, p) => renderNeed(await fresh(p), { status, reviewErrors: errors }),
    done: (v, { object: s }) => ({ to: back(s), flash: t('needs.validated', { code: v.code }) }),
  }));

  r.post('/besoins/:id/renvoyer', onNeed({
    allowed: mayReview,
    schema: returnWithVersionSchema,
    run: ({ version, comment }, { req, actor, object: s }) => returnNeed(db, actor, s.need.id, version, comment, req.id as string),
    // The comment typed is kept, on a conflict too: the page shows the current version to resubmit.
    failed: async ({ status, errors }, p) => renderNeed(await fresh(p), { status, reviewErrors: errors, reviewValues: { comment: p.values.comment ?? '' } }),
    done: (v, { object: s }) => ({ to: back(s), flash: t('needs.returned', { code: v.code }) }),
  }));

  r.post('/besoins/:id/commentaires', onNeed({
    allowed: (a, s) => needsPolicy.canComment(a, s.ctx, s.need),
    schema: commentSchema,
    run: ({ body }, { req, actor, object: s }) => commentNeed(db, actor, s.need.id, body, req.id as string),
    failed: ({ status, errors }, p) => renderNeed(p, { status, commentErrors: errors, commentValues: p.values }),
    done: (_, { object: s }) => ({ to: back(s, '#commentaires'), flash: t('needs.commented') }),
  }));

  r.post('/besoins/:id/citations', onNeed({
    allowed: mayQuote,
    schema: quoteSchema,
    run: ({ rawId, extractId }, { req, actor, object: s }) => addQuote(db, actor, s.need.id, rawId, extractId, req.id as string),
    failed: ({ status, errors }, p) => renderNeed(p, { status, errors }),
    done: (_, { object: s }) => ({ to: back(s, '#citations'), flash: t('needs.quoteAdded') }),
  }));

  r.post('/besoins/:id/citations/:qid/retirer', onNeed({
    allowed: mayQuote,
    schema: noFields,
    run: (_, { req, actor, object: s }) => removeQuote(db, actor, s.need.id, parseId(req.params.qid), req.id as string),
    failed: ({ status, errors }, p) => renderNeed(p, { status, errors }),
    done: (_, { object: s }) => ({ to: back(s, '#citations'), flash: t('needs.quoteRemoved') }),
  }));

  r.post('/besoins/:id/propositions', onNeed({
    allowed: mayEdit,
    schema: proposalSchema,
    run: (input, { req, actor, object: s }) => createProposal(db, actor, s.need.id, input, req.id as string),
    failed: ({ status, errors }, p) => renderNeed(p, { status, proposalErrors: errors, proposalValues: p.values }),
    done: (v, { object: s }) => ({ to: back(s, '#propositions'), flash: t('needs.proposalCreated', { code: v.code }) }),
  }));

  return r;
}
