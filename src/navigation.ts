import type { MaybeActor } from './shared/actor';
import { authPolicy } from './modules/auth';
import { usersPolicy } from './modules/users';
import { auditPolicy } from './modules/audit';
import { consultationsPolicy } from './modules/consultations';
import { contributionsPolicy } from './modules/contributions';
import { workshopsPolicy } from './modules/workshops';
import { consolidationPolicy } from './modules/consolidation';
import { followupPolicy } from './modules/followup';
import { prioritisationPolicy } from './modules/prioritisation';

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
  if (consolidationPolicy.canEnter(actor)) items.push({ href: '/consolidation', label: 'Consolidation' });
  if (prioritisationPolicy.canRead(actor)) items.push({ href: '/priorisation', label: 'Priorisation' });
  if (consultationsPolicy.canManage(actor)) items.push({ href: '/admin/consultations', label: 'Gérer les consultations' });
  if (followupPolicy.canManage(actor)) items.push({ href: '/admin/suivi', label: 'Suivi des exigences' });
  if (usersPolicy.canList(actor)) items.push({ href: '/admin/utilisateurs', label: 'Utilisateurs' });
  if (auditPolicy.canBrowse(actor)) items.push({ href: '/admin/journal', label: "Journal d'audit" });
  if (authPolicy.canViewOwnProfile(actor)) items.push({ href: '/profil', label: 'Mon profil' });
  return items;
}

/**
 * Pages whose address does not start with their section's: consolidation work lives under a
 * consultation's address (/consultations/:slug/consolidation, …/besoins) and under its own objects
 * (/consolidees/:id, /besoins/:id). Each names the menu entry of the section it belongs to; the first
 * that matches and is in the person's menu wins, otherwise the address's own parent does.
 */
const SECTIONS: ReadonlyArray<readonly [RegExp, string]> = [
  [/^\/consultations\/[^/]+\/(consolidation|besoins|glossaire|associations|entonnoir)(\/|$)/, '/consolidation'],
  [/^\/(consolidees|besoins|propositions)\//, '/consolidation'],
  [/^\/consultations\/[^/]+\/contributions(\/|$)/, '/contributions'],
  [/^\/contributions\/\d+/, '/contributions'],
  [/^\/contributions\/\d+/, '/mes-contributions'],
  [/^\/priorisations\//, '/priorisation'],
  [/^\/admin\/consultations\/[^/]+\/suivi(\/|$)/, '/admin/suivi'],
];

/** The entry for a path: its section's (SECTIONS), else the longest href that is the path or one of its parents (home only for '/'). */
export function currentEntry(items: NavItem[], path: string): string | null {
  for (const [pattern, href] of SECTIONS) if (pattern.test(path) && items.some((i) => i.href === href)) return href;
  let best: string | null = null;
  for (const { href } of items) {
    const matches = href === '/' ? path === '/' : path === href || path.startsWith(`${href}/`);
    if (matches && (!best || href.length > best.length)) best = href;
  }
  return best;
}
