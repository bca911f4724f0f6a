import { registerMessages } from '../../shared/i18n';

registerMessages({
  'stats.unclassified': 'À classer',
  'stats.unknownRegion': 'Région non renseignée',
  'stats.source.atelier': 'Ateliers',
  'stats.source.individuelle': 'Contributions individuelles',
  'stats.source.import': 'Import de fiches papier',
  'stats.source.partenaire': 'Partenaires',
  'stats.funnel.rawContributions': 'Contributions brutes',
  'stats.funnel.consolidatedContributions': 'Contributions consolidées',
  'stats.funnel.needs': 'Besoins',
  'stats.funnel.functionalProposals': 'Propositions fonctionnelles',
  'stats.csv.indicator': 'Indicateur',
  'stats.csv.category': 'Catégorie',
  'stats.csv.value': 'Valeur',
  'stats.workshopsHeld': 'Ateliers tenus',
  'stats.participants': 'Participants',
  'stats.byTheme': 'Contributions par thématique',
  'stats.byRegion': 'Contributions par région',
  'stats.bySource': 'Contributions par source',
  'stats.funnel': 'De la contribution à la proposition',
});
