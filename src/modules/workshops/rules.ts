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

export function placesLeft(capacity: number, registered: number): number {
  return Math.max(0, capacity - registered);
}

/** How many people, first come first served, leave the waiting list for a seat. */
export function seatsToPromote(capacity: number, registered: number, waiting: number): number {
  return Math.max(0, Math.min(waiting, capacity - registered));
}

// ---- Paris wall clock ------------------------------------------------------------------------

const TZ = 'Europe/Paris';
const partsFmt = new Intl.DateTimeFormat('en-GB', {
  timeZone: TZ,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

function parisFields(at: Date): Record<string, number> {
  const out: Record<string, number> = {};
  for (const p of partsFmt.formatToParts(at)) if (p.type !== 'literal') out[p.type] = Number(p.value);
  return out;
}

/** Paris offset from UTC at an instant, in ms (+1 h in winter, +2 h in summer). */
function parisOffset(ms: number): number {
  const f = parisFields(new Date(ms));
  const wall = Date.UTC(f.year!, f.month! - 1, f.day!, f.hour!, f.minute!, f.second!);
  return wall - Math.floor(ms / 1000) * 1000;
}

const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_RE = /^([01]\d|2[0-3]):([0-5]\d)$/;

/**
 * '2026-12-03' + '09:30' typed in Paris → the UTC instant. Null for an impossible date or time.
 * In the spring-forward gap (02:30 on the last Sunday of March) the result is the next valid minute
 * an hour later, as a clock would show it.
 */
export function parisToUtc(day: string, time: string): Date | null {
  const d = DAY_RE.exec(day);
  const t = TIME_RE.exec(time);
  if (!d || !t) return null;
  const [y, m, dd] = [Number(d[1]), Number(d[2]), Number(d[3])];
  const wall = Date.UTC(y, m - 1, dd, Number(t[1]), Number(t[2]));
  const check = new Date(wall);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== m - 1 || check.getUTCDate() !== dd) return null;
  let guess = wall - parisOffset(wall);
  guess = wall - parisOffset(guess);
  return new Date(guess);
}

/** A UTC instant → its Paris day and time ('YYYY-MM-DD', 'HH:MM'), to fill the edit form. */
export function utcToParis(at: Date): { day: string; time: string } {
  const f = parisFields(at);
  const p2 = (n: number | undefined) => String(n ?? 0).padStart(2, '0');
  return { day: `${f.year}-${p2(f.month)}-${p2(f.day)}`, time: `${p2(f.hour)}:${p2(f.minute)}` };
}

/** The day after a 'YYYY-MM-DD' (for inclusive « au » date filters). */
export function nextDay(day: string): string {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

const dayFmt = new Intl.DateTimeFormat('fr-FR', { timeZone: TZ, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
const timeFmt = new Intl.DateTimeFormat('fr-FR', { timeZone: TZ, hour: '2-digit', minute: '2-digit' });

/** « jeudi 3 décembre 2026, de 09:30 à 12:00 » (Paris time). */
export function formatSchedule(start: Date, end: Date): string {
  return `${dayFmt.format(start)}, de ${timeFmt.format(start)} à ${timeFmt.format(end)}`;
}
