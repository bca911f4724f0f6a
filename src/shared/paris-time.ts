/**
 * The network's wall clock: Paris time, whatever the season, computed in one place (workshop
 * schedules, calendar days, date filters, exports) with cached Intl formatters.
 */
export const PARIS = 'Europe/Paris';
const partsFmt = new Intl.DateTimeFormat('en-GB', {
  timeZone: PARIS,
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

/** The Paris calendar day of an instant, as YYYY-MM-DD. */
export function parisDay(at: Date): string {
  return utcToParis(at).day;
}

