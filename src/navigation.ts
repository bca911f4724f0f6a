import type { MaybeActor } from './modules/auth';
import { authPolicy } from './modules/auth';
import { usersPolicy } from './modules/users';
import { auditPolicy } from './modules/audit';
import { consultationsPolicy } from './modules/consultations';
import { contributionsPolicy } from './modules/contributions';
import { workshopsPolicy } from './modules/workshops';

export interface NavItem {
  href: string;
  label: string;
}

/** The main navigation fits the role: each entry is shown only when its module's policy allows it. */
export function navigationFor(actor: MaybeActor): NavItem[] {
  const items: NavItem[] = [
    { href: '/', label: actor ? 'Mon espace' : 'Accueil' },
    { href: '/consultations', label: 'Consultations' },
  ];
  if (workshopsPolicy.canBrowse(actor)) items.push({ href: '/ateliers', label: 'Ateliers' });
  if (contributionsPolicy.canListOwn(actor)) items.push({ href: '/mes-contributions', label: 'Mes contributions' });
  if (contributionsPolicy.canBrowse(actor)) items.push({ href: '/contributions', label: 'Contributions' });
  if (consultationsPolicy.canManage(actor)) items.push({ href: '/admin/consultations', label: 'Gérer les consultations' });
  if (usersPolicy.canList(actor)) items.push({ href: '/admin/utilisateurs', label: 'Utilisateurs' });
  if (auditPolicy.canBrowse(actor)) items.push({ href: '/admin/journal', label: "Journal d'audit" });
  if (authPolicy.canViewOwnProfile(actor)) items.push({ href: '/profil', label: 'Mon profil' });
  return items;
}
