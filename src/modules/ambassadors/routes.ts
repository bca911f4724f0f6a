import { Router, type Request, type Response } from 'express';
import type { AppDeps } from '../../shared/http/context';
import { allow, authorize, currentActor, requireLogin } from '../../shared/http/guards';
import { flash } from '../../shared/http/flash';
import { NotFoundError, type FieldErrors } from '../../shared/http/errors';
import { fieldErrors } from '../../shared/validation';
import { t } from '../../shared/i18n';
import { findConsultationBySlug, listPhases, listThemes, openings, parisDay, type ConsultationRow, type ThemeRow } from '../consultations';
import { listStructures } from '../structures';
import { ambassadorsPolicy } from './policy';
import { APPLICATION_STATUSES, decisionMark, type ApplicationStatus } from './decision';
import { assignedThemeIds, assignmentsByTheme, countApplicationsByStatus, findApplication, findApplicationById, listApplications, listApplicationsOf, type ApplicationRow } from './queries';
import { applySchema, decisionSchema, COMMENT_MAX, MOTIVATION_MAX, MOTIVATION_MIN } from './validation';
import { applyAsAmbassador } from './apply-as-ambassador';
import { selectAmbassador } from './select-ambassador';
import { declineApplication } from './decline-application';
import { parseId } from '../../shared/http/params';


const themeNames = (themes: ThemeRow[], ids: number[]) => {
  const byId = new Map(themes.map((th) => [th.id, th.title]));
  return ids.map((id) => byId.get(id)).filter((x): x is string => !!x);
};

export function ambassadorsRoutes({ db }: AppDeps): Router {
  const r = Router();

  async function consultationOf(req: Request): Promise<ConsultationRow> {
    const consultation = await findConsultationBySlug(db, String(req.params.slug).slice(0, 100));
    if (!consultation) throw new NotFoundError();
    return consultation;
  }

  async function callOpen(consultation: ConsultationRow): Promise<boolean> {
    return openings(await listPhases(db, consultation.id), consultation, parisDay(new Date())).ambassadorCall;
  }

  // ---- Staff: apply, see their applications ----
  const renderApply = async (req: Request, res: Response, consultation: ConsultationRow, values: object, errors: FieldErrors) => {
    const actor = currentActor(req)!;
    const [themes, existing, open] = await Promise.all([listThemes(db, consultation.id), findApplication(db, consultation.id, actor.id), callOpen(consultation)]);
    const canApply = ambassadorsPolicy.canApply(actor, { open }, existing);
    res.render('ambassadors/apply', {
      title: `Candidater comme ambassadeur — ${consultation.title}`,
      consultation,
      themes,
      open,
      existing: existing ? { ...existing, knownThemeNames: themeNames(themes, existing.known_themes), assignedThemeNames: themeNames(themes, await assignedThemeIds(db, consultation.id, actor.id)) } : null,
      canApply,
      structures: canApply ? await listStructures(db) : [],
      values,
      errors,
      motivationMin: MOTIVATION_MIN,
      motivationMax: MOTIVATION_MAX,
    });
  };

  r.get('/consultations/:slug/candidature', requireLogin, async (req, res) => {
    const consultation = await consultationOf(req);
    await renderApply(req, res, consultation, { structureId: currentActor(req)!.structureId ?? '', knownThemes: [] }, {});
  });

  r.post('/consultations/:slug/candidature', requireLogin, async (req, res) => {
    const actor = currentActor(req)!;
    const consultation = await consultationOf(req);
    const existing = await findApplication(db, consultation.id, actor.id);
    const open = await callOpen(consultation);
    const typed = { ...req.body, knownThemes: [req.body?.knownThemes ?? []].flat().map(String) };
    if (!ambassadorsPolicy.canApply(actor, { open }, existing)) {
      // Refused before reading the form: outside the call, or a second application.
      const message = existing ? t('ambassadors.alreadyApplied') : t('ambassadors.closed', { title: consultation.title });
      return renderApply(req, res.status(409), consultation, typed, { _form: message });
    }
    const parsed = applySchema.safeParse(req.body ?? {});
    if (!parsed.success) return renderApply(req, res.status(422), consultation, typed, fieldErrors(parsed.error));
    const result = await applyAsAmbassador(db, actor, consultation.id, parsed.data, { requestId: req.id as string });
    if (!result.ok) return renderApply(req, res.status(result.status ?? 422), consultation, typed, result.errors);
    flash(req, 'success', t('ambassadors.applied', { title: consultation.title }));
    res.redirect(303, `/consultations/${consultation.slug}#appel-ambassadeurs`);
  });

  r.get('/candidatures', requireLogin, async (req, res) => {
    const actor = currentActor(req)!;
    authorize(ambassadorsPolicy.canListOwn(actor));
    const applications = (await listApplicationsOf(db, actor.id)).filter((a) => ambassadorsPolicy.canView(actor, a));
    const themesByConsultation = new Map<number, ThemeRow[]>();
    for (const a of applications) if (!themesByConsultation.has(a.consultation_id)) themesByConsultation.set(a.consultation_id, await listThemes(db, a.consultation_id));
    const rows = await Promise.all(
      applications.map(async (a) => {
        const themes = themesByConsultation.get(a.consultation_id) ?? [];
        return { ...a, knownThemeNames: themeNames(themes, a.known_themes), assignedThemeNames: themeNames(themes, await assignedThemeIds(db, a.consultation_id, actor.id)) };
      }),
    );
    res.render('ambassadors/mine', { title: 'Mes candidatures', applications: rows });
  });

  // ---- DSI: review and decide ----
  r.get('/admin/consultations/:slug/candidatures', allow(ambassadorsPolicy.canReview), async (req, res) => {
    const consultation = await consultationOf(req);
    authorize(ambassadorsPolicy.canReview(currentActor(req), consultation));
    const status = (APPLICATION_STATUSES as readonly string[]).includes(String(req.query.statut)) ? (req.query.statut as ApplicationStatus) : undefined;
    const [themes, applications, counts, perTheme, open] = await Promise.all([
      listThemes(db, consultation.id),
      listApplications(db, consultation.id, status),
      countApplicationsByStatus(db, consultation.id),
      assignmentsByTheme(db, consultation.id),
      callOpen(consultation),
    ]);
    res.render('ambassadors/review', {
      title: `Candidatures d’ambassadeurs — ${consultation.title}`,
      consultation,
      tab: 'candidatures',
      open,
      status: status ?? '',
      statuses: APPLICATION_STATUSES,
      counts,
      themes: themes.map((th) => ({ ...th, ambassadors: perTheme.get(th.id) ?? 0 })),
      applications: applications.map((a) => ({ ...a, knownThemeNames: themeNames(themes, a.known_themes) })),
    });
  });

  const renderDecision = async (
    res: Response,
    consultation: ConsultationRow,
    application: ApplicationRow,
    values: { themeIds: number[]; comment: string; seen: string } | null,
    errors: FieldErrors,
    current: ApplicationRow | null,
  ) => {
    const [themes, assigned] = await Promise.all([listThemes(db, consultation.id), assignedThemeIds(db, consultation.id, application.user_id)]);
    const v = values ?? {
      // Before any decision, the themes the applicant knows are a sensible first proposal.
      themeIds: assigned.length ? assigned : application.known_themes,
      comment: application.decision_comment ?? '',
      seen: decisionMark(application.status, application.decided_at),
    };
    res.render('ambassadors/decide', {
      title: `Candidature de ${application.display_name} — ${consultation.title}`,
      consultation,
      tab: 'candidatures',
      application: { ...application, knownThemeNames: themeNames(themes, application.known_themes), assignedThemeNames: themeNames(themes, assigned) },
      themes,
      values: { ...v, seen: current ? decisionMark(current.status, current.decided_at) : v.seen },
      errors,
      current,
      commentMax: COMMENT_MAX,
    });
  };

  r.get('/admin/consultations/:slug/candidatures/:id', allow(ambassadorsPolicy.canReview), async (req, res) => {
    const consultation = await consultationOf(req);
    const application = await findApplicationById(db, consultation.id, parseId(req.params.id));
    if (!application) throw new NotFoundError();
    authorize(ambassadorsPolicy.canDecide(currentActor(req), application));
    await renderDecision(res, consultation, application, null, {}, null);
  });

  r.post('/admin/consultations/:slug/candidatures/:id', allow(ambassadorsPolicy.canReview), async (req, res) => {
    const actor = currentActor(req)!;
    const consultation = await consultationOf(req);
    const application = await findApplicationById(db, consultation.id, parseId(req.params.id));
    if (!application) throw new NotFoundError();
    authorize(ambassadorsPolicy.canDecide(actor, application));
    const parsed = decisionSchema.safeParse(req.body ?? {});
    const typed = {
      themeIds: [req.body?.themeIds ?? []].flat().map(Number).filter((n) => Number.isInteger(n)),
      comment: typeof req.body?.comment === 'string' ? req.body.comment.slice(0, COMMENT_MAX * 2) : '',
      seen: typeof req.body?.seen === 'string' ? req.body.seen.slice(0, 100) : '',
    };
    if (!parsed.success) return renderDecision(res.status(422), consultation, application, typed, fieldErrors(parsed.error), null);
    const input = parsed.data;
    const result =
      input.decision === 'retenue'
        ? await selectAmbassador(db, actor, consultation.id, application.id, input, req.id as string)
        : await declineApplication(db, actor, consultation.id, application.id, input, req.id as string);
    if (!result.ok) return renderDecision(res.status(result.status ?? 422), consultation, result.current ?? application, typed, result.errors, result.current ?? null);
    const name = result.value.display_name ?? '';
    if (input.decision === 'retenue') flash(req, 'success', t('ambassadors.selected', { name, count: input.themeIds.length }));
    else flash(req, 'success', t('ambassadors.declined', { name }));
    res.redirect(303, `/admin/consultations/${consultation.slug}/candidatures#candidature-${application.id}`);
  });

  return r;
}
