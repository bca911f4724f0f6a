import { registerMessages } from '../../shared/i18n';

registerMessages({
  'followup.changed': 'Statut « {status} » enregistré pour {code}.',
  'followup.changedMany': 'Statut « {status} » enregistré pour {count|# proposition|# propositions}.',
  'followup.capacitySaved': 'Capacité réservée enregistrée pour {year}.',
  'followup.notFollowed': 'La sélection contient une proposition qui n’est pas (ou plus) suivie : rien n’a été enregistré.',
  'followup.dateBefore': 'La date précède celle du statut actuel de {code} ({date}) : choisissez une date égale ou postérieure.',
  'followup.streamMissing': 'Choisissez le chantier cible du SI partagé : {code} n’en a pas encore.',
  'followup.title': 'Suivi de la prise en compte des besoins',
  'followup.feedTitle': 'Suivi de la prise en compte des besoins — {title}',
  'followup.needFeedTitle': 'Suivi du besoin {code} — {title}',
  'followup.author': 'DSI des Missions Locales',
});
