import { registerMessages } from '../../shared/i18n';

/** French strings emitted by the contributions module (views keep their own wording). */
registerMessages({
  'contributions.submitted': 'Votre contribution n° {id} est enregistrée. Vous pouvez la modifier ou la retirer tant qu’un ambassadeur ne l’a pas consolidée.',
  'contributions.submittedContinuous': 'Votre remontée n° {id} est enregistrée : les ambassadeurs l’étudieront pour la prochaine édition du livre blanc. Vous pouvez la modifier ou la retirer tant qu’elle n’a pas été consolidée.',
  'contributions.continuous': 'Remontée continue',
  'contributions.updated': 'Votre contribution n° {id} est modifiée.',
  'contributions.withdrawn': 'Votre contribution n° {id} est retirée. Elle est conservée mais ne sera pas prise en compte.',
  'contributions.closed': 'Le dépôt de contributions est fermé pour la consultation « {title} » : il n’est ouvert que pendant la phase de consultation. Rien n’a été enregistré.',
  'contributions.alreadyProcessed': 'Un ambassadeur a déjà pris en compte cette contribution : elle ne peut plus être modifiée ni retirée.',
  'contributions.alreadyWithdrawn': 'Cette contribution a été retirée : elle ne peut plus être modifiée.',
  'contributions.notYours': 'Seule la personne qui a déposé cette contribution peut la modifier ou la retirer.',
  'contributions.stale': 'Cette contribution a été modifiée entre-temps (dans un autre onglet ou sur un autre appareil). Vérifiez la version enregistrée ci-dessous puis enregistrez de nouveau.',
  'contributions.unknownTheme': 'Choisissez une thématique de cette consultation.',
  'contributions.anonymous': 'Anonyme',
  'contributions.anonymousForDsi': '{name} — contribution anonyme : nom et structure visibles de la seule DSI',
  'contributions.anonymousOwn': '{name} (vous ; contribution anonyme)',
  'contributions.unclassified': 'À classer',
  'contributions.status.a_traiter': 'À traiter',
  'contributions.status.consolidee': 'Consolidée',
  'contributions.status.hors_perimetre': 'Hors périmètre',
  'contributions.status.retiree': 'Retirée',
  'contributions.source.atelier': 'Atelier',
  'contributions.source.individuelle': 'Individuelle',
  'contributions.source.import': 'Import',
  'contributions.source.partenaire': 'Partenaire',
});
