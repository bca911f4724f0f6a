import { Router, type Request, type Response } from 'express';
import type { AppDeps } from '../../shared/http/context';
import { allow, authorize, currentActor, requireLogin } from '../../shared/http/guards';
import { flash } from '../../shared/http/flash';
import { ForbiddenError, invalid, type FieldErrors } from '../../shared/http/errors';
import { formAction, found, type FormActor, type Parser } from '../../shared/http/form-action';
import { renderMarkdown } from '../../shared/markdown';
import { t } from '../../shared/i18n';
import type { MaybeActor } from '../../shared/actor';
import { findConsultationBySlug, listConsultations, listThemes, type ConsultationRow } from '../consultations';
import { contributionIntake, type IntakeMode } from './calendar';
import { editContribution } from './edit-contribution';
import { contributionsPolicy, type ContributionTarget } from './policy';
import { authorLabel, excerpt, sourceLabel, statusLabel, structureLabel } from './present';
import { findContribution, isConsolidated, listOwnContributions, type ContributionView } from './queries';
import { submitContribution } from './submit-contribution';
import { BODY_MAX, BODY_MIN, contributionSchema, cursorQuery, editContributionSchema, withdrawSchema } from './validation';
import { withdrawContribution } from './withdraw-contribution';
import { parseId } from '../../shared/http/params';
import { browseRoutes } from './browse-routes';

const PAGE_SIZE = 50;

/** A closed consultation refuses the form as a whole (409), before any of its fields is read. */
function whenOpen<I>(schema: Parser<I>): Parser<I | null> {
  return {
    safeParse: (input) => {
      const { open, body } = input as { open: boolean; body: unknown };
      return open ? schema.safeParse(body) : { success: true, data: null };
    },
  };
}

/** One's own contributions (contribute, list, change, withdraw) here; browsing and exports in browse-routes.ts. */
export function contributionsRoutes(deps: AppDeps): Router {
  const { db, writer } = deps;
  const r = Router();

  const loadConsultation = async (req: Request): Promise<ConsultationRow> => found(await findConsultationBySlug(db, String(req.params.slug).slice(0, 80)));
  const loadContribution = async (req: Request): Promise<ContributionView> => found(await findContribution(db, parseId(req.params.id)));
  /** Only its author changes a contribution; the refusal says so. */
  const mine = (may: (actor: MaybeActor, c: ContributionTarget) => boolean) => (actor: FormActor, c: ContributionView) => {
    if (!may(actor, c)) throw new ForbiddenError(t('contributions.notYours'));
    return true;
  };

  /** Only a contribution not yet taken into account by an ambassador can change. */
  async function stillOpen(c: ContributionView): Promise<boolean> {
    return c.status === 'a_traiter' && !(await isConsolidated(db, c.id));
  }

  async function renderForm(req: Request, res: Response, consultation: ConsultationRow, extra: { values?: object; errors?: Record<string, string>; intake?: IntakeMode }) {
    const intake = extra.intake === undefined ? await contributionIntake(db, consultation) : extra.intake;
    res.render('contributions/new', {
      title: `Contribuer — ${consultation.title}`,
      consultation,
      themes: await listThemes(db, consultation.id),
      open: intake !== null,
      continuous: intake === 'remontee_continue',
      values: extra.values ?? { themeId: typeof req.query.theme === 'string' ? req.query.theme : '' },
      errors: extra.errors ?? {},
      bodyMin: BODY_MIN,
      bodyMax: BODY_MAX,
    });
  }

  // ---- Individual contributions (every logged-in staff member) ----
  r.get('/consultations/:slug/contribuer', allow(contributionsPolicy.canContribute), async (req, res) => {
    await renderForm(req, res, await loadConsultation(req), {});
  });

  r.post('/consultations/:slug/contributions', formAction({
    load: async (req) => {
      const consultation = await loadConsultation(req);
      return { consultation, intake: await contributionIntake(db, consultation) };
    },
    allowed: (actor) => contributionsPolicy.canContribute(actor),
    schema: whenOpen(contributionSchema),
    input: (body, s) => ({ open: s.intake !== null, body }),
    run: (input, { req, actor, object: { consultation } }) =>
      input === null ? Promise.resolve(invalid({ _form: t('contributions.closed', { title: consultation.title }) }, 409)) : submitContribution(writer, db, actor, consultation.id, input, req.id as string),
    failed: ({ status, errors }, { req, res, object: { consultation, intake } }) => renderForm(req, res, consultation, { values: req.body, errors, intake: status === 409 ? null : intake }),
    done: (v) => ({ to: '/mes-contributions', flash: t(v.continuous ? 'contributions.submittedContinuous' : 'contributions.submitted', { id: v.id }) }),
  }));

  r.get('/mes-contributions', allow(contributionsPolicy.canListOwn), async (req, res) => {
    const actor = currentActor(req)!;
    const before = cursorQuery.parse(req.query).avant;
    const rows = await listOwnContributions(db, actor.id, before, PAGE_SIZE + 1);
    const page = rows.slice(0, PAGE_SIZE);
    const consultations = await listConsultations(db);
    const open: ConsultationRow[] = [];
    for (const c of consultations) if (await contributionIntake(db, c)) open.push(c);
    res.render('contributions/mine', {
      title: 'Mes contributions',
      contributions: page.map((c) => ({ ...c, excerpt: excerpt(c.body) })),
      openConsultations: open,
      nextCursor: rows.length > PAGE_SIZE ? page[page.length - 1]!.id : null,
      isFirstPage: !before,
      statusLabel,
    });
  });

  // ---- One contribution: its author, ambassadors, the DSI ----
  async function renderShow(res: Response, actor: MaybeActor, c: ContributionView, errors: FieldErrors) {
    const open = await stillOpen(c);
    res.render('contributions/show', {
      title: c.reference ? `Contribution ${c.reference}` : `Contribution n° ${c.id}`,
      c,
      bodyHtml: renderMarkdown(c.body),
      author: authorLabel(actor, c),
      structure: structureLabel(actor, c),
      canEdit: open && contributionsPolicy.canEdit(actor, c),
      canWithdraw: open && contributionsPolicy.canWithdraw(actor, c),
      canBrowse: contributionsPolicy.canBrowse(actor),
      showNotes: contributionsPolicy.canSeeProcessingNotes(actor),
      statusLabel,
      sourceLabel,
      errors,
    });
  }

  r.get('/contributions/:id', requireLogin, async (req, res) => {
    const actor = currentActor(req);
    const c = await loadContribution(req);
    authorize(contributionsPolicy.canView(actor, c));
    await renderShow(res, actor, c, {});
  });

  r.get('/contributions/:id/modifier', requireLogin, async (req, res) => {
    const actor = currentActor(req)!;
    const c = await loadContribution(req);
    mine(contributionsPolicy.canEdit)(actor, c);
    if (!(await stillOpen(c))) {
      flash(req, 'error', c.status === 'retiree' ? t('contributions.alreadyWithdrawn') : t('contributions.alreadyProcessed'));
      return res.redirect(303, `/contributions/${c.id}`);
    }
    res.render('contributions/edit', {
      title: 'Modifier ma contribution',
      c,
      themes: await listThemes(db, c.consultation_id),
      values: { themeId: c.theme_id ?? '', body: c.body, anonymous: c.anonymous, version: c.version },
      errors: {},
      current: null,
      bodyMin: BODY_MIN,
      bodyMax: BODY_MAX,
    });
  });

  r.post('/contributions/:id', formAction({
    load: loadContribution,
    allowed: mine(contributionsPolicy.canEdit),
    schema: editContributionSchema,
    run: (input, { req, actor, object: c }) => editContribution(writer, actor, c.id, input, req.id as string),
    // A stale save shows the contribution as it is now next to what was typed.
    failed: async ({ errors, result }, { res, object: c, values }) => {
      const current = result?.current ?? null;
      res.render('contributions/edit', {
        title: 'Modifier ma contribution',
        c: current ?? c,
        themes: await listThemes(db, c.consultation_id),
        values,
        errors,
        current: current ? { ...current, bodyHtml: renderMarkdown(current.body), editable: await stillOpen(current) } : null,
        bodyMin: BODY_MIN,
        bodyMax: BODY_MAX,
      });
    },
    done: (_, { object: c }) => ({ to: `/contributions/${c.id}`, flash: t('contributions.updated', { id: c.id }) }),
  }));

  r.post('/contributions/:id/retirer', formAction({
    load: loadContribution,
    allowed: mine(contributionsPolicy.canWithdraw),
    schema: withdrawSchema,
    run: (input, { req, actor, object: c }) => withdrawContribution(writer, actor, c.id, input.version, req.id as string),
    // The page again, as it is now, with the reason above its buttons.
    failed: async ({ errors }, { res, actor, object: c }) => renderShow(res, actor, (await findContribution(db, c.id))!, errors),
    done: (_, { object: c }) => ({ to: '/mes-contributions', flash: t('contributions.withdrawn', { id: c.id }) }),
  }));

  r.use(browseRoutes(deps));
  return r;
}
