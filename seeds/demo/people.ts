/**
 * The people of the demo. Staff names are drawn from these lists; ambassadors and DSI staff are named
 * here once. Every address is under a reserved domain (.test for the demo logins, .example for the
 * others): no real mailbox can ever receive a message from the demo.
 */
export const FIRST_NAMES = [
  'Adèle', 'Adrien', 'Agathe', 'Aïcha', 'Alexandre', 'Alice', 'Amandine', 'Amel', 'Anaïs', 'André', 'Anne-Laure', 'Antoine',
  'Arnaud', 'Audrey', 'Aurélien', 'Aziz', 'Baptiste', 'Bénédicte', 'Benjamin', 'Bertrand', 'Brigitte', 'Bruno', 'Camille',
  'Carole', 'Caroline', 'Cédric', 'Chantal', 'Charlotte', 'Chloé', 'Christelle', 'Christophe', 'Claire', 'Clément', 'Coralie',
  'Corinne', 'Damien', 'Delphine', 'Djamila', 'Dominique', 'Élodie', 'Élise', 'Emma', 'Éric', 'Estelle', 'Fabien', 'Fanny',
  'Farid', 'Fatima', 'Fatou', 'Florence', 'Florian', 'François', 'Frédérique', 'Gaëlle', 'Géraldine', 'Grégory', 'Guillaume',
  'Hakim', 'Hélène', 'Hugo', 'Ibrahim', 'Inès', 'Isabelle', 'Jean-Baptiste', 'Jean-Marc', 'Jérôme', 'Jessica', 'Johanna',
  'Jordan', 'Julie', 'Justine', 'Karima', 'Karine', 'Kevin', 'Khadija', 'Lætitia', 'Laura', 'Laure', 'Léa', 'Leïla', 'Linda',
  'Lionel', 'Loïc', 'Louise', 'Lucas', 'Ludivine', 'Magali', 'Malik', 'Manon', 'Marie', 'Marine', 'Marion', 'Mathieu',
  'Maxime', 'Mélanie', 'Mickaël', 'Mohamed', 'Morgane', 'Myriam', 'Nathalie', 'Nicolas', 'Noémie', 'Océane', 'Olivier',
  'Pascale', 'Patricia', 'Pauline', 'Philippe', 'Quentin', 'Rachida', 'Raphaël', 'Romain', 'Samia', 'Samir', 'Sandra',
  'Sarah', 'Sébastien', 'Séverine', 'Sonia', 'Stéphanie', 'Sylvain', 'Tiphaine', 'Valérie', 'Vanessa', 'Virginie', 'Xavier',
  'Yannick', 'Yasmina', 'Youssef', 'Zohra',
];

export const LAST_NAMES = [
  'Abdelkader', 'Albert', 'André', 'Arnaud', 'Aubert', 'Bailly', 'Barbier', 'Baron', 'Bastide', 'Benabdallah', 'Benoît',
  'Bernard', 'Berthelot', 'Bertin', 'Besnard', 'Blanc', 'Bonnet', 'Boucher', 'Bouvier', 'Boyer', 'Brun', 'Camara',
  'Carpentier', 'Caron', 'Chauvin', 'Chevalier', 'Cissé', 'Clément', 'Colin', 'Collet', 'Coulibaly', 'Da Silva', 'David',
  'Delmas', 'Denis', 'Diop', 'Dos Santos', 'Dubois', 'Dufour', 'Dumas', 'Dupont', 'Duval', 'El Amrani', 'Étienne', 'Faure',
  'Fernandes', 'Fleury', 'Fontaine', 'Fournier', 'François', 'Gaillard', 'Garcia', 'Gauthier', 'Gérard', 'Gilbert', 'Girard',
  'Gomez', 'Guerin', 'Guillot', 'Hamel', 'Hamon', 'Henry', 'Hoarau', 'Hubert', 'Jacob', 'Jacquet', 'Jean', 'Joly', 'Kaya',
  'Lacombe', 'Lambert', 'Laurent', 'Le Bihan', 'Le Gall', 'Lebrun', 'Leclerc', 'Lefèvre', 'Legrand', 'Lemaire', 'Leroy',
  'Lopez', 'Lucas', 'Maillard', 'Marchal', 'Marie', 'Martin', 'Martinez', 'Masson', 'Mathieu', 'Mercier', 'Meunier', 'Meyer',
  'Michel', 'Moreau', 'Morin', 'Muller', 'N’Diaye', 'Nguyen', 'Nicolas', 'Noël', 'Olivier', 'Ouali', 'Paris', 'Perrin',
  'Petit', 'Picard', 'Pierre', 'Poirier', 'Prévost', 'Renard', 'Renaud', 'Rey', 'Richard', 'Rivière', 'Robert', 'Roche',
  'Rodriguez', 'Roger', 'Rolland', 'Roussel', 'Roux', 'Royer', 'Saïdi', 'Sanchez', 'Schmitt', 'Simon', 'Sow', 'Tessier',
  'Thomas', 'Traoré', 'Tran', 'Vasseur', 'Vidal', 'Vincent', 'Weber', 'Zerrouki',
];

/** The DSI team. The first one is the demo login. */
export const DSI_STAFF = [
  { email: 'dsi@ensemble.test', name: 'Claire Dupuis — DSI', demo: true },
  { email: 'laurent.fourcade@dsi-ml.example', name: 'Laurent Fourcade — DSI', demo: false },
  { email: 'camille.abadie@dsi-ml.example', name: 'Camille Abadie — DSI', demo: false },
] as const;

export interface AmbassadorSeed {
  name: string;
  email: string;
  structure: string;
  themes: string[];
  motivation: string;
  demo?: boolean;
}

/** The 14 ambassadors selected in June 2023; each consolidates two streams. */
export const AMBASSADORS: AmbassadorSeed[] = [
  {
    name: 'Nadia Benali',
    email: 'ambassadeur@ensemble.test',
    structure: 'Mission Locale de Lille Avenir Jeunes',
    themes: ['USAGERS', 'ACCOMPAGNEMENT'],
    demo: true,
    motivation:
      "Conseillère depuis 12 ans et référente I-Milo de ma structure, je forme les nouveaux collègues à l'outil. Je voudrais porter la voix des conseillers de terrain et surtout celle des jeunes, qui subissent aussi nos lenteurs de saisie.",
  },
  {
    name: 'Julien Carrère',
    email: 'julien.carrere@ml-toulouse.example',
    structure: 'Mission Locale de Toulouse',
    themes: ['PILOTAGE', 'SOCLE'],
    motivation:
      "Chargé de mission statistiques, je passe une bonne partie de mon temps à retraiter des exports pour le dialogue de gestion. Je souhaite que le futur SI produise enfin des indicateurs fiables sans bricolage sous tableur.",
  },
  {
    name: 'Sandrine Le Goff',
    email: 'sandrine.le-goff@ml-brest.example',
    structure: 'Mission Locale du Pays de Brest',
    themes: ['USAGERS', 'OUTILS'],
    motivation:
      "Responsable de secteur sur un territoire rural et urbain, je vois au quotidien l'écart entre ce que l'outil permet et ce dont les équipes ont besoin en itinérance.",
  },
  {
    name: 'Mamadou Diallo',
    email: 'mamadou.diallo@ml-saint-denis.example',
    structure: 'Mission Locale de Saint-Denis',
    themes: ['ENTREPRISES', 'SECURISATION'],
    motivation:
      "Chargé de relations entreprises, je gère aujourd'hui nos contacts employeurs dans un tableur à part. J'aimerais contribuer à un SI qui relie enfin l'offre d'emploi et l'accompagnement des jeunes.",
  },
  {
    name: 'Émilie Rousseau',
    email: 'emilie.rousseau@ml-nantes.example',
    structure: 'Mission Locale Nantes Métropole',
    themes: ['PILOTAGE', 'ACCOMPAGNEMENT'],
    motivation:
      "Directrice adjointe, j'ai piloté le déploiement du CEJ dans notre structure. Je veux que la prochaine bascule d'outil soit préparée avec les équipes, pas subie.",
  },
  {
    name: 'Thomas Klein',
    email: 'thomas.klein@ml-strasbourg.example',
    structure: "Mission Locale pour l'Emploi de Strasbourg",
    themes: ['SOCLE', 'OUTILS'],
    motivation:
      "Référent informatique et RGPD de la structure, je suis l'interlocuteur du support national pour nos 60 salariés. Je peux apporter une vision technique tout en restant proche des usages.",
  },
  {
    name: 'Céline Garnier',
    email: 'celine.garnier@ml-lyon.example',
    structure: 'Mission Locale de Lyon',
    themes: ['USAGERS', 'SECURISATION'],
    motivation:
      "Conseillère CEJ, je gère chaque mois les demandes d'allocation de mes jeunes. Je souhaite que le SI sécurise ces paiements et arrête de nous faire tout contrôler à la main.",
  },
  {
    name: 'Rachid Haddad',
    email: 'rachid.haddad@ml-marseille.example',
    structure: 'Mission Locale de Marseille',
    themes: ['ENTREPRISES', 'USAGERS'],
    motivation:
      "Conseiller en quartier prioritaire, je travaille beaucoup avec les employeurs de proximité. Je voudrais que le SI facilite la mise en relation et le suivi dans l'emploi.",
  },
  {
    name: 'Aurélie Fontaine',
    email: 'aurelie.fontaine@ml-caen.example',
    structure: 'Mission Locale Caen la Mer Calvados Centre',
    themes: ['OUTILS', 'ACCOMPAGNEMENT'],
    motivation:
      "Chargée de communication interne et formatrice, j'anime les sessions de prise en main des outils. La consultation est l'occasion de construire un accompagnement au changement digne de ce nom.",
  },
  {
    name: 'Pierre-Yves Marchand',
    email: 'pierre-yves.marchand@ml-bordeaux.example',
    structure: 'Mission Locale Bordeaux Avenir Jeunes',
    themes: ['PILOTAGE', 'SECURISATION'],
    motivation:
      "Responsable administratif et financier, je consolide les données de nos financeurs. J'ai une bonne connaissance des circuits de paiement des allocations et des contrôles qu'ils exigent.",
  },
  {
    name: 'Sophie Lacroix',
    email: 'sophie.lacroix@ml-dijon.example',
    structure: 'Mission Locale de Dijon',
    themes: ['SOCLE', 'ENTREPRISES'],
    motivation:
      "Conseillère et membre du groupe utilisateurs régional, je teste les nouvelles versions d'I-Milo depuis plusieurs années. Je connais bien les irritants du quotidien.",
  },
  {
    name: 'Lætitia Payet',
    email: 'laetitia.payet@ml-nord-reunion.example',
    structure: 'Mission Locale Nord Réunion',
    themes: ['USAGERS', 'SECURISATION'],
    motivation:
      "Je veux que les réalités ultramarines (décalage horaire, mobilité, dispositifs locaux) soient prises en compte dès la conception du futur SI.",
  },
  {
    name: 'Vincent Morel',
    email: 'vincent.morel@ml-orleanais.example',
    structure: "Mission Locale de l'Orléanais",
    themes: ['PILOTAGE', 'OUTILS'],
    motivation:
      "Contrôleur de gestion, je produis les bilans d'activité pour l'État et la Région. Je souhaite contribuer à un décisionnel partagé par tout le réseau.",
  },
  {
    name: 'Hélène Dubois',
    email: 'helene.dubois@ml-grand-avignon.example',
    structure: 'Mission Locale du Grand Avignon',
    themes: ['ENTREPRISES', 'SOCLE'],
    motivation:
      "Directrice d'une structure de taille moyenne, je veux que le futur SI reste utilisable par les petites équipes, sans service informatique dédié.",
  },
];

/** The demo contributor: a counsellor of the Mission Locale de Paris who attended a workshop. */
export const DEMO_CONTRIBUTOR = {
  email: 'contributeur@ensemble.test',
  name: 'Julie Moreau',
  structure: 'Mission Locale de Paris',
};

export const APPLICATION_MOTIVATIONS = [
  "J'utilise I-Milo tous les jours depuis 2015 et j'ai plein d'idées pour simplifier la saisie des entretiens.",
  "Je suis référente CEJ et je souhaiterais représenter les conseillers de ma région dans la consultation.",
  "Chargée d'accueil, je pense que le premier accueil est souvent oublié dans les réflexions sur le SI.",
  "Je m'intéresse beaucoup aux questions de données et de statistiques, j'aimerais participer à la consolidation.",
  "Conseiller en antenne rurale, je voudrais faire remonter les difficultés de connexion et d'itinérance.",
  "Je participe déjà au club utilisateurs de notre ARML et je serais heureux de m'impliquer au niveau national.",
  "Responsable de secteur, je souhaite contribuer à la définition des besoins de pilotage de proximité.",
  "Je travaille sur la relation entreprises et je trouve que cet aspect est sous-représenté dans l'outil actuel.",
  "Formatrice interne, j'aimerais apporter mon expérience de l'accompagnement des équipes aux nouveaux outils.",
  "Conseillère PACEA, je suis motivée pour faire évoluer le suivi des allocations.",
];

export const DECLINE_COMMENTS = [
  "Merci pour votre candidature. Les 14 places sont pourvues et votre région est déjà représentée ; nous comptons sur vous pour animer un atelier local.",
  "Merci beaucoup pour votre motivation. Nous avons privilégié un équilibre entre régions et métiers ; votre contribution aux ateliers reste précieuse.",
  "Candidature de grande qualité, mais le thème choisi était déjà couvert par deux ambassadeurs. N'hésitez pas à rejoindre le groupe de relecture du livre blanc.",
];
