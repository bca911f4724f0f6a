/**
 * A readable diff of an audit entry: the fields whose value changed between "before" and "after"
 * (top-level keys; nested values compared and shown as JSON). Pure, unit-tested.
 */
export interface DiffLine {
  field: string;
  before: string;
  after: string;
}

function parse(json: string | null): Record<string, unknown> | null {
  if (json == null) return null;
  try {
    const v = JSON.parse(json);
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : { valeur: v };
  } catch {
    return { valeur: json };
  }
}

const show = (v: unknown): string => (v === undefined ? '' : v === null ? '∅' : typeof v === 'string' ? v : JSON.stringify(v));

export function auditDiff(beforeJson: string | null, afterJson: string | null): DiffLine[] {
  const before = parse(beforeJson) ?? {};
  const after = parse(afterJson) ?? {};
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return keys
    .filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]))
    .map((k) => ({ field: k, before: show(before[k]), after: show(after[k]) }));
}
