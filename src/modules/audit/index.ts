export { recordAudit, listAudit, distinctAuditActions } from './queries';
export type { AuditEntry, AuditRow } from './queries';
export { auditPolicy } from './policy';
export { auditRoutes } from './routes';
