/**
 * Who is acting, as every layer sees it: shared/http's guards, each module's policy, the audit log.
 * It lives in shared/ (not in the auth module) because shared/ imports no module and every module
 * needs it; auth only fills it in at login and on each request (passport.ts).
 */

/** The three roles of Ensemble. Glossary: contributeur = network staff, ambassadeur = ambassador, dsi = administrator. */
export const ROLES = ['contributeur', 'ambassadeur', 'dsi'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(v: unknown): v is Role {
  return typeof v === 'string' && (ROLES as readonly string[]).includes(v);
}

/** The person behind a request, as every policy sees them (null: a visitor who is not logged in). */
export interface Actor {
  id: number;
  email: string | null;
  displayName: string;
  role: Role;
  structureId: number | null;
}
export type MaybeActor = Actor | null | undefined;
