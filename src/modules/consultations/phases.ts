/**
 * The calendar of a consultation. Pure domain rules (unit-tested): which phase is current on a
 * given day, and what is open because of it, unless the DSI forced a step open or closed.
 */
export const PHASE_KINDS = ['lancement', 'selection_ambassadeurs', 'consultation', 'consolidation', 'publication', 'suivi'] as const;
export type PhaseKind = (typeof PHASE_KINDS)[number];

export const PHASE_LABELS: Record<PhaseKind, string> = {
  lancement: 'Lancement',
  selection_ambassadeurs: 'Sélection des ambassadeurs',
  consultation: 'Consultation nationale',
  consolidation: 'Consolidation et rédaction',
  publication: 'Publication du livre blanc',
  suivi: 'Suivi de la prise en compte',
};

export interface Phase {
  kind: PhaseKind;
  title: string;
  starts_on: string; // YYYY-MM-DD
  ends_on: string;
  position: number;
}

export type PhaseState = 'passee' | 'en_cours' | 'a_venir';

/** Day in Paris (the network's calendar), as YYYY-MM-DD. */
export { parisDay } from '../../shared/paris-time';

export function phaseState(phase: Pick<Phase, 'starts_on' | 'ends_on'>, today: string): PhaseState {
  if (today < phase.starts_on) return 'a_venir';
  if (today > phase.ends_on) return 'passee';
  return 'en_cours';
}

/** The phase running today; when phases overlap, the latest-starting one wins (it is the newest step). */
export function currentPhase<P extends Phase>(phases: P[], today: string): P | null {
  const running = phases.filter((p) => phaseState(p, today) === 'en_cours');
  running.sort((a, b) => (a.starts_on < b.starts_on ? 1 : a.starts_on > b.starts_on ? -1 : b.position - a.position));
  return running[0] ?? null;
}

export interface Overrides {
  contributions_open: boolean | null;
  consolidation_open: boolean | null;
  ambassador_call_open: boolean | null;
}

export interface Openings {
  contributions: boolean;
  consolidation: boolean;
  ambassadorCall: boolean;
}

/** What the calendar opens today, each step overridable by hand (null follows the calendar). */
export function openings(phases: Phase[], overrides: Overrides, today: string): Openings {
  const running = (kind: PhaseKind) => phases.some((p) => p.kind === kind && phaseState(p, today) === 'en_cours');
  return {
    contributions: overrides.contributions_open ?? running('consultation'),
    consolidation: overrides.consolidation_open ?? running('consolidation'),
    ambassadorCall: overrides.ambassador_call_open ?? running('selection_ambassadeurs'),
  };
}

/**
 * A calendar day typed in a form: 'YYYY-MM-DD' (what date inputs send) or 'JJ/MM/AAAA' (what people
 * type where the browser shows a plain text box). Returns 'YYYY-MM-DD', or null when the day does
 * not exist (31/02, 2026-13-01) or lies outside 2000–2100.
 */
export function parseDay(input: string): string | null {
  const s = input.trim();
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s) ?? /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(s);
  if (!m) return null;
  const [y, mo, d] = s.includes('/') ? [Number(m[3]), Number(m[2]), Number(m[1])] : [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 2000 || y > 2100 || mo < 1 || mo > 12 || d < 1) return null;
  const probe = new Date(Date.UTC(y, mo - 1, d));
  if (probe.getUTCMonth() !== mo - 1 || probe.getUTCDate() !== d) return null;
  return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** The three-state choice of the DSI for a step: follow the calendar (null), or force it open or closed. */
export const OVERRIDE_CHOICES = ['calendrier', 'ouvert', 'ferme'] as const;
export type OverrideChoice = (typeof OVERRIDE_CHOICES)[number];

export function overrideFromChoice(choice: OverrideChoice): boolean | null {
  return choice === 'ouvert' ? true : choice === 'ferme' ? false : null;
}

export function choiceFromOverride(value: boolean | null): OverrideChoice {
  return value === true ? 'ouvert' : value === false ? 'ferme' : 'calendrier';
}

export interface CalendarSummary<P extends Phase> {
  current: P | null;
  next: P | null;
  finished: boolean;
}

/** For lists of consultations: the running phase, else the next one, else whether it is all over. */
export function calendarSummary<P extends Phase>(phases: P[], today: string): CalendarSummary<P> {
  const current = currentPhase(phases, today);
  const upcoming = phases.filter((p) => phaseState(p, today) === 'a_venir').sort((a, b) => (a.starts_on < b.starts_on ? -1 : a.starts_on > b.starts_on ? 1 : 0));
  return { current, next: current ? null : (upcoming[0] ?? null), finished: phases.length > 0 && phases.every((p) => phaseState(p, today) === 'passee') };
}

/**
 * When a consultation is CLOSED: the day after its closing day, which is the last day of its
 * follow-up phase ('suivi') when it has one, otherwise the last day of its latest phase. No phase:
 * never closed. Days are 'YYYY-MM-DD' in Paris, compared as strings. Closing opens the irreversible
 * purge of personal data (privacy), so the calendar that decides it lives here, with the phases.
 */
export interface DatedPhase {
  kind: string;
  ends_on: string;
}

export function closingDay(phases: readonly DatedPhase[]): string | null {
  const suivi = phases.find((p) => p.kind === 'suivi');
  if (suivi) return suivi.ends_on;
  return phases.reduce<string | null>((last, p) => (last === null || p.ends_on > last ? p.ends_on : last), null);
}

export function isClosed(phases: readonly DatedPhase[], today: string): boolean {
  const day = closingDay(phases);
  return day !== null && today > day;
}

/** A calendar change that closes the consultation as of today, and so makes the purge of its personal data possible. */
export function opensPurge(before: readonly DatedPhase[], after: readonly DatedPhase[], today: string): boolean {
  return !isClosed(before, today) && isClosed(after, today);
}
