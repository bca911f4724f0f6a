import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../../config';

/**
 * The last automated accessibility audit, as the browser journeys recorded it: every page they
 * visited was checked by axe-core (WCAG 2.1 A and AA rules). test/e2e writes
 * test-results/axe-summary.json; `npm run a11y:record` copies it here, into a committed file, so
 * the statement states figures that a run of the tests produced, with their date.
 */
export interface AccessibilityAudit {
  /** When the journeys ran (ISO). */
  ranAt: string;
  tool: string;
  /** The rules' tags checked. */
  standard: string;
  pages: Array<{ label: string; path: string; violations: number; serious: number }>;
}

export const AUDIT_FILE = path.join(PROJECT_ROOT, 'src', 'modules', 'legal', 'accessibility-audit.json');

/** The recorded audit, or null when none was recorded (the statement then says so). */
export function readAccessibilityAudit(file = AUDIT_FILE): AccessibilityAudit | null {
  try {
    const data = JSON.parse(fs.readFileSync(file, 'utf8')) as AccessibilityAudit;
    return Array.isArray(data.pages) && typeof data.ranAt === 'string' ? data : null;
  } catch {
    return null;
  }
}

/** What the statement shows: pages checked, pages without any violation, the rules that failed. */
export function auditSummary(audit: AccessibilityAudit) {
  const pages = audit.pages.length;
  const clean = audit.pages.filter((p) => p.violations === 0).length;
  const serious = audit.pages.reduce((n, p) => n + p.serious, 0);
  return { pages, clean, serious, rate: pages ? clean / pages : 0 };
}
