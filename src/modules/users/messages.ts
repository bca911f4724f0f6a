import { registerMessages } from '../../shared/i18n';

registerMessages({
  'users.anonymisedName': 'Personne anonymisée n° {id}',
  'users.anonymised': '{label} : nom, adresse et mot de passe effacés, sessions fermées, {contributions} contribution(s) détachée(s) de son identité.',
  'users.selfAnonymise': 'Vous ne pouvez pas anonymiser votre propre compte.',
  'users.confirmAnonymise': 'Cochez la case pour confirmer l’anonymisation : elle est définitive.',
});
