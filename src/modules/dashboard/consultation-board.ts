import { chartSvg } from '../../shared/charts';
import { cloudSvg } from '../../shared/cloud';
import type { Db } from '../../shared/db';
import { regionMapSvg } from '../../shared/map';
import type { ConsultationRow } from '../consultations';
import { selectionQuery } from '../contributions';
import { followupSummary } from '../followup';
import { latestPriorities } from '../prioritisation';
import {
  ambassadors, asOfLabel, chartLines, cloudChart, currentContributionsByWeek, currentDetailFigures, currentParticipationFigures, funnelChart, funnelSteps, proposalsBeside,
  regionMapData, weeksChart, wordCloud,
} from '../stats';

/**
 * The DSI's dashboard of one consultation: every figure is asked of the module that computes it —
 * stats (participation figures, ambassadors, regions, weeks, word cloud), followup (its uptake
 * indicator, from the same overview as the follow-up's pages), prioritisation (the latest step's
 * results) — never counted here, so that the dashboard, the figures page, the exports and the white
 * paper agree. Read-only.
 */
export const TOP_NEEDS = 10;
export const TOP_TERMS = 20;

export async function consultationBoard(deps: { db: Db; logger: { error(obj: object, msg: string): void }; cloudSyncLimit: number }, consultation: ConsultationRow) {
  const { db } = deps;
  const id = consultation.id;
  // The figures through stats' per-consultation cache (exact, computed again when the data changes).
  const cached = await currentParticipationFigures(db, id);
  const figures = cached.value;
  const [ambassadorCount, regions, weeks, cloud, followup, priorities] = [
    await ambassadors(db, id),
    (await currentDetailFigures(db, id)).value.regions,
    (await currentContributionsByWeek(db, id)).value,
    await wordCloud({ db, logger: deps.logger, syncLimit: deps.cloudSyncLimit }, id, selectionQuery.parse({})),
    await followupSummary(db, id),
    await latestPriorities(db, id),
  ];
  const cards = [
    { key: 'ateliers', label: 'Ateliers tenus', value: figures.workshopsHeld },
    { key: 'participants', label: 'Participants', value: figures.participants },
    { key: 'contributions-brutes', label: 'Contributions brutes', value: figures.rawContributions },
    { key: 'contributions-consolidees', label: 'Contributions consolidées', value: figures.funnel.consolidatedContributions },
    { key: 'besoins', label: 'Besoins', value: figures.funnel.needs },
    { key: 'propositions', label: 'Propositions fonctionnelles', value: figures.funnel.functionalProposals },
    { key: 'ambassadeurs', label: 'Ambassadeurs', value: ambassadorCount },
  ];
  const cloudData = cloudChart('tableau-nuage', cloud.terms, 'toute la consultation', cloud.contributions);
  return {
    figures,
    asOf: asOfLabel(cached.asOf),
    cards,
    funnel: funnelSteps(figures.funnel),
    funnelSvg: chartSvg(funnelChart(figures.funnel, 'tableau-entonnoir')),
    funnelCaption: funnelChart(figures.funnel).description,
    proposals: proposalsBeside(figures.funnel),
    regions,
    maps: [{ measure: 'contributions' as const, svg: regionMapSvg(regionMapData(regions, 'contributions', 'tableau-carte-contributions')) }],
    weeks: chartLines(weeks),
    weeksSvg: weeks.length ? chartSvg(weeksChart(weeks, 'tableau-semaines')) : '',
    cloud,
    cloudSvg: cloud.terms.length ? cloudSvg(cloudData) : '',
    topTerms: cloud.terms.slice(0, TOP_TERMS),
    followup: { published: followup.published, overall: followup.overview?.indicator.overall ?? null },
    priorities: priorities ? { step: priorities.step, ballots: priorities.results.ballots, top: priorities.results.overall.slice(0, TOP_NEEDS) } : null,
  };
}
export type ConsultationBoard = Awaited<ReturnType<typeof consultationBoard>>;
