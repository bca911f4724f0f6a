import { registerMessages } from '../../shared/i18n';

registerMessages({
  'notifications.unsubscribed': 'C’est fait : vous ne recevrez plus les courriels « {kind} ». Vous pouvez les réactiver sur votre profil.',
  'notifications.badLink': 'Ce lien de désabonnement n’est pas valable. Vous pouvez choisir vos courriels sur votre profil, une fois connecté.',
});
