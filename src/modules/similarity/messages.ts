import { registerMessages } from '../../shared/i18n';

/** French strings emitted by the similarity module (the suggest-groups command). */
registerMessages({
  'similarity.unknownConsultation': 'Consultation inconnue : « {slug} ».',
  'similarity.unknownTheme': 'Thématique inconnue dans cette consultation : « {code} ». Thématiques : {codes}, ou « a_classer ».',
  'similarity.badFormat': 'Format inconnu : « {format} » (json ou csv).',
  'similarity.summary': '{groups|# groupe proposé|# groupes proposés} parmi {contributions|# contribution|# contributions} à traiter ({scope}).',
  'similarity.scope.a_classer': 'à classer',
  'similarity.scope.all': 'toutes thématiques et à classer',
});
