import './messages';

export { consultationsPolicy } from './policy';
export { listConsultations, findConsultationBySlug, findConsultationById, findTheme, consultationInTransaction, listPhases, listThemes, ambassadorThemes, markPersonalDataPurged } from './queries';
export type { ConsultationRow, ThemeRow, PhaseRow } from './queries';
export { currentPhase, openings, phaseState, parisDay, closingDay, isClosed, opensPurge, PHASE_KINDS, PHASE_LABELS } from './phases';
export type { DatedPhase } from './phases';
export type { Openings } from './phases';
export { registerConsultationPanel } from './panels';
export type { ConsultationPanel, PanelContext } from './panels';
export { insertConsultations, insertPhases, insertThemes } from './queries';
export { enableConsultationCache } from './cache';
