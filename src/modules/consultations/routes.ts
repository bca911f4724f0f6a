import { Router } from 'express';
import type { AppDeps } from '../../shared/http/context';
import { authorize, currentActor } from '../../shared/http/guards';
import { NotFoundError } from '../../shared/http/errors';
import { renderMarkdown } from '../../shared/markdown';
import { adminRoutes } from './admin-routes';
import { panelsFor } from './panels';
import { consultationsPolicy } from './policy';
import { calendarSummary, currentPhase, openings, parisDay, phaseState, PHASE_LABELS } from './phases';
import { findConsultationBySlug, listConsultations, listPhases, listThemes, phasesByConsultation } from './queries';

export function consultationsRoutes(deps: AppDeps): Router {
  const { db } = deps;
  const r = Router();

  r.get('/consultations', async (req, res) => {
    const actor = currentActor(req);
    authorize(consultationsPolicy.canViewPublicPage(actor));
    const consultations = await listConsultations(db);
    const phases = await phasesByConsultation(db, consultations.map((c) => c.id));
    const today = parisDay(new Date());
    res.render('consultations/list', {
      title: 'Consultations',
      consultations: consultations.map((c) => {
        const list = phases.get(c.id) ?? [];
        return { ...c, calendar: calendarSummary(list, today), open: openings(list, c, today) };
      }),
      canManage: consultationsPolicy.canManage(actor),
    });
  });

  r.get('/consultations/:slug', async (req, res) => {
    const actor = currentActor(req);
    const consultation = await findConsultationBySlug(db, String(req.params.slug));
    if (!consultation) throw new NotFoundError();
    authorize(consultationsPolicy.canViewPublicPage(actor));
    const [phases, themes] = await Promise.all([listPhases(db, consultation.id), listThemes(db, consultation.id)]);
    const today = parisDay(new Date());
    const open = openings(phases, consultation, today);
    res.render('consultations/show', {
      title: consultation.title,
      consultation,
      descriptionHtml: renderMarkdown(consultation.description_md),
      dataNoticeHtml: renderMarkdown(consultation.data_notice_md),
      phases: phases.map((p) => ({ ...p, state: phaseState(p, today), label: PHASE_LABELS[p.kind] ?? p.kind })),
      current: currentPhase(phases, today),
      open,
      themes: themes.map((t) => ({ ...t, descriptionHtml: renderMarkdown(t.description_md) })),
      panels: await panelsFor({ db, actor, consultation, open, themes }),
      policy: consultationsPolicy,
    });
  });

  r.use(adminRoutes(deps));
  return r;
}
