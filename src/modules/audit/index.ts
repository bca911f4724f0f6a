export { recordAudit, recordAudits, listAudit, distinctAuditActions, rewriteAuditEntry } from './queries';
export { auditDiff } from './diff';
export type { DiffLine } from './diff';
export type { AuditEntry, AuditRow } from './queries';
export { auditPolicy } from './policy';
