export { recordAudit, recordAudits, listAudit, distinctAuditActions, rewriteAuditEntry } from './queries';
export { auditDiff } from './diff';
export type { DiffLine } from './diff';
export type { AuditEntry, AuditRow } from './queries';
export { auditPolicy } from './policy';
export { presentAuditEntries, type AuditEntryView } from './present';
export { auditSentence, auditActionLabel, auditObjectTypeLabel, AUDIT_ACTIONS } from './sentences';
export { auditFieldLabel } from './field-labels';
