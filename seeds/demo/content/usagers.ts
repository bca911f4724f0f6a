import type { ThemeSeed } from './types';

export const USAGERS: ThemeSeed = {
  code: 'USAGERS',
  prefix: 'USA',
  title: 'Usagers & offres de services',
  description:
    "Le dossier du jeune, de l'accueil à la sortie : saisie des entretiens, diagnostic, parcours, offre de services de la Mission Locale et de ses partenaires, relation numérique avec les jeunes (espace personnel, rendez-vous, documents).",
  details: [
    "Les jeunes ne comprennent pas pourquoi on leur redemande les mêmes infos à chaque fois.",
    "En CEJ avec 15 à 20 h d'activité par semaine à tracer, c'est intenable.",
    "Quand un collègue est absent, personne ne sait où en est le jeune.",
    "On finit par tout noter sur papier et ressaisir le soir.",
    "Les jeunes ont tous un smartphone, pas forcément un ordinateur.",
    "Sur les antennes rurales on reçoit les jeunes une fois par mois, il faut que tout soit prêt avant.",
  ],
  needs: [
    {
      title: 'Permettre aux jeunes de saisir eux-mêmes leurs aspirations',
      description:
        "Les aspirations des jeunes (métiers, projets de vie, attentes vis-à-vis de la Mission Locale) sont aujourd'hui saisies par le conseiller, quand elles le sont, dans des champs libres inexploitables.\n\nLe futur SI doit permettre une **saisie simple mais pas simpliste** des aspirations, par le conseiller **et par le jeune lui-même**, et leur lecture dans le temps.",
      proposals: [
        ['Questionnaire d\'aspirations dans l\'espace personnel du jeune', 'haute', "Le jeune renseigne ses aspirations depuis son espace personnel (mobile), avant le premier entretien puis à chaque étape clé ; le conseiller les retrouve dans le dossier."],
        ['Référentiel national des aspirations', 'moyenne', "Une liste de catégories partagée par le réseau (métiers, formation, logement, mobilité, projets personnels), complétée d'un champ libre, pour qualifier et quantifier les aspirations."],
        ['Historique des aspirations', 'basse', "Chaque mise à jour est datée, pour lire l'évolution du projet du jeune au fil de l'accompagnement."],
      ],
      angles: [
        ['Faire saisir les aspirations par le jeune lui-même', "Il faudrait que le jeune puisse remplir lui-même ses envies et ses projets avant le premier rendez-vous, sur son téléphone.", "Les jeunes pourraient saisir leurs aspirations en autonomie, ça libérerait du temps d'entretien pour en parler vraiment.", "Permettre en complément de la saisie des conseillers, une saisie autonome des jeunes."],
        ['Caractériser les aspirations dans des catégories exploitables', "§IBS Développer et renforcer la caractérisation des aspirations des jeunes dans le SI.", "Aujourd'hui les aspirations sont dans un champ libre que personne ne relit. Il faudrait des catégories pour pouvoir les exploiter.", "Avoir une liste de projets (métier, formation, logement, permis…) plutôt qu'une zone de texte."],
        ['Suivre l\'évolution des aspirations au fil du parcours', "Le projet du jeune change en cours de route et I-Milo écrase l'ancien. On perd l'historique de ses envies.", "Pouvoir voir comment les attentes du jeune ont évolué entre l'entrée et la sortie d'accompagnement."],
        ['Rendre visibles les aspirations dès l\'accueil', "Les aspirations devraient apparaître en haut du dossier, c'est la première chose qu'on devrait voir.", "Quand je reprends un dossier je ne sais pas ce que veut le jeune, il faut fouiller dans les entretiens."],
      ],
    },
    {
      title: 'Supprimer la double saisie avec France Travail',
      description:
        "Les conseillers ressaisissent dans les outils de France Travail des informations déjà présentes dans I-Milo (inscription, situation, actions), et inversement. Cette double saisie est vécue comme la première source de perte de temps.\n\nLe besoin : **une information saisie une seule fois**, partagée entre opérateurs dans le respect du cadre légal.",
      proposals: [
        ['Échange automatique des données d\'inscription et de situation', 'haute', "Les données d'identité, d'inscription et de situation du jeune circulent automatiquement entre le SI des Missions Locales et celui de France Travail."],
        ['Synchronisation des actions et des prescriptions', 'haute', "Une prescription ou une action saisie dans un outil apparaît dans l'autre, avec son statut, sans ressaisie."],
      ],
      angles: [
        ['Ne plus ressaisir l\'inscription du jeune chez France Travail', "Aujourd'hui on doit saisir le jeune dans I-Milo puis refaire toute l'inscription côté Pôle emploi, c'est aberrant.", "Double saisie PE / I-Milo : perte de temps énorme à chaque nouvel inscrit.", "Les conseillers perdent du temps à recopier l'identité et l'adresse du jeune dans deux logiciels."],
        ['Partager automatiquement la situation du jeune entre opérateurs', "Quand la situation du jeune change (emploi, formation) il faut la mettre à jour dans les deux outils, on oublie toujours l'un des deux.", "Il faudrait que France Travail voie directement la situation à jour sans qu'on la ressaisisse."],
        ['Synchroniser les prescriptions et les actions', "Les prescriptions faites dans l'outil PE n'apparaissent pas dans I-Milo, on doit les recopier pour nos stats.", "On aimerait que les actions CEJ saisies chez nous remontent chez France Travail automatiquement."],
        ['Éviter les incohérences entre les deux dossiers', "Entre le dossier PE et le dossier I-Milo, les infos ne sont jamais les mêmes, on ne sait plus laquelle est juste.", "Avec deux saisies il y a forcément des erreurs, et c'est le jeune qui en fait les frais (radiation, allocation)."],
      ],
    },
    {
      title: 'Offrir aux jeunes un espace personnel numérique relié à leur dossier',
      description:
        "Les jeunes n'ont pas d'accès à leur dossier ni à leurs rendez-vous. L'application CEJ a montré l'intérêt d'un espace numérique, mais elle n'est pas reliée au travail quotidien des conseillers.\n\nAttendu : **un espace personnel** où le jeune consulte ses rendez-vous, ses démarches, ses documents et échange avec son conseiller.",
      proposals: [
        ['Espace personnel jeune accessible sur mobile', 'haute', "Rendez-vous, démarches en cours, documents et messages du conseiller, consultables par le jeune sur smartphone."],
        ['Démarches partagées entre jeune et conseiller', 'moyenne', "Le jeune voit les démarches convenues en entretien, les coche quand elles sont faites, et le conseiller le voit dans le dossier."],
      ],
      angles: [
        ['Donner au jeune l\'accès à ses rendez-vous et démarches', "Les jeunes oublient leurs rdv, il faudrait qu'ils aient un espace où tout est noté.", "Ce serait bien que le jeune voie sur son téléphone ce qu'on a convenu ensemble en entretien."],
        ['Relier l\'application CEJ au dossier du conseiller', "L'appli CEJ n'est pas reliée à I-Milo, les jeunes y saisissent des choses qu'on ne voit jamais.", "Il faudrait une seule appli jeune, branchée sur notre dossier, pas un outil de plus à côté."],
        ['Permettre au jeune de mettre à jour ses coordonnées', "Les jeunes changent de numéro tout le temps, qu'ils puissent mettre à jour leurs coordonnées eux-mêmes !", "Pouvoir laisser le jeune corriger son adresse et son téléphone depuis un espace perso."],
      ],
    },
    {
      title: 'Permettre la prise de rendez-vous en ligne par les jeunes',
      description:
        "Les rendez-vous sont pris par téléphone ou à l'accueil, ce qui sature les lignes et exclut les jeunes qui n'appellent pas.\n\nLe besoin : **une prise de rendez-vous en ligne** sur les créneaux ouverts par les conseillers, avec rappels automatiques.",
      proposals: [
        ['Réservation de créneaux en ligne', 'haute', "Les conseillers ouvrent des créneaux, les jeunes réservent, déplacent ou annulent en ligne ; l'agenda du conseiller se met à jour."],
        ['Créneaux de premier accueil réservables', 'moyenne', "Un nouveau jeune peut réserver directement un premier rendez-vous dans l'antenne la plus proche."],
      ],
      angles: [
        ['Ouvrir des créneaux réservables par les jeunes', "Il faudrait que les jeunes puissent prendre rdv en ligne comme chez le médecin.", "Prise de rdv en ligne par le jeune sur l'agenda du conseiller, avec confirmation par SMS."],
        ['Laisser le jeune déplacer ou annuler son rendez-vous', "La moitié des lapins c'est des jeunes qui n'osent pas appeler pour annuler. Un lien pour annuler en ligne réglerait ça.", "Permettre au jeune de décaler son rdv lui-même, sans passer par l'accueil."],
        ['Désengorger l\'accueil téléphonique', "L'accueil passe ses journées au téléphone pour caler des rendez-vous.", "Le standard est saturé le lundi matin, tout ça pour des prises de rdv."],
      ],
    },
    {
      title: 'Dématérialiser les pièces justificatives du jeune',
      description:
        "Les justificatifs (identité, domicile, diplômes, attestations) sont photocopiés, scannés puis rangés hors du SI, voire redemandés plusieurs fois.\n\nAttendu : **déposer, consulter et réutiliser** les pièces dans le dossier, y compris depuis le téléphone du jeune, avec des durées de conservation maîtrisées.",
      proposals: [
        ['Dépôt de pièces depuis le téléphone du jeune', 'haute', "Le jeune photographie et dépose ses justificatifs depuis son espace personnel ; le conseiller les valide dans le dossier."],
        ['Coffre-fort de documents dans le dossier', 'moyenne', "Les pièces sont classées par type, datées, réutilisables pour chaque démarche, et purgées à l'échéance de conservation."],
      ],
      angles: [
        ['Joindre les justificatifs directement au dossier', "On scanne les papiers d'identité et on les range sur le serveur de la ML parce qu'I-Milo ne permet pas de les joindre correctement.", "Il faudrait pouvoir joindre une pièce au dossier du jeune en deux clics."],
        ['Laisser le jeune envoyer ses pièces par téléphone', "Les jeunes nous envoient leurs papiers en photo par WhatsApp faute de mieux, ce n'est pas sécurisé du tout.", "Que le jeune puisse déposer une photo de son justificatif depuis son portable."],
        ['Ne plus redemander les mêmes pièces', "On redemande la carte d'identité pour chaque dispositif alors qu'on l'a déjà.", "Une pièce déposée une fois devrait servir pour toutes les démarches (CEJ, PACEA, aides)."],
      ],
    },
    {
      title: 'Disposer d\'une vue synthétique du parcours du jeune',
      description:
        "Pour comprendre un parcours, le conseiller doit ouvrir de nombreux onglets (entretiens, propositions, situations, dispositifs).\n\nLe besoin : **une frise chronologique** et une synthèse d'une page qui donnent en un coup d'œil la situation actuelle, les dispositifs en cours et les prochaines échéances.",
      proposals: [
        ['Frise chronologique du parcours', 'haute', "Entretiens, situations, dispositifs, formations et emplois sur une même frise, filtrable par type."],
        ['Synthèse imprimable du dossier', 'basse', "Une page de synthèse du parcours, partageable avec le jeune ou un partenaire avec son accord."],
      ],
      angles: [
        ['Voir tout le parcours sur une frise chronologique', "Il faudrait une frise avec tout le parcours du jeune : entrées, sorties, formations, emplois.", "Une vue chronologique du parcours, au lieu de cliquer dans dix onglets."],
        ['Afficher la situation actuelle et les échéances en page d\'accueil du dossier', "En ouvrant un dossier je veux voir tout de suite la situation actuelle et le prochain rdv.", "Les infos importantes (dispositif en cours, fin de contrat, échéances) sont noyées, il faut les remonter en haut."],
        ['Produire une synthèse du parcours pour les passations', "Quand un jeune change de conseiller, on passe une heure à reconstituer son parcours.", "Besoin d'une synthèse du dossier à transmettre au collègue qui reprend le suivi."],
      ],
    },
    {
      title: 'Simplifier la saisie des entretiens et des actualités',
      description:
        "La saisie d'un entretien demande trop de clics et de champs obligatoires peu utiles ; les conseillers saisissent après coup, souvent le soir.\n\nAttendu : **une saisie rapide**, guidée, avec des modèles d'entretien et la possibilité de compléter plus tard.",
      proposals: [
        ['Saisie d\'entretien en un écran', 'haute', "Un seul écran pour l'entretien : objet, propositions, démarches convenues, prochain rendez-vous."],
        ['Modèles d\'entretien par type d\'accompagnement', 'moyenne', "Des trames (premier accueil, CEJ, suivi emploi) préremplies que le conseiller ajuste."],
        ['Brouillon d\'entretien', 'basse', "Enregistrer un entretien incomplet et le terminer plus tard sans perdre la saisie."],
      ],
      angles: [
        ['Réduire le nombre de clics pour saisir un entretien', "Il faut 12 clics et 4 écrans pour saisir un simple entretien, c'est beaucoup trop.", "Les conseillers perdent du temps à naviguer entre les onglets pour saisir un entretien de 20 minutes.", "trop de clics pour saisir un entretien !!"],
        ['Proposer des modèles d\'entretien', "Avoir des trames d'entretien préremplies selon le type de rdv.", "Ce serait bien d'avoir des modèles pour les entretiens qui reviennent souvent, comme les points mensuels CEJ."],
        ['Pouvoir enregistrer un brouillon d\'entretien', "Si on est interrompu pendant la saisie on perd tout, il faudrait un enregistrement automatique.", "Pouvoir commencer la saisie pendant l'entretien et la finir plus tard sans que ça bloque."],
        ['Alléger les champs obligatoires', "Trop de champs obligatoires qui ne servent à rien pour l'accompagnement, juste pour les stats.", "On met n'importe quoi dans certains champs obligatoires pour pouvoir valider, du coup les données sont fausses."],
      ],
    },
    {
      title: 'Référencer l\'offre de services locale et partenariale',
      description:
        "L'offre de services (actions de la Mission Locale, formations, dispositifs partenaires) n'est référencée nulle part de manière fiable ; chaque conseiller tient ses propres listes.\n\nLe besoin : **un catalogue partagé et à jour**, mobilisable directement depuis le dossier du jeune pour prescrire.",
      proposals: [
        ['Catalogue de l\'offre de services consultable depuis le dossier', 'haute', "Les actions locales et partenaires sont décrites (public, dates, places) et prescrites depuis le dossier."],
        ['Mise à jour par les partenaires', 'moyenne', "Les partenaires habilités mettent à jour leurs propres offres (dates, places disponibles)."],
      ],
      angles: [
        ['Disposer d\'un catalogue à jour des actions et partenaires', "Chaque conseiller a son fichier Excel des partenaires, il faudrait un catalogue commun dans l'outil.", "On n'a aucune vision à jour des actions disponibles sur le territoire."],
        ['Prescrire une action depuis le dossier du jeune', "Pouvoir inscrire le jeune sur une action directement depuis le catalogue, sans ressaisir.", "Il faudrait qu'une proposition faite au jeune soit reliée à une vraie offre, pas à un libellé libre."],
        ['Connaître les places disponibles chez les partenaires', "On envoie des jeunes sur des actions déjà complètes parce qu'on ne voit pas les places restantes.", "§E2C Les Écoles de la 2e Chance souhaitent pouvoir publier leurs dates d'entrée et places disponibles dans l'outil des Missions Locales, pour faciliter les orientations."],
      ],
    },
    {
      title: 'Suivre les démarches de mobilité des jeunes',
      description:
        "La mobilité (permis, transport, mobilité internationale) conditionne l'accès à l'emploi mais n'est tracée que dans des commentaires.\n\nAttendu : **qualifier les freins de mobilité** et suivre les solutions mobilisées (permis, aides, plateformes mobilité).",
      proposals: [
        ['Volet mobilité du dossier', 'moyenne', "Permis, véhicule, transports accessibles et freins identifiés, qualifiés et suivis dans le temps."],
        ['Suivi des parcours permis', 'basse', "Étapes du permis (code, conduite, examen) et financements mobilisés."],
      ],
      angles: [
        ['Qualifier les freins de mobilité', "Pas de rubrique mobilité digne de ce nom, on met tout en commentaire : pas de permis, pas de bus, etc.", "En zone rurale la mobilité c'est le frein n°1 et on ne peut même pas le mesurer dans I-Milo."],
        ['Suivre le parcours permis de conduire', "Il faudrait pouvoir suivre où en est le jeune dans son permis : code, heures de conduite, examen.", "Tracer les financements permis (aide ML, Région, CPF) et l'avancement."],
        ['Tracer la mobilité internationale', "Les départs en mobilité européenne (Erasmus+, volontariat) ne rentrent dans aucune case.", "Pouvoir renseigner une mobilité à l'étranger sans que le jeune apparaisse comme « sans solution »."],
      ],
    },
    {
      title: 'Tracer les problématiques de logement et les solutions mobilisées',
      description:
        "Les situations de logement (hébergé, sans domicile, foyer) évoluent vite et conditionnent l'accompagnement ; elles sont mal qualifiées et jamais historisées.\n\nLe besoin : **qualifier la situation de logement**, suivre les démarches (SIAO, FJT, bailleurs) et mesurer les besoins du territoire.",
      proposals: [
        ['Situation de logement historisée', 'moyenne', "Une situation de logement datée, avec des catégories partagées, qui garde l'historique."],
        ['Suivi des demandes de logement', 'basse', "Demandes en cours (FJT, SIAO, logement social) et réponses obtenues."],
      ],
      angles: [
        ['Historiser la situation de logement', "Quand un jeune change de situation de logement on écrase l'ancienne, on ne peut pas voir s'il a été à la rue.", "Garder l'historique des situations de logement, c'est essentiel pour comprendre le parcours."],
        ['Suivre les demandes d\'hébergement et de logement', "Aucun moyen de suivre les demandes FJT ou SIAO qu'on fait pour les jeunes.", "Il faudrait tracer les démarches logement et leur réponse, on relance à l'aveugle."],
        ['Mesurer les besoins de logement du territoire', "Impossible de sortir combien de jeunes sont sans logement stable, alors que les financeurs le demandent.", "Des catégories de logement communes au réseau pour pouvoir compter."],
      ],
    },
    {
      title: 'Mieux accompagner les questions de santé',
      description:
        "Les difficultés de santé (physique, psychique, addictions, couverture santé) sont fréquentes mais sensibles ; les conseillers hésitent à les noter faute de cadre.\n\nAttendu : **un volet santé encadré** (données sensibles, accès restreint), l'orientation vers les partenaires et le suivi des droits (complémentaire santé, bilan de santé).",
      proposals: [
        ['Volet santé à accès restreint', 'moyenne', "Une zone dédiée aux informations de santé, visible des seuls conseillers habilités, avec le consentement du jeune."],
        ['Suivi des orientations santé', 'basse', "Orientations vers les points santé, bilans de santé et partenaires, avec leur suite."],
      ],
      angles: [
        ['Encadrer la saisie des informations de santé', "On ne sait pas ce qu'on a le droit d'écrire sur la santé du jeune, du coup on n'écrit rien.", "Il faudrait un espace santé protégé, visible seulement par le référent."],
        ['Suivre les orientations vers les partenaires santé', "Tracer les orientations vers le point santé, la PASS ou le CMP et savoir si le jeune y est allé.", "Les bilans de santé CPAM proposés aux jeunes ne sont suivis nulle part."],
        ['Suivre la couverture santé du jeune', "Savoir si le jeune a une complémentaire santé, une carte vitale à jour… ça conditionne beaucoup de choses.", "Avoir une rubrique droits santé (CSS, carte vitale, médecin traitant)."],
      ],
    },
    {
      title: 'Faciliter l\'accès aux droits des jeunes',
      description:
        "Les conseillers aident les jeunes dans leurs démarches d'accès aux droits (CAF, CPAM, prime d'activité, impôts) sans outil pour les suivre.\n\nLe besoin : **un suivi des démarches d'accès aux droits** et, à terme, des échanges d'informations avec les organismes.",
      proposals: [
        ['Check-list d\'accès aux droits', 'moyenne', "Une liste des droits vérifiés avec le jeune (CAF, CPAM, prime d'activité…), avec l'état de chaque démarche."],
        ['Simulateur de droits intégré', 'basse', "Un lien vers un simulateur de droits prérempli avec les informations du dossier."],
      ],
      angles: [
        ['Suivre les démarches d\'accès aux droits', "On aide les jeunes à faire leur dossier CAF ou CPAM mais on ne peut pas le tracer, ça n'existe pas dans I-Milo.", "Il faudrait une rubrique accès aux droits pour savoir ce qui a été fait et ce qui reste à faire."],
        ['Vérifier rapidement les droits ouverts', "Pouvoir vérifier si le jeune touche déjà la prime d'activité ou le RSA sans lui demander ses papiers.", "Un accès aux infos CAF éviterait des allers-retours avec le jeune."],
        ['Repérer le non-recours', "Beaucoup de jeunes ne demandent pas les aides auxquelles ils ont droit, l'outil pourrait nous alerter.", "Un simulateur de droits dans le dossier pour repérer le non-recours."],
      ],
    },
    {
      title: 'Organiser le premier accueil et l\'orientation des nouveaux inscrits',
      description:
        "Le premier accueil (inscription, pré-diagnostic, affectation à un conseiller) repose sur des fiches papier et des tableaux partagés.\n\nAttendu : **une pré-inscription en ligne**, une file d'attente des nouveaux inscrits et une affectation tracée aux conseillers.",
      proposals: [
        ['Pré-inscription en ligne', 'haute', "Le jeune ou un partenaire pré-inscrit en ligne ; l'accueil complète et valide l'inscription."],
        ['File des nouveaux inscrits à affecter', 'moyenne', "Une liste des nouveaux inscrits en attente d'affectation, avec l'historique des affectations."],
      ],
      angles: [
        ['Permettre une pré-inscription en ligne', "Un formulaire de pré-inscription en ligne pour que le jeune arrive avec un dossier déjà commencé.", "Les partenaires qui nous orientent des jeunes devraient pouvoir les pré-inscrire directement."],
        ['Gérer la file d\'attente des premiers accueils', "On gère les nouveaux inscrits avec un tableau Excel partagé pour savoir qui les prend.", "Il faudrait une liste des jeunes inscrits qui n'ont pas encore de conseiller attitré."],
        ['Tracer l\'orientation à l\'issue du premier accueil', "Après le premier accueil on ne sait pas vers quel dispositif le jeune a été orienté.", "Garder une trace de l'orientation (CEJ, PACEA, partenaire) décidée au premier accueil."],
      ],
    },
    {
      title: 'Partager le dossier entre conseillers et antennes',
      description:
        "Un jeune peut être suivi par plusieurs professionnels (référent, chargé de relations entreprises, conseiller logement) ou changer d'antenne ; le partage du dossier est mal géré.\n\nLe besoin : **des co-référents**, un transfert de dossier tracé entre antennes et entre Missions Locales.",
      proposals: [
        ['Co-référence du dossier', 'moyenne', "Plusieurs professionnels rattachés au dossier, chacun avec son rôle, tous notifiés des évènements importants."],
        ['Transfert de dossier entre Missions Locales', 'haute', "Quand un jeune déménage, son dossier est transféré à la Mission Locale d'arrivée avec son accord, historique compris."],
      ],
      angles: [
        ['Déclarer plusieurs professionnels sur un dossier', "Un jeune peut être suivi par son conseiller et par la chargée entreprise, mais le dossier n'a qu'un seul référent.", "Il faudrait des co-référents sur un dossier."],
        ['Transférer un dossier quand le jeune déménage', "Quand un jeune déménage dans une autre ML, on ne peut pas transférer son dossier, il recommence à zéro.", "Transfert de dossier inter-ML avec tout l'historique, avec l'accord du jeune."],
        ['Savoir qui est intervenu dans le dossier', "On ne sait jamais qui a vu le jeune en dernier quand plusieurs collègues interviennent.", "Afficher clairement qui a fait quoi dans le dossier, avec la date."],
      ],
    },
    {
      title: 'Repérer et remobiliser les jeunes sans contact',
      description:
        "Des jeunes décrochent sans que personne ne s'en aperçoive ; les relances sont manuelles.\n\nAttendu : **des alertes** sur les jeunes sans contact depuis un délai paramétrable, et des outils de relance (SMS, courriel) tracés dans le dossier.",
      proposals: [
        ['Alerte de jeunes sans contact', 'haute', "Le conseiller voit la liste de ses jeunes sans contact depuis X semaines (délai réglable par dispositif)."],
        ['Campagnes de relance', 'moyenne', "Relance groupée des jeunes sans contact par SMS ou courriel, tracée dans chaque dossier."],
      ],
      angles: [
        ['Alerter sur les jeunes sans contact depuis longtemps', "Il faudrait une alerte quand un jeune n'a pas été vu depuis 3 mois.", "On découvre qu'un jeune a décroché au moment du bilan, trop tard. Besoin d'alertes.", "alerte jeunes sans contact depuis + de 2 mois"],
        ['Relancer les jeunes en un clic', "Pouvoir relancer tous les jeunes sans nouvelles d'un coup, par SMS.", "Les relances se font une par une au téléphone, c'est chronophage."],
        ['Repérer les jeunes invisibles avec les partenaires', "Les partenaires (clubs de prévention, CCAS) repèrent des jeunes qu'on ne connaît pas, il faudrait un moyen de nous les signaler.", "§E2C Partager avec les Missions Locales une liste des jeunes sortis sans solution des E2C, pour éviter les ruptures de parcours."],
      ],
    },
    {
      title: 'Recueillir et tracer le consentement des jeunes',
      description:
        "Le consentement du jeune au partage de ses données avec les partenaires n'est ni recueilli de façon homogène ni tracé.\n\nLe besoin : **recueillir, dater et retirer le consentement** par finalité, et informer le jeune de ses droits (RGPD).",
      proposals: [
        ['Consentements par finalité', 'haute', "Le jeune donne ou retire son accord par finalité (partage avec France Travail, partenaires, enquêtes), horodaté."],
        ['Notice d\'information du jeune', 'moyenne', "Une notice claire des données collectées et des droits du jeune, remise à l'inscription et consultable en ligne."],
      ],
      angles: [
        ['Tracer le consentement au partage des données', "On fait signer un papier au jeune pour le partage de données et on le range dans un classeur.", "Il faudrait cocher et dater le consentement du jeune dans le dossier."],
        ['Informer le jeune sur ses données', "Les jeunes ne savent pas ce qu'on garde sur eux. Une notice simple dans leur espace serait bien.", "Pouvoir remettre au jeune une info RGPD compréhensible, pas un pavé juridique."],
        ['Gérer le retrait du consentement', "Si un jeune retire son accord, on ne sait pas comment l'appliquer dans I-Milo.", "Retrait du consentement : que le partage s'arrête automatiquement."],
      ],
    },
    {
      title: 'Structurer le diagnostic socioprofessionnel',
      description:
        "Le diagnostic initial est réalisé différemment d'une structure à l'autre et se perd dans les entretiens.\n\nAttendu : **un diagnostic structuré** (freins, atouts, compétences), partagé avec le jeune, mis à jour au fil du parcours et réutilisable par les partenaires du Réseau pour l'Emploi.",
      proposals: [
        ['Grille de diagnostic partagée', 'haute', "Une grille commune (freins périphériques, compétences, projet) remplie avec le jeune, compatible avec le diagnostic socio-professionnel du Réseau pour l'Emploi."],
        ['Mise à jour du diagnostic', 'moyenne', "Le diagnostic est daté et révisé aux étapes clés pour mesurer les progrès."],
      ],
      angles: [
        ['Disposer d\'une grille de diagnostic commune', "Chaque ML a sa propre grille de diagnostic papier, il faudrait la même dans l'outil.", "Un diagnostic structuré avec les freins périphériques plutôt que du texte libre."],
        ['Faire évoluer le diagnostic au fil du parcours', "Le diagnostic est fait à l'entrée et plus jamais mis à jour.", "Pouvoir comparer le diagnostic d'entrée et celui de sortie pour montrer les progrès du jeune."],
        ['Partager le diagnostic avec France Travail et les partenaires', "Le jeune refait son diagnostic chez chaque partenaire, il faudrait le partager.", "Aligner notre diagnostic avec le diagnostic socio-pro commun du Réseau pour l'Emploi."],
      ],
    },
    {
      title: 'Suivre le Contrat d\'Engagement Jeune de bout en bout',
      description:
        "Le CEJ impose un suivi intensif (15 à 20 heures d'activité hebdomadaires, jalons, revues) que l'outil actuel trace mal ; les conseillers tiennent des tableaux parallèles.\n\nLe besoin : **un suivi CEJ intégré** : planning d'activités, décompte des heures, jalons et alertes.",
      proposals: [
        ['Planning hebdomadaire d\'activités CEJ', 'haute', "Le planning des activités du jeune, avec le décompte automatique des heures par semaine."],
        ['Jalons et revues CEJ', 'haute', "Les jalons du contrat (signature, revues, fin) générés automatiquement, avec alertes d'échéance."],
        ['Tableau de bord CEJ du conseiller', 'moyenne', "Vue de tous les jeunes en CEJ du conseiller : heures réalisées, alertes, prochaines échéances."],
      ],
      angles: [
        ['Décompter automatiquement les heures d\'activité CEJ', "Le calcul des 15-20h par semaine en CEJ se fait à la main sur un tableur à côté.", "Il faudrait que l'outil additionne tout seul les heures d'activité du jeune en CEJ.", "Les conseillers CEJ perdent un temps fou à compter les heures de chaque jeune."],
        ['Générer les jalons et échéances du contrat', "Les dates de revue CEJ devraient se créer automatiquement à la signature.", "Pas d'alerte avant la fin du CEJ, on s'en rend compte après coup."],
        ['Planifier les activités du jeune en CEJ', "Un planning de la semaine du jeune CEJ, partagé avec lui sur son appli.", "Pouvoir construire le programme hebdomadaire avec le jeune et l'imprimer ou l'envoyer."],
        ['Arrêter les tableaux parallèles de suivi CEJ', "Tout le monde a son fichier Excel de suivi CEJ à côté d'I-Milo, c'est la preuve que l'outil ne répond pas.", "On fait le suivi CEJ sur papier puis on ressaisit, ça double le travail."],
      ],
    },
    {
      title: 'Suivre les entrées et sorties de formation',
      description:
        "Les entrées en formation, abandons et certifications sont saisis tardivement ou pas du tout, faute d'échange avec les organismes et les Régions.\n\nAttendu : **un suivi des formations** alimenté par les données des financeurs (Région, France Travail) et des organismes.",
      proposals: [
        ['Récupération des entrées en formation', 'moyenne', "Les entrées et sorties de formation financées par la Région ou France Travail remontent dans le dossier."],
        ['Suivi de l\'issue des formations', 'moyenne', "Abandon, certification obtenue ou non, suite de parcours, renseignés et exploitables."],
      ],
      angles: [
        ['Récupérer automatiquement les entrées en formation', "On apprend souvent que le jeune est entré en formation des semaines après, par hasard.", "Il faudrait récupérer les données des formations Région directement dans le dossier."],
        ['Suivre l\'issue de la formation', "Aucun suivi de l'issue : abandon, diplôme obtenu, on ne sait pas.", "Pouvoir noter si la formation a été validée et ce que le jeune fait après."],
        ['Trouver les formations disponibles', "Il faudrait pouvoir chercher une formation (Carif-Oref) sans quitter le dossier.", "Rechercher une formation et la proposer au jeune directement depuis l'outil."],
      ],
    },
    {
      title: 'Communiquer avec les jeunes par SMS et messagerie depuis le dossier',
      description:
        "Les conseillers échangent avec les jeunes par SMS ou messageries grand public depuis leur téléphone, hors de tout cadre.\n\nLe besoin : **envoyer et recevoir des messages** depuis le dossier, tracés, sur un canal sécurisé que les jeunes utilisent vraiment.",
      proposals: [
        ['SMS depuis le dossier', 'haute', "Envoi de SMS individuels et réception des réponses dans le dossier, depuis un numéro de la structure."],
        ['Historique des échanges', 'moyenne', "Tous les messages échangés avec le jeune, quel que soit le canal, dans l'historique du dossier."],
      ],
      angles: [
        ['Envoyer des SMS depuis le dossier du jeune', "On envoie des SMS aux jeunes avec nos portables pro, rien n'est tracé dans I-Milo.", "Il faudrait pouvoir envoyer un SMS au jeune directement depuis sa fiche."],
        ['Tracer les échanges avec le jeune', "Les échanges WhatsApp avec les jeunes ne sont tracés nulle part, si le conseiller part on perd tout.", "Garder l'historique des messages échangés avec le jeune dans le dossier."],
        ['Recevoir les réponses des jeunes', "Les jeunes répondent à nos SMS mais la réponse arrive sur un téléphone partagé que personne ne regarde.", "Que les réponses des jeunes arrivent dans le dossier et notifient le conseiller."],
      ],
    },
    {
      title: 'Gérer les actions collectives et ateliers jeunes',
      description:
        "Les ateliers collectifs (CV, code de la route, numérique, sessions CEJ) sont organisés avec des listes papier ; la présence est ressaisie dossier par dossier.\n\nAttendu : **organiser une action collective**, inscrire les jeunes, pointer la présence en une fois et l'imputer à chaque dossier.",
      proposals: [
        ['Gestion des actions collectives', 'haute', "Créer une session, inscrire les jeunes, gérer les places et la liste d'attente."],
        ['Émargement collectif', 'moyenne', "Pointer les présents en une fois ; la participation s'inscrit dans chaque dossier et dans le décompte CEJ."],
      ],
      angles: [
        ['Pointer la présence à un atelier collectif en une fois', "Après un atelier collectif il faut saisir la présence dossier par dossier, 12 jeunes = 12 saisies.", "Un émargement collectif qui met à jour tous les dossiers d'un coup."],
        ['Inscrire des jeunes sur une session collective', "Pouvoir créer une session d'atelier et y inscrire les jeunes avec un nombre de places.", "Gérer les inscriptions aux ateliers collectifs dans l'outil et pas sur un tableau papier."],
        ['Envoyer les convocations aux ateliers', "Envoyer les convocations aux ateliers collectifs automatiquement par SMS.", "Les convocations aux collectifs sont faites à la main, une par une."],
      ],
    },
    {
      title: 'Prendre en compte la situation de handicap des jeunes',
      description:
        "La reconnaissance de la qualité de travailleur handicapé (RQTH) et les besoins d'adaptation sont mal renseignés, ce qui empêche de mobiliser les bons partenaires (Cap emploi, MDPH).\n\nLe besoin : **qualifier la situation de handicap** avec l'accord du jeune, suivre les démarches RQTH et les orientations.",
      proposals: [
        ['Suivi des démarches RQTH', 'moyenne', "Demande, date de décision, échéance de la RQTH, avec alerte de renouvellement."],
        ['Orientation vers Cap emploi tracée', 'basse', "L'orientation ou le co-suivi avec Cap emploi est tracé dans le dossier."],
      ],
      angles: [
        ['Suivre les démarches de RQTH', "Suivre la demande de RQTH du jeune et son échéance de renouvellement.", "Pas de champ pour la date de fin de RQTH, on la rate à chaque fois."],
        ['Tracer le co-suivi avec Cap emploi', "Quand un jeune est co-suivi avec Cap emploi, rien ne l'indique dans le dossier.", "Savoir si le jeune est aussi accompagné par Cap emploi et par qui."],
        ['Adapter l\'accompagnement aux besoins du jeune', "Pouvoir noter les besoins d'adaptation (lecture, mobilité réduite) pour les rdv et ateliers.", "Une info handicap discrète mais visible pour adapter l'accueil, avec l'accord du jeune."],
      ],
    },
  ],
};
