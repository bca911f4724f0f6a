import { registerMessages } from '../../shared/i18n';

/** French strings emitted by the prioritisation module (views keep their own wording). */
registerMessages({
  'prioritisation.saved': 'Votre vote est enregistré : {total|# point|# points} sur {budget} répartis entre {needs|# besoin|# besoins}. Vous pouvez le modifier jusqu’à la clôture.',
  'prioritisation.cleared': 'Votre vote est enregistré sans aucun point. Vous pouvez le modifier jusqu’à la clôture.',
  'prioritisation.notOpenYet': 'La priorisation « {title} » n’est pas encore ouverte : elle ouvre le {date}. Rien n’a été enregistré.',
  'prioritisation.closed': 'La priorisation « {title} » est close depuis le {date} : les votes ne peuvent plus changer. Rien n’a été enregistré.',
  'prioritisation.negative': 'Le nombre de points ne peut pas être négatif : saisissez 0 ou plus.',
  'prioritisation.fractional': 'Les points se donnent en nombres entiers (pas de virgule) : saisissez par exemple 2 ou 3.',
  'prioritisation.notANumber': 'Saisissez un nombre entier de points (0 ou plus).',
  'prioritisation.overBudgetOne': 'Vous ne disposez que de {budget} points en tout.',
  'prioritisation.overBudget': 'Vous avez réparti {total} points alors que vous en avez {budget} : retirez des points à un ou plusieurs besoins. Rien n’a été enregistré.',
  'prioritisation.unknownNeed': 'Un besoin de ce vote n’existe pas ou ne fait pas partie de cette priorisation (n° {ids}) : rechargez la page. Rien n’a été enregistré.',
  'prioritisation.stepOpened': 'Étape de priorisation « {title} » créée.',
  'prioritisation.stepUpdated': 'Étape de priorisation « {title} » enregistrée.',
  'prioritisation.stale': 'Cette étape a été modifiée entre-temps par quelqu’un d’autre : rien n’a été enregistré. Vérifiez les valeurs actuelles puis enregistrez de nouveau.',
  'prioritisation.overlap': 'Cette étape chevauche « {title} » ({from} – {to}) : une seule priorisation à la fois par consultation.',
  'prioritisation.budgetLocked': 'Des votes ont déjà été enregistrés avec {budget} points : le nombre de points ne peut plus changer.',
  'prioritisation.endBeforeStart': 'La fin doit être postérieure au début.',
  'prioritisation.dsiDoesNotVote': 'La DSI organise la priorisation et en suit les résultats ; elle ne vote pas.',
  'prioritisation.state.a_venir': 'À venir',
  'prioritisation.state.ouverte': 'Ouverte',
  'prioritisation.state.close': 'Close',
});
