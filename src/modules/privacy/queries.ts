import type { Db } from '../../shared/db';
import { rewriteAuditEntry } from '../audit';
import { markPersonalDataPurged } from '../consultations';
import { IDENTITY_KEYS, identityValues, PURGED, redactJsonText } from './redact';

/**
 * Plain knex functions that take identities out of stored rows. They touch the tables of other
 * modules (raw contributions, applications, audit entries) on purpose: erasing personal data is the
 * privacy module's single responsibility, and doing it in one place keeps it complete.
 */

/** Which rows to detach: one consultation's (purge) or one person's (anonymisation). */
export type Scope = { consultationId: number } | { authorId: number };

function contributionsIn(db: Db, scope: Scope) {
  const q = db('raw_contributions');
  return 'consultationId' in scope ? q.where('consultation_id', scope.consultationId) : q.where('author_id', scope.authorId);
}

/** Contributions that still carry an identity (an account, a written name, or a name shown). */
export async function countIdentifiedContributions(db: Db, scope: Scope): Promise<number> {
  const row = await contributionsIn(db, scope)
    .where((w) => w.whereNotNull('author_id').orWhereNotNull('author_name').orWhere('anonymous', false))
    .count({ n: '*' })
    .first();
  return Number(row?.n ?? 0);
}

/**
 * Detaches contributions from their authors: no account, no written name, shown as anonymous. The
 * text, theme, workshop and structure stay (the figures do not change). A contribution its author
 * typed themself also loses that trace (created_by), which would otherwise point back to them.
 */
export async function detachContributions(db: Db, scope: Scope): Promise<number> {
  const now = new Date().toISOString();
  await contributionsIn(db, scope).whereNotNull('created_by').whereRaw('created_by = author_id').update({ created_by: null });
  return contributionsIn(db, scope)
    .where((w) => w.whereNotNull('author_id').orWhereNotNull('author_name').orWhere('anonymous', false))
    .update({ author_id: null, author_name: null, anonymous: true, version: db.raw('version + 1'), updated_at: now });
}

function applicationsIn(db: Db, scope: Scope) {
  const q = db('ambassador_applications');
  return 'consultationId' in scope ? q.where('consultation_id', scope.consultationId) : q.where('user_id', scope.authorId);
}

export async function countApplicationTexts(db: Db, scope: Scope): Promise<number> {
  const row = await applicationsIn(db, scope).whereNot('motivation', PURGED).count({ n: '*' }).first();
  return Number(row?.n ?? 0);
}

/** Ambassador applications keep their outcome; their free texts (motivation, decision comment) are replaced. */
export async function eraseApplicationTexts(db: Db, scope: Scope): Promise<number> {
  await applicationsIn(db, scope).whereNotNull('decision_comment').whereNot('decision_comment', PURGED).update({ decision_comment: PURGED });
  return applicationsIn(db, scope).whereNot('motivation', PURGED).update({ motivation: PURGED });
}

/**
 * Past audit entries keep what happened but lose who the person was: in the entries about their
 * account, every identity field (current and former names and addresses) and every mention of those
 * values; elsewhere, every mention of their e-mail address (a name alone may be a homonym's).
 * Returns how many entries changed.
 */
export async function redactAuditMentions(db: Db, userId: number, secrets: { email: string | null; name: string }): Promise<number> {
  const email = secrets.email?.toLowerCase() ?? null;
  const rows = (await db('audit_log')
    .where((w) => {
      w.where({ object_type: 'user', object_id: String(userId) });
      if (email) {
        const like = `%${email}%`;
        w.orWhereRaw('lower(before_json) like ?', [like]).orWhereRaw('lower(after_json) like ?', [like]);
      }
    })
    .select('id', 'object_type', 'object_id', 'before_json', 'after_json')) as Array<{
    id: number;
    object_type: string;
    object_id: string | null;
    before_json: string | null;
    after_json: string | null;
  }>;
  const isOwn = (r: { object_type: string; object_id: string | null }) => r.object_type === 'user' && r.object_id === String(userId);
  const former = new Set<string>([secrets.name, ...(email ? [email] : [])]);
  for (const r of rows.filter(isOwn)) for (const v of [...identityValues(r.before_json), ...identityValues(r.after_json)]) former.add(v);
  let changed = 0;
  for (const r of rows) {
    const own = isOwn(r);
    const list = own ? [...former] : email ? [email] : [];
    const keys = own ? IDENTITY_KEYS : [];
    const before = redactJsonText(r.before_json, list, keys);
    const after = redactJsonText(r.after_json, list, keys);
    if (before !== r.before_json || after !== r.after_json) {
      await rewriteAuditEntry(db, r.id, before, after);
      changed++;
    }
  }
  return changed;
}

/** The consultation row is the consultations module's: it records the purge there. */
export const markPurged = markPersonalDataPurged;
