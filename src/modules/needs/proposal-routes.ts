import { Router, type Request, type Response } from 'express';
import type { AppDeps } from '../../shared/http/context';
import { authorize, currentActor, requireLogin } from '../../shared/http/guards';
import { NotFoundError, type FieldErrors } from '../../shared/http/errors';
import { formAction, type FormAction, type FormActor, type Outcome } from '../../shared/http/form-action';
import { parseId } from '../../shared/http/params';
import { renderMarkdown } from '../../shared/markdown';
import { t } from '../../shared/i18n';
import { findConsultationById } from '../consultations';
import { needsPolicy } from './policy';
import { findNeed, findProposal, listNeeds, needsContext, streamSuggestions, type ProposalRow } from './queries';
import { moveSchema, returnWithVersionSchema, transferSchema, updateProposalSchema, versionField } from './validation';
import { PRIORITIES } from './rules';
import { updateProposal } from './update-proposal';
import { moveProposal } from './move-proposal';
import { reorderProposal } from './reorder-proposal';
import { validateProposal } from './validate-proposal';
import { returnProposal } from './return-proposal';

interface PageState {
  status?: number;
  errors?: FieldErrors;
  values?: Record<string, unknown>;
  current?: ProposalRow | null;
  reviewValues?: Record<string, unknown>;
}

/** One proposal: its page, its edit form, its place among the need's proposals, and its review. */
export function proposalRoutes({ db }: AppDeps): Router {
  const r = Router();

  async function loadProposal(req: Request, actor: FormActor) {
    const proposal = await findProposal(db, parseId(req.params.id));
    if (!proposal) throw new NotFoundError();
    const need = (await findNeed(db, proposal.need_id))!;
    const consultation = (await findConsultationById(db, need.consultation_id))!;
    const ctx = await needsContext(db, actor, consultation);
    return { proposal, need, consultation, ctx, canEdit: needsPolicy.canEditProposal(actor, ctx, need, proposal) };
  }
  type Loaded = Awaited<ReturnType<typeof loadProposal>>;
  type Page = { res: Response; actor: FormActor; object: Loaded };

  const onProposal = <I, R extends Outcome>(spec: Omit<FormAction<Loaded, I, R>, 'load'>) => formAction({ load: loadProposal, ...spec });
  const toNeed = (needId: number) => `/besoins/${needId}#propositions`;
  /** Review forms show the proposal as it is now (another reviewer may have moved it on). */
  const fresh = async (p: Page): Promise<Page> => ({ ...p, object: { ...p.object, proposal: (await findProposal(db, p.object.proposal.id))! } });
  const mayReview = (a: FormActor, s: Loaded) => needsPolicy.canReview(a, s.need);

  async function renderProposal({ res, actor, object: s }: Page, state: PageState = {}) {
    const p = state.current ?? s.proposal;
    res.status(state.status ?? 200).render('needs/proposal', {
      title: `Proposition ${p.code} — ${p.title}`,
      proposal: p, need: s.need, consultation: s.consultation, canEdit: s.canEdit, canReview: needsPolicy.canReview(actor, s.need),
      priorities: PRIORITIES, md: renderMarkdown, streams: await streamSuggestions(db, s.consultation.id),
      otherNeeds: (await listNeeds(db, s.consultation.id)).filter((n) => n.id !== s.need.id && needsPolicy.canEdit(actor, s.ctx, n)),
      errors: state.errors ?? {},
      values: state.values ?? { title: p.title, descriptionMd: p.description_md, priority: p.priority, targetStream: p.target_stream, version: p.version },
      current: state.current ?? null,
      reviewValues: state.reviewValues ?? {},
    });
  }

  r.get('/propositions/:id', requireLogin, async (req, res) => {
    const actor = currentActor(req)!;
    const object = await loadProposal(req, actor);
    authorize(needsPolicy.canRead(actor));
    await renderProposal({ res, actor, object });
  });

  r.post('/propositions/:id', onProposal({
    allowed: (_, s) => s.canEdit,
    schema: updateProposalSchema,
    run: (input, { req, actor, object: s }) => updateProposal(db, actor, s.proposal.id, input, req.id as string),
    failed: ({ status, errors, result }, p) => {
      const current = result?.current ?? null;
      return renderProposal(p, { status, errors, values: { ...p.values, version: current ? current.version : p.values.version }, current });
    },
    done: (v, { object: s }) => ({ to: toNeed(s.need.id), flash: t('needs.proposalUpdated', { code: v.code }) }),
  }));

  r.post('/propositions/:id/deplacer', onProposal({
    allowed: (a, s) => needsPolicy.canEdit(a, s.ctx, s.need),
    schema: moveSchema,
    run: ({ direction }, { req, actor, object: s }) => reorderProposal(db, actor, s.proposal.id, direction, req.id as string),
    failed: ({ status, errors }, p) => renderProposal(p, { status, errors }),
    done: (_, { object: s }) => ({ to: toNeed(s.need.id) }),
  }));

  r.post('/propositions/:id/transferer', onProposal({
    allowed: (_, s) => s.canEdit,
    schema: transferSchema,
    run: async ({ needId }, { req, actor, object: s }) => {
      const target = await findNeed(db, needId);
      // The receiving need changes too: the actor must be allowed to edit it.
      if (target && target.consultation_id === s.need.consultation_id) authorize(needsPolicy.canEdit(actor, s.ctx, target));
      return moveProposal(db, actor, s.proposal.id, target?.id ?? 0, req.id as string);
    },
    failed: ({ status, errors }, p) => renderProposal(p, { status, errors }),
    done: (v) => ({ to: toNeed(v.needId), flash: t('needs.proposalMoved', { code: v.code }) }),
  }));

  r.post('/propositions/:id/valider', onProposal({
    allowed: mayReview,
    schema: versionField,
    run: ({ version }, { req, actor, object: s }) => validateProposal(db, actor, s.proposal.id, version, req.id as string),
    failed: async ({ status, errors }, p) => renderProposal(await fresh(p), { status, errors }),
    done: (v, { object: s }) => ({ to: toNeed(s.need.id), flash: t('needs.proposalValidated', { code: v.code }) }),
  }));

  r.post('/propositions/:id/renvoyer', onProposal({
    allowed: mayReview,
    schema: returnWithVersionSchema,
    run: ({ version, comment }, { req, actor, object: s }) => returnProposal(db, actor, s.proposal.id, version, comment, req.id as string),
    failed: async ({ status, errors }, p) => renderProposal(await fresh(p), { status, errors, reviewValues: { comment: p.values.comment ?? '' } }),
    done: (v, { object: s }) => ({ to: toNeed(s.need.id), flash: t('needs.proposalReturned', { code: v.code }) }),
  }));

  return r;
}
