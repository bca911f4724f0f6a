import { registerMessages } from '../../shared/i18n';

registerMessages({
  'whitepaper.saved': 'Le contenu éditorial du livre blanc a été enregistré.',
  'whitepaper.stale': 'Le contenu a été modifié par quelqu’un d’autre entre-temps. Vos textes sont conservés ci-dessous ; comparez avec la version enregistrée puis enregistrez de nouveau.',
  'whitepaper.notReady': 'Le livre blanc ne peut pas être publié : {count|# point|# points} à compléter.',
  'whitepaper.staleNumbers': 'Le livre blanc n’est pas publié : {count|# nombre du texte éditorial reprend|# nombres du texte éditorial reprennent} un chiffre de l’édition précédente qui a changé. Corrigez le texte (ou nommez le chiffre, par exemple {{ateliers}}) ou confirmez chaque nombre ci-dessous.',
  'whitepaper.running': 'Une publication est déjà en cours pour cette consultation.',
  'whitepaper.published': 'L’édition {number} du livre blanc est publiée.',
  'whitepaper.failed': 'La publication a échoué : {reason}',
  'whitepaper.consentGiven': 'Votre nom figurera dans la liste des ambassadeurs du livre blanc.',
  'whitepaper.consentWithdrawn': 'Votre nom ne figurera pas dans les prochaines éditions du livre blanc.',
  'whitepaper.layoutProgress': 'Mise en page du PDF : {percent} %.',
  'whitepaper.contentChanged': 'Le contenu a changé depuis l’affichage de la page : vérifiez la liste des points puis relancez la publication.',
});
