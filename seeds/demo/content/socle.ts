import type { ThemeSeed } from './types';

export const SOCLE: ThemeSeed = {
  code: 'SOCLE',
  prefix: 'SOC',
  title: 'Socle transverse',
  description:
    "Ce qui rend le SI utilisable par tous : performances, ergonomie, connexion unique, accessibilité, protection des données, habilitations, recherche, interopérabilité et continuité de service lors de la migration.",
  details: [
    "On a l'impression que l'outil n'a pas été pensé pour ceux qui l'utilisent.",
    "Le matin entre 9h et 10h c'est le pire moment.",
    "Les nouveaux salariés mettent des mois à s'y retrouver.",
    "Un outil de 2010 avec des usages de 2023.",
    "Les jeunes nous voient batailler avec l'écran pendant l'entretien.",
  ],
  needs: [
    {
      title: 'Améliorer les temps de réponse',
      description:
        "Les temps de chargement d'I-Milo (ouverture de dossier, recherche, exports) font perdre plusieurs minutes par entretien et dégradent la relation avec le jeune.\n\nLe besoin : **des temps de réponse de l'ordre de la seconde** pour les actions courantes, y compris aux heures de pointe.",
      proposals: [
        ['Engagements de performance', 'haute', "Des objectifs de temps de réponse par type d'écran, mesurés en continu et publiés."],
        ['Traitements lourds en arrière-plan', 'moyenne', "Exports et calculs longs exécutés en tâche de fond, avec notification à la fin."],
      ],
      angles: [
        ['Réduire le temps d\'ouverture d\'un dossier', "Ouvrir un dossier prend parfois 30 secondes, devant le jeune c'est gênant.", "Les temps de chargement sont insupportables, surtout le matin.", "temps de chargement trop long !!! on attend devant le jeune"],
        ['Ne plus être bloqué par les exports', "Quand quelqu'un lance un export, tout le monde rame.", "Les traitements lourds devraient tourner en arrière-plan sans bloquer la saisie."],
        ['Garantir les performances aux heures de pointe', "Entre 9h et 11h l'outil est inutilisable.", "Le lundi matin et en fin de mois, I-Milo est à genoux."],
        ['Éviter les déconnexions intempestives', "On est déconnecté au bout de 10 minutes et on perd la saisie en cours.", "Les déconnexions font perdre des entretiens entiers."],
      ],
    },
    {
      title: 'Une interface ergonomique et moderne',
      description:
        "L'interface actuelle est jugée datée, surchargée et peu intuitive ; les parcours de saisie ne suivent pas le déroulé d'un entretien.\n\nAttendu : **une interface conçue avec les utilisateurs**, sobre, cohérente et adaptée aux écrans actuels.",
      proposals: [
        ['Conception centrée utilisateurs', 'haute', "Chaque écran est conçu et testé avec des conseillers avant d'être développé."],
        ['Personnalisation de la page d\'accueil', 'basse', "Chaque utilisateur choisit les blocs affichés sur sa page d'accueil."],
      ],
      angles: [
        ['Simplifier des écrans surchargés', "Les écrans sont surchargés de champs, on ne sait pas où regarder.", "Une interface épurée, avec seulement ce qui sert au quotidien."],
        ['Suivre le déroulé d\'un entretien', "L'ordre des écrans ne correspond pas à la façon dont se passe un entretien.", "Les écrans devraient suivre la logique de l'entretien, pas celle de la base de données."],
        ['Moderniser l\'apparence de l\'outil', "L'outil a l'air de dater des années 2000, les jeunes se moquent de nous.", "Une interface moderne, comme les applis qu'on utilise tous les jours."],
        ['Harmoniser les écrans', "Chaque module a sa propre logique de boutons, on se trompe tout le temps.", "Les mêmes boutons au même endroit sur tous les écrans."],
      ],
    },
    {
      title: 'Se connecter une seule fois à tous les outils',
      description:
        "Les conseillers jonglent entre de nombreux identifiants (I-Milo, outils France Travail, plateforme de l'inclusion, messagerie).\n\nLe besoin : **une connexion unique** (fédération d'identité des agents publics) à l'ensemble des outils du Réseau pour l'Emploi.",
      proposals: [
        ['Connexion unique fédérée', 'haute', "Une seule identité pour accéder au SI et aux outils partenaires, via la fédération d'identité des agents publics."],
      ],
      angles: [
        ['Ne plus gérer dix mots de passe', "On a un mot de passe différent pour chaque outil, tout le monde les note sur un post-it.", "Une connexion unique pour tous nos outils.", "SSO !!"],
        ['Accéder aux outils partenaires sans se reconnecter', "Passer d'I-Milo à l'outil de France Travail oblige à se reconnecter à chaque fois.", "Naviguer entre les outils du Réseau pour l'Emploi sans ressaisir ses identifiants."],
        ['Simplifier l\'arrivée et le départ des salariés', "Créer les accès d'un nouveau salarié prend deux semaines et cinq demandes.", "Fermer tous les accès d'un salarié qui part en une seule action."],
        ['Réinitialiser son mot de passe soi-même', "Quand on a oublié son mot de passe il faut attendre le support.", "Réinitialisation du mot de passe en autonomie."],
      ],
    },
    {
      title: 'Garantir la protection des données personnelles',
      description:
        "Les durées de conservation, la purge des dossiers et l'exercice des droits des jeunes (accès, rectification, effacement) ne sont pas outillés.\n\nAttendu : **un SI conforme au RGPD par conception** : durées de conservation appliquées, purge automatique, droits des personnes outillés, journal des accès.",
      proposals: [
        ['Durées de conservation appliquées automatiquement', 'haute', "Les dossiers et documents sont anonymisés ou supprimés à l'échéance, selon des règles documentées."],
        ['Exercice des droits des jeunes', 'moyenne', "Extraction des données d'un jeune, rectification et effacement, en quelques actions tracées."],
        ['Journal des consultations de dossier', 'moyenne', "Qui a consulté ou modifié quel dossier, consultable par le délégué à la protection des données."],
      ],
      angles: [
        ['Appliquer automatiquement les durées de conservation', "On garde des dossiers de jeunes partis depuis dix ans, ce n'est pas conforme.", "La purge des vieux dossiers devrait être automatique.", "RGPD : durées de conservation jamais appliquées"],
        ['Répondre facilement à une demande d\'accès', "Quand un jeune demande ses données, on ne sait pas les extraire.", "Un bouton pour exporter toutes les données d'un jeune."],
        ['Savoir qui a consulté un dossier', "N'importe qui peut consulter n'importe quel dossier sans trace.", "Un journal des accès aux dossiers sensibles."],
        ['Encadrer les commentaires libres', "On trouve des commentaires inappropriés dans les zones libres, il faudrait des garde-fous.", "Rappeler les règles de rédaction dans les zones de commentaire."],
      ],
    },
    {
      title: 'Garantir l\'accessibilité numérique',
      description:
        "Des salariés en situation de handicap (déficience visuelle notamment) ne peuvent pas utiliser pleinement l'outil ; les écrans destinés aux jeunes doivent aussi être accessibles.\n\nLe besoin : **la conformité au RGAA** pour les écrans professionnels comme pour les services aux jeunes.",
      proposals: [
        ['Conformité RGAA vérifiée', 'haute', "Chaque écran est audité selon le RGAA ; la déclaration d'accessibilité est publiée et tenue à jour."],
      ],
      angles: [
        ['Rendre l\'outil utilisable avec un lecteur d\'écran', "Une collègue malvoyante ne peut pas utiliser I-Milo avec son lecteur d'écran.", "L'outil doit être compatible avec les lecteurs d'écran."],
        ['Permettre la navigation au clavier', "Impossible de naviguer au clavier, tout se fait à la souris.", "Pouvoir tout faire au clavier, c'est aussi plus rapide."],
        ['Rendre les services aux jeunes accessibles', "Les services en ligne pour les jeunes doivent être accessibles à ceux qui ont un handicap.", "Des contenus en FALC (facile à lire et à comprendre) pour les jeunes."],
      ],
    },
    {
      title: 'Des habilitations adaptées à chaque métier',
      description:
        "Les profils d'habilitation sont trop grossiers : certains voient trop, d'autres pas assez (accueil, chargés de relations entreprises, direction).\n\nAttendu : **des habilitations fines par métier**, paramétrables par la structure.",
      proposals: [
        ['Profils d\'habilitation par métier', 'moyenne', "Des profils types (accueil, conseiller, CRE, responsable, direction, gestionnaire) ajustables localement."],
      ],
      angles: [
        ['Adapter les droits au métier de chacun', "L'accueil voit tout le dossier alors qu'il n'a besoin que des coordonnées et des rdv.", "Des profils de droits par métier : accueil, conseiller, CRE, direction."],
        ['Limiter l\'accès aux informations sensibles', "Les infos de santé ou de justice devraient être visibles uniquement par le référent.", "Restreindre certaines rubriques au seul conseiller référent."],
        ['Gérer les droits localement', "Pour modifier les droits d'un collègue il faut passer par le support national.", "Que la structure puisse gérer elle-même les droits de ses salariés."],
      ],
    },
    {
      title: 'Une recherche rapide et tolérante',
      description:
        "La recherche de dossiers exige l'orthographe exacte et ne porte que sur quelques champs.\n\nLe besoin : **une recherche globale** tolérante aux fautes, sur le nom, les coordonnées et l'identifiant, avec des résultats immédiats.",
      proposals: [
        ['Recherche globale tolérante', 'moyenne', "Une barre de recherche unique, tolérante aux fautes et aux accents, sur les principaux champs du dossier."],
      ],
      angles: [
        ['Trouver un jeune malgré une faute d\'orthographe', "Si on tape le nom avec une faute, la recherche ne trouve rien.", "Une recherche tolérante aux accents et aux fautes de frappe."],
        ['Chercher par téléphone ou courriel', "Impossible de retrouver un jeune avec son numéro de téléphone.", "Rechercher sur tous les champs : nom, téléphone, mail, identifiant."],
        ['Une barre de recherche unique', "Il y a trois écrans de recherche différents selon ce qu'on cherche.", "Une seule barre de recherche en haut de l'écran, comme sur Google."],
        ['Retrouver ses dossiers récents', "Retrouver les dossiers que j'ai ouverts récemment sans rechercher.", "Liste des derniers dossiers consultés."],
      ],
    },
    {
      title: 'Échanger les données avec les partenaires par des interfaces',
      description:
        "Les échanges avec la CAF, l'organisme payeur, les Régions, France Travail ou la plateforme de l'inclusion reposent sur des exports, des fichiers et des ressaisies.\n\nAttendu : **des interfaces d'échange (API)** documentées et sécurisées avec les partenaires.",
      proposals: [
        ['Interfaces avec les partenaires institutionnels', 'haute', "Des échanges automatisés et sécurisés avec France Travail, l'organisme payeur, la CAF et les Régions."],
        ['API documentée pour les partenaires locaux', 'basse', "Une interface documentée permettant aux partenaires habilités d'échanger avec le SI."],
      ],
      angles: [
        ['Automatiser les échanges avec l\'organisme payeur', "Les échanges avec l'ASP se font par fichiers, avec des erreurs à chaque fois.", "Une connexion directe avec l'ASP pour les paiements."],
        ['Échanger avec les Régions sur la formation', "Les données de formation de la Région ne nous arrivent jamais directement.", "Une interface avec les SI des Régions pour les entrées en formation."],
        ['Ouvrir le SI aux partenaires habilités', "Nos partenaires locaux voudraient nous transmettre des infos sans mail.", "§E2C Mettre en place un échange de données sécurisé entre les E2C et les Missions Locales pour les jeunes orientés, plutôt que des tableaux envoyés par mail."],
        ['Consulter les données de la CAF', "Accéder aux infos CAF du jeune (avec son accord) éviterait beaucoup de démarches.", "Une interface CAF pour vérifier les droits."],
      ],
    },
    {
      title: 'Utiliser le SI sur tablette et smartphone',
      description:
        "L'outil n'est pas utilisable sur petits écrans, alors que les conseillers travaillent de plus en plus hors du bureau.\n\nLe besoin : **une interface adaptée aux tablettes et smartphones** pour les usages courants.",
      proposals: [
        ['Interface adaptée aux petits écrans', 'moyenne', "Les écrans courants (agenda, dossier, saisie d'entretien) sont utilisables sur tablette et smartphone."],
      ],
      angles: [
        ['Consulter un dossier sur tablette', "Sur tablette l'outil est inutilisable, les boutons sont minuscules.", "Une version tablette pour les permanences."],
        ['Voir son agenda sur son téléphone', "Pouvoir consulter mon agenda de la journée sur mon téléphone pro.", "Une appli mobile pour les conseillers, au moins pour l'agenda."],
        ['Saisir un entretien sur un petit écran', "Saisir un compte rendu rapide sur smartphone après une rencontre en extérieur.", "Une saisie simplifiée sur mobile."],
      ],
    },
    {
      title: 'Historiser et tracer les modifications',
      description:
        "Les modifications écrasent les valeurs précédentes sans trace, ce qui empêche de comprendre l'évolution d'un dossier et de corriger les erreurs.\n\nAttendu : **un historique des modifications** consultable (qui, quand, avant, après).",
      proposals: [
        ['Historique des modifications du dossier', 'moyenne', "Pour chaque dossier : qui a modifié quoi, quand, avec la valeur précédente."],
      ],
      angles: [
        ['Savoir qui a modifié une information', "Une info a été changée dans le dossier et on ne sait pas par qui.", "Un historique des modifications par champ."],
        ['Retrouver l\'ancienne valeur', "On écrase l'adresse et on perd l'ancienne, c'est gênant pour les courriers en retour.", "Garder les anciennes valeurs consultables."],
        ['Annuler une erreur de saisie', "Pouvoir revenir en arrière après une mauvaise manipulation.", "Une suppression par erreur ne devrait pas être définitive."],
        ['Tracer les changements de référent', "L'historique des référents successifs du jeune n'est pas visible.", "Voir tous les conseillers qui ont suivi le jeune, avec les dates."],
      ],
    },
    {
      title: 'Assurer la continuité de service lors de la migration',
      description:
        "La fin de la concession I-Milo et le passage au SI partagé font craindre une perte de données et une interruption de l'activité.\n\nLe besoin : **une reprise complète des données** et une bascule sans interruption de service, préparées et testées avec le réseau.",
      proposals: [
        ['Reprise complète et vérifiée des données', 'haute', "Toutes les données utiles d'I-Milo sont reprises ; des contrôles de volumétrie et de cohérence sont partagés avec chaque structure."],
        ['Bascule progressive et réversible', 'haute', "Une bascule par vagues, avec une période de cohabitation et un plan de retour arrière."],
      ],
      angles: [
        ['Ne perdre aucun historique lors de la migration', "On a peur de perdre tout l'historique des jeunes au changement d'outil.", "Toutes les données d'I-Milo doivent être reprises, y compris les anciens dossiers."],
        ['Éviter toute interruption de l\'activité', "On ne peut pas s'arrêter de travailler une semaine pour une bascule.", "Prévoir une période où les deux outils cohabitent."],
        ['Vérifier les données reprises', "Pouvoir vérifier que nos chiffres sont les mêmes avant et après la migration.", "Des contrôles de reprise partagés avec chaque ML."],
      ],
    },
  ],
};
