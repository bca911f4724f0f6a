import { ACCOMPAGNEMENT } from './accompagnement';
import { ENTREPRISES } from './entreprises';
import { OUTILS } from './outils';
import { PILOTAGE } from './pilotage';
import { SECURISATION } from './securisation';
import { SOCLE } from './socle';
import type { ThemeSeed } from './types';
import { USAGERS } from './usagers';

/** The seven streams of the deck, in their order of presentation. */
export const THEMES: readonly ThemeSeed[] = [USAGERS, ENTREPRISES, PILOTAGE, OUTILS, SECURISATION, SOCLE, ACCOMPAGNEMENT];

export const CONSULTATION_TITLE = 'Construisons ensemble notre nouveau SI';

export const CONSULTATION_DESCRIPTION = `La concession du système d'information actuel des Missions Locales (I-Milo) prend fin en janvier 2026. L'UNML a décidé de prendre en charge le pilotage du SI du réseau et a confié la **Direction des Systèmes d'Information** à la Mission Locale des Hautes-Pyrénées.

Avant de choisir et de construire le futur SI — partagé avec France Travail et Cap emploi dans le cadre du Réseau pour l'Emploi —, la DSI a voulu partir des besoins de celles et ceux qui l'utilisent chaque jour.

**Construisons ensemble notre nouveau SI** est la consultation nationale des professionnels du réseau :

- deux webinaires nationaux de lancement, les 23 et 25 mai 2023 ;
- la sélection de 14 ambassadeurs SI issus du réseau, en juin 2023 ;
- 84 ateliers organisés sur l'ensemble du territoire en septembre 2023 ;
- la consolidation des contributions par les ambassadeurs et la DSI, puis la rédaction du livre blanc, fin 2023 ;
- la publication du livre blanc au séminaire national des systèmes d'information, le 13 mars 2024.

Le livre blanc rassemble les besoins « métiers » des professionnels ; il sert de référence aux travaux du chantier **Convergence** vers le SI partagé.`;

export const DATA_NOTICE = `## Données personnelles collectées

La DSI des Missions Locales, portée par la Mission Locale des Hautes-Pyrénées, est responsable de ce traitement.

**Ce que nous collectons**

- votre nom, votre adresse électronique professionnelle et votre structure, pour vous inscrire aux ateliers et vous tenir informé(e) des suites de la consultation ;
- votre présence aux ateliers, pour établir les chiffres de participation ;
- vos contributions, rattachées à votre nom sauf si vous choisissez de contribuer anonymement ;
- pour les candidats ambassadeurs, la lettre de motivation et les thèmes choisis.

**Pourquoi** : organiser la consultation (mission d'intérêt public du réseau), consolider les contributions et publier le livre blanc. Les contributions publiées dans le livre blanc ne mentionnent jamais leur auteur.

**Qui y accède** : la DSI et les ambassadeurs de la consultation lisent les contributions.

**Contributions anonymes** : ni le nom ni la structure de leur auteur ne sont montrés aux ambassadeurs, aux autres contributeurs ou au public — ni à l'écran, ni dans les fichiers exportés, ni dans le livre blanc. Seule la DSI voit l'auteur d'une contribution anonyme (nom et structure), pour répondre aux demandes d'accès, de rectification ou d'effacement ; vous voyez vous-même vos contributions. La région où la contribution a été exprimée (celle de l'atelier, sinon celle de votre structure) et l'atelier restent affichés.

**Combien de temps** : les données nominatives sont conservées jusqu'à la fin de la phase de suivi (31 décembre 2026), puis anonymisées.

**Vos droits** (règlement général sur la protection des données, RGPD) : vous pouvez accéder à vos données, les faire rectifier, les exporter depuis votre profil ou demander leur effacement en écrivant au délégué à la protection des données de la DSI. Vous pouvez aussi saisir la CNIL.`;

export const PHASES = [
  { kind: 'lancement', title: 'Webinaires nationaux de lancement', starts_on: '2023-05-23', ends_on: '2023-05-25', description_md: "Deux webinaires nationaux, les 23 et 25 mai 2023, pour présenter la démarche à l'ensemble du réseau." },
  { kind: 'selection_ambassadeurs', title: 'Sélection des ambassadeurs SI', starts_on: '2023-06-01', ends_on: '2023-06-30', description_md: "Appel à candidatures puis sélection de 14 ambassadeurs issus du réseau, représentant les métiers et les territoires." },
  { kind: 'consultation', title: 'Consultation nationale', starts_on: '2023-09-01', ends_on: '2023-09-30', description_md: "Ateliers dans les Missions Locales de toutes les régions et contributions individuelles en ligne." },
  { kind: 'consolidation', title: 'Consolidation et rédaction du livre blanc', starts_on: '2023-10-01', ends_on: '2023-12-31', description_md: "Les ambassadeurs regroupent les contributions brutes en contributions consolidées ; la DSI formalise les besoins et les propositions fonctionnelles." },
  { kind: 'publication', title: 'Publication du livre blanc', starts_on: '2024-01-15', ends_on: '2024-03-13', description_md: "Relecture, validation et publication du livre blanc au séminaire national des systèmes d'information (Palais des Glaces, 13 mars 2024)." },
  { kind: 'suivi', title: 'Suivi de la prise en compte des besoins', starts_on: '2024-03-14', ends_on: '2026-12-31', description_md: "Suivi de la prise en compte des besoins du livre blanc dans les travaux du SI partagé (chantier Convergence)." },
] as const;

/** Openings a person puts before a full sentence (which follows with its first letter lower-cased). */
export const OPENINGS = [
  'Dans notre ML, ',
  'Chez nous, ',
  'Pour les conseillers, ',
  'Constat partagé par toute l’équipe : ',
  'Franchement, ',
  'Point important : ',
  'En tant que conseillère, ',
  'En tant que conseiller, ',
  'Côté accueil, ',
  'Sur I-Milo, ',
  'De notre point de vue, ',
  'Pour faire simple : ',
  'Remarque de l’équipe CEJ : ',
  'Retour de l’antenne : ',
];

/** Openings that fit a note-style remark ("Un agenda partagé…", "Pouvoir…"). */
export const NOTE_OPENINGS = ['Idée : ', 'Proposition : ', 'Besoin : ', 'Souhait de l’équipe : ', 'Ce qu’il nous faudrait : ', 'À prévoir : ', 'Suggestion : '];

/** Closings added after a remark. */
export const CLOSINGS = [
  'Merci !',
  'C’est urgent.',
  'Vraiment prioritaire pour nous.',
  '+1 de toute l’équipe.',
  'Ce serait un vrai gain de temps.',
  'On en a parlé à plusieurs pendant l’atelier.',
  'Idem pour les collègues de l’accueil.',
  'À prendre en compte pour le futur SI partagé.',
  'C’est le point qui revient le plus souvent en réunion d’équipe.',
  'Ça changerait la vie des conseillers.',
];

/** Sentences that fit after most remarks, whatever the theme. */
export const GENERIC_DETAILS = [
  'C’est un irritant quotidien.',
  'Ça nous fait perdre un temps fou, surtout à la rentrée.',
  'Dans les antennes rurales c’est encore pire avec la connexion.',
  'Le sujet revient à chaque réunion d’équipe.',
  'Point remonté par plusieurs conseillers CEJ.',
  'Aujourd’hui on bricole avec des tableaux Excel.',
  'Le temps passé sur l’outil, c’est du temps en moins avec les jeunes.',
  'Les nouveaux collègues sont perdus.',
];

/** Abbreviations and slips of a sticky note written in a hurry (applied to some contributions only). */
export const ABBREVIATIONS: ReadonlyArray<readonly [RegExp, string]> = [
  [/\bconseillers\b/g, 'cslrs'],
  [/\bconseiller\b/g, 'cslr'],
  [/\brendez-vous\b/g, 'rdv'],
  [/\bFrance Travail\b/g, 'FT'],
  [/\bPôle emploi\b/g, 'PE'],
  [/\bproblème\b/g, 'pb'],
  [/\btoujours\b/g, 'tjrs'],
  [/\bbeaucoup\b/g, 'bcp'],
  [/\bquand\b/g, 'qd'],
  [/\bdans\b/g, 'ds'],
  [/\bavec\b/g, 'avc'],
  [/\bpour\b/g, 'pr'],
  [/\binformations\b/g, 'infos'],
  [/\bMission Locale\b/g, 'ML'],
  [/\bquelque chose\b/g, 'qqch'],
];

/** Accents dropped or letters doubled, as typed quickly on a shared keyboard. */
export const TYPOS: ReadonlyArray<readonly [RegExp, string]> = [
  [/é/, 'e'],
  [/à /, 'a '],
  [/è/, 'e'],
  [/ê/, 'e'],
  [/ç/, 'c'],
  [/ment\b/, 'mment'],
  [/\bl'/, 'l '],
  [/ss/, 's'],
  [/nn/, 'n'],
  [/tt/, 't'],
];

/** How a partner reports what counsellors told it (its contributions quote the network's words). */
export const PARTNER_REPORTING = [
  'Lors de nos entretiens avec des conseillers de Missions Locales, il ressort que : « %s »',
  'Retour de nos travaux avec le réseau : « %s »',
  'Constat issu de nos échanges avec les équipes des Missions Locales : « %s »',
  'Les professionnels que nous avons rencontrés soulignent : « %s »',
];

/** Remarks too vague or too broad to be classified in one theme (they stay « à classer »). */
export const UNCLASSIFIED = [
  'Tout refaire !',
  'Le SI actuel ne correspond plus du tout à nos métiers, il faut repartir de zéro.',
  'Plus simple, plus rapide, plus intuitif.',
  'Un outil qui marche, tout simplement.',
  "On veut un outil pensé pour les conseillers et pour les jeunes, pas pour les financeurs.",
  "Je ne sais pas dans quel thème le mettre mais : arrêtez de changer les règles en cours d'année.",
  'Que le futur SI soit construit AVEC nous, pas pour nous.',
  "Garder ce qui marche dans I-Milo : le dossier unique du jeune, on y tient.",
  'Moins de saisie, plus d’accompagnement.',
  "Il faudrait que toutes les ML utilisent l'outil de la même façon, sinon les chiffres nationaux ne veulent rien dire.",
  'Une seule appli pour tout !!',
  "Penser aux petites structures qui n'ont pas de service informatique.",
  "Le nouveau SI doit coûter moins cher aux ML, les licences pèsent lourd dans nos budgets.",
  "Pourquoi ne pas reprendre l'outil de France Travail directement ? Question posée par plusieurs collègues.",
  'Pas d’avis, l’outil actuel me convient globalement.',
  'Prendre en compte les spécificités de l’outre-mer (fuseau horaire, dispositifs locaux).',
  "Attention à ne pas perdre l'esprit de l'accompagnement global dans un outil trop centré sur l'emploi.",
  'Tout est trop lent et trop compliqué.',
  "Il faudrait un outil qui nous fasse confiance au lieu de tout contrôler.",
  'Des intitulés en français clair, sans sigles incompréhensibles.',
  "Rendre le SI agréable à utiliser, on y passe la moitié de nos journées.",
  "Qu'on arrête de nous demander des chiffres qui ne servent à personne.",
  'voir avec la direction',
  "Que le nouveau SI soit prêt AVANT la fin de la concession, pas six mois après.",
  "Harmoniser les pratiques entre les ML d'une même région.",
  "Idée : un outil commun avec les Départements pour le RSA jeunes.",
  "Important : que les jeunes puissent tout faire sur leur téléphone, et nous aussi.",
  'Sujet transversal : l’interopérabilité avec TOUS les partenaires.',
  "On a besoin de temps pour s'approprier les outils, pas seulement d'outils.",
  "La consultation c'est bien, mais est-ce que ça servira vraiment ?",
  'Cf. contribution de l’équipe de l’antenne nord.',
  'Même remarque que le post-it précédent.',
  'Plus de souplesse dans le paramétrage local.',
];

/** Remarks outside the scope of the information system, with the reason an ambassador gave. */
export const OUT_OF_SCOPE: ReadonlyArray<readonly [body: string, reason: string]> = [
  ["Il faudrait plus de conseillers, on a 150 jeunes chacun.", "Relève des moyens humains des structures, hors du périmètre du SI."],
  ["Les locaux de l'antenne sont trop petits pour recevoir les jeunes en toute confidentialité.", "Concerne les locaux de la structure, pas le système d'information."],
  ['Augmenter le montant de l’allocation CEJ, il ne suffit pas pour vivre.', "Relève de la réglementation nationale du CEJ, pas du SI."],
  ["Nos ordinateurs ont 8 ans, ils rament avec n'importe quel logiciel.", "Équipement informatique local : relève de chaque structure."],
  ['La connexion internet de l’antenne coupe tous les jours.', "Infrastructure réseau locale, hors du SI national."],
  ["Revoir les objectifs CEJ fixés par l'État, ils sont irréalistes.", "Relève du dialogue de gestion avec l'État, pas du SI."],
  ['Il faudrait un psychologue dans chaque ML.', "Relève de l'offre de services et des moyens des structures."],
  ["Le parking de la Mission Locale est toujours plein, les jeunes ne peuvent pas se garer.", "Hors du périmètre de la consultation."],
  ["Les salaires de la convention collective ne sont pas attractifs, on perd des collègues.", "Relève de la politique salariale de la branche, pas du SI."],
  ['Simplifier les critères d’entrée en CEJ.', "Relève de la réglementation du dispositif."],
  ['Plus de réunions d’équipe pour échanger sur les situations difficiles.', "Organisation interne de la structure, hors SI."],
  ["La Région devrait financer plus de places en formation qualifiante.", "Relève de la politique régionale de formation."],
  ['Il faudrait un deuxième écran pour chaque conseiller.', "Équipement local, hors du SI national."],
  ["Les jeunes devraient pouvoir venir sans rendez-vous le mercredi après-midi.", "Organisation de l'accueil : relève de chaque structure."],
  ["Que l'UNML défende mieux le réseau face à France Travail.", "Relève de la gouvernance du réseau, hors du périmètre du SI."],
  ['Le téléphone fixe de l’accueil ne permet pas de transférer les appels.', "Téléphonie locale, hors du SI national."],
  ["Augmenter l'enveloppe PACEA de notre structure.", "Relève de la répartition budgétaire, pas du SI."],
  ["Les horaires d'ouverture ne sont pas adaptés aux jeunes qui travaillent.", "Organisation de la structure, hors SI."],
  ["Il faudrait des tickets restaurant pour les jeunes en atelier toute la journée.", "Relève de l'offre de services locale, hors SI."],
  ["Trop de réunions partenariales qui ne servent à rien.", "Organisation partenariale locale, hors du périmètre."],
];

/** Short closing reports of workshops; %n participants, %s the hosting Mission Locale (« de la %s »). */
export const REPORT_OPENINGS = [
  "Atelier riche et très participatif : %n professionnels de la %s ont contribué, dans une ambiance constructive.",
  "%n participants de la %s. Beaucoup d'attentes exprimées, et une vraie envie d'être associés à la suite.",
  "Atelier mené avec %n collègues de la %s. Les échanges ont été animés, parfois critiques, toujours concrets.",
  "%n professionnels de la %s réunis pendant deux heures et demie ; méthode des post-it puis vote par gommettes.",
  "Bonne mobilisation : %n participants de la %s, conseillers, chargés d'accueil et responsables de secteur.",
];

export const REPORT_CLOSINGS = [
  "Les participants demandent un retour sur la suite donnée à leurs contributions.",
  "Inquiétudes exprimées sur la bascule vers le SI partagé : à relayer dans le livre blanc.",
  "Plusieurs participants souhaitent être associés aux tests du futur outil.",
  "Les contributions ont été saisies le jour même à partir des post-it.",
  "Séance très appréciée ; l'équipe propose d'accueillir un atelier de suivi en 2024.",
];

export const NEED_COMMENTS = [
  "Besoin validé en comité de pilotage, formulation à harmoniser avec le chantier Convergence.",
  "Attention à bien distinguer ce besoin de la proposition voisine sur les exports.",
  "Remonté par toutes les régions : à mettre en avant dans la synthèse du livre blanc.",
  "J'ai reformulé la description après relecture par l'ARML.",
  "Les verbatims choisis illustrent bien le besoin, merci.",
  "À rapprocher des travaux France Travail sur le même sujet.",
  "Propositions revues avec le pôle Expertise fonctionnelle.",
  "Priorité confirmée par le bureau de l'UNML.",
];
