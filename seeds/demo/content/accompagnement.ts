import type { ThemeSeed } from './types';

export const ACCOMPAGNEMENT: ThemeSeed = {
  code: 'ACCOMPAGNEMENT',
  prefix: 'ACC',
  title: 'Accompagnement au changement & adoption',
  description:
    "Ce qui fera que le futur SI sera adopté : formation, aide en ligne, référents, information sur les évolutions, participation des utilisateurs aux tests et accompagnement de la migration.",
  details: [
    "Les formations se font sur le temps d'accueil des jeunes, c'est compliqué.",
    "Les dernières versions sont arrivées sans qu'on soit prévenus.",
    "Les petites structures n'ont personne pour accompagner les équipes.",
    "Le changement d'outil inquiète beaucoup les collègues.",
  ],
  needs: [
    {
      title: 'Former les professionnels aux nouveaux outils',
      description:
        "Les formations à l'outil sont rares, tardives et descendantes ; les nouveaux arrivants apprennent sur le tas.\n\nLe besoin : **un parcours de formation** pour chaque métier, en présentiel et à distance, disponible avant chaque bascule et pour chaque nouvel arrivant.",
      proposals: [
        ['Parcours de formation par métier', 'haute', "Des modules courts par métier (accueil, conseiller, CRE, direction), à distance et en présentiel."],
        ['Parcours d\'intégration des nouveaux salariés', 'moyenne', "Un parcours de prise en main de l'outil pour chaque nouvel arrivant, avec un environnement d'entraînement."],
      ],
      angles: [
        ['Former avant la mise en service', "On a découvert les nouvelles fonctions le jour de la mise en production, sans formation.", "Les formations doivent avoir lieu avant la bascule, pas après."],
        ['Former les nouveaux arrivants', "Les nouveaux salariés apprennent I-Milo avec le collègue d'à côté, chacun à sa façon.", "Un parcours d'intégration à l'outil pour chaque nouvel arrivant."],
        ['Proposer des formations courtes à distance', "Des modules courts en ligne, qu'on peut suivre entre deux rdv.", "Des webinaires de 30 minutes sur une fonctionnalité précise."],
        ['Disposer d\'un environnement d\'entraînement', "Il faudrait une base de test pour s'entraîner sans risquer d'abîmer de vrais dossiers.", "Un bac à sable pour se former."],
      ],
    },
    {
      title: 'Trouver de l\'aide dans l\'outil',
      description:
        "Les guides utilisateurs sont longs, dispersés et rarement à jour.\n\nAttendu : **une aide en ligne contextuelle**, des tutoriels vidéo courts et des guides à jour à chaque version.",
      proposals: [
        ['Aide contextuelle', 'moyenne', "Un lien d'aide sur chaque écran, qui mène directement à l'explication de cet écran."],
        ['Tutoriels vidéo courts', 'basse', "Des vidéos de 2 minutes pour les tâches courantes."],
      ],
      angles: [
        ['Une aide accessible depuis chaque écran', "Le guide fait 200 pages, personne ne le lit. Il faudrait une aide sur chaque écran.", "Un point d'interrogation sur chaque écran qui explique quoi faire."],
        ['Des tutoriels vidéo courts', "Des petites vidéos de 2 minutes pour les manipulations courantes.", "Les tutos vidéo c'est ce qui marche le mieux pour les collègues."],
        ['Des guides tenus à jour', "Les guides ne correspondent plus aux écrans depuis plusieurs versions.", "Mettre à jour les guides à chaque nouvelle version."],
      ],
    },
    {
      title: 'Un réseau de référents SI dans les structures',
      description:
        "L'appropriation repose sur quelques personnes motivées, sans reconnaissance ni temps dédié.\n\nLe besoin : **des référents SI identifiés** dans chaque structure, formés en priorité, animés en réseau par la DSI et les ARML.",
      proposals: [
        ['Réseau de référents SI animé', 'haute', "Un référent par structure, formé en avant-première, réuni régulièrement par la DSI et les ARML."],
        ['Temps dédié reconnu', 'moyenne', "Un temps de référent reconnu dans l'organisation de la structure."],
      ],
      angles: [
        ['Identifier un référent SI par structure', "Chez nous c'est la collègue la plus à l'aise qui dépanne tout le monde, sans que ce soit reconnu.", "Un référent SI officiel dans chaque ML, avec du temps dédié."],
        ['Animer les référents en réseau', "Les référents devraient se retrouver régulièrement pour échanger entre ML.", "Un club des référents SI par région, animé par l'ARML."],
        ['Former les référents en avant-première', "Former les référents avant tout le monde pour qu'ils relaient en interne.", "Les référents devraient tester les nouvelles versions en premier."],
        ['Donner aux référents un accès direct au support', "Un canal prioritaire vers le support pour les référents.", "Le référent devrait pouvoir escalader directement les problèmes bloquants."],
      ],
    },
    {
      title: 'Être informé en amont des évolutions',
      description:
        "Les évolutions arrivent sans préavis ; les utilisateurs découvrent les changements en production.\n\nAttendu : **une information anticipée** (calendrier, notes de version lisibles, démonstrations) sur chaque évolution.",
      proposals: [
        ['Notes de version lisibles', 'moyenne', "À chaque version, une note courte en langage métier : ce qui change, pour qui, et comment."],
        ['Feuille de route partagée', 'moyenne', "Le calendrier des évolutions à venir, publié et tenu à jour."],
      ],
      angles: [
        ['Prévenir avant les mises à jour', "Les mises à jour arrivent sans prévenir, un matin les écrans ont changé.", "Être prévenu une semaine avant chaque nouvelle version."],
        ['Des notes de version compréhensibles', "Les notes de version sont techniques, on ne comprend pas ce qui change pour nous.", "Expliquer les nouveautés en langage métier, avec des captures."],
        ['Connaître la feuille de route', "On ne sait pas ce qui est prévu, ni quand nos demandes seront traitées.", "Une feuille de route du SI accessible à tous."],
        ['Savoir ce que deviennent les demandes du terrain', "On fait remonter des demandes depuis des années sans jamais de retour.", "Un suivi public des demandes d'évolution : reçue, retenue, livrée."],
      ],
    },
    {
      title: 'Associer les utilisateurs à la conception et aux tests',
      description:
        "Les utilisateurs sont rarement consultés pendant la conception et la recette des outils.\n\nLe besoin : **associer des utilisateurs de terrain** aux ateliers de conception et aux tests, avec un panel représentatif du réseau.",
      proposals: [
        ['Panel d\'utilisateurs testeurs', 'haute', "Un panel représentatif (métiers, tailles de structure, territoires) associé à la conception et à la recette."],
      ],
      angles: [
        ['Faire tester les nouvelles versions par des conseillers', "Les nouvelles fonctions devraient être testées par des conseillers avant d'être livrées.", "Un panel de testeurs de terrain pour chaque version."],
        ['Consulter les utilisateurs dès la conception', "Ce serait bien que la consultation continue après le livre blanc, pas juste une fois.", "Associer les conseillers aux ateliers de conception des écrans."],
        ['Représenter toutes les tailles de structure', "Les petites ML rurales ne sont jamais représentées dans les groupes de travail.", "Un panel qui représente les petites comme les grandes structures, et l'outre-mer."],
      ],
    },
    {
      title: 'Accompagner la migration vers le SI partagé',
      description:
        "Le passage d'I-Milo au SI partagé avec France Travail suscite des inquiétudes (perte d'autonomie, perte de données, nouvelles pratiques).\n\nAttendu : **un accompagnement dédié à la migration** : communication régulière, formation, soutien renforcé pendant la bascule.",
      proposals: [
        ['Plan d\'accompagnement de la bascule', 'haute', "Communication, formation et support renforcé avant, pendant et après la bascule de chaque vague."],
        ['Préservation des spécificités des Missions Locales', 'haute', "Les spécificités de l'accompagnement global des Missions Locales sont identifiées et garanties dans le SI partagé."],
      ],
      angles: [
        ['Rassurer les équipes sur le passage au SI partagé', "Les collègues ont peur de devenir des agents France Travail avec leur outil.", "Expliquer clairement ce qui change et ce qui ne change pas avec le SI partagé."],
        ['Préserver l\'accompagnement global dans le futur outil', "L'accompagnement global (logement, santé, mobilité) doit rester possible dans le SI partagé.", "Le futur outil ne doit pas réduire le jeune à un demandeur d'emploi."],
        ['Renforcer le support pendant la bascule', "Pendant la bascule il faudra un support renforcé, sur place si possible.", "Des personnes ressources disponibles les premières semaines après le changement."],
        ['Communiquer régulièrement sur l\'avancement', "Une lettre d'info régulière sur l'avancement du projet de SI partagé.", "On apprend les décisions par la rumeur, il faut une communication officielle."],
      ],
    },
    {
      title: 'Mesurer la satisfaction et l\'adoption',
      description:
        "Personne ne mesure la satisfaction des utilisateurs ni l'usage réel des fonctionnalités.\n\nLe besoin : **mesurer régulièrement la satisfaction** et l'usage, et en publier les résultats.",
      proposals: [
        ['Baromètre de satisfaction', 'moyenne', "Une enquête courte et régulière auprès des utilisateurs, dont les résultats sont publiés."],
        ['Mesure de l\'usage des fonctionnalités', 'basse', "Des statistiques anonymes d'usage pour savoir ce qui est utilisé ou contourné."],
      ],
      angles: [
        ['Interroger régulièrement les utilisateurs', "Un baromètre de satisfaction annuel sur le SI, avec les résultats publiés.", "Demander notre avis régulièrement, pas seulement lors d'une consultation."],
        ['Repérer les fonctionnalités contournées', "Si tout le monde utilise Excel à côté, c'est que la fonction ne marche pas : il faut le mesurer.", "Mesurer ce qui est vraiment utilisé dans l'outil."],
        ['Rendre compte des suites données', "Savoir ce que sont devenues nos contributions à cette consultation.", "Un suivi de la prise en compte des besoins du livre blanc."],
      ],
    },
  ],
};
