import type { Db } from '../../shared/db';
import { auditDiff } from './diff';
import { auditObjectLabels, type AuditRow } from './queries';
import { auditFieldLabel } from './field-labels';
import { auditSentence } from './sentences';

export interface AuditEntryView extends AuditRow {
  /** « Claire Dupuis a validé le besoin B-12 ». */
  sentence: string;
  /** The changed fields, named in French. */
  diff: Array<{ field: string; label: string; before: string; after: string }>;
}

/** The entries as the log and the dashboard show them: a French sentence and the changed fields named in French. */
export async function presentAuditEntries(db: Db, rows: readonly AuditRow[]): Promise<AuditEntryView[]> {
  const labels = await auditObjectLabels(db, rows);
  return rows.map((e) => ({
    ...e,
    sentence: auditSentence({
      actorId: e.actor_id == null ? null : Number(e.actor_id),
      actorName: e.actor_name,
      action: e.action,
      objectType: e.object_type,
      objectId: e.object_id,
      objectLabel: e.object_id ? labels.get(`${e.object_type}:${e.object_id}`) : null,
    }),
    diff: auditDiff(e.before_json, e.after_json).map((d) => ({ ...d, label: auditFieldLabel(d.field) })),
  }));
}
