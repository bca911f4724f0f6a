import type { Db } from '../../shared/db';

export interface AuditEntry {
  actorId: number | null;
  action: string;
  objectType: string;
  objectId?: string | number | null;
  consultationId?: number | null;
  before?: unknown;
  after?: unknown;
  requestId?: string | null;
}

/** Appends one entry. Called inside the use case's transaction, so the log and the change commit together. */
export async function recordAudit(db: Db, entry: AuditEntry): Promise<void> {
  await db('audit_log').insert(auditRow(entry, new Date().toISOString()));
}

/** Appends many entries at once (a plan applied: one entry per link), in batches, same transaction as the change. */
export async function recordAudits(db: Db, entries: readonly AuditEntry[]): Promise<void> {
  const at = new Date().toISOString();
  for (let i = 0; i < entries.length; i += 100) await db('audit_log').insert(entries.slice(i, i + 100).map((e) => auditRow(e, at)));
}

function auditRow(entry: AuditEntry, at: string) {
  return {
    actor_id: entry.actorId,
    action: entry.action,
    object_type: entry.objectType,
    object_id: entry.objectId == null ? null : String(entry.objectId),
    consultation_id: entry.consultationId ?? null,
    before_json: entry.before === undefined ? null : JSON.stringify(entry.before),
    after_json: entry.after === undefined ? null : JSON.stringify(entry.after),
    request_id: entry.requestId ?? null,
    created_at: at,
  };
}

export interface AuditFilter {
  action?: string;
  objectType?: string;
  objectId?: string;
  actorId?: number;
  from?: string; // YYYY-MM-DD
  to?: string;
  beforeId?: number; // keyset pagination, newest first
  limit: number;
}

export interface AuditRow {
  id: number;
  actor_id: number | null;
  actor_name: string | null;
  action: string;
  object_type: string;
  object_id: string | null;
  before_json: string | null;
  after_json: string | null;
  request_id: string | null;
  created_at: string | Date;
}

export function auditQuery(db: Db, f: Omit<AuditFilter, 'limit' | 'beforeId'>) {
  const q = db('audit_log as a').leftJoin('users as u', 'u.id', 'a.actor_id');
  // A domain (« need. ») selects all its actions, as a prefix whose LIKE wildcards are taken
  // literally; any other value is one action (« whitepaper.publish » is not « whitepaper.publish.fail »).
  if (f.action?.endsWith('.')) q.whereRaw("a.action like ? escape '\\'", [`${f.action.replace(/[\\%_]/g, (c) => `\\${c}`)}%`]);
  else if (f.action) q.where('a.action', f.action);
  if (f.objectType) q.where('a.object_type', f.objectType);
  if (f.objectId) q.where('a.object_id', f.objectId);
  if (f.actorId) q.where('a.actor_id', f.actorId);
  if (f.from) q.where('a.created_at', '>=', `${f.from}T00:00:00.000Z`);
  if (f.to) q.where('a.created_at', '<', new Date(Date.parse(`${f.to}T00:00:00.000Z`) + 86400000).toISOString());
  return q;
}

export async function listAudit(db: Db, f: AuditFilter): Promise<AuditRow[]> {
  const q = auditQuery(db, f)
    .select('a.*', 'u.display_name as actor_name')
    .orderBy('a.id', 'desc')
    .limit(f.limit);
  if (f.beforeId) q.where('a.id', '<', f.beforeId);
  return q;
}

export async function distinctAuditActions(db: Db): Promise<string[]> {
  const rows = await db('audit_log').distinct('action').orderBy('action');
  return rows.map((r: { action: string }) => r.action);
}

export async function distinctObjectTypes(db: Db): Promise<string[]> {
  const rows = await db('audit_log').distinct('object_type').orderBy('object_type');
  return rows.map((r: { object_type: string }) => r.object_type);
}

/** The people who appear in the log as actors (for the filter's select), by name. */
export async function auditActors(db: Db): Promise<Array<{ id: number; name: string }>> {
  const rows = await db('users as u')
    .whereIn('u.id', db('audit_log').whereNotNull('actor_id').distinct('actor_id'))
    .select('u.id', 'u.display_name')
    .orderBy('u.display_name')
    .limit(1000);
  return rows.map((r: { id: number; display_name: string }) => ({ id: Number(r.id), name: r.display_name }));
}

export async function findAuditEntry(db: Db, id: number): Promise<AuditRow | undefined> {
  return auditQuery(db, {}).where('a.id', id).first('a.*', 'u.display_name as actor_name');
}

/** The selection in keyset batches, newest first: the CSV export streams what this yields. */
export async function* auditBatches(db: Db, f: Omit<AuditFilter, 'limit' | 'beforeId'>, size = 1000): AsyncGenerator<AuditRow[]> {
  let beforeId: number | undefined;
  for (;;) {
    const batch = await listAudit(db, { ...f, beforeId, limit: size });
    if (!batch.length) return;
    yield batch;
    if (batch.length < size) return;
    beforeId = Number(batch[batch.length - 1]!.id);
  }
}

/** Replaces an entry's before/after texts: only the privacy module's redaction of a person's identity does. */
export async function rewriteAuditEntry(db: Db, id: number, before: string | null, after: string | null): Promise<void> {
  await db('audit_log').where({ id }).update({ before_json: before, after_json: after });
}

/**
 * Where each object type's own name is read (a need's code, a workshop's title), so that a sentence
 * names « le besoin B-12 » rather than an id. Reads only: the tables stay their owners' to write.
 */
const OBJECT_NAMES: Readonly<Record<string, { table: string; column: string }>> = {
  need: { table: 'needs', column: 'code' },
  proposal: { table: 'functional_proposals', column: 'code' },
  consolidated_contribution: { table: 'consolidated_contributions', column: 'code' },
  theme: { table: 'themes', column: 'code' },
  consultation: { table: 'consultations', column: 'title' },
  workshop: { table: 'workshops', column: 'title' },
  user: { table: 'users', column: 'display_name' },
  prioritisation_step: { table: 'prioritisation_steps', column: 'title' },
  whitepaper_edition: { table: 'whitepaper_editions', column: 'number' },
};

/** The names of the objects of these entries, keyed `type:id`; one query per object type present. */
export async function auditObjectLabels(db: Db, rows: ReadonlyArray<Pick<AuditRow, 'object_type' | 'object_id'>>): Promise<Map<string, string>> {
  const idsByType = new Map<string, Set<number>>();
  for (const r of rows) {
    if (!r.object_id || !/^\d+$/.test(r.object_id) || !OBJECT_NAMES[r.object_type]) continue;
    let ids = idsByType.get(r.object_type);
    if (!ids) idsByType.set(r.object_type, (ids = new Set()));
    ids.add(Number(r.object_id));
  }
  const labels = new Map<string, string>();
  for (const [type, ids] of idsByType) {
    const { table, column } = OBJECT_NAMES[type]!;
    const found = await db(table).whereIn('id', [...ids]).select('id', `${column} as label`);
    // An edition is known by its number (« n° 2 »), not by its row id.
    const show = (v: unknown) => (type === 'whitepaper_edition' ? `n° ${String(v)}` : String(v));
    for (const f of found as Array<{ id: number; label: unknown }>) if (f.label != null && f.label !== '') labels.set(`${type}:${f.id}`, show(f.label));
  }
  return labels;
}
