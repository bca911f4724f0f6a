import { registerMessages } from '../../shared/i18n';

/** French strings emitted by the consultations module (views keep their own wording). */
registerMessages({
  'consultations.created': 'La consultation « {title} » est créée. Renseignez maintenant son calendrier et ses thématiques.',
  'consultations.updated': 'Les informations de la consultation « {title} » sont enregistrées.',
  'consultations.stale':
    "Cette consultation a été modifiée par quelqu'un d'autre entre-temps. Vérifiez les valeurs enregistrées ci-dessous : vos saisies sont conservées dans le formulaire, enregistrez-les de nouveau pour remplacer ces valeurs.",
  'consultations.slugTaken': 'Cette adresse est déjà utilisée par une autre consultation.',
  'consultations.phasesSaved': 'Le calendrier de la consultation est enregistré.',
  'consultations.purgeOpening':
    'Avec ce calendrier, la consultation est close depuis le {day} : la purge définitive des données personnelles deviendrait possible aussitôt. Cochez la case de confirmation pour enregistrer ce calendrier en connaissance de cause.',
  'consultations.openingsSaved': 'Les ouvertures des étapes sont enregistrées.',
  'consultations.themeCreated': 'La thématique « {title} » est ajoutée.',
  'consultations.themeUpdated': 'La thématique « {title} » est modifiée.',
  'consultations.themeMoved': 'La thématique « {title} » est déplacée.',
  'consultations.themeDeleted': 'La thématique « {title} » est supprimée.',
  'consultations.themeCodeTaken': 'Ce code est déjà utilisé par une autre thématique de cette consultation.',
  'consultations.themeTitleTaken': 'Une autre thématique de cette consultation porte déjà ce titre.',
  'consultations.themeInUse':
    'La thématique « {title} » ne peut pas être supprimée : {count|# objet y est rattaché|# objets y sont rattachés} (contributions, besoins ou contributions consolidées). Vous pouvez la renommer.',
  'consultations.themeLinked':
    'La thématique « {title} » ne peut pas être supprimée : des ateliers ou des ambassadeurs y sont rattachés. Vous pouvez la renommer.',
  'consultations.themeCannotMove': 'Cette thématique est déjà en tête ou en fin de liste.',
  'consultations.override.calendrier': 'Suivre le calendrier',
  'consultations.override.ouvert': 'Ouvert',
  'consultations.override.ferme': 'Fermé',
});
