import type { Db } from '../../shared/db';
import { listThemes } from '../consultations';
import { needTraces, quotesOf, validatedNeedsWithProposals, type QuoteRow } from '../needs';
import { ambassadors as ambassadorCount, currentParticipationFigures, namedFigures, type FigureName, funnelChart, participationFigures, regionFigures, regionMapData, wordCloudChart, workshopsByRegion } from '../stats';
import { whitepaperPriorityOrder } from '../prioritisation';
import type { ChartData } from '../../shared/charts';
import { formatNumber } from '../../shared/i18n';
import { fillPlaceholders } from '../../shared/markdown';
import { DOCUMENT_FORMAT, type DocumentFigures, type DocumentNeed, type DocumentQuote, type WhitePaperDocument } from './document';
import { documentFigureValues } from './rules';
import { findContent, heldWorkshops, selectedAmbassadors, themeIntros } from './queries';

export interface AssembleOptions {
  consultation: { id: number; slug: string; title: string };
  /** Written on the cover and in the PDF's metadata. */
  author: string;
  edition: { number: number; publishedAt: string } | null;
  at?: Date;
}

/**
 * Reads the validated consolidation and the editorial content into the document. Only validated needs
 * with at least one validated proposal are published (validatedNeedsWithProposals), each with its
 * traceability counted by needTrace and the same figures as every other page (participationFigures).
 */
export async function assembleDocument(db: Db, opts: AssembleOptions): Promise<WhitePaperDocument> {
  const { consultation } = opts;
  const [content, intros, themes, figures, byRegion, needs, workshops, ambassadors] = [
    await findContent(db, consultation.id),
    await themeIntros(db, consultation.id),
    await listThemes(db, consultation.id),
    await participationFigures(db, consultation.id),
    await workshopsByRegion(db, consultation.id),
    await validatedNeedsWithProposals(db, consultation.id),
    await heldWorkshops(db, consultation.id),
    await selectedAmbassadors(db, consultation.id),
  ];
  // The DSI's option on a closed prioritisation: each theme's needs by their points (else their own order).
  const priority = await whitepaperPriorityOrder(db, consultation.id, opts.at ?? new Date());
  const regions = await regionFigures(db, consultation.id);
  const cloudTheme = content.word_cloud?.startsWith('theme=') ? themes.find((th) => String(th.id) === content.word_cloud!.slice(6)) : undefined;
  const wordCloud = content.word_cloud === null ? null : await wordCloudChart(db, consultation.id, content.word_cloud, { theme: cloudTheme?.title });
  const needIds = needs.map((n) => n.id);
  const [traces, quotes] = [await needTraces(db, needIds), await quotesOf(db, needIds)];

  const documentNeeds = new Map<number, DocumentNeed[]>();
  for (const need of needs) {
    const trace = traces.get(need.id)!;
    const list = documentNeeds.get(need.themeId) ?? [];
    list.push({
      code: need.code,
      title: need.title,
      descriptionMd: need.descriptionMd,
      trace: {
        rawContributions: trace.counts.raw,
        consolidatedContributions: trace.counts.consolidated,
        workshops: trace.counts.workshops,
        regions: trace.counts.regions,
      },
      // A withdrawn contribution is no longer quoted.
      quotes: quotes.get(need.id)!.filter((q) => q.status !== 'retiree').map(quoteOf),
      proposals: need.proposals.map((p) => ({
        code: p.code,
        title: p.title,
        descriptionMd: p.description_md,
        priority: p.priority,
        targetStream: p.target_stream,
      })),
    });
    const place = priority?.order.get(need.id);
    if (priority && place) list[list.length - 1]!.priority = place;
    documentNeeds.set(need.themeId, list);
  }
  if (priority) {
    // Needs without a place (validated after the vote) keep their order, after the ranked ones.
    const at = (n: DocumentNeed) => n.priority?.position ?? Number.MAX_SAFE_INTEGER;
    for (const [themeId, list] of documentNeeds) documentNeeds.set(themeId, list.map((n, i) => ({ n, i })).sort((a, b) => at(a.n) - at(b.n) || a.i - b.i).map(({ n }) => n));
  }

  const funnel = figures.funnel;
  // Every figure of the document, from stats' functions; the editorial texts insert them by name.
  const documentFigures: DocumentFigures = {
    workshops: figures.workshopsHeld,
    participants: figures.participants,
    rawContributions: funnel.rawContributions,
    consolidatedContributions: funnel.consolidatedContributions,
    needs: funnel.needs,
    proposals: funnel.functionalProposals,
    ambassadors: await ambassadorCount(db, consultation.id),
    regions: byRegion.length,
  };
  const values = documentFigureValues(documentFigures);
  const filled = (md: string) => fillPlaceholders(md, values);
  const charts: WhitePaperDocument['charts'] = {
    // The same chart as the dashboard and the figures page: the steps drawn, the proposals beside them.
    funnel: funnelChart(funnel, 'graphique-entonnoir'),
    contributionsByTheme: chart(
      'graphique-thematiques',
      'Contributions par thématique',
      'bars',
      figures.byTheme.filter((l) => l.count > 0).map((l) => ({ label: l.label, value: l.count })),
      'Nombre de contributions brutes reçues pour chaque thématique.',
    ),
    workshopsByRegion: chart(
      'graphique-regions',
      'Ateliers par région',
      'bars',
      byRegion.map((l) => ({ label: l.label, value: l.count })),
      'Nombre d’ateliers tenus dans chaque région, selon la structure organisatrice.',
    ),
  };

  return {
    format: DOCUMENT_FORMAT,
    consultation: { slug: consultation.slug, title: consultation.title },
    title: content.title || `Livre blanc — ${consultation.title}`,
    subtitle: content.subtitle,
    author: opts.author,
    edition: opts.edition,
    generatedAt: (opts.at ?? new Date()).toISOString(),
    sections: {
      forewordMd: filled(content.foreword_md),
      methodMd: filled(content.method_md),
      conclusionMd: filled(content.conclusion_md),
      acknowledgementsMd: filled(content.acknowledgements_md),
    },
    figures: documentFigures,
    charts,
    ...(priority ? { prioritisation: { title: priority.step.title, endsAt: priority.step.endsAt, ballots: priority.step.ballots, budget: priority.step.budget } } : {}),
    regions: {
      map: regionMapData(regions, 'contributions', 'livre-blanc-carte'),
      lines: [...regions.regions, ...regions.elsewhere].map((l) => ({ region: l.region, workshops: l.workshops, participants: l.participants, contributions: l.contributions })),
      total: regions.total,
    },
    wordCloud,
    themes: themes
      .filter((th) => documentNeeds.has(th.id))
      .map((th) => ({ code: th.code, title: th.title, introMd: filled(intros.get(th.id) ?? ''), needs: documentNeeds.get(th.id)! })),
    appendices: {
      workshops: workshops.map((w) => ({
        startsAt: w.starts_at.toISOString(),
        title: w.title,
        place: w.mode === 'distanciel' ? 'À distance' : w.place,
        structure: w.structure,
        region: w.region,
      })),
      // Named only with their consent; the figure above still counts every ambassador.
      ambassadors: ambassadors.filter((a) => a.consent).map((a) => ({ name: a.name, structure: a.structure ?? '', themes: a.themes })),
    },
  };
}

/**
 * The figures the editorial page lists and previews, by name: stats' kept figures (the pages' freshness,
 * « Chiffres à jour à … »), where publication reads them exactly (assembleDocument).
 */
export async function editorialFigureValues(db: Db, consultationId: number): Promise<Record<FigureName, number>> {
  const { value: figures } = await currentParticipationFigures(db, consultationId);
  return namedFigures({
    workshopsHeld: figures.workshopsHeld,
    participants: figures.participants,
    funnel: figures.funnel,
    ambassadors: await ambassadorCount(db, consultationId),
    regions: (await workshopsByRegion(db, consultationId)).length,
  });
}

const SOURCE_CONTEXT: Record<string, string> = {
  atelier: 'Atelier',
  individuelle: 'Contribution individuelle',
  import: 'Contribution recueillie',
  partenaire: 'Contribution d’un partenaire',
};

/** Where the words were said, never who said them (anonymous or not, a quote carries no name). */
export function quoteOf(q: Pick<QuoteRow, 'text' | 'source' | 'region'>): DocumentQuote {
  const where = SOURCE_CONTEXT[q.source] ?? 'Contribution';
  return { text: q.text.trim(), context: q.region ? `${where}, ${q.region}` : where };
}

function chart(id: string, title: string, kind: ChartData['kind'], items: ChartData['items'], intro: string): ChartData {
  const values = items.map((i) => `${i.label} : ${formatNumber(i.value)}`).join(' ; ');
  return { id, title, kind, items, description: `${intro} En chiffres : ${values}.` };
}
