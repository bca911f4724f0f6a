import type { ChartData } from '../../src/shared/charts';
import {
  DOCUMENT_FORMAT,
  type DocumentAmbassador,
  type DocumentNeed,
  type DocumentProposal,
  type DocumentQuote,
  type DocumentTheme,
  type DocumentWorkshop,
  type WhitePaperDocument,
} from '../../src/modules/whitepaper/document';

/**
 * A deterministic, realistic white paper for tests and benchmarks: French text with every accent the
 * renderer must keep (é è ê à ç œ « »), Markdown with emphasis and lists, and hostile content
 * (a script, a remote image, a javascript: link) that must never reach the output. The same arguments
 * always give the same document, so page counts and timings compare from run to run.
 */
export interface SampleOptions {
  /** Published edition number; null (the default) for a working version. */
  edition?: number | null;
  /** The real consultation's figures (84 workshops, 811 participants, 1 091 contributions…) instead of counted ones. */
  demoFigures?: boolean;
  /** How many workshops the appendix lists (84 with demoFigures, else 12). */
  workshops?: number;
}

/** The strings planted in the Markdown that must never appear in a rendering. */
export const HOSTILE_MARKERS = ['alert(', 'evil.example', 'javascript:', '<script', '<img', 'pixel-espion'] as const;

const HOSTILE_MD =
  '<script>alert("piège")</script>\n\n<img src="http://evil.example/pixel-espion.png" alt="pixel-espion">\n\n' +
  'Un lien [trompeur](javascript:alert(1)) reste du texte.';

/** Small seeded generator (mulberry32): no dependency, same sequence everywhere. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const THEMES = [
  'Accompagnement des jeunes et suivi des parcours',
  'Gestion administrative et financière des dispositifs',
  'Relations avec les partenaires et les employeurs',
  'Outils numériques, ergonomie et mobilité des conseillers',
  'Données, pilotage et statistiques',
  'Formation et montée en compétences des équipes',
  'Accessibilité et inclusion numérique',
  'Sécurité, confidentialité et conformité au RGPD',
];

const NEED_TITLES = [
  'Disposer d’une vue unique du parcours du jeune',
  'Réduire la double saisie entre les outils nationaux et locaux',
  'Partager l’agenda des rendez-vous avec les partenaires',
  'Être prévenu des échéances administratives des dispositifs',
  'Suivre les aides financières versées et leur justification',
  'Échanger des documents de façon sécurisée avec les jeunes',
  'Retrouver rapidement l’historique des entretiens',
  'Produire les bilans d’activité sans retraitement manuel',
  'Accéder à l’outil en mobilité, lors des permanences délocalisées et des ateliers collectifs hors les murs, y compris sans connexion fiable',
  'Simplifier la prescription vers les organismes de formation',
  'Mieux connaître les offres d’emploi du bassin',
  'Garantir la confidentialité des informations sensibles',
  'Être formé aux nouveaux outils au bon moment',
  'Rendre les écrans utilisables au clavier et avec un lecteur d’écran',
  'Cœur de métier : passer moins de temps sur l’écran et plus avec les jeunes',
  'Reçu, traité, clôturé : connaître l’état de chaque demande',
];

const SENTENCES = [
  'Les conseillères et conseillers décrivent une **ressaisie quotidienne** des mêmes informations dans plusieurs outils.',
  'Dans les ateliers, le sujet est revenu à chaque fois : « on passe plus de temps à remplir qu’à accompagner ».',
  'L’enjeu est de libérer du temps pour l’accompagnement, cœur du métier, sans perdre la traçabilité exigée par les financeurs.',
  'Plusieurs structures ont déjà mis en œuvre des solutions locales ; elles fonctionnent, mais ne se parlent pas.',
  'Les jeunes, eux, attendent une réponse rapide : un message, un rendez-vous, un document reçu et compris.',
  'Les directions demandent des indicateurs fiables, produits à la source et non recalculés à la main en fin d’année.',
  'Ce besoin concerne autant les petites structures rurales que les Missions Locales des grandes métropoles.',
  'La garantie de confidentialité est une condition : les jeunes confient des éléments de santé, de logement ou de justice.',
  'Il faut penser les écrans pour des usages réels : permanences, visites à domicile, ateliers collectifs à l’extérieur.',
  'Les partenaires (France Travail, départements, organismes de formation) sont prêts à échanger, à condition d’un cadre clair.',
];

const LIST_ITEMS = [
  'consulter l’historique complet en un écran',
  'recevoir une alerte avant l’échéance',
  'exporter les données au format ouvert',
  'déléguer une tâche à un collègue absent',
  'tracer qui a consulté quoi et quand',
  'préparer l’entretien à partir du dernier compte rendu',
];

const QUOTES = [
  'On ressaisit tout, trois fois, et à la fin personne n’a la même information.',
  'Quand un jeune revient après six mois, je dois refaire tout son parcours à l’oral : c’est décourageant pour lui comme pour moi.',
  'Le « dossier unique » existe sur le papier ; dans les faits, chacun a son tableur.',
  'Ce qui m’aiderait vraiment ? Savoir en arrivant le matin quels dossiers sont en retard.',
  'Les partenaires nous demandent des bilans que l’outil ne sait pas produire, alors on les fait à la main.',
  'J’ai reçu la formation deux mois après la mise en service : trop tard, on avait déjà pris de mauvaises habitudes.',
  'En permanence dans les villages, je n’ai pas de réseau ; je note sur un carnet et je recopie le soir.',
  'Le jeune ne comprend pas pourquoi on lui redemande une pièce qu’il a déjà envoyée. Moi non plus !',
];

const CONTEXTS = [
  'Atelier, Occitanie',
  'Atelier, Hauts-de-France',
  'Contribution individuelle',
  'Atelier, Auvergne-Rhône-Alpes',
  'Atelier, Bretagne',
  'Atelier, Provence-Alpes-Côte d’Azur',
  'Contribution individuelle',
  'Atelier, Grand Est',
];

const PROPOSAL_TITLES = [
  'Un dossier du jeune partagé entre tous les outils',
  'Un tableau de bord des échéances par conseiller',
  'Un connecteur avec les systèmes des partenaires',
  'Une application mobile utilisable hors connexion',
  'Un coffre-fort numérique pour les pièces justificatives',
  'Des bilans d’activité générés à la demande',
  'Un parcours de formation intégré à l’outil',
  'Une journalisation des accès consultable par la personne',
];

const STREAMS = ['Dossier du jeune', 'Portail partenaires', 'Socle de données', 'Messagerie sécurisée', 'Agenda partagé', 'Pilotage et statistiques'];
const PRIORITIES = ['haute', 'moyenne', 'basse'] as const;

const REGIONS = [
  'Auvergne-Rhône-Alpes',
  'Bourgogne-Franche-Comté',
  'Bretagne',
  'Centre-Val de Loire',
  'Corse',
  'Grand Est',
  'Hauts-de-France',
  'Île-de-France',
  'Normandie',
  'Nouvelle-Aquitaine',
  'Occitanie',
  'Pays de la Loire',
  'Provence-Alpes-Côte d’Azur',
];
const TOWNS = ['Toulouse', 'Lille', 'Lyon', 'Rennes', 'Marseille', 'Besançon', 'Orléans', 'Ajaccio', 'Strasbourg', 'Créteil', 'Caen', 'Bordeaux', 'Nantes', 'Montbéliard', 'Saint-Étienne', 'Châteauroux'];
const PLACES = ['Salle du conseil', 'Maison de l’emploi', 'Locaux de la Mission Locale', 'Médiathèque', 'Visioconférence'];
const WORKSHOP_TOPICS = ['Parcours et accompagnement', 'Outils du quotidien', 'Partenariats', 'Pilotage et données', 'Accessibilité', 'Atelier mixte jeunes et conseillers'];

const PEOPLE = [
  'Amélie Lefèvre',
  'Benoît Garçon',
  'Chloé Martin-Dubœuf',
  'Damien N’Diaye',
  'Élodie Rousseau',
  'François Béranger',
  'Gaëlle Le Goff',
  'Hélène Sauvé',
  'Inès Benali',
  'Jérôme Thiébaut',
  'Karima Haddad',
  'Loïc Ménard',
  'Maëlys Perrin',
  'Noël Chastagner',
];

const pick = <T>(list: readonly T[], i: number): T => list[((i % list.length) + list.length) % list.length]!;
const pad = (n: number) => String(n).padStart(2, '0');

function paragraph(r: () => number, sentences: number): string {
  const out: string[] = [];
  for (let i = 0; i < sentences; i++) out.push(pick(SENTENCES, Math.floor(r() * SENTENCES.length)));
  return out.join(' ');
}

function description(r: () => number, index: number): string {
  const parts = [paragraph(r, 2 + Math.floor(r() * 2))];
  if (r() < 0.45) {
    const n = 2 + Math.floor(r() * 3);
    const items = Array.from({ length: n }, (_, k) => `- ${pick(LIST_ITEMS, index + k)}`);
    parts.push(`Les participants souhaitent notamment :\n\n${items.join('\n')}`);
  }
  if (r() < 0.5) parts.push(paragraph(r, 1 + Math.floor(r() * 2)));
  if (index === 0) parts.push(HOSTILE_MD);
  return parts.join('\n\n');
}

function proposal(r: () => number, needCode: string, j: number, seed: number): DocumentProposal {
  return {
    code: `${needCode}.${j + 1}`,
    title: pick(PROPOSAL_TITLES, seed + j * 3),
    descriptionMd: `${paragraph(r, 1 + Math.floor(r() * 2))}${r() < 0.3 ? `\n\n1. ${pick(LIST_ITEMS, seed)}\n2. ${pick(LIST_ITEMS, seed + 1)}` : ''}`,
    priority: pick(PRIORITIES, seed + j),
    targetStream: pick(STREAMS, seed * 7 + j),
  };
}

function need(r: () => number, i: number): DocumentNeed {
  const code = `B-${pad(i + 1)}`;
  const base = pick(NEED_TITLES, i);
  const round = Math.floor(i / NEED_TITLES.length);
  const roll = r();
  const proposals = roll < 0.3 ? 1 : roll < 0.9 ? 2 : 3;
  const qroll = r();
  const quoteCount = qroll < 0.3 ? 2 : qroll < 0.85 ? 3 : 4;
  const quotes: DocumentQuote[] = Array.from({ length: quoteCount }, (_, k) => ({ text: pick(QUOTES, i * 3 + k), context: pick(CONTEXTS, i + k) }));
  // B-02 is the singular case of the traceability line (« 1 contribution, 1 atelier, 1 région »).
  const raw = i === 1 ? 1 : 2 + Math.floor(r() * 28);
  const trace = i === 1
    ? { rawContributions: 1, consolidatedContributions: 1, workshops: 1, regions: 1 }
    : { rawContributions: raw, consolidatedContributions: Math.max(1, Math.round(raw / 3.6)), workshops: 1 + Math.floor(r() * Math.min(8, raw)), regions: 1 + Math.floor(r() * 5) };
  return {
    code,
    title: round === 0 ? base : `${base} (volet ${round + 1})`,
    descriptionMd: description(r, i),
    trace,
    quotes,
    proposals: Array.from({ length: proposals }, (_, j) => proposal(r, code, j, i)),
  };
}

function workshops(count: number): DocumentWorkshop[] {
  return Array.from({ length: count }, (_, i) => {
    const day = new Date(Date.UTC(2024, 0, 15) + Math.floor(i * 2.5) * 86_400_000 + (i % 3) * 3 * 3_600_000 + 8 * 3_600_000);
    const town = pick(TOWNS, i * 5);
    return {
      startsAt: day.toISOString(),
      title: `${pick(WORKSHOP_TOPICS, i)} — ${town}`,
      place: `${pick(PLACES, i)}, ${town}`,
      structure: `Mission Locale de ${town}`,
      region: pick(REGIONS, i * 5),
    };
  });
}

function ambassadors(): DocumentAmbassador[] {
  return PEOPLE.map((name, i) => ({
    name,
    structure: `Mission Locale de ${pick(TOWNS, i * 3 + 1)}`,
    themes: [pick(THEMES, i), pick(THEMES, i + 3)],
  }));
}

function countBy(values: string[]): Array<{ label: string; value: number }> {
  const m = new Map<string, number>();
  for (const v of values) m.set(v, (m.get(v) ?? 0) + 1);
  return [...m].map(([label, value]) => ({ label, value })).sort((a, b) => b.value - a.value || a.label.localeCompare(b.label, 'fr'));
}

export function sampleDocument(needCount = 12, opts: SampleOptions = {}): WhitePaperDocument {
  const r = rng(20_261_129);
  const needs = Array.from({ length: needCount }, (_, i) => need(r, i));
  const themeCount = Math.min(THEMES.length, Math.max(1, Math.ceil(needCount / 3)));
  const per = Math.ceil(needCount / themeCount);
  const themes: DocumentTheme[] = THEMES.slice(0, themeCount).map((title, t) => ({
    code: `T${t + 1}`,
    title,
    introMd: `${paragraph(r, 2)}\n\nCette thématique regroupe **${Math.min(per, Math.max(0, needCount - t * per))} besoins** issus des ateliers et des contributions individuelles.`,
    needs: needs.slice(t * per, (t + 1) * per),
  }));
  const demo = !!opts.demoFigures;
  const ws = workshops(opts.workshops ?? (demo ? 84 : 12));
  const raw = needs.reduce((s, n) => s + n.trace.rawContributions, 0);
  const consolidated = needs.reduce((s, n) => s + n.trace.consolidatedContributions, 0);
  const proposals = needs.reduce((s, n) => s + n.proposals.length, 0);
  const figures = demo
    ? { workshops: 84, participants: 811, rawContributions: 1091, consolidatedContributions: 300, needs: needCount, proposals, ambassadors: 14, regions: 13 }
    : {
        workshops: ws.length,
        participants: ws.length * 9 + 7,
        rawContributions: raw,
        consolidatedContributions: consolidated,
        needs: needCount,
        proposals,
        ambassadors: PEOPLE.length,
        regions: new Set(ws.map((w) => w.region)).size,
      };
  const funnel: ChartData = {
    id: 'entonnoir',
    title: 'De la contribution à la proposition',
    description: 'Chaque étape de la consultation, des contributions recueillies dans les ateliers jusqu’aux propositions fonctionnelles retenues.',
    kind: 'funnel',
    items: [
      { label: 'contributions', value: figures.rawContributions },
      { label: 'contributions consolidées', value: figures.consolidatedContributions },
      { label: 'besoins', value: figures.needs },
      { label: 'propositions', value: figures.proposals },
    ],
  };
  const byTheme: ChartData = {
    id: 'contributions-par-thematique',
    title: 'Contributions par thématique',
    description: 'Nombre de contributions à l’origine des besoins de chaque thématique.',
    kind: 'bars',
    items: themes.map((th) => ({ label: th.title, value: th.needs.reduce((s, n) => s + n.trace.rawContributions, 0) })),
  };
  const byRegion: ChartData = {
    id: 'ateliers-par-region',
    title: 'Ateliers par région',
    description: 'Nombre d’ateliers tenus dans chaque région pendant la consultation.',
    kind: 'bars',
    items: countBy(ws.map((w) => w.region)),
  };
  const edition = opts.edition == null ? null : { number: opts.edition, publishedAt: '2026-11-20T10:30:00.000Z' };
  return {
    format: DOCUMENT_FORMAT,
    consultation: { slug: 'construisons-ensemble-notre-nouveau-si', title: 'Construisons ensemble notre nouveau système d’information' },
    title: 'Livre blanc du futur système d’information des Missions Locales',
    subtitle: 'Besoins et propositions issus de la consultation nationale du réseau',
    author: 'Union nationale des Missions Locales — Direction des systèmes d’information',
    edition,
    generatedAt: '2026-11-29T09:00:00.000Z',
    sections: {
      forewordMd:
        '# Pourquoi ce livre blanc ?\n\nPendant dix mois, **conseillères, conseillers, directions et jeunes** ont décrit leur quotidien : ce qui fonctionne, ce qui freine, ce qui manque. ' +
        'Ce document restitue fidèlement leurs besoins ; il ne tranche pas encore les choix techniques.\n\n' +
        '> « Enfin, on nous demande notre avis avant de choisir l’outil. » — une conseillère, à Besançon\n\n' +
        'Il s’adresse à trois publics :\n\n1. les équipes du réseau, qui y retrouveront leurs mots ;\n2. les financeurs et partenaires ;\n3. les éditeurs qui répondront à l’appel d’offres.\n\n' +
        `Pour en savoir plus : [le site de la consultation](https://ensemble.example.fr/consultations) ou [écrire à l’équipe](mailto:dsi@ensemble.example.fr).\n\n${HOSTILE_MD}`,
      methodMd:
        '## Des ateliers aux propositions\n\nLa consultation s’est déroulée en quatre étapes :\n\n' +
        '1. **Ateliers** dans les régions, animés par des facilitateurs formés ;\n2. **Consolidation** des contributions par les ambassadeurs ;\n3. **Regroupement** en besoins, validés en comité ;\n4. **Propositions** fonctionnelles, priorisées.\n\n' +
        '| Étape | Durée | Qui |\n|---|---|---|\n| Ateliers | 6 mois | Facilitateurs, participants |\n| Consolidation | 2 mois | Ambassadeurs |\n| Propositions | 2 mois | DSI et comité |\n\n' +
        'Chaque besoin indique sa **traçabilité** : le nombre de contributions, d’ateliers et de régions dont il est issu.',
      conclusionMd:
        'Ce livre blanc n’est pas une fin : il ouvre la phase de **suivi**. Chaque proposition sera reprise dans un chantier, et les éditions suivantes diront ce qui a été fait, ce qui a changé et pourquoi.\n\n' +
        'Merci de continuer à contribuer : le système d’information du réseau se construit *avec* celles et ceux qui l’utilisent. Œuvrer ensemble reste notre méthode.',
      acknowledgementsMd:
        'Nous remercions les **811 participantes et participants** des ateliers, les quatorze ambassadeurs, les facilitateurs, ainsi que les jeunes qui ont accepté de témoigner. ' +
        'Un merci particulier aux équipes de Montbéliard, Châteauroux et Saint-Étienne pour l’accueil des premiers ateliers — et à Noël, Maëlys et Loïc pour leur relecture œcuménique.',
    },
    figures,
    charts: { funnel, contributionsByTheme: byTheme, workshopsByRegion: byRegion },
    themes,
    appendices: { workshops: ws, ambassadors: ambassadors() },
  };
}
