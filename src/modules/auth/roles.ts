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
