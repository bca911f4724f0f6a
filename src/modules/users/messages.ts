import { registerMessages } from '../../shared/i18n';

registerMessages({
  'users.anonymisedName': 'Personne anonymisée n° {id}',
  'users.anonymised': '{label} : nom, adresse et mot de passe effacés, sessions fermées, {contributions|# contribution détachée|# contributions détachées} de son identité.',
  'users.selfAnonymise': 'Vous ne pouvez pas anonymiser votre propre compte.',
  'users.import.none': 'Choisissez un fichier CSV à importer.',
  'users.import.tooLarge': 'Le fichier dépasse {max} Mo : découpez-le en plusieurs fichiers de {max} Mo au plus.',
  'users.import.notCsv':
    'Ce fichier n’est pas un fichier CSV (c’est un classeur, un PDF, une image ou un autre fichier binaire) : enregistrez la liste au format CSV, séparateur point-virgule ou virgule, depuis votre tableur.',
  'users.confirmAnonymise': 'Cochez la case pour confirmer l’anonymisation : elle est définitive.',
  'reset.sent': 'Si un compte actif correspond à cette adresse, un courriel vient de lui être envoyé avec un lien pour choisir un nouveau mot de passe. Le lien est valable une heure. Pensez à regarder dans les courriels indésirables.',
  'reset.throttled': 'Trop de demandes de réinitialisation. Réessayez dans {minutes|# minute|# minutes}.',
  'reset.done': 'Votre mot de passe a été changé. Connectez-vous avec le nouveau.',
  'reset.link.used': 'Ce lien a déjà servi : un lien de réinitialisation ne marche qu’une fois.',
  'reset.link.expired': 'Ce lien a expiré : un lien de réinitialisation est valable une heure.',
  'reset.link.unknown': 'Ce lien n’est pas valable (il a pu être remplacé par un lien plus récent).',
  'profile.mailsSaved': 'Vos choix de courriels sont enregistrés.',
});
