/**
 * Pure rules of the call for ambassadors (unit-tested, no database).
 */
import type { Role } from '../../shared/actor';

export const APPLICATION_STATUSES = ['en_attente', 'retenue', 'non_retenue'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

/** A selected person consolidates: they become an ambassador, unless they already administer (DSI). */
export function roleAfterSelection(role: Role): Role {
  return role === 'dsi' ? 'dsi' : 'ambassadeur';
}

/**
 * A selection revised into a refusal takes the ambassador role back, but only when this selection
 * gave it (the application was 'retenue') and the person consolidates no theme elsewhere.
 */
export function roleAfterDecline(role: Role, previous: ApplicationStatus, remainingAssignments: number): Role {
  return role === 'ambassadeur' && previous === 'retenue' && remainingAssignments === 0 ? 'contributeur' : role;
}

/** known_themes is stored as '3,7,12': parse it, dropping anything that is not a positive id. */
export function parseThemeList(csv: string | null | undefined): number[] {
  if (!csv) return [];
  const ids = csv
    .split(',')
    .map((s) => Number(s.trim()))
    .filter((n) => Number.isInteger(n) && n > 0);
  return [...new Set(ids)];
}

export function formatThemeList(ids: number[]): string {
  return [...new Set(ids)].sort((a, b) => a - b).join(',');
}

/**
 * What the DSI saw when opening the decision form: the status and the moment of the last decision.
 * Saving with an outdated mark means someone decided in between: the save is refused (409).
 */
export function decisionMark(status: string, decidedAt: Date | null): string {
  return `${status}:${decidedAt ? decidedAt.getTime() : 0}`;
}
