import type { ThemeSeed } from './types';

export const PILOTAGE: ThemeSeed = {
  code: 'PILOTAGE',
  prefix: 'PIL',
  title: 'Décisionnel, pilotage et statistiques',
  description:
    "Les données au service du pilotage : tableaux de bord des conseillers et des directions, indicateurs des financeurs, exports, qualité des données, observation des parcours et des besoins des jeunes.",
  details: [
    "On passe des jours à retraiter les exports avant chaque dialogue de gestion.",
    "Les chiffres ne sont jamais les mêmes entre l'infocentre et nos tableaux.",
    "Personne dans l'équipe n'est statisticien, il faut que ce soit simple.",
    "C'est le directeur qui nous le demande à chaque CA.",
    "Les financeurs demandent des chiffres que l'outil ne sait pas produire.",
  ],
  needs: [
    {
      title: 'Suivre une cohorte de jeunes dans la durée',
      description:
        "Pour mesurer les effets de l'accompagnement, le réseau a besoin d'observer un groupe restreint et représentatif de jeunes **dans le temps**, y compris après leur sortie.\n\nLe besoin : **suivre une cohorte pré-identifiée**, conserver les données nécessaires dans la limite du RGPD et permettre à la tête de réseau d'y accéder pour des extractions régulières.",
      proposals: [
        ['Constitution et suivi de cohortes', 'haute', "Désigner une cohorte de jeunes (avec leur accord), conserver leurs données de parcours sur une durée définie et suivre leur situation à intervalles réguliers."],
        ['Extraction régulière pour la tête de réseau', 'moyenne', "L'UNML accède, dans un cadre RGPD documenté, à des extractions pseudonymisées des données de la cohorte."],
        ['Articulation données quantitatives et qualitatives', 'basse', "Associer aux données de parcours des éléments qualitatifs (entretiens, verbatims) pour les études."],
      ],
      angles: [
        ['Conserver les données d\'une cohorte pour mesurer les effets de l\'accompagnement', "§IBS Permettre le suivi de cohorte pré-identifiée via le SI en permettant la conservation de données afin de mesurer, dans le temps, les évolutions de la situation des jeunes accompagnés et les effets de l'accompagnement dans la limite du RGPD.", "Il faudrait pouvoir suivre un groupe de jeunes sur plusieurs années pour montrer ce que l'accompagnement change vraiment.", "Permettre l'observation d'un groupe restreint et représentatif de jeunes."],
        ['Donner à la tête de réseau un accès encadré aux données de cohorte', "§IBS Permettre à l'UNML, en sa qualité de tête de réseau, d'accéder aux données des jeunes suivis en Mission Locale dans le respect du RGPD.", "§IBS Garantir la disponibilité des données de cette cohorte en permettant une extraction régulière des informations les concernant dans le respect du RGPD.", "L'UNML devrait pouvoir étudier les parcours à l'échelle nationale, avec des données pseudonymisées."],
        ['Suivre la situation des jeunes après la sortie', "On ne sait pas ce que deviennent les jeunes un an après leur sortie, c'est pourtant ça qui compte.", "Pouvoir recontacter un échantillon de jeunes à 6 mois, 1 an, 2 ans et noter leur situation."],
        ['Croiser données de parcours et éléments qualitatifs', "§IBS Faire dialoguer les données quantitatives et qualitatives et caractériser plus finement le lien entre les jeunes et leurs conseillers.", "Les chiffres seuls ne disent rien du lien avec le conseiller, il faudrait pouvoir y associer des éléments qualitatifs."],
      ],
    },
    {
      title: 'Disposer de tableaux de bord à jour pour chaque conseiller',
      description:
        "Les conseillers n'ont pas de vue sur leur propre activité et leur portefeuille ; les tableaux de bord existants sont mensuels et peu lisibles.\n\nAttendu : **un tableau de bord personnel**, à jour en temps réel, sur l'écran d'accueil.",
      proposals: [
        ['Tableau de bord du conseiller', 'haute', "Portefeuille, rendez-vous à venir, alertes, objectifs et réalisé, mis à jour en temps réel sur la page d'accueil."],
        ['Tableau de bord du responsable de secteur', 'moyenne', "La même vue agrégée pour une équipe ou une antenne."],
      ],
      angles: [
        ['Afficher son activité sur l\'écran d\'accueil', "En me connectant je voudrais voir mes rdv du jour, mes jeunes en alerte et mes chiffres du mois.", "Un tableau de bord personnel dès la page d'accueil d'I-Milo.", "tableau de bord conseiller en temps réel !"],
        ['Avoir des chiffres à jour, pas à M-1', "Les tableaux de bord sont à M-1, on pilote avec un mois de retard.", "Il faudrait des indicateurs à jour le jour même, pas le mois suivant."],
        ['Suivre ses objectifs individuels', "Voir où j'en suis de mes objectifs CEJ sans demander au chargé de stats.", "Les conseillers devraient voir leur réalisé par rapport aux objectifs de la structure."],
        ['Offrir une vue d\'équipe aux responsables', "Le responsable de secteur doit faire des exports pour savoir comment va son équipe.", "Une vue équipe / antenne pour les responsables, sans passer par l'infocentre."],
      ],
    },
    {
      title: 'Produire les indicateurs de la CPO sans retraitement',
      description:
        "Les indicateurs de la convention pluriannuelle d'objectifs (CPO) avec l'État et ceux des autres financeurs sont reconstitués à la main à partir d'exports.\n\nLe besoin : **des indicateurs financeurs calculés par le SI**, avec les mêmes définitions partout.",
      proposals: [
        ['Indicateurs CPO calculés automatiquement', 'haute', "Les indicateurs de la CPO et du dialogue de gestion sont produits par le SI, à la demande, avec leur définition."],
        ['Rapprochement avec les objectifs', 'moyenne', "Chaque indicateur est comparé à l'objectif conventionné de la structure."],
      ],
      angles: [
        ['Calculer automatiquement les indicateurs du dialogue de gestion', "Pour le dialogue de gestion on passe une semaine à refaire les indicateurs sur Excel.", "Les indicateurs CPO devraient sortir tout seuls de l'outil.", "Les chargés de stats perdent un temps fou à recalculer des chiffres que l'outil devrait donner."],
        ['Partager les mêmes définitions d\'indicateurs', "Chaque ML calcule ses sorties positives à sa façon, on ne peut rien comparer.", "Des définitions nationales pour chaque indicateur, appliquées par l'outil."],
        ['Comparer le réalisé aux objectifs conventionnés', "Pouvoir voir en cours d'année où on en est par rapport aux objectifs de la convention.", "Une alerte si on est en retard sur un objectif CPO avant la fin de l'année."],
      ],
    },
    {
      title: 'Exporter les données dans des formats ouverts',
      description:
        "Les exports actuels sont lents, limités en volume et mal formatés (dates, encodage), ce qui oblige à les retraiter.\n\nAttendu : **des exports simples, rapides et propres** (CSV, tableur), paramétrables et planifiables.",
      proposals: [
        ['Exports CSV et tableur paramétrables', 'haute', "Choisir les colonnes et les filtres, exporter en CSV UTF-8 ou en tableur, sans limite de volume raisonnable."],
        ['Exports planifiés', 'basse', "Programmer un export récurrent reçu chaque mois."],
      ],
      angles: [
        ['Exporter sans limite de lignes ni délai', "Les exports plantent dès qu'on dépasse quelques milliers de lignes.", "Un export de la file active prend une demi-journée, il faut le lancer le soir."],
        ['Obtenir des fichiers directement exploitables', "Les exports sortent avec les accents cassés et les dates en texte, il faut tout reformater.", "export stat en csv propre svp (dates, accents)"],
        ['Choisir les colonnes de l\'export', "Pouvoir choisir les champs qu'on exporte au lieu d'avoir 150 colonnes.", "Enregistrer ses modèles d'export pour les réutiliser chaque mois."],
      ],
    },
    {
      title: 'Fiabiliser la qualité des données saisies',
      description:
        "Doublons, champs mal renseignés et situations non mises à jour faussent les statistiques.\n\nLe besoin : **des contrôles à la saisie**, la détection des doublons et des listes de dossiers à corriger.",
      proposals: [
        ['Contrôles de cohérence à la saisie', 'haute', "Dates impossibles, champs incompatibles et situations périmées signalés au moment de la saisie."],
        ['Détection et fusion des doublons', 'moyenne', "L'outil repère les dossiers en double (même identité) et propose de les fusionner."],
        ['Listes de dossiers à corriger', 'basse', "Chaque conseiller voit ses dossiers incomplets ou incohérents."],
      ],
      angles: [
        ['Repérer et fusionner les doublons', "On a des jeunes en double, voire en triple, dans I-Milo et on ne peut pas les fusionner.", "Détecter les doublons à la création du dossier (même nom, même date de naissance)."],
        ['Contrôler la cohérence au moment de la saisie', "On peut saisir une date de sortie avant la date d'entrée, l'outil ne dit rien.", "Des contrôles à la saisie pour éviter les erreurs qui faussent les stats."],
        ['Identifier les dossiers incomplets', "Il faudrait une liste des dossiers incomplets à corriger, par conseiller.", "Savoir quels dossiers n'ont pas de situation à jour depuis 6 mois."],
        ['Mettre à jour les situations automatiquement', "Les situations ne sont pas mises à jour, les jeunes en emploi depuis un an apparaissent encore demandeurs.", "Proposer une mise à jour de situation à chaque entretien."],
      ],
    },
    {
      title: 'Partager des requêtes et des analyses entre Missions Locales',
      description:
        "Chaque structure réinvente ses requêtes et ses tableaux d'analyse, avec des résultats différents.\n\nAttendu : **une bibliothèque de requêtes et de tableaux partagés** par le réseau, maintenue par la DSI et les ARML.",
      proposals: [
        ['Bibliothèque de requêtes partagées', 'moyenne', "Des requêtes et tableaux validés, documentés, réutilisables par toutes les structures."],
      ],
      angles: [
        ['Réutiliser les requêtes d\'autres structures', "Chaque ML refait ses requêtes dans son coin, il faudrait une bibliothèque commune.", "Pouvoir partager une requête qui marche avec les autres ML de la région."],
        ['Disposer de requêtes validées par la DSI', "On ne sait jamais si notre requête est juste. Des requêtes officielles validées seraient utiles.", "Une requête nationale de référence pour chaque indicateur."],
        ['Former les structures à l\'analyse de données', "Les petites ML n'ont personne pour faire des requêtes, elles dépendent de l'ARML.", "Des tableaux d'analyse prêts à l'emploi pour les structures sans chargé de stats."],
      ],
    },
    {
      title: 'Observer les aspirations et les besoins des jeunes à l\'échelle nationale',
      description:
        "Le réseau ne sait pas mesurer l'écart entre ce que demandent les jeunes et l'offre de services des Missions Locales.\n\nLe besoin : **observer nationalement les aspirations des jeunes**, les qualifier et les quantifier, et les rapprocher de l'offre de services.",
      proposals: [
        ['Observatoire des aspirations', 'moyenne', "Des tableaux nationaux et territoriaux des aspirations déclarées, dans le temps."],
        ['Écart aspirations / offre de services', 'basse', "Rapprocher les aspirations des jeunes et les services effectivement proposés sur chaque territoire."],
      ],
      angles: [
        ['Qualifier et quantifier les aspirations des jeunes', "§IBS Permettre une observation à l'échelle nationale des aspirations des jeunes, les qualifier et les quantifier.", "On ne peut pas dire ce que veulent les jeunes de notre territoire, les données n'existent pas."],
        ['Mesurer l\'adéquation de l\'offre de services aux besoins', "§IBS Mesurer le décalage ou l'adéquation de l'offre de service des Missions Locales par rapport aux besoins des jeunes.", "Savoir si nos actions correspondent à ce que demandent vraiment les jeunes."],
        ['Lire les attentes des jeunes dans le temps', "§IBS Permettre une lecture temporelle des attentes des jeunes, en qualité et en quantité d'occurrences.", "Voir si les attentes des jeunes changent d'une année sur l'autre (logement, santé, emploi)."],
      ],
    },
    {
      title: 'Suivre l\'activité par territoire',
      description:
        "Les financeurs demandent des données par quartier prioritaire (QPV), zone rurale (ZRR) ou bassin d'emploi, que l'outil ne produit pas directement.\n\nAttendu : **géolocaliser l'adresse** des jeunes et produire les indicateurs par territoire.",
      proposals: [
        ['Qualification automatique QPV / ZRR', 'haute', "L'adresse du jeune est automatiquement rapprochée des zonages (QPV, ZRR, bassins d'emploi)."],
        ['Cartographie de l\'activité', 'basse', "Une carte de la file active et des actions par territoire."],
      ],
      angles: [
        ['Savoir automatiquement si un jeune habite en QPV', "On vérifie à la main sur le site de l'ANCT si le jeune habite en QPV.", "Le statut QPV devrait se calculer tout seul à partir de l'adresse."],
        ['Produire les chiffres par commune et par quartier', "La Région et l'agglo veulent des chiffres par commune, on doit tout retraiter.", "Pouvoir filtrer toutes les stats par commune, QPV, ZRR."],
        ['Visualiser l\'activité sur une carte', "Une carte des jeunes suivis par commune aiderait à placer nos permanences.", "Voir sur une carte où sont les jeunes qu'on ne touche pas."],
      ],
    },
    {
      title: 'Comparer son activité aux références régionales et nationales',
      description:
        "Les structures n'ont aucun point de comparaison pour situer leurs résultats.\n\nLe besoin : **des référentiels régionaux et nationaux** consultables par chaque structure, à définitions identiques.",
      proposals: [
        ['Indicateurs de référence régionaux et nationaux', 'moyenne', "Chaque indicateur de la structure est affiché à côté de la moyenne régionale et nationale."],
      ],
      angles: [
        ['Se situer par rapport aux moyennes de la région', "On aimerait savoir si nos résultats sont bons ou pas par rapport aux autres ML de la région.", "Afficher la moyenne régionale à côté de nos indicateurs."],
        ['Accéder aux chiffres nationaux du réseau', "Les chiffres nationaux sortent une fois par an dans un rapport PDF.", "Avoir les indicateurs nationaux à jour, consultables par tous."],
        ['Comparer des structures comparables', "Comparer une ML rurale avec Paris n'a pas de sens, il faudrait des groupes de structures comparables.", "Pouvoir se comparer aux ML de même taille et de même type de territoire."],
      ],
    },
    {
      title: 'Mesurer les sorties positives dans la durée',
      description:
        "Les sorties sont mesurées au moment de la sortie du dispositif, sans savoir si elles durent.\n\nAttendu : **mesurer la situation à 6 et 12 mois** après la sortie, par enquête ou par échange de données.",
      proposals: [
        ['Situation à 6 et 12 mois', 'moyenne', "Une enquête courte envoyée au jeune et, quand c'est possible, des données d'emploi récupérées auprès des organismes."],
        ['Indicateur de durabilité des sorties', 'basse', "Part des sorties en emploi ou formation toujours valables à 6 et 12 mois."],
      ],
      angles: [
        ['Connaître la situation du jeune 6 mois après la sortie', "Une sortie en emploi à J+1 ne dit rien si le jeune est de retour trois mois après.", "Envoyer automatiquement un petit questionnaire au jeune 6 mois après sa sortie."],
        ['Récupérer les données d\'emploi auprès des organismes', "Les données de la DSN permettraient de savoir si le jeune est en emploi sans le relancer.", "Croiser avec les données d'emploi (DSN, France Travail) pour mesurer les sorties durables."],
        ['Distinguer sortie positive et sortie durable', "On compte comme positive une mission intérim de 2 jours, ça n'a pas de sens.", "Des catégories de sortie plus fines : emploi durable, emploi de transition, formation qualifiante."],
        ['Mesurer les retours en accompagnement', "Savoir combien de jeunes reviennent après une sortie, et pourquoi.", "Un indicateur des retours à la ML après une sortie positive."],
      ],
    },
    {
      title: 'Alimenter automatiquement les rapports aux financeurs',
      description:
        "Les bilans d'activité (État, Région, Département, fonds européens) sont produits à partir de données extraites et recopiées dans des modèles.\n\nLe besoin : **générer les rapports financeurs** à partir des données du SI, dans les formats demandés.",
      proposals: [
        ['Modèles de rapports financeurs', 'moyenne', "Les rapports récurrents (bilan annuel, FSE+, Région) sont générés à partir des données du SI."],
        ['Justification des participants FSE+', 'moyenne', "Les données et pièces exigées pour les fonds européens sont collectées et exportées dans le format attendu."],
      ],
      angles: [
        ['Générer le bilan annuel d\'activité', "Le rapport d'activité annuel nous prend un mois de travail, alors que tout est dans l'outil.", "Pouvoir générer le rapport d'activité avec les chiffres et graphiques automatiquement."],
        ['Justifier les fonds européens sans ressaisie', "Pour le FSE+ on ressaisit les participants dans un autre outil, avec les pièces.", "Les données FSE devraient sortir directement d'I-Milo au bon format."],
        ['Répondre aux demandes ponctuelles des financeurs', "Chaque financeur veut ses chiffres dans son format, on passe notre vie à faire des tableaux.", "Des modèles de tableaux par financeur, mis à jour tout seuls."],
      ],
    },
    {
      title: 'Suivre la charge des portefeuilles',
      description:
        "Les responsables répartissent les jeunes entre conseillers sans visibilité sur la charge réelle de chacun (nombre de jeunes actifs, intensité des dispositifs).\n\nAttendu : **mesurer la charge des portefeuilles** pour équilibrer les affectations.",
      proposals: [
        ['Indicateur de charge de portefeuille', 'moyenne', "Nombre de jeunes actifs, pondéré par dispositif (CEJ, PACEA…), par conseiller."],
      ],
      angles: [
        ['Connaître le nombre de jeunes réellement actifs par conseiller', "Les portefeuilles affichent 200 jeunes dont la moitié n'est plus suivie, c'est faux.", "Savoir combien de jeunes chaque conseiller suit vraiment."],
        ['Pondérer la charge selon les dispositifs', "Un jeune en CEJ demande bien plus de temps qu'un jeune en suivi léger, il faudrait pondérer.", "Une charge de portefeuille qui tient compte de l'intensité de l'accompagnement."],
        ['Équilibrer les affectations des nouveaux jeunes', "Pour affecter un nouveau jeune on demande à la cantonade qui a de la place.", "Proposer automatiquement le conseiller le moins chargé de l'antenne."],
        ['Réaffecter un portefeuille lors d\'un départ', "Quand un conseiller part, réaffecter ses 150 jeunes se fait un par un.", "Réaffectation groupée d'un portefeuille en quelques clics."],
      ],
    },
    {
      title: 'Piloter les dispositifs en temps réel',
      description:
        "Le suivi des dispositifs (CEJ, PACEA, Garantie jeunes, programmes régionaux) se fait à partir d'exports mensuels.\n\nLe besoin : **une vue en temps réel de chaque dispositif** : entrées, présents, sorties, durées, allocations.",
      proposals: [
        ['Tableau de bord par dispositif', 'haute', "Entrées, présents, sorties et durées par dispositif, à jour, filtrables par antenne et par conseiller."],
      ],
      angles: [
        ['Suivre les entrées CEJ par rapport à l\'objectif', "Le suivi des entrées CEJ par rapport à l'objectif se fait sur un tableau tenu à la main.", "Voir le nombre d'entrées CEJ de la semaine, en direct."],
        ['Connaître les durées de parcours par dispositif', "Impossible de connaître la durée moyenne d'un PACEA sans requête compliquée.", "Durées de parcours par dispositif, calculées par l'outil."],
        ['Suivre les programmes locaux et régionaux', "Nos dispositifs régionaux n'existent pas dans I-Milo, on les suit à côté.", "Pouvoir créer des dispositifs locaux et les piloter comme les nationaux."],
      ],
    },
    {
      title: 'Documenter les indicateurs et les données',
      description:
        "Les définitions des indicateurs et des champs sont méconnues ; chacun les interprète différemment.\n\nAttendu : **un dictionnaire des données et des indicateurs** accessible depuis chaque écran et chaque tableau.",
      proposals: [
        ['Dictionnaire des données et des indicateurs', 'moyenne', "Chaque champ et chaque indicateur a une définition, un mode de calcul et un exemple, accessibles en un clic."],
      ],
      angles: [
        ['Définir chaque indicateur clairement', "Personne ne sait exactement ce que compte l'indicateur « jeunes accompagnés ».", "Une fiche de définition pour chaque indicateur, avec le mode de calcul."],
        ['Expliquer les champs de saisie', "Les champs ne sont pas expliqués, chacun met ce qu'il pense.", "Une bulle d'aide sur chaque champ pour savoir quoi saisir."],
        ['Publier les changements de définition', "Quand une règle de calcul change, les chiffres bougent et personne ne sait pourquoi.", "Historiser les changements de règles de calcul."],
      ],
    },
  ],
};
