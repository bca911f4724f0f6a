import type { ThemeSeed } from './types';

export const ENTREPRISES: ThemeSeed = {
  code: 'ENTREPRISES',
  prefix: 'ENT',
  title: 'Entreprise & intermédiation',
  description:
    "La relation avec les employeurs et l'intermédiation : fichier entreprises, offres d'emploi, mises en relation, immersions, alternance, parrainage et suivi dans l'emploi.",
  details: [
    "Les chargés de relations entreprises tiennent tout dans leur propre fichier.",
    "Quand le CRE part, le carnet d'adresses part avec lui.",
    "Les employeurs nous reprochent d'être appelés trois fois par trois structures différentes.",
    "On a des offres qui dorment faute de savoir quel jeune correspond.",
    "C'est pourtant ce que nous demandent les financeurs : des résultats en emploi.",
  ],
  needs: [
    {
      title: 'Disposer d\'un fichier entreprises partagé',
      description:
        "Les contacts employeurs sont dispersés dans des tableurs individuels, sans historique des échanges.\n\nLe besoin : **un fichier entreprises partagé** (CRM) au sein de la structure, avec l'historique des contacts, des offres et des jeunes placés.",
      proposals: [
        ['Fiche entreprise avec historique des contacts', 'haute', "Coordonnées, interlocuteurs, historique des échanges, offres et jeunes accueillis, sur une même fiche."],
        ['Import des fichiers existants', 'moyenne', "Reprise des tableurs des chargés de relations entreprises à l'ouverture du fichier partagé."],
      ],
      angles: [
        ['Centraliser les contacts employeurs', "Chaque chargé de relations entreprises a son fichier Excel, il faudrait un fichier commun dans le SI.", "Il n'y a pas de module entreprise digne de ce nom dans I-Milo, on bricole.", "Un vrai CRM entreprises intégré au SI !"],
        ['Garder l\'historique des échanges avec une entreprise', "On ne sait pas qui a appelé l'entreprise en dernier ni ce qui a été dit.", "Tracer chaque contact avec un employeur (visite, appel, mail) sur sa fiche."],
        ['Identifier les entreprises qui ont déjà accueilli des jeunes', "Pouvoir voir quels jeunes ont déjà été placés dans une entreprise et comment ça s'est passé.", "Il faudrait relier la fiche entreprise aux dossiers des jeunes qui y ont fait une immersion ou un contrat."],
        ['Ne pas perdre le réseau employeurs au départ d\'un salarié', "Quand notre CRE est parti on a perdu la moitié de nos contacts entreprises.", "Le carnet d'adresses employeurs doit appartenir à la structure, pas à la personne."],
      ],
    },
    {
      title: 'Gérer les offres d\'emploi et les rapprocher des profils',
      description:
        "Les offres collectées par les Missions Locales circulent par courriel et ne sont pas rapprochées des profils des jeunes suivis.\n\nAttendu : **saisir ou importer les offres**, les diffuser aux conseillers et proposer les jeunes correspondants (rapprochement offre / profil).",
      proposals: [
        ['Saisie et diffusion des offres', 'haute', "Les offres collectées sont saisies une fois et visibles de tous les conseillers de la structure."],
        ['Rapprochement offre / profil', 'haute', "Pour une offre, l'outil propose les jeunes dont le projet, la mobilité et les compétences correspondent."],
        ['Suivi des candidatures', 'moyenne', "Pour chaque offre : jeunes proposés, retours de l'employeur, issue."],
      ],
      angles: [
        ['Saisir une offre une seule fois et la diffuser à l\'équipe', "Les offres arrivent par mail et on les transfère à toute l'équipe, on en perd la moitié.", "Il faudrait un espace offres dans l'outil, visible par tous les conseillers."],
        ['Trouver les jeunes qui correspondent à une offre', "Pour une offre on cherche de tête quel jeune pourrait correspondre.", "Un rapprochement automatique offres / profils jeunes, comme sur les sites d'emploi.", "matching offres / jeunes"],
        ['Suivre les candidatures positionnées sur une offre', "On ne sait pas combien de jeunes ont été positionnés sur une offre ni le retour de l'employeur.", "Tracer les mises en relation et leur résultat (entretien, embauche, refus)."],
        ['Importer les offres des sites d\'emploi', "Pouvoir récupérer les offres de France Travail ou d'autres sites pour les proposer aux jeunes.", "Importer des offres en un clic plutôt que les recopier."],
      ],
    },
    {
      title: 'Suivre les immersions professionnelles',
      description:
        "Les périodes de mise en situation en milieu professionnel (PMSMP) sont gérées avec des conventions papier et ressaisies.\n\nLe besoin : **créer, signer et suivre les conventions d'immersion** depuis le dossier, avec le bilan de l'employeur.",
      proposals: [
        ['Convention d\'immersion générée depuis le dossier', 'haute', "La convention PMSMP est préremplie à partir du dossier et de la fiche entreprise, puis signée électroniquement."],
        ['Bilan d\'immersion', 'moyenne', "L'employeur et le jeune remplissent le bilan en ligne ; il est rattaché au dossier."],
      ],
      angles: [
        ['Générer la convention d\'immersion automatiquement', "La convention PMSMP est remplie à la main alors que toutes les infos sont dans le dossier.", "Générer la convention d'immersion depuis I-Milo avec les infos du jeune et de l'entreprise."],
        ['Faire signer les conventions en ligne', "Courir après les signatures de l'employeur pour une immersion de 5 jours, c'est absurde.", "Signature électronique des conventions d'immersion."],
        ['Récupérer le bilan de l\'employeur', "Le bilan d'immersion revient rarement, il faudrait que l'employeur puisse le remplir en ligne.", "Les retours des tuteurs après immersion sont précieux et on ne les garde nulle part."],
        ['Utiliser la plateforme Immersion Facilitée', "Les conventions faites sur Immersion Facilitée ne remontent pas dans le dossier.", "Relier l'outil immersion de l'État à notre SI pour ne pas ressaisir."],
      ],
    },
    {
      title: 'Suivre les jeunes dans l\'emploi après l\'embauche',
      description:
        "Une fois en emploi, le jeune sort souvent des radars alors que les premiers mois sont décisifs.\n\nAttendu : **un suivi dans l'emploi** planifié (points à 1, 3 et 6 mois), partagé avec l'employeur quand c'est utile.",
      proposals: [
        ['Plan de suivi dans l\'emploi', 'moyenne', "À l'embauche, des points de suivi sont planifiés automatiquement avec le jeune et, si besoin, l'employeur."],
        ['Alerte de fin de contrat', 'moyenne', "Le conseiller est prévenu avant la fin d'un CDD ou d'une période d'essai."],
      ],
      angles: [
        ['Planifier des points de suivi après l\'embauche', "Après l'embauche on perd le jeune de vue, il faudrait des rappels pour le recontacter à 1 mois, 3 mois.", "Le suivi dans l'emploi se fait si on y pense, l'outil devrait le programmer."],
        ['Être alerté des fins de contrat', "Avoir une alerte quand le CDD du jeune se termine, pour anticiper la suite.", "On apprend la fin de contrat quand le jeune revient sans rien."],
        ['Garder le lien avec l\'employeur pendant l\'intégration', "Pouvoir noter les échanges avec le tuteur en entreprise pendant les premiers mois.", "Un suivi tripartite jeune / employeur / conseiller dans l'outil."],
      ],
    },
    {
      title: 'Partager les offres et les entreprises avec France Travail',
      description:
        "Missions Locales et France Travail sollicitent les mêmes employeurs sans coordination, et leurs offres ne circulent pas.\n\nLe besoin : **partager les offres et la relation entreprises** au sein du Réseau pour l'Emploi, pour une prospection coordonnée.",
      proposals: [
        ['Offres partagées entre opérateurs', 'haute', "Les offres collectées par chaque opérateur sont visibles des autres, avec l'interlocuteur de référence."],
        ['Prospection coordonnée', 'moyenne', "Voir si une entreprise est déjà suivie par un autre opérateur avant de la contacter."],
      ],
      angles: [
        ['Éviter de solliciter les mêmes employeurs sans coordination', "Les employeurs sont appelés par PE, Cap emploi et nous la même semaine, ils saturent.", "Savoir si une entreprise est déjà suivie par France Travail avant de la démarcher."],
        ['Accéder aux offres collectées par France Travail', "On n'a pas accès aux offres non publiées de PE alors qu'on a des jeunes qui correspondent.", "Partager le vivier d'offres entre ML et France Travail."],
        ['Partager nos offres avec le Réseau pour l\'Emploi', "Nos offres pourraient servir à d'autres, mais elles restent dans nos boîtes mail.", "Publier nos offres sur la plateforme commune avec l'accord de l'employeur."],
      ],
    },
    {
      title: 'Organiser les événements de recrutement',
      description:
        "Job datings, forums et visites d'entreprise sont organisés avec des outils externes ; la participation des jeunes n'est pas tracée.\n\nAttendu : **gérer un événement de recrutement** (entreprises, offres, jeunes inscrits, résultats).",
      proposals: [
        ['Module événements de recrutement', 'moyenne', "Créer un événement, y rattacher entreprises et offres, inscrire les jeunes et suivre les résultats."],
      ],
      angles: [
        ['Inscrire les jeunes à un job dating', "Pour les job datings on fait les inscriptions sur un Google Form, rien ne remonte dans I-Milo.", "Pouvoir inscrire des jeunes à un forum emploi depuis leur dossier."],
        ['Mesurer les résultats d\'un forum emploi', "Impossible de savoir combien d'embauches sont sorties de notre forum annuel.", "Suivre les entretiens et recrutements obtenus à chaque événement."],
        ['Associer les entreprises à un événement', "Lister les entreprises présentes et leurs offres pour préparer les jeunes.", "Préparer un job dating : entreprises, postes, jeunes positionnés, tout au même endroit."],
      ],
    },
    {
      title: 'Gérer le parrainage vers l\'emploi',
      description:
        "Le parrainage (bénévoles issus de l'entreprise qui accompagnent un jeune) est suivi sur des fichiers à part.\n\nLe besoin : **un annuaire des parrains** et le suivi des binômes parrain / filleul.",
      proposals: [
        ['Annuaire des parrains et suivi des binômes', 'basse', "Les parrains, leurs disponibilités et leurs filleuls, avec les rencontres et l'issue du parrainage."],
      ],
      angles: [
        ['Tenir un annuaire des parrains', "Les parrains sont dans un fichier papier, il faudrait un annuaire dans l'outil.", "Pouvoir chercher un parrain par secteur d'activité."],
        ['Suivre les binômes parrain / filleul', "Tracer les rencontres parrain / jeune et l'issue du parrainage.", "Le parrainage n'apparaît pas dans le dossier du jeune, alors que c'est un vrai levier."],
        ['Valoriser l\'engagement des parrains', "On ne peut même pas dire combien de jeunes chaque parrain a accompagnés, pour les remercier.", "Un bilan annuel du parrainage sans recompter à la main."],
      ],
    },
    {
      title: 'Suivre l\'alternance et l\'apprentissage',
      description:
        "La recherche d'un contrat d'alternance combine école, employeur et jeune ; les conseillers suivent ces trois dimensions sans outil.\n\nAttendu : **suivre la recherche d'alternance** (école trouvée, employeur trouvé, contrat signé) et les ruptures.",
      proposals: [
        ['Suivi des projets d\'alternance', 'moyenne', "Étapes de la recherche (formation, employeur, contrat), relances et alertes de rupture."],
        ['Lien avec les CFA', 'basse', "Les CFA partenaires signalent une entrée ou une rupture de contrat."],
      ],
      angles: [
        ['Suivre les étapes de la recherche d\'alternance', "Pour l'alternance il faut suivre l'école ET l'employeur, I-Milo ne le permet pas.", "Une checklist alternance : formation trouvée, employeur trouvé, contrat signé."],
        ['Être informé des ruptures de contrat d\'apprentissage', "On n'est pas prévenus quand un apprenti rompt son contrat, on le récupère des mois après.", "Avoir un lien avec les CFA pour connaître les ruptures."],
        ['Recenser les offres d\'alternance', "Lister les offres d'alternance du territoire, elles sont saisonnières et partent vite.", "Il faudrait un filtre alternance dans les offres."],
        ['Accompagner les jeunes vers les CFA', "Garder la trace des CFA contactés et des réponses pour chaque jeune.", "§E2C Pouvoir identifier les jeunes orientés par les E2C vers l'apprentissage afin de sécuriser le passage vers le CFA."],
      ],
    },
    {
      title: 'Valoriser les compétences des jeunes auprès des employeurs',
      description:
        "Les CV sont stockés en pièces jointes éparses ; les compétences acquises (immersions, bénévolat, formations) ne sont pas valorisées.\n\nLe besoin : **un profil de compétences** du jeune, un CV généré et partageable avec les employeurs, avec son accord.",
      proposals: [
        ['Profil de compétences du jeune', 'moyenne', "Compétences, expériences et savoir-être, alimentés au fil du parcours (immersions, formations)."],
        ['CV généré et partageable', 'basse', "Un CV mis en forme à partir du profil, que le jeune relit et partage par lien."],
      ],
      angles: [
        ['Générer un CV à partir du dossier', "Générer un CV propre à partir des infos du dossier, les jeunes n'ont souvent pas d'ordinateur.", "Faire le CV avec le jeune en entretien directement dans l'outil."],
        ['Décrire les compétences plutôt que les diplômes', "Les compétences acquises en immersion ou en bénévolat ne sont notées nulle part.", "Un profil de compétences pour les jeunes sans diplôme, à montrer aux employeurs."],
        ['Partager le profil du jeune avec un employeur', "Envoyer le profil du jeune à un recruteur sans passer par des pièces jointes, avec son accord.", "Un lien de partage du CV valable quelques jours."],
        ['Stocker les CV à un seul endroit', "On a trois versions du CV du jeune dans trois dossiers différents.", "CV du jeune toujours à jour dans le dossier."],
      ],
    },
    {
      title: 'Coordonner l\'orientation vers l\'insertion par l\'activité économique',
      description:
        "Les orientations vers les structures d'insertion par l'activité économique (SIAE) et les échanges avec elles passent par des outils distincts (plateforme de l'inclusion) sans lien avec le dossier.\n\nAttendu : **prescrire et suivre** les orientations vers l'IAE depuis le dossier.",
      proposals: [
        ['Prescription IAE depuis le dossier', 'moyenne', "L'orientation vers une SIAE est faite depuis le dossier et transmise à la plateforme de l'inclusion, avec le retour de la structure."],
      ],
      angles: [
        ['Prescrire vers les SIAE sans ressaisie', "On prescrit sur la plateforme de l'inclusion puis on ressaisit dans I-Milo.", "Un lien entre I-Milo et les emplois de l'inclusion pour les pass IAE."],
        ['Connaître la suite donnée par la structure d\'insertion', "On ne sait jamais si le jeune a été embauché par le chantier d'insertion.", "Récupérer la réponse de la SIAE dans le dossier du jeune."],
        ['Identifier les SIAE qui recrutent', "Savoir quelles SIAE du territoire ont des postes ouverts.", "Un annuaire des structures IAE avec leurs besoins."],
      ],
    },
    {
      title: 'Mesurer l\'activité de la relation entreprises',
      description:
        "L'activité des chargés de relations entreprises (visites, offres collectées, placements) n'est pas mesurable, ce qui fragilise son financement.\n\nLe besoin : **des indicateurs d'intermédiation** produits automatiquement.",
      proposals: [
        ['Indicateurs d\'intermédiation', 'moyenne', "Entreprises contactées, offres collectées, mises en relation, embauches, par période et par chargé."],
      ],
      angles: [
        ['Compter les offres collectées et les placements', "Impossible de sortir le nombre d'offres collectées et de jeunes placés sans tout recompter.", "Des indicateurs entreprise fiables pour le bilan d'activité."],
        ['Valoriser le travail des chargés de relations entreprises', "Le travail de prospection ne se voit pas dans les stats, seuls les entretiens jeunes comptent.", "Pouvoir montrer aux financeurs tout ce que fait la cellule entreprises."],
        ['Suivre les entreprises partenaires dans la durée', "Savoir combien d'entreprises sont fidèles et recrutent plusieurs jeunes par an.", "Un indicateur de fidélisation des employeurs."],
        ['Mesurer les mises en relation par secteur', "Sortir les mises en relation par secteur d'activité pour cibler la prospection.", "Savoir dans quels secteurs nos jeunes sont embauchés."],
      ],
    },
  ],
};
