export { readAccessibilityAudit, auditSummary, AUDIT_FILE } from './accessibility-audit';
export type { AccessibilityAudit } from './accessibility-audit';
