/**
 * The editorial content of the demo white paper, as the DSI wrote it for the edition of 13 March 2024
 * (foreword, method, conclusion, acknowledgements, one introduction per theme).
 */
export const WHITEPAPER_TITLE = 'Livre blanc du futur système d’information des Missions Locales';
export const WHITEPAPER_SUBTITLE = 'Les besoins exprimés par les professionnels du réseau, de la contribution à la proposition';

export const FOREWORD_MD = `La fin de la concession du système d’information actuel, en janvier 2026, est une occasion rare : celle de construire un outil qui parte du travail réel des professionnels des Missions Locales, et non l’inverse.

Avant d’écrire la moindre ligne de cahier des charges, la DSI a donc voulu **écouter le réseau**. Pendant un mois, dans toutes les régions, conseillers, chargés de relation entreprises, assistants, chargés de projet et directions ont dit ce qui les aide, ce qui les freine et ce qu’ils attendent de leur futur outil.

Ce livre blanc rend compte fidèlement de ce qu’ils ont dit. Chaque besoin renvoie aux contributions qui l’ont fait naître ; chaque proposition fonctionnelle renvoie à un besoin. Il est le point de départ, et la référence, des travaux du SI partagé.`;

export const METHOD_MD = `La consultation « Construisons ensemble notre nouveau SI » s’est déroulée en cinq temps :

1. **Lancement** : deux webinaires nationaux, les 23 et 25 mai 2023, ont présenté la démarche à l’ensemble du réseau.
2. **Sélection des ambassadeurs** : en juin 2023, {{ambassadeurs}} professionnels du réseau ont été retenus pour représenter les métiers et les territoires. Chacun a pris en charge une ou plusieurs thématiques.
3. **Ateliers** : en septembre 2023, {{ateliers}} ateliers se sont tenus dans les Missions Locales, en présentiel ou à distance. Chaque participant y a déposé ses contributions, sans filtre ; celles et ceux qui ne pouvaient pas venir ont contribué en ligne.
4. **Consolidation** : d’octobre à décembre 2023, les ambassadeurs ont regroupé les {{contributions_brutes}} contributions brutes en contributions consolidées, sans jamais en supprimer aucune : une contribution hors sujet est marquée comme telle, avec sa raison.
5. **Formalisation** : la DSI a rédigé avec les ambassadeurs les besoins et leurs propositions fonctionnelles, puis les a validés un par un.

Pour chaque besoin, ce livre blanc indique de combien de contributions, d’ateliers et de régions il est issu, et cite quelques contributions représentatives, **sans jamais nommer leurs auteurs**.`;

export const CONCLUSION_MD = `Les besoins de ce livre blanc ne sont pas une liste de souhaits : ils décrivent le métier tel qu’il s’exerce aujourd’hui, et les conditions pour que l’outil le serve.

Ils alimentent désormais le chantier Convergence du SI partagé. La DSI publiera régulièrement **l’état de prise en compte de chaque besoin**, pour que chacun puisse vérifier ce que sa contribution est devenue.

Ce document est vivant : une nouvelle édition sera publiée à chaque étape importante, avec la liste de ce qui a changé.`;

export const ACKNOWLEDGEMENTS_MD = `Merci aux {{participants}} professionnels qui ont pris le temps de participer aux ateliers et de contribuer ; aux directions des Missions Locales qui les ont accueillis ; aux associations régionales qui ont relayé la démarche ; et aux {{ambassadeurs}} ambassadeurs SI, sans qui ces {{contributions_brutes}} contributions seraient restées une pile de post-it.`;

/** The introduction of each theme's chapter, by theme code. */
export const THEME_INTROS: Record<string, string> = {
  USAGERS: `Le cœur du métier : accueillir, accompagner et suivre chaque jeune dans son parcours. Les professionnels demandent un dossier unique, lisible d’un coup d’œil, qui les libère de la double saisie pour leur rendre du temps d’accompagnement.`,
  ENTREPRISES: `La relation avec les employeurs est une force du réseau, mais elle repose trop souvent sur des fichiers personnels. Les contributions appellent un fichier entreprises partagé et un suivi des offres et des immersions intégré au parcours du jeune.`,
  PILOTAGE: `Directions et chargés de projet veulent piloter à partir de données fiables et à jour, sans retraitements manuels : des indicateurs communs, des tableaux de bord et des extractions maîtrisées.`,
  OUTILS: `Messagerie, agenda, partage de documents, communication interne : les outils du quotidien doivent fonctionner ensemble et avec le dossier du jeune.`,
  SECURISATION: `Les professionnels manipulent des données sensibles. Ils attendent un outil sûr, conforme au RGPD, qui leur dise clairement ce qu’ils peuvent conserver, partager et pendant combien de temps.`,
  SOCLE: `Ergonomie, rapidité, accessibilité, disponibilité : le socle technique conditionne l’adoption de tout le reste.`,
  ACCOMPAGNEMENT: `Un nouvel outil ne s’impose pas : il s’apprend. Les contributions insistent sur la formation, l’aide en ligne, les référents locaux et l’association des utilisateurs à la conception.`,
};
