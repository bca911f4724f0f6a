import { Router } from 'express';
import type { AppDeps } from '../../shared/http/context';
import { authorize, currentActor } from '../../shared/http/guards';
import { NotFoundError } from '../../shared/http/errors';
import { renderMarkdown } from '../../shared/markdown';
import { consultationsPolicy } from './policy';
import { currentPhase, openings, parisDay, phaseState, PHASE_LABELS } from './phases';
import { findConsultationBySlug, listConsultations, listPhases, listThemes } from './queries';

export function consultationsRoutes({ db }: AppDeps): Router {
  const r = Router();

  r.get('/consultations', async (req, res) => {
    authorize(consultationsPolicy.canViewPublicPage(currentActor(req)));
    res.render('consultations/list', { title: 'Consultations', consultations: await listConsultations(db) });
  });

  r.get('/consultations/:slug', async (req, res) => {
    const consultation = await findConsultationBySlug(db, String(req.params.slug));
    if (!consultation) throw new NotFoundError();
    authorize(consultationsPolicy.canViewPublicPage(currentActor(req)));
    const [phases, themes] = await Promise.all([listPhases(db, consultation.id), listThemes(db, consultation.id)]);
    const today = parisDay(new Date());
    res.render('consultations/show', {
      title: consultation.title,
      consultation,
      descriptionHtml: renderMarkdown(consultation.description_md),
      dataNoticeHtml: renderMarkdown(consultation.data_notice_md),
      phases: phases.map((p) => ({ ...p, state: phaseState(p, today), label: PHASE_LABELS[p.kind] ?? p.kind })),
      current: currentPhase(phases, today),
      open: openings(phases, consultation, today),
      themes: themes.map((t) => ({ ...t, descriptionHtml: renderMarkdown(t.description_md) })),
    });
  });

  return r;
}
