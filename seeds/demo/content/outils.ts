import type { ThemeSeed } from './types';

export const OUTILS: ThemeSeed = {
  code: 'OUTILS',
  prefix: 'OUT',
  title: 'Outils supports & communication interne',
  description:
    "Les outils du quotidien autour du dossier : agenda, messagerie, SMS, documents, signature, visioconférence, annuaire, travail en mobilité et support aux utilisateurs.",
  details: [
    "On jongle entre cinq outils qui ne se parlent pas.",
    "Dans les antennes, il n'y a souvent qu'un ordinateur partagé.",
    "Chaque ML a acheté ses propres outils, sans cohérence d'ensemble.",
    "Le temps perdu à ressaisir se compte en heures par semaine.",
    "Les collègues en itinérance sont les plus pénalisés.",
  ],
  needs: [
    {
      title: 'Disposer d\'un agenda partagé synchronisé',
      description:
        "L'agenda d'I-Milo n'est pas synchronisé avec les agendas de messagerie ; les conseillers tiennent deux agendas et les doubles réservations sont fréquentes.\n\nLe besoin : **un agenda unique**, partagé dans l'équipe, synchronisé avec la messagerie et relié aux dossiers.",
      proposals: [
        ['Synchronisation avec les agendas de messagerie', 'haute', "Les rendez-vous du SI apparaissent dans l'agenda de messagerie du conseiller, et inversement."],
        ['Agendas d\'équipe', 'moyenne', "Consulter les disponibilités des collègues et poser un rendez-vous pour eux (accueil, remplacements)."],
      ],
      angles: [
        ['Synchroniser l\'agenda du SI avec la messagerie', "L'agenda I-Milo et l'agenda Outlook ne sont pas synchronisés, on tient deux agendas.", "Il faudrait que les rdv pris dans I-Milo remontent dans notre agenda de messagerie.", "agenda partagé synchro outlook !!!"],
        ['Voir les disponibilités des collègues', "L'accueil ne voit pas les disponibilités des conseillers pour donner un rdv.", "Un agenda d'équipe pour caler un rdv quand le collègue est absent."],
        ['Relier les rendez-vous aux dossiers', "Quand je pose un rdv dans l'agenda, il n'apparaît pas dans le dossier du jeune.", "Le rdv devrait se créer dans l'agenda ET dans le dossier en une seule saisie."],
        ['Gérer les permanences délocalisées dans l\'agenda', "Nos permanences en mairie ne sont pas gérables dans l'agenda, on utilise du papier.", "Pouvoir indiquer le lieu de rdv (antenne, permanence, visio) dans l'agenda."],
      ],
    },
    {
      title: 'Échanger avec les jeunes par une messagerie sécurisée',
      description:
        "Les échanges écrits avec les jeunes passent par des messageries grand public, sans traçabilité ni garantie de confidentialité.\n\nAttendu : **une messagerie sécurisée** entre jeune et conseiller, accessible sur mobile, avec envoi de documents.",
      proposals: [
        ['Messagerie jeune / conseiller', 'haute', "Une messagerie intégrée à l'espace du jeune et au dossier, avec notifications et pièces jointes."],
        ['Règles d\'usage et de conservation', 'moyenne', "Durée de conservation des messages et charte d'usage affichées aux deux parties."],
      ],
      angles: [
        ['Remplacer WhatsApp par une messagerie sécurisée', "Tout le monde utilise WhatsApp avec les jeunes parce qu'on n'a rien d'autre, ce n'est pas RGPD.", "Une messagerie sécurisée jeune / conseiller, sur mobile, c'est indispensable."],
        ['Échanger des documents avec le jeune', "Pouvoir envoyer un document au jeune et qu'il nous renvoie le sien signé, dans la même conversation.", "Les jeunes n'ont pas d'imprimante, il faut pouvoir échanger des documents en ligne."],
        ['Recevoir une notification quand le jeune écrit', "Être notifié quand un jeune nous écrit, sinon on ne voit pas les messages.", "Que les messages des jeunes arrivent dans une boîte du conseiller et pas dans une boîte générique."],
        ['Partager une conversation en cas d\'absence', "Quand je suis en congé personne ne voit les messages de mes jeunes.", "Un collègue devrait pouvoir reprendre la conversation en mon absence."],
      ],
    },
    {
      title: 'Envoyer des rappels automatiques et des SMS groupés',
      description:
        "Les rendez-vous non honorés représentent une part importante du temps perdu ; les rappels sont faits à la main.\n\nLe besoin : **des rappels automatiques** de rendez-vous et des **envois groupés** (informations collectives, offres).",
      proposals: [
        ['Rappel automatique des rendez-vous', 'haute', "Un SMS de rappel la veille de chaque rendez-vous, avec un lien pour confirmer ou déplacer."],
        ['Envois groupés ciblés', 'moyenne', "Envoyer un SMS à une liste de jeunes filtrée (dispositif, antenne, âge), tracé dans chaque dossier."],
      ],
      angles: [
        ['Rappeler les rendez-vous la veille par SMS', "Un SMS de rappel automatique la veille du rdv réduirait énormément les absences.", "rappel rdv par sms automatique", "On appelle chaque jeune la veille pour lui rappeler son rdv, c'est une heure par jour."],
        ['Envoyer une information à un groupe de jeunes', "Pouvoir envoyer un SMS à tous les jeunes en CEJ pour une info collective.", "Les envois groupés se font depuis un outil payant externe, avec un export de numéros."],
        ['Diffuser des offres par SMS', "Envoyer une offre par SMS aux jeunes qui correspondent, en un clic.", "Quand une offre urgente arrive, prévenir les jeunes concernés tout de suite."],
      ],
    },
    {
      title: 'Gérer les documents de la structure et des dossiers',
      description:
        "Les documents sont stockés sur des serveurs locaux, des clés USB ou des boîtes de messagerie, sans classement commun.\n\nAttendu : **une gestion électronique des documents** intégrée, avec classement, droits d'accès et durées de conservation.",
      proposals: [
        ['Gestion électronique des documents intégrée', 'moyenne', "Documents rattachés aux dossiers, aux actions ou à la structure, avec recherche et droits d'accès."],
        ['Purge selon les durées de conservation', 'moyenne', "Les documents sont supprimés automatiquement à l'échéance de leur durée de conservation."],
      ],
      angles: [
        ['Stocker les documents dans le SI plutôt que sur des serveurs locaux', "On stocke les documents des jeunes sur le serveur de la ML, dans des dossiers à leur nom.", "Une vraie GED dans l'outil, avec les documents rattachés au dossier."],
        ['Retrouver facilement un document', "Impossible de retrouver une attestation envoyée il y a six mois.", "Pouvoir chercher un document par type, par date, par jeune."],
        ['Partager les documents de référence de la structure', "Les procédures et modèles sont éparpillés, chaque antenne a sa version.", "Un espace documentaire commun pour les procédures internes."],
        ['Supprimer les documents à la fin de la durée de conservation', "On garde des photocopies de cartes d'identité depuis des années, sans savoir quand les jeter.", "La purge des documents devrait être automatique selon les règles RGPD."],
      ],
    },
    {
      title: 'Signer électroniquement contrats et attestations',
      description:
        "Contrats CEJ, conventions, attestations et demandes d'aide nécessitent des signatures papier, source de délais et de déplacements.\n\nLe besoin : **la signature électronique** par le jeune, le conseiller et les tiers (employeurs, financeurs).",
      proposals: [
        ['Signature électronique intégrée', 'haute', "Tout document généré par le SI peut être signé électroniquement par les parties, avec preuve archivée."],
      ],
      angles: [
        ['Faire signer le contrat CEJ à distance', "Le jeune doit revenir à la ML juste pour signer son contrat CEJ.", "Signature électronique du contrat d'engagement depuis le téléphone du jeune."],
        ['Faire signer les tiers sans courrier', "On envoie des conventions par courrier aux employeurs et on attend des semaines.", "Signature en ligne pour les employeurs et les organismes de formation."],
        ['Archiver les documents signés dans le dossier', "Les documents signés sont scannés puis rangés à la main.", "Le document signé devrait s'archiver automatiquement dans le dossier."],
        ['Signer les attestations en série', "Le directeur signe des piles d'attestations chaque semaine.", "Signature électronique en série pour les attestations."],
      ],
    },
    {
      title: 'Disposer d\'un annuaire du réseau et des partenaires',
      description:
        "Il est difficile de trouver le bon interlocuteur dans une autre Mission Locale ou chez un partenaire.\n\nAttendu : **un annuaire du réseau** (structures, antennes, référents par thème) et des partenaires locaux, tenu à jour.",
      proposals: [
        ['Annuaire du réseau des Missions Locales', 'moyenne', "Structures, antennes, horaires et référents thématiques, mis à jour par chaque structure."],
        ['Annuaire des partenaires locaux', 'basse', "Les partenaires de chaque territoire, leurs contacts et leurs offres."],
      ],
      angles: [
        ['Trouver un interlocuteur dans une autre Mission Locale', "Quand un jeune déménage, je ne sais pas qui contacter dans la ML d'arrivée.", "Un annuaire national des ML avec les contacts des référents."],
        ['Tenir à jour les contacts des partenaires', "Chaque conseiller a son carnet d'adresses partenaires, souvent périmé.", "Un annuaire partenaires partagé et mis à jour."],
        ['Identifier les référents thématiques', "Savoir qui est référent logement ou santé dans chaque structure.", "Annuaire des référents par thème (RGPD, SI, CEJ, logement)."],
      ],
    },
    {
      title: 'Mener des entretiens à distance',
      description:
        "Les entretiens à distance se sont développés sans outil dédié, avec des logiciels grand public.\n\nLe besoin : **une visioconférence intégrée**, lancée depuis le rendez-vous, accessible aux jeunes sans installation.",
      proposals: [
        ['Visioconférence depuis le rendez-vous', 'moyenne', "Un lien de visio généré avec le rendez-vous, ouvrable sur smartphone sans compte ni installation."],
      ],
      angles: [
        ['Lancer une visio depuis le rendez-vous', "Pour une visio avec un jeune il faut créer un lien à part et l'envoyer par SMS.", "Un bouton visio directement dans le rendez-vous."],
        ['Permettre au jeune de rejoindre sans installer d\'application', "Les jeunes n'arrivent pas à installer Teams, il faudrait un lien qui marche directement.", "Visio sur navigateur, sans compte, pour les jeunes."],
        ['Réduire les déplacements en zone rurale', "Pour les jeunes éloignés, la visio éviterait 1h de bus pour un entretien de 30 minutes.", "En rural, les entretiens à distance sont indispensables."],
      ],
    },
    {
      title: 'Un espace collaboratif pour le réseau',
      description:
        "Les informations du réseau (notes, procédures, actualités SI) circulent par courriels en cascade.\n\nAttendu : **un espace collaboratif** du réseau : actualités, documentation, forums d'échange entre pairs.",
      proposals: [
        ['Intranet du réseau', 'moyenne', "Actualités, documentation et procédures du réseau, avec une recherche efficace."],
        ['Forum d\'entraide entre utilisateurs', 'basse', "Un espace où les utilisateurs posent leurs questions et partagent leurs astuces."],
      ],
      angles: [
        ['Centraliser les informations du réseau', "Les notes de l'UNML arrivent par mail, transférées trois fois, personne ne les retrouve.", "Un intranet réseau où tout est rangé."],
        ['Échanger entre pairs des différentes structures', "Un forum entre conseillers de toute la France pour partager les astuces.", "On aimerait échanger avec les autres ML sur les mêmes problèmes."],
        ['Partager les bonnes pratiques', "Les bonnes pratiques d'une ML ne profitent jamais aux autres.", "Un espace pour partager les outils et méthodes qui marchent."],
        ['Travailler à plusieurs sur un même document', "Pour un bilan commun on s'échange 10 versions d'un fichier Word.", "Un outil de coédition de documents pour le réseau."],
      ],
    },
    {
      title: 'Réserver les salles et les ressources',
      description:
        "Salles d'entretien, salles collectives, véhicules de service et ordinateurs prêtés aux jeunes sont réservés sur papier ou dans des tableurs.\n\nLe besoin : **réserver les ressources** depuis l'agenda.",
      proposals: [
        ['Réservation de salles et de ressources', 'basse', "Salles, véhicules et matériel réservables depuis l'agenda, avec les conflits signalés."],
      ],
      angles: [
        ['Réserver une salle en posant un rendez-vous', "On réserve les salles sur un planning papier à l'accueil.", "Quand je pose un atelier collectif, réserver la salle en même temps."],
        ['Gérer le prêt de matériel aux jeunes', "On prête des ordinateurs aux jeunes sans aucun suivi.", "Suivre le prêt de matériel (ordinateurs, clés 4G) aux jeunes."],
        ['Réserver les véhicules de service', "La réservation du véhicule de service se fait par mail, avec des conflits tout le temps.", "Planning des véhicules pour les permanences itinérantes."],
      ],
    },
    {
      title: 'Générer automatiquement courriers et attestations',
      description:
        "Attestations, courriers et convocations sont rédigés à partir de modèles Word remplis à la main.\n\nAttendu : **des modèles de documents** fusionnés avec les données du dossier, personnalisables par structure.",
      proposals: [
        ['Bibliothèque de modèles de documents', 'moyenne', "Des modèles nationaux et locaux, remplis automatiquement avec les données du dossier."],
      ],
      angles: [
        ['Préremplir les attestations avec les données du dossier', "Les attestations de suivi sont faites sur Word en recopiant les infos du dossier.", "Générer une attestation en un clic à partir du dossier."],
        ['Personnaliser les modèles par structure', "Chaque ML devrait pouvoir mettre son logo et ses propres modèles de courrier.", "Des modèles nationaux mais adaptables localement."],
        ['Produire les convocations automatiquement', "Convocation aux ateliers générée et envoyée automatiquement au jeune.", "Plus de courriers faits à la main pour les convocations."],
        ['Envoyer le document directement au jeune', "Une fois l'attestation générée, l'envoyer au jeune par mail ou dans son espace.", "On imprime, on scanne, on envoie : il faudrait envoyer directement."],
      ],
    },
    {
      title: 'Bénéficier d\'un support réactif et suivre ses demandes',
      description:
        "Les demandes d'assistance restent sans réponse ou se perdent entre niveaux de support ; les utilisateurs ne savent pas où en sont leurs tickets.\n\nLe besoin : **un support joignable**, un suivi des demandes et une base de réponses aux questions fréquentes.",
      proposals: [
        ['Suivi des demandes d\'assistance', 'haute', "Chaque utilisateur déclare et suit ses demandes depuis l'outil ; les délais de réponse sont mesurés."],
        ['Base de réponses aux questions fréquentes', 'moyenne', "Les réponses aux questions les plus posées, consultables avant de déclarer une demande."],
      ],
      angles: [
        ['Savoir où en est sa demande de support', "On envoie un ticket au support et on n'a plus jamais de nouvelles.", "Pouvoir suivre ses tickets : reçu, en cours, résolu."],
        ['Obtenir une réponse rapide au support', "Le support met des semaines à répondre pour des blocages qui empêchent de travailler.", "Un support joignable par téléphone en cas de blocage."],
        ['Trouver seul la réponse aux questions fréquentes', "Une FAQ à jour éviterait la moitié des tickets.", "Les mêmes questions reviennent toujours, il faut une base de connaissances."],
        ['Connaître les incidents en cours', "Quand I-Milo est en panne, personne ne nous prévient, on croit que c'est notre poste.", "Une page d'état du service avec les incidents en cours."],
      ],
    },
    {
      title: 'Travailler en mobilité et en itinérance',
      description:
        "Les conseillers qui tiennent des permanences (mairies, lycées, quartiers) travaillent sans accès fiable au SI.\n\nAttendu : **un accès sur tablette ou ordinateur portable**, avec un mode dégradé hors connexion.",
      proposals: [
        ['Accès en mobilité sécurisé', 'haute', "Le SI est utilisable sur tablette et ordinateur portable en dehors des locaux, avec une connexion sécurisée."],
        ['Mode hors connexion', 'moyenne', "Consultation des dossiers du jour et saisie hors ligne, synchronisées au retour de la connexion."],
      ],
      angles: [
        ['Accéder au SI pendant les permanences', "En permanence à la mairie, on n'a pas accès à I-Milo, on prend des notes sur papier.", "Pouvoir se connecter au SI depuis n'importe quel lieu de permanence."],
        ['Saisir hors connexion', "Dans certaines communes il n'y a pas de réseau, il faudrait pouvoir saisir hors ligne.", "Un mode hors connexion qui synchronise en revenant au bureau."],
        ['Préparer sa tournée de permanences', "Pouvoir télécharger les dossiers des jeunes vus en permanence avant de partir.", "Préparer les rdv de la permanence à l'avance sur la tablette."],
      ],
    },
    {
      title: 'Noter des tâches et des alertes personnelles',
      description:
        "Les conseillers gèrent leurs rappels (relances, échéances, documents à recevoir) sur des post-it ou des carnets.\n\nLe besoin : **des tâches et des rappels** rattachés aux dossiers, avec échéance et notification.",
      proposals: [
        ['Tâches rattachées aux dossiers', 'moyenne', "Créer une tâche (relance, document à recevoir) sur un dossier, avec une échéance et un rappel."],
      ],
      angles: [
        ['Créer un rappel sur un dossier', "Pouvoir me mettre un rappel « relancer le jeune dans 15 jours » sur son dossier.", "Mes rappels sont sur des post-it autour de l'écran, il faudrait les avoir dans l'outil."],
        ['Voir ses tâches du jour', "Une liste des tâches du jour à l'ouverture de l'outil.", "Être notifié des échéances de mes dossiers."],
        ['Déléguer une tâche à un collègue', "Pouvoir confier une tâche à l'accueil ou à un collègue, avec suivi.", "Quand je suis absent, mes tâches urgentes devraient être visibles par l'équipe."],
        ['Suivre les documents attendus', "Savoir quels jeunes doivent encore me ramener un document.", "Une liste des pièces en attente par dossier."],
      ],
    },
  ],
};
