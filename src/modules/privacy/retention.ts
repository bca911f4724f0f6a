/**
 * When a consultation's personal data may be purged (pure rule, unit-tested).
 *
 * A consultation is CLOSED the day after its closing day. Its closing day is the last day of its
 * follow-up phase ('suivi') when it has one, otherwise the last day of its latest phase. Hence: the
 * 'suivi' phase has ended, or (without one) every phase is in the past. No phase: never closed.
 * Days are 'YYYY-MM-DD' in Paris (see parisDay), compared as strings.
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
