import type { ThemeSeed } from './types';

export const SECURISATION: ThemeSeed = {
  code: 'SECURISATION',
  prefix: 'SEC',
  title: 'Sécurisation financière des parcours',
  description:
    "Les aides versées aux jeunes : allocation du Contrat d'Engagement Jeune, allocation PACEA, aides locales (FAJ), aides à la mobilité ; calcul, contrôles, paiements, justificatifs et information du jeune.",
  details: [
    "Une erreur d'allocation, c'est un jeune qui ne peut pas payer son loyer.",
    "En fin de mois, c'est la course pour valider toutes les demandes avant la date limite.",
    "Les indus sont vécus comme une catastrophe par les jeunes et par les conseillers.",
    "On n'est pas des gestionnaires de paie, on est des conseillers.",
    "Les règles changent souvent et l'outil suit avec retard.",
  ],
  needs: [
    {
      title: 'Calculer automatiquement l\'allocation du CEJ',
      description:
        "Le montant de l'allocation CEJ dépend de l'âge, des ressources, des jours d'absence et des sanctions ; les conseillers le vérifient à la main.\n\nLe besoin : **un calcul automatique et explicable** de l'allocation, à partir des données du dossier.",
      proposals: [
        ['Calcul automatique du montant', 'haute', "Le montant mensuel est calculé à partir de l'âge, des ressources déclarées, des absences et des sanctions, avec le détail du calcul."],
        ['Simulation avant validation', 'moyenne', "Le conseiller voit le montant calculé et ses composantes avant de valider la demande."],
      ],
      angles: [
        ['Calculer le montant de l\'allocation sans intervention manuelle', "On calcule l'allocation CEJ sur une calculette en fonction des ressources du jeune, c'est source d'erreurs.", "L'outil devrait calculer tout seul le montant de l'allocation CEJ.", "calcul auto de l'allocation CEJ svp"],
        ['Expliquer le calcul au conseiller et au jeune', "Quand le jeune demande pourquoi il a touché moins, on ne sait pas expliquer.", "Afficher le détail du calcul : base, ressources déduites, jours d'absence."],
        ['Prendre en compte les ressources du jeune', "Les ressources du jeune (salaire, stage) changent chaque mois, il faut les ressaisir.", "Récupérer les ressources déclarées pour ajuster l'allocation automatiquement."],
        ['Gérer les changements d\'âge et de situation', "Quand le jeune passe 18 ans, le montant change et on oublie de le modifier.", "Le changement de montant à la majorité devrait être automatique."],
      ],
    },
    {
      title: 'Gérer les demandes d\'allocation PACEA',
      description:
        "L'allocation PACEA est attribuée selon des règles locales (enveloppe, plafond annuel) suivies dans des tableurs.\n\nAttendu : **instruire, plafonner et suivre** les demandes PACEA dans le SI, avec le suivi de l'enveloppe.",
      proposals: [
        ['Instruction des demandes PACEA', 'haute', "Demande, motif, montant, validation hiérarchique et mise en paiement, dans le dossier."],
        ['Suivi de l\'enveloppe et des plafonds', 'moyenne', "L'enveloppe consommée et le plafond par jeune sont contrôlés à chaque demande."],
      ],
      angles: [
        ['Instruire la demande PACEA dans le dossier', "La demande d'allocation PACEA se fait sur un formulaire papier puis elle est ressaisie.", "Pouvoir faire la demande PACEA directement depuis le dossier du jeune."],
        ['Suivre l\'enveloppe PACEA de la structure', "On suit l'enveloppe PACEA sur un fichier Excel tenu par la direction.", "Voir en temps réel combien il reste dans l'enveloppe d'allocation."],
        ['Contrôler le plafond annuel par jeune', "Le plafond annuel PACEA par jeune est vérifié à la main, on l'a déjà dépassé par erreur.", "Bloquer la demande si le plafond du jeune est atteint."],
        ['Valider les demandes par circuit hiérarchique', "La validation PACEA par le responsable se fait par mail, ce n'est pas tracé.", "Un circuit de validation dans l'outil : conseiller, responsable, mise en paiement."],
      ],
    },
    {
      title: 'Suivre les paiements et les indus',
      description:
        "Les conseillers ne voient pas si l'allocation a été effectivement versée ; les indus sont découverts tardivement.\n\nLe besoin : **un état des paiements** par jeune et par mois, et la **gestion des indus** (détection, information, recouvrement).",
      proposals: [
        ['État des paiements par jeune', 'haute', "Pour chaque mois : demandé, validé, payé, rejeté, avec le motif de rejet."],
        ['Gestion des indus', 'moyenne', "Détection, notification au jeune, échéancier et suivi du remboursement."],
      ],
      angles: [
        ['Savoir si l\'allocation a bien été versée', "Quand un jeune dit qu'il n'a pas été payé, on n'a aucun moyen de vérifier dans I-Milo.", "Un état des paiements par jeune, avec la date de versement."],
        ['Comprendre les rejets de paiement', "Les rejets de paiement arrivent sans explication, on cherche pendant des heures.", "Afficher le motif du rejet (RIB, pièce manquante) pour corriger tout de suite."],
        ['Détecter et gérer les indus', "On découvre les indus des mois après, quand le jeune a tout dépensé.", "Détecter les indus tout de suite et proposer un échéancier de remboursement."],
      ],
    },
    {
      title: 'Dématérialiser les justificatifs de ressources',
      description:
        "Chaque mois, les jeunes doivent fournir leurs justificatifs de ressources ; ils sont transmis par courriel, papier ou photo.\n\nAttendu : **la déclaration mensuelle des ressources en ligne** par le jeune, avec dépôt des justificatifs.",
      proposals: [
        ['Déclaration mensuelle en ligne', 'haute', "Le jeune déclare ses ressources du mois et dépose ses justificatifs depuis son espace ; le conseiller valide."],
        ['Relance automatique des déclarations manquantes', 'moyenne', "Les jeunes qui n'ont pas déclaré reçoivent un rappel avant la date limite."],
      ],
      angles: [
        ['Laisser le jeune déclarer ses ressources en ligne', "La déclaration de ressources mensuelle se fait sur papier, le jeune doit venir la déposer.", "Une déclaration de ressources en ligne pour le jeune, sur son téléphone."],
        ['Déposer les fiches de paie en photo', "Les fiches de paie arrivent par mail en photo floue, on les imprime pour les classer.", "Le jeune prend en photo sa fiche de paie et elle arrive dans le dossier."],
        ['Relancer automatiquement les déclarations manquantes', "Chaque fin de mois on relance un par un les jeunes qui n'ont pas déclaré.", "Relance automatique par SMS des jeunes sans déclaration de ressources."],
        ['Récupérer les ressources auprès des organismes', "Les données de la CAF ou de la DSN éviteraient de demander les fiches de paie.", "Récupérer automatiquement les ressources déclarées par l'employeur."],
      ],
    },
    {
      title: 'Gérer les retenues et suspensions d\'allocation',
      description:
        "Les absences injustifiées et manquements au contrat entraînent des retenues ou suspensions dont l'application est manuelle et peu tracée.\n\nLe besoin : **appliquer et tracer les retenues et suspensions**, avec information du jeune et voies de recours.",
      proposals: [
        ['Retenues et suspensions tracées', 'moyenne', "Le conseiller saisit le manquement ; la retenue est calculée, notifiée au jeune et tracée avec son motif."],
      ],
      angles: [
        ['Tracer les absences injustifiées', "Les absences injustifiées CEJ sont notées sur un papier puis déduites à la main.", "Saisir une absence et que la retenue se calcule automatiquement."],
        ['Informer le jeune d\'une retenue', "Le jeune découvre la retenue sur son compte sans explication.", "Envoyer au jeune une notification claire quand une retenue est appliquée."],
        ['Gérer les recours', "Quand un jeune conteste, on n'a aucun historique de la décision.", "Historique des retenues et des décisions, consultable en cas de recours."],
      ],
    },
    {
      title: 'Tracer les aides financières locales',
      description:
        "Les aides du Fonds d'aide aux jeunes (FAJ), les aides d'urgence et les aides des collectivités sont instruites hors du SI.\n\nAttendu : **instruire et suivre toutes les aides financières** dans le dossier, quel que soit le financeur.",
      proposals: [
        ['Module d\'aides financières multi-financeurs', 'moyenne', "Demande, décision, montant et versement de chaque aide, quel que soit le financeur, dans le dossier."],
        ['Bilan des aides par financeur', 'basse', "Les aides attribuées par financeur et par période, pour les bilans."],
      ],
      angles: [
        ['Suivre les demandes de FAJ dans le dossier', "Les demandes de FAJ se font sur un dossier papier du Département, on ne sait pas ce qui a été attribué.", "Tracer les aides FAJ dans le dossier du jeune."],
        ['Tracer les aides d\'urgence', "Les tickets service et chèques alimentaires ne sont tracés nulle part.", "Une rubrique aides d'urgence pour savoir ce que le jeune a déjà reçu."],
        ['Faire le bilan des aides par financeur', "Le Département nous demande le bilan des aides, on recompte tout à la main.", "Sortir automatiquement le total des aides attribuées par financeur."],
        ['Avoir une vision globale des aides perçues', "On ne sait pas si le jeune cumule allocation CEJ, FAJ et aide de la Région.", "Une vue de toutes les aides perçues par le jeune sur l'année."],
      ],
    },
    {
      title: 'Être alerté des échéances de droits',
      description:
        "Fins de droits, échéances de contrat et dates limites de déclaration sont suivies de mémoire.\n\nLe besoin : **des alertes d'échéance** pour le conseiller et le jeune.",
      proposals: [
        ['Alertes d\'échéance des droits', 'moyenne', "Le conseiller et le jeune sont prévenus avant une fin de droit, une date limite de déclaration ou une fin de contrat."],
      ],
      angles: [
        ['Anticiper la fin de l\'allocation', "Le jeune arrive en fin de CEJ sans solution et sans allocation du jour au lendemain.", "Alerte un mois avant la fin de l'allocation."],
        ['Rappeler les dates limites de déclaration', "Les dates limites de déclaration mensuelle sont oubliées par les jeunes comme par nous.", "Un rappel automatique de la date limite de déclaration."],
        ['Lister les échéances du mois', "Une liste des échéances financières de mes jeunes pour le mois à venir.", "Voir en début de mois quels droits arrivent à échéance."],
      ],
    },
    {
      title: 'Contrôler la cohérence avant l\'envoi en paiement',
      description:
        "Les erreurs (RIB invalide, doublon de demande, pièce manquante) ne sont détectées qu'après l'envoi à l'organisme payeur (ASP).\n\nAttendu : **des contrôles automatiques avant envoi** pour réduire les rejets.",
      proposals: [
        ['Contrôles avant envoi à l\'organisme payeur', 'haute', "RIB, pièces, doublons et plafonds vérifiés avant l'envoi ; les anomalies sont listées pour correction."],
        ['Lot de paiement vérifié', 'moyenne', "Le lot mensuel est prévisualisé avec ses anomalies avant validation par le responsable."],
      ],
      angles: [
        ['Vérifier les RIB avant l\'envoi', "Un RIB mal saisi et c'est un mois de retard de paiement pour le jeune.", "Contrôler automatiquement le format de l'IBAN à la saisie."],
        ['Détecter les doublons de demandes', "Il arrive qu'une demande parte deux fois à l'ASP, ça crée des indus.", "Bloquer les doublons de demande d'allocation."],
        ['Prévisualiser le lot mensuel avant validation', "Avant l'envoi du lot mensuel, on voudrait voir la liste des anomalies.", "Un récapitulatif du lot de paiement avec les anomalies à corriger."],
        ['Vérifier les pièces obligatoires', "On envoie des demandes sans la pièce obligatoire et elles reviennent rejetées.", "Impossible d'envoyer une demande si une pièce obligatoire manque."],
      ],
    },
    {
      title: 'Informer le jeune sur ses paiements',
      description:
        "Les jeunes appellent la Mission Locale pour savoir quand ils seront payés ; l'information n'est disponible nulle part.\n\nLe besoin : **un suivi des paiements dans l'espace du jeune** et des notifications.",
      proposals: [
        ['Historique des paiements dans l\'espace jeune', 'moyenne', "Le jeune voit ses paiements (montant, date, statut) et les retenues éventuelles."],
        ['Notification de versement', 'basse', "Un SMS ou une notification quand l'allocation est versée."],
      ],
      angles: [
        ['Permettre au jeune de suivre ses versements', "Les jeunes appellent tout le temps pour savoir quand ils seront payés.", "Le jeune devrait voir lui-même l'état de son paiement sur son appli."],
        ['Notifier le jeune du versement', "Un SMS « votre allocation a été versée » éviterait plein d'appels.", "Notification automatique au jeune à chaque versement."],
        ['Remettre une attestation de versement', "Les jeunes ont besoin d'une attestation de ressources pour la CAF ou le bailleur.", "Attestation de versement téléchargeable par le jeune."],
      ],
    },
    {
      title: 'Gérer les aides à la mobilité',
      description:
        "Aides au permis, au transport et à l'équipement sont financées par plusieurs acteurs, sans suivi consolidé.\n\nAttendu : **instruire et suivre les aides à la mobilité**, en lien avec le volet mobilité du dossier.",
      proposals: [
        ['Aides à la mobilité dans le dossier', 'basse', "Aides au permis, au transport et aux équipements, reliées aux freins de mobilité identifiés."],
      ],
      angles: [
        ['Suivre les aides au permis', "Les aides au permis passent par trois financeurs différents, on s'y perd.", "Savoir quelle aide permis le jeune a déjà eue et auprès de qui."],
        ['Tracer les aides au transport', "Les cartes de bus et aides carburant ne sont pas tracées dans le dossier.", "Une rubrique aides transport."],
        ['Relier les aides aux freins de mobilité', "On ne peut pas montrer que l'aide mobilité a levé le frein du jeune.", "Relier l'aide versée au frein mobilité identifié au diagnostic."],
        ['Connaître les aides mobilité du territoire', "Chaque territoire a ses aides mobilité, impossible de toutes les connaître.", "Un référentiel des aides mobilité par territoire."],
      ],
    },
  ],
};
