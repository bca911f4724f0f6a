/**
 * The continuous intake of the demo (« remontées continues »): what staff and regional bodies kept
 * sending through the contribution form after the white paper came out (March 2024 onward), for the
 * next edition. Theme = index in THEMES (USAGERS, ENTREPRISES, PILOTAGE, OUTILS, SECURISATION, SOCLE,
 * ACCOMPAGNEMENT); `regional` asks for an author from a regional association (ARML) when there is one.
 */
export interface IntakeSeed {
  theme: number;
  regional?: boolean;
  body: string;
}

export const INTAKE: readonly IntakeSeed[] = [
  { theme: 3, body: 'Depuis le passage au nouveau module d’agenda, les rendez-vous pris par SMS ne remontent pas dans le dossier du jeune : il faudrait que la confirmation soit rattachée automatiquement.' },
  { theme: 0, body: 'Les jeunes nous demandent de pouvoir déposer leurs justificatifs depuis leur téléphone, sans passer par l’accueil. Un espace personnel simple, même sans compte France Connect, changerait beaucoup de choses.' },
  { theme: 2, regional: true, body: 'Remontée du club utilisateurs régional : les indicateurs CEJ du tableau de bord régional ne correspondent pas à ceux calculés par les Missions Locales. Il faut une définition commune et partagée des indicateurs.' },
  { theme: 4, body: 'Nous n’avons toujours pas de moyen simple de savoir qui a consulté un dossier sensible. Un journal des consultations visible par le responsable de secteur serait utile pour le RGPD.' },
  { theme: 1, body: 'Les offres d’emploi saisies par les chargés de relation entreprise ne sont pas visibles des conseillers des autres antennes : il faudrait un vivier d’offres commun à toute la structure.' },
  { theme: 6, body: 'Pour le PACEA, l’historique des phases disparaît quand un jeune change de conseiller référent. L’historique complet devrait suivre le jeune.' },
  { theme: 5, regional: true, body: 'L’ARML constate que chaque Mission Locale ressaisit les mêmes référentiels (partenaires, lieux, dispositifs). Un référentiel régional partagé éviterait ces doubles saisies.' },
  { theme: 3, body: 'Le publipostage des convocations aux ateliers collectifs oblige encore à exporter vers un tableur. Pouvoir envoyer les convocations directement depuis la liste des inscrits ferait gagner du temps.' },
  { theme: 0, body: 'Idée : un rappel automatique au jeune la veille de son rendez-vous, par SMS, avec la possibilité de répondre s’il ne peut pas venir.' },
  { theme: 2, body: 'Les financeurs nous demandent des bilans par quartier prioritaire. Il faudrait pouvoir filtrer les statistiques par QPV sans retraitement manuel.' },
  { theme: 6, regional: true, body: 'Les conseillers en mobilité internationale n’ont pas d’endroit prévu pour suivre les démarches à l’étranger : un volet dédié dans le parcours serait bienvenu.' },
  { theme: 4, body: 'Quand un agent quitte la structure, ses accès restent ouverts plusieurs semaines. Il faudrait une désactivation planifiée dès que la date de départ est connue.' },
];
