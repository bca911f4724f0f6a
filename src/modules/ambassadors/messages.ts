import { registerMessages } from '../../shared/i18n';

/** French strings emitted by the ambassadors module (views keep their own wording). */
registerMessages({
  'ambassadors.applied': 'Votre candidature pour devenir ambassadeur de « {title} » est enregistrée. La DSI vous répondra à la fin de la sélection.',
  'ambassadors.closed':
    'L’appel à ambassadeurs de « {title} » n’est pas ouvert : on ne peut candidater que pendant la phase de sélection des ambassadeurs. Rien n’a été enregistré.',
  'ambassadors.alreadyApplied': 'Vous avez déjà candidaté pour cette consultation : une seule candidature par personne.',
  'ambassadors.unknownTheme': 'Cochez uniquement des thématiques de cette consultation.',
  'ambassadors.themesRequired': 'Cochez au moins une thématique que vous connaissez.',
  'ambassadors.assignRequired': 'Pour retenir la candidature, cochez au moins une thématique à confier à l’ambassadeur.',
  'ambassadors.selected': 'La candidature de {name} est retenue : {name} est ambassadeur pour {count|# thématique|# thématiques}.',
  'ambassadors.declined': 'La candidature de {name} n’est pas retenue.',
  'ambassadors.stale':
    'Cette candidature a été décidée par quelqu’un d’autre entre-temps. Vérifiez la décision enregistrée ci-dessous, puis décidez de nouveau si besoin.',
  'ambassadors.status.en_attente': 'En attente de décision',
  'ambassadors.status.retenue': 'Retenue',
  'ambassadors.status.non_retenue': 'Non retenue',
});
