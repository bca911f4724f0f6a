import { Router, type Request } from 'express';
import type { AppDeps } from '../../shared/http/context';
import { allow, authorize, currentActor, requireLogin } from '../../shared/http/guards';
import { flash } from '../../shared/http/flash';
import { ForbiddenError, NotFoundError } from '../../shared/http/errors';
import { markdownToText, renderMarkdown } from '../../shared/markdown';
import { fieldErrors, failureOf } from '../../shared/validation';
import { t } from '../../shared/i18n';
import { recordAudit } from '../audit';
import type { MaybeActor } from '../../shared/actor';
import { findConsultationBySlug, listConsultations, listThemes, parisDay, type ConsultationRow } from '../consultations';
import { contributionsOpen, isPublished } from './calendar';
import { editContribution } from './edit-contribution';
import { OPEN_DATA_COLUMNS, STAFF_COLUMNS, streamExport, type ExportFormat } from './export-contributions';
import { contributionsPolicy } from './policy';
import {
  SOURCES,
  STATUSES,
  countSelection,
  findContribution,
  isConsolidated,
  listOwnContributions,
  listSelection,
  selectionBatches,
  selectionChoices,
  type ContributionView,
} from './queries';
import { submitContribution } from './submit-contribution';
import { BODY_MAX, BODY_MIN, contributionSchema, editContributionSchema, filterQuery, parseCursor, parseFilter, withdrawSchema } from './validation';
import { withdrawContribution } from './withdraw-contribution';
import { parseId } from '../../shared/http/params';

const PAGE_SIZE = 50;
const EXCERPT = 280;


/** The author as this reader may see them (anonymity decided by the policy). */
export function authorLabel(actor: MaybeActor, c: ContributionView): string {
  const name = c.author_display_name ?? c.author_name ?? null;
  if (!c.anonymous) return name ?? '—';
  if (!contributionsPolicy.canSeeAuthor(actor, c)) return t('contributions.anonymous');
  return `${name ?? '—'} (${t('contributions.anonymous').toLowerCase()})`;
}

function excerpt(body: string): string {
  const text = markdownToText(body).replace(/\s+/g, ' ').trim();
  const chars = [...text];
  return chars.length > EXCERPT ? `${chars.slice(0, EXCERPT).join('').trimEnd()}…` : text;
}

const statusLabel = (s: string) => t(`contributions.status.${s}`);
const sourceLabel = (s: string) => t(`contributions.source.${s}`);

export function contributionsRoutes({ db }: AppDeps): Router {
  const r = Router();

  async function consultationOr404(req: Request): Promise<ConsultationRow> {
    const consultation = await findConsultationBySlug(db, String(req.params.slug).slice(0, 80));
    if (!consultation) throw new NotFoundError();
    return consultation;
  }

  /** Only a contribution not yet taken into account by an ambassador can change. */
  async function stillOpen(c: ContributionView): Promise<boolean> {
    return c.status === 'a_traiter' && !(await isConsolidated(db, c.id));
  }

  async function renderForm(req: Request, res: import('express').Response, consultation: ConsultationRow, extra: { values?: object; errors?: Record<string, string>; open?: boolean }) {
    res.render('contributions/new', {
      title: `Contribuer — ${consultation.title}`,
      consultation,
      themes: await listThemes(db, consultation.id),
      open: extra.open ?? (await contributionsOpen(db, consultation)),
      values: extra.values ?? { themeId: typeof req.query.theme === 'string' ? req.query.theme : '' },
      errors: extra.errors ?? {},
      bodyMin: BODY_MIN,
      bodyMax: BODY_MAX,
    });
  }

  // ---- Individual contributions (every logged-in staff member) ----
  r.get('/consultations/:slug/contribuer', allow(contributionsPolicy.canContribute), async (req, res) => {
    const consultation = await consultationOr404(req);
    await renderForm(req, res, consultation, {});
  });

  r.post('/consultations/:slug/contributions', allow(contributionsPolicy.canContribute), async (req, res) => {
    const actor = currentActor(req)!;
    const consultation = await consultationOr404(req);
    authorize(contributionsPolicy.canContribute(actor));
    if (!(await contributionsOpen(db, consultation))) {
      res.status(409);
      return renderForm(req, res, consultation, { open: false, values: req.body, errors: { _form: t('contributions.closed', { title: consultation.title }) } });
    }
    const parsed = contributionSchema.safeParse(req.body ?? {});
    const result = parsed.success ? await submitContribution(db, actor, consultation.slug, parsed.data, req.id as string) : null;
    if (!parsed.success || !result?.ok) {
      const { errors } = failureOf(parsed, result);
      const { status } = failureOf(parsed, result);
      res.status(status);
      return renderForm(req, res, consultation, { values: req.body, errors, open: status !== 409 });
    }
    flash(req, 'success', t('contributions.submitted', { id: result.value.id }));
    res.redirect(303, '/mes-contributions');
  });

  r.get('/mes-contributions', allow(contributionsPolicy.canListOwn), async (req, res) => {
    const actor = currentActor(req)!;
    const before = parseCursor(req.query as Record<string, unknown>);
    const rows = await listOwnContributions(db, actor.id, before, PAGE_SIZE + 1);
    const page = rows.slice(0, PAGE_SIZE);
    const consultations = await listConsultations(db);
    const open: ConsultationRow[] = [];
    for (const c of consultations) if (await contributionsOpen(db, c)) open.push(c);
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
  r.get('/contributions/:id', requireLogin, async (req, res) => {
    const actor = currentActor(req);
    const c = await findContribution(db, parseId(req.params.id));
    if (!c) throw new NotFoundError();
    authorize(contributionsPolicy.canView(actor, c));
    await renderShow(res, actor, c, {});
  });

  async function renderShow(res: import('express').Response, actor: MaybeActor, c: ContributionView, errors: Record<string, string>) {
    const open = await stillOpen(c);
    res.render('contributions/show', {
      title: c.reference ? `Contribution ${c.reference}` : `Contribution n° ${c.id}`,
      c,
      bodyHtml: renderMarkdown(c.body),
      author: authorLabel(actor, c),
      canEdit: open && contributionsPolicy.canEdit(actor, c),
      canWithdraw: open && contributionsPolicy.canWithdraw(actor, c),
      canBrowse: contributionsPolicy.canBrowse(actor),
      showNotes: contributionsPolicy.canSeeProcessingNotes(actor),
      statusLabel,
      sourceLabel,
      errors,
    });
  }

  function ownOr403(actor: MaybeActor, c: ContributionView) {
    if (!contributionsPolicy.canEdit(actor, c)) throw new ForbiddenError(t('contributions.notYours'));
  }

  r.get('/contributions/:id/modifier', requireLogin, async (req, res) => {
    const actor = currentActor(req);
    const c = await findContribution(db, parseId(req.params.id));
    if (!c) throw new NotFoundError();
    ownOr403(actor, c);
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

  r.post('/contributions/:id', requireLogin, async (req, res) => {
    const actor = currentActor(req)!;
    const c = await findContribution(db, parseId(req.params.id));
    if (!c) throw new NotFoundError();
    ownOr403(actor, c);
    const parsed = editContributionSchema.safeParse(req.body ?? {});
    const result = parsed.success ? await editContribution(db, actor, c.id, parsed.data, req.id as string) : null;
    if (!parsed.success || !result?.ok) {
      const { errors } = failureOf(parsed, result);
      res.status(failureOf(parsed, result).status);
      const current = result?.current ?? null;
      return res.render('contributions/edit', {
        title: 'Modifier ma contribution',
        c: current ?? c,
        themes: await listThemes(db, c.consultation_id),
        values: req.body ?? {},
        errors,
        current: current ? { ...current, bodyHtml: renderMarkdown(current.body), editable: await stillOpen(current) } : null,
        bodyMin: BODY_MIN,
        bodyMax: BODY_MAX,
      });
    }
    flash(req, 'success', t('contributions.updated', { id: c.id }));
    res.redirect(303, `/contributions/${c.id}`);
  });

  r.post('/contributions/:id/retirer', requireLogin, async (req, res) => {
    const actor = currentActor(req)!;
    const c = await findContribution(db, parseId(req.params.id));
    if (!c) throw new NotFoundError();
    if (!contributionsPolicy.canWithdraw(actor, c)) throw new ForbiddenError(t('contributions.notYours'));
    const parsed = withdrawSchema.safeParse(req.body ?? {});
    const result = parsed.success ? await withdrawContribution(db, actor, c.id, parsed.data.version, req.id as string) : null;
    if (!parsed.success || !result?.ok) {
      res.status(failureOf(parsed, result).status);
      const { errors } = failureOf(parsed, result);
      return renderShow(res, actor, (await findContribution(db, c.id))!, errors);
    }
    flash(req, 'success', t('contributions.withdrawn', { id: c.id }));
    res.redirect(303, '/mes-contributions');
  });

  // ---- Browse, search, export (ambassadors and the DSI) ----
  r.get('/contributions', allow(contributionsPolicy.canBrowse), async (_req, res) => {
    res.render('contributions/consultations', { title: 'Contributions', consultations: await listConsultations(db) });
  });

  r.get('/consultations/:slug/contributions', allow(contributionsPolicy.canBrowse), async (req, res) => {
    const actor = currentActor(req);
    const consultation = await consultationOr404(req);
    authorize(contributionsPolicy.canBrowse(actor));
    const query = req.query as Record<string, unknown>;
    const filter = parseFilter(query);
    const before = parseCursor(query);
    const [rows, total, themes, choices] = await Promise.all([
      listSelection(db, consultation.id, filter, before, PAGE_SIZE + 1),
      countSelection(db, consultation.id, filter),
      listThemes(db, consultation.id),
      selectionChoices(db, consultation.id),
    ]);
    const page = rows.slice(0, PAGE_SIZE);
    res.render('contributions/browse', {
      title: `Contributions — ${consultation.title}`,
      consultation,
      filter,
      themes,
      workshops: choices.workshops,
      regions: choices.regions,
      statuses: STATUSES,
      sources: SOURCES,
      contributions: page.map((c) => ({ ...c, excerpt: excerpt(c.body), author: authorLabel(actor, c) })),
      total,
      isFirstPage: !before,
      nextCursor: rows.length > PAGE_SIZE ? page[page.length - 1]!.id : null,
      query: filterQuery(filter),
      statusLabel,
      sourceLabel,
    });
  });

  for (const format of ['csv', 'xlsx', 'json'] as const satisfies readonly ExportFormat[]) {
    r.get(`/consultations/:slug/contributions/export.${format}`, allow(contributionsPolicy.canExport), async (req, res) => {
      const actor = currentActor(req)!;
      const consultation = await consultationOr404(req);
      authorize(contributionsPolicy.canExport(actor));
      const filter = parseFilter(req.query as Record<string, unknown>);
      // Who took which file of contributions (names included) is part of the personal-data record.
      await recordAudit(db, {
        actorId: actor.id,
        action: 'contribution.export',
        objectType: 'raw_contribution',
        consultationId: consultation.id,
        after: { format, filter },
        requestId: req.id as string,
      });
      const name = `contributions-${consultation.slug}-${parisDay(new Date())}`;
      await streamExport(res, format, name, STAFF_COLUMNS, selectionBatches(db, consultation.id, filter));
    });
  }

  r.get('/consultations/:slug/contributions/open-data.csv', async (req, res) => {
    const consultation = await consultationOr404(req);
    const published = await isPublished(db, consultation.id);
    if (!contributionsPolicy.canDownloadOpenData(currentActor(req), published)) {
      throw new ForbiddenError('Les données ouvertes de cette consultation seront publiées avec le livre blanc.');
    }
    const empty = parseFilter({});
    const name = `contributions-donnees-ouvertes-${consultation.slug}`;
    // A withdrawn contribution is its author's choice: it is never published.
    await streamExport(res, 'csv', name, OPEN_DATA_COLUMNS, selectionBatches(db, consultation.id, empty, { excludeStatuses: ['retiree'] }));
  });

  return r;
}
