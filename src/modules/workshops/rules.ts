import { PARIS } from '../../shared/paris-time';
/**
 * Pure domain rules of workshops (unit-tested, no database): who gets a seat or a place on the
 * waiting list, how many waiting people move up when seats free, and the Paris wall clock in which
 * workshops are planned (stored as UTC instants).
 */

export const WORKSHOP_STATUSES = ['planifie', 'clos', 'annule'] as const;
export type WorkshopStatus = (typeof WORKSHOP_STATUSES)[number];
export const MODES = ['presentiel', 'distanciel'] as const;
export type WorkshopMode = (typeof MODES)[number];
export const REGISTRATION_STATUSES = ['inscrit', 'liste_attente', 'annule'] as const;
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];

export const CAPACITY_MIN = 1;
export const CAPACITY_MAX = 500;

export interface RegistrationContext {
  status: WorkshopStatus;
  startsAt: Date;
  now: Date;
  capacity: number;
  /** People holding a seat (status 'inscrit'). */
  registered: number;
  /** This person's current registration, if any (a cancelled one may register again). */
  existing: RegistrationStatus | null;
  /** The person asked for the waiting list (the page offers it only when the workshop is full). */
  waitingList: boolean;
}

export type RegistrationRefusal = 'already' | 'alreadyWaiting' | 'closed' | 'cancelled' | 'past' | 'full';
export type RegistrationDecision = { ok: true; status: 'inscrit' | 'liste_attente' } | { ok: false; reason: RegistrationRefusal };

/**
 * A seat while there is one; a full workshop offers the waiting list but never puts anyone on it
 * without their asking. A free seat always wins over the waiting list (nobody waits for nothing).
 */
export function decideRegistration(c: RegistrationContext): RegistrationDecision {
  if (c.existing === 'inscrit') return { ok: false, reason: 'already' };
  if (c.existing === 'liste_attente') return { ok: false, reason: 'alreadyWaiting' };
  if (c.status === 'clos') return { ok: false, reason: 'closed' };
  if (c.status === 'annule') return { ok: false, reason: 'cancelled' };
  if (c.startsAt.getTime() <= c.now.getTime()) return { ok: false, reason: 'past' };
  if (c.registered < c.capacity) return { ok: true, status: 'inscrit' };
  return c.waitingList ? { ok: true, status: 'liste_attente' } : { ok: false, reason: 'full' };
}

/** Attendance is recorded, and a workshop closed, only from its start: before it, nobody attended. */
export function hasStarted(startsAt: Date, now: Date): boolean {
  return startsAt.getTime() <= now.getTime();
}

export function placesLeft(capacity: number, registered: number): number {
  return Math.max(0, capacity - registered);
}

/** How many people, first come first served, leave the waiting list for a seat. */
export function seatsToPromote(capacity: number, registered: number, waiting: number): number {
  return Math.max(0, Math.min(waiting, capacity - registered));
}

// ---- Paris wall clock (shared: src/shared/paris-time.ts) -------------------------------------

export { nextDay, parisToUtc, utcToParis } from '../../shared/paris-time';

const dayFmt = new Intl.DateTimeFormat('fr-FR', { timeZone: PARIS, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
const timeFmt = new Intl.DateTimeFormat('fr-FR', { timeZone: PARIS, hour: '2-digit', minute: '2-digit' });

/** « jeudi 3 décembre 2026, de 09:30 à 12:00 » (Paris time). */
export function formatSchedule(start: Date, end: Date): string {
  return `${dayFmt.format(start)}, de ${timeFmt.format(start)} à ${timeFmt.format(end)}`;
}
