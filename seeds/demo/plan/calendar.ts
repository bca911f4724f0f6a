import type { Random } from '../random';

/**
 * Dates of the demo's plan. Everything is stored as ISO-8601 text (UTC); the calendar follows the deck
 * of the national seminar. Times are drawn from the seeded generator, never read from the clock.
 */
export const DAY = 86_400_000;
export const iso = (d: Date) => d.toISOString();
export const utc = (s: string) => new Date(s.length === 10 ? `${s}T00:00:00.000Z` : s);

export function between(rng: Random, from: string | Date, to: string | Date): Date {
  const a = (typeof from === 'string' ? utc(from) : from).getTime();
  const b = (typeof to === 'string' ? utc(to) : to).getTime();
  const t = a + Math.floor(rng.next() * Math.max(0, b - a));
  return new Date(Math.floor(t / 60_000) * 60_000);
}

/** A time on a working day between 8:30 and 18:00 Paris time (CEST in autumn, CET in winter). */
export function workingTime(rng: Random, from: string | Date, to: string | Date): Date {
  const day = between(rng, from, to);
  const d = new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate()));
  while (d.getUTCDay() === 0 || d.getUTCDay() === 6) d.setUTCDate(d.getUTCDate() + 1);
  const offset = d.getUTCMonth() >= 3 && d.getUTCMonth() <= 9 ? 2 : 1;
  return new Date(d.getTime() + ((8.5 - offset) * 60 + rng.int(0, 570)) * 60_000);
}

export const later = (a: Date, b: Date) => (a > b ? a : b);
export const pad = (n: number, w = 2) => String(n).padStart(w, '0');
export const plural = (n: number, one: string, many: string) => `${n} ${n > 1 ? many : one}`;
