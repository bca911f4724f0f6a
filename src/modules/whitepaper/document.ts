import type { ChartData } from '../../shared/charts';
import type { CloudData } from '../../shared/cloud';
import type { RegionMapData } from '../../shared/map';

/**
 * The white paper as data: everything the HTML page and the PDF print, and nothing else. An edition's
 * snapshot is this object serialised, so a published edition renders the same years later whatever
 * happens to the consultation's data. Plain JSON values only (dates as ISO strings).
 *
 * Texts ending in `Md` are Markdown written in the app; renderers pass them through the one Markdown
 * module (src/shared/markdown.ts), which sanitises them. Every other string is plain text.
 */
export const DOCUMENT_FORMAT = 1;

export interface WhitePaperDocument {
  format: typeof DOCUMENT_FORMAT;
  consultation: { slug: string; title: string };
  title: string;
  subtitle: string;
  /** Who publishes it: shown on the cover and written in the PDF's Author field. */
  author: string;
  /** « Édition 2 » for a published edition, null for a draft. */
  edition: { number: number; publishedAt: string } | null;
  /** When the data was read (a draft shows it on its cover). */
  generatedAt: string;
  sections: {
    forewordMd: string;
    methodMd: string;
    conclusionMd: string;
    acknowledgementsMd: string;
  };
  figures: DocumentFigures;
  charts: {
    funnel: ChartData;
    contributionsByTheme: ChartData;
    workshopsByRegion: ChartData;
  };
  /** The map of the regions with its table (absent from editions published before it existed). */
  regions?: DocumentRegions;
  /** The word cloud chosen by the DSI, if any (absent from editions published before it existed). */
  wordCloud?: CloudData | null;
  themes: DocumentTheme[];
  /**
   * Present when the needs of each theme are ordered by the points of a closed prioritisation (the
   * DSI's option on the step); absent in editions published without it (and in every older snapshot).
   */
  prioritisation?: DocumentPrioritisation;
  appendices: {
    workshops: DocumentWorkshop[];
    ambassadors: DocumentAmbassador[];
  };
}

/** The prioritisation that ordered the needs: « Priorisation 2025, close le 28 mars 2025, 412 votants ». */
export interface DocumentPrioritisation {
  title: string;
  /** ISO date-time of its close. */
  endsAt: string;
  ballots: number;
  budget: number;
}

/** « Les chiffres de la consultation », as in the deck. */
export interface DocumentFigures {
  workshops: number;
  participants: number;
  rawContributions: number;
  consolidatedContributions: number;
  needs: number;
  proposals: number;
  ambassadors: number;
  regions: number;
}

/** Contributions by region as a map, and workshops, participants and contributions by region as a table. */
export interface DocumentRegions {
  map: RegionMapData;
  lines: Array<{ region: string; workshops: number; participants: number; contributions: number }>;
  total: { workshops: number; participants: number; contributions: number };
}

export interface DocumentTheme {
  code: string;
  title: string;
  introMd: string;
  needs: DocumentNeed[];
}

export interface DocumentNeed {
  code: string;
  title: string;
  descriptionMd: string;
  /** « Issu de 14 contributions, 6 ateliers, 4 régions ». */
  trace: DocumentTrace;
  /** Representative quotes chosen by ambassadors: the words only, never a name. */
  quotes: DocumentQuote[];
  proposals: DocumentProposal[];
  /** Its place in its theme by the network's points (only when the document has `prioritisation`). */
  priority?: { position: number; points: number; rank: number };
}

export interface DocumentTrace {
  rawContributions: number;
  consolidatedContributions: number;
  workshops: number;
  regions: number;
}

export interface DocumentQuote {
  text: string;
  /** Where it was said, never by whom: « Atelier, Occitanie », « Contribution individuelle ». */
  context: string;
}

export interface DocumentProposal {
  code: string;
  title: string;
  descriptionMd: string;
  /** haute | moyenne | basse */
  priority: string;
  targetStream: string;
}

export interface DocumentWorkshop {
  /** ISO date-time of the start. */
  startsAt: string;
  title: string;
  place: string;
  structure: string;
  region: string;
}

export interface DocumentAmbassador {
  name: string;
  structure: string;
  themes: string[];
}

/** Anchor of a need or a proposal in the HTML page and named destination in the PDF (stable across editions). */
export function anchorOf(kind: 'besoin' | 'proposition', code: string): string {
  return `${kind}-${code.replace(/[^A-Za-z0-9_-]+/g, '-')}`;
}

export function themeAnchor(code: string): string {
  return `theme-${code.replace(/[^A-Za-z0-9_-]+/g, '-')}`;
}

export const PRIORITY_LABELS: Record<string, string> = { haute: 'Priorité haute', moyenne: 'Priorité moyenne', basse: 'Priorité basse' };

/** Every need of the document, in order (the index of needs, the changelog). */
export function allNeeds(doc: Pick<WhitePaperDocument, 'themes'>): Array<DocumentNeed & { themeCode: string; themeTitle: string }> {
  return doc.themes.flatMap((th) => th.needs.map((n) => ({ ...n, themeCode: th.code, themeTitle: th.title })));
}

/** The chapters in reading order, for the table of contents and the PDF's bookmarks. */
export interface Chapter {
  key: string;
  title: string;
  children?: Array<{ key: string; title: string }>;
}

export function chaptersOf(doc: WhitePaperDocument): Chapter[] {
  return [
    { key: 'avant-propos', title: 'Avant-propos' },
    { key: 'chiffres', title: 'Les chiffres de la consultation' },
    { key: 'methode', title: 'La méthode' },
    ...doc.themes.map((th) => ({
      key: themeAnchor(th.code),
      title: th.title,
      children: th.needs.map((n) => ({ key: anchorOf('besoin', n.code), title: `${n.code} — ${n.title}` })),
    })),
    { key: 'conclusion', title: 'Conclusion' },
    { key: 'remerciements', title: 'Remerciements' },
    {
      key: 'annexes',
      title: 'Annexes',
      children: [
        { key: 'annexe-ateliers', title: 'Liste des ateliers' },
        { key: 'annexe-ambassadeurs', title: 'Les ambassadeurs' },
        { key: 'annexe-index', title: 'Index des besoins' },
      ],
    },
  ];
}
