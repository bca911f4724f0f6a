import { Router } from 'express';
import type { AppDeps } from '../../shared/http/context';
import { allow, authorize, currentActor } from '../../shared/http/guards';
import { NotFoundError } from '../../shared/http/errors';
import { findConsultationBySlug } from '../consultations';
import { statsPolicy } from './policy';
import { participationFigures } from './figures';
import { continuousIntake } from './queries';
import { chartLines, figuresCsv, figuresJson, funnelSteps } from './present';

export function statsRoutes({ db }: AppDeps): Router {
  const r = Router();

  async function consultationOf(slug: unknown) {
    const consultation = await findConsultationBySlug(db, String(slug));
    if (!consultation) throw new NotFoundError();
    return consultation;
  }

  r.get('/admin/consultations/:slug/chiffres', allow(statsPolicy.canViewDetailedFigures), async (req, res) => {
    const consultation = await consultationOf(req.params.slug);
    const figures = await participationFigures(db, consultation.id);
    res.render('stats/admin', {
      title: `Chiffres — ${consultation.title}`,
      consultation,
      figures,
      continuousIntake: await continuousIntake(db, consultation.id),
      funnel: funnelSteps(figures.funnel),
      byTheme: chartLines(figures.byTheme),
      byRegion: chartLines(figures.byRegion),
      bySource: chartLines(figures.bySource),
    });
  });

  r.get('/consultations/:slug/chiffres.csv', async (req, res) => {
    authorize(statsPolicy.canExportFigures(currentActor(req)));
    const consultation = await consultationOf(req.params.slug);
    const csv = figuresCsv(await participationFigures(db, consultation.id));
    res.setHeader('Content-Disposition', `attachment; filename="chiffres-${consultation.slug}.csv"`);
    res.type('text/csv; charset=utf-8').send(csv);
  });

  r.get('/consultations/:slug/chiffres.json', async (req, res) => {
    authorize(statsPolicy.canExportFigures(currentActor(req)));
    const consultation = await consultationOf(req.params.slug);
    const body = figuresJson(await participationFigures(db, consultation.id), consultation);
    res.setHeader('Content-Disposition', `attachment; filename="chiffres-${consultation.slug}.json"`);
    res.type('application/json').send(JSON.stringify(body, null, 2));
  });

  return r;
}
