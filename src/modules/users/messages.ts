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
});
