import { registerMessages } from '../../shared/i18n';

registerMessages({
  'privacy.notClosed':
    'Purge refusée : la consultation n’est pas close. Ses données personnelles ne peuvent être purgées qu’après sa clôture ({date}). Rien n’a été modifié.',
  'privacy.notClosedNoPhase': 'Purge refusée : la consultation n’a pas de calendrier, elle ne peut donc pas être close. Rien n’a été modifié.',
  'privacy.confirm': 'Cochez la case pour confirmer la purge : elle est définitive.',
  'privacy.purged': 'Données personnelles de la consultation purgées : {contributions|# contribution détachée|# contributions détachées} de leur auteur, {applications|# candidature dont les textes ont été effacés|# candidatures dont les textes ont été effacés}.',
});
