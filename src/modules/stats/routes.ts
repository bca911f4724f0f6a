import { Router } from 'express';
import { cloudSvg } from '../../shared/cloud';
import { chartSvg } from '../../shared/charts';
import type { AppDeps } from '../../shared/http/context';
import { allow, authorize, currentActor } from '../../shared/http/guards';
import { NotFoundError } from '../../shared/http/errors';
import { regionMapSvg } from '../../shared/map';
import { findConsultationBySlug, listThemes } from '../consultations';
import { filterQuery, selectionChoices, selectionQuery, SOURCES, STATUSES } from '../contributions';
import { statsPolicy } from './policy';
import { currentDetailFigures, currentParticipationFigures } from './figures';
import { asOfLabel } from './figures-cache';
import { wordCloud } from './cloud-cache';
import { chartLines, cloudChart, figuresCsv, figuresJson, funnelChart, funnelSteps, MAP_MEASURES, proposalsBeside, regionMapData, scopeLabel, termLinks } from './present';

export function statsRoutes({ db, config, logger }: AppDeps): Router {
  const r = Router();

  async function consultationOf(slug: unknown) {
    const consultation = await findConsultationBySlug(db, String(slug).slice(0, 80));
    if (!consultation) throw new NotFoundError();
    return consultation;
  }

  r.get('/admin/consultations/:slug/chiffres', allow(statsPolicy.canViewDetailedFigures), async (req, res) => {
    const consultation = await consultationOf(req.params.slug);
    const cached = await currentParticipationFigures(db, consultation.id);
    const detail = await currentDetailFigures(db, consultation.id);
    const figures = cached.value;
    const { regions, continuousIntake } = detail.value;
    res.render('stats/admin', {
      title: `Chiffres — ${consultation.title}`,
      consultation,
      figures,
      asOf: asOfLabel(cached.asOf < detail.asOf ? cached.asOf : detail.asOf),
      continuousIntake,
      funnel: funnelSteps(figures.funnel),
      funnelSvg: chartSvg(funnelChart(figures.funnel, 'chiffres-entonnoir')),
      funnelCaption: funnelChart(figures.funnel).description,
      proposals: proposalsBeside(figures.funnel),
      byTheme: chartLines(figures.byTheme),
      byRegion: chartLines(figures.byRegion),
      bySource: chartLines(figures.bySource),
      regions,
      maps: MAP_MEASURES.map((m) => ({ measure: m, svg: regionMapSvg(regionMapData(regions, m)) })),
    });
  });

  // The word cloud of the contributions list's selection (same query string as the list).
  r.get('/consultations/:slug/nuage', allow(statsPolicy.canViewWordCloud), async (req, res) => {
    const consultation = await consultationOf(req.params.slug);
    const filter = selectionQuery.parse(req.query);
    const [themes, choices] = [await listThemes(db, consultation.id), await selectionChoices(db, consultation.id)];
    const theme = typeof filter.theme === 'number' ? themes.find((th) => th.id === filter.theme) : undefined;
    if (typeof filter.theme === 'number' && !theme) throw new NotFoundError('Cette thématique n’existe pas dans cette consultation.');
    const workshop = filter.workshop !== null ? choices.workshops.find((w) => w.id === filter.workshop) : undefined;
    if (filter.workshop !== null && !workshop) throw new NotFoundError('Cet atelier n’existe pas dans cette consultation.');
    const state = await wordCloud({ db, logger, syncLimit: config.wordCloud.syncLimit }, consultation.id, filter);
    const scope = scopeLabel(filter, { theme: theme?.title, workshop: workshop?.title });
    const chart = cloudChart('nuage', state.terms, scope, state.contributions);
    res.render('stats/cloud', {
      title: `Nuage de mots — ${consultation.title}`,
      consultation,
      filter,
      query: filterQuery(filter),
      themes,
      workshops: choices.workshops,
      regions: choices.regions,
      sources: SOURCES,
      statuses: STATUSES,
      scopeText: scope,
      state,
      svg: state.terms.length ? cloudSvg(chart) : '',
      terms: termLinks(state.terms, consultation.slug, filter),
    });
  });

  r.get('/consultations/:slug/chiffres.csv', async (req, res) => {
    authorize(statsPolicy.canExportFigures(currentActor(req)));
    const consultation = await consultationOf(req.params.slug);
    const csv = figuresCsv((await currentParticipationFigures(db, consultation.id)).value);
    res.setHeader('Content-Disposition', `attachment; filename="chiffres-${consultation.slug}.csv"`);
    res.type('text/csv; charset=utf-8').send(csv);
  });

  r.get('/consultations/:slug/chiffres.json', async (req, res) => {
    authorize(statsPolicy.canExportFigures(currentActor(req)));
    const consultation = await consultationOf(req.params.slug);
    const body = figuresJson((await currentParticipationFigures(db, consultation.id)).value, consultation);
    res.setHeader('Content-Disposition', `attachment; filename="chiffres-${consultation.slug}.json"`);
    res.type('application/json').send(JSON.stringify(body, null, 2));
  });

  return r;
}
