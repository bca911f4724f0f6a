import { chartSvg } from '../../shared/charts';
import { cloudSvg } from '../../shared/cloud';
import { regionMapSvg } from '../../shared/map';
import { fillPlaceholders, renderMarkdown } from '../../shared/markdown';
import { frenchSpacing } from '../../shared/text/typography';
import { allNeeds, anchorOf, chaptersOf, PRIORITY_LABELS, themeAnchor, type WhitePaperDocument } from './document';
import { t } from '../../shared/i18n';
import { layoutPercent } from './queries';
import { ambassadorsNote, prioritisationNote, priorityLine, traceLine } from './rules';

/** What progress.js polls for a layout running in the background (a publication or a draft PDF). */
export function layoutState(job: { status: string; steps_done: number; steps_total: number }) {
  const percent = layoutPercent(job);
  return { finished: job.status !== 'en_cours', done: percent, total: 100, message: t('whitepaper.layoutProgress', { percent }) };
}

/** Published Markdown: French spacing first, then the one sanitising renderer. */
export const publishedHtml = (md: string): string => renderMarkdown(frenchSpacing(md));

/**
 * What the HTML page needs, computed once here rather than in the template: sanitised HTML of every
 * Markdown field, the charts' SVG (the same layout as the PDF's), anchors and the index of needs.
 */
export function documentView(doc: WhitePaperDocument) {
  return {
    doc,
    fr: frenchSpacing,
    chapters: chaptersOf(doc),
    ambassadorsNote: ambassadorsNote(doc.figures.ambassadors, doc.appendices.ambassadors.length),
    sections: {
      foreword: publishedHtml(doc.sections.forewordMd),
      method: publishedHtml(doc.sections.methodMd),
      conclusion: publishedHtml(doc.sections.conclusionMd),
      acknowledgements: publishedHtml(doc.sections.acknowledgementsMd),
    },
    charts: {
      funnel: chartSvg(doc.charts.funnel),
      contributionsByTheme: chartSvg(doc.charts.contributionsByTheme),
      workshopsByRegion: chartSvg(doc.charts.workshopsByRegion),
    },
    regionMap: doc.regions ? regionMapSvg(doc.regions.map) : null,
    wordCloud: doc.wordCloud && doc.wordCloud.terms.length ? cloudSvg(doc.wordCloud) : null,
    needIndex: allNeeds(doc)
      .map((n) => ({ code: n.code, title: n.title, themeTitle: n.themeTitle, anchor: anchorOf('besoin', n.code) }))
      .sort((a, b) => a.code.localeCompare(b.code, 'fr', { numeric: true })),
    themes: doc.themes.map((th) => ({
      ...th,
      anchor: themeAnchor(th.code),
      introHtml: publishedHtml(th.introMd),
      priorityNote: doc.prioritisation ? prioritisationNote(doc.prioritisation) : null,
      needs: th.needs.map((n) => ({
        ...n,
        anchor: anchorOf('besoin', n.code),
        traceText: traceLine(n.trace),
        priorityText: n.priority ? priorityLine(n.priority) : null,
        descriptionHtml: publishedHtml(n.descriptionMd),
        proposals: n.proposals.map((p) => ({
          ...p,
          anchor: anchorOf('proposition', p.code),
          priorityLabel: PRIORITY_LABELS[p.priority] ?? p.priority,
          descriptionHtml: publishedHtml(p.descriptionMd),
        })),
      })),
    })),
  };
}

/** The editorial form's « Aperçu »: each section as it will be published, from what was typed. */
export function sectionPreviews(values: Record<string, unknown>, themes: Array<{ id: number }>, figures: Readonly<Record<string, number>>): Record<string, string> {
  // The figures named ({{ateliers}}) read as they would be published today.
  const text = (key: string) => (typeof values[key] === 'string' ? fillPlaceholders(values[key] as string, figures) : '');
  const out: Record<string, string> = {};
  for (const key of ['foreword_md', 'method_md', 'conclusion_md', 'acknowledgements_md']) out[key] = publishedHtml(text(key));
  for (const th of themes) out[`intro_${th.id}`] = publishedHtml(text(`intro_${th.id}`));
  return out;
}
