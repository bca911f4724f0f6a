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
export function parisDay(at: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

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
