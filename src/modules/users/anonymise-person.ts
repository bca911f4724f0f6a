import type { Knex } from 'knex';
import { ForbiddenError, NotFoundError, Result, invalid, ok } from '../../shared/http/errors';
import { t } from '../../shared/i18n';
import { recordAudit } from '../audit';
import type { Actor } from '../../shared/actor';
import { detachContributions, eraseApplicationTexts, redactAuditMentions } from '../privacy';
import { usersPolicy } from './policy';
import { anonymiseUserRow, countActiveDsi, destroySessionsOf, findUserById } from './queries';

export interface Anonymised {
  id: number;
  label: string;
  contributionsDetached: number;
}

/** The name an anonymised person keeps: it identifies the row, not the person. */
export const anonymisedName = (id: number) => t('users.anonymisedName', { id });

/**
 * RGPD right to erasure: the DSI anonymises a person. Their name and e-mail are erased everywhere
 * (account, past audit entries), their password too, their sessions end; their raw contributions stay
 * but are detached from them (anonymous, no author); their applications lose their free texts. The
 * account row and its workshop registrations stay, so the participation figures do not change.
 * The audit entry says which fields were erased, never their values. Irreversible.
 */
export async function anonymisePerson(db: Knex, actor: Actor, id: number, requestId?: string): Promise<Result<Anonymised>> {
  return db.transaction(async (trx) => {
    const target = await findUserById(trx, id);
    if (!target || target.anonymised_at) throw new NotFoundError();
    if (!usersPolicy.canAnonymise(actor, target)) {
      if (target.id === actor.id) return invalid({ _form: t('users.selfAnonymise') });
      throw new ForbiddenError();
    }
    if (target.role === 'dsi' && target.active && (await countActiveDsi(trx)) <= 1) return invalid({ _form: t('users.lastDsi') });

    const now = new Date().toISOString();
    const label = anonymisedName(id);
    const auditEntriesRedacted = await redactAuditMentions(trx, id, { email: target.email, name: target.display_name });
    const contributionsDetached = await detachContributions(trx, { authorId: id });
    const applicationsErased = await eraseApplicationTexts(trx, { authorId: id });
    await anonymiseUserRow(trx, id, label, now);
    await destroySessionsOf(trx, id);
    await recordAudit(trx, {
      actorId: actor.id,
      action: 'user.anonymise',
      objectType: 'user',
      objectId: id,
      before: { role: target.role, active: target.active, hadEmail: target.email !== null, hadPassword: target.password_hash !== null },
      after: {
        erasedFields: ['display_name', 'email', 'password_hash'],
        displayName: label,
        active: false,
        anonymisedAt: now,
        sessionsEnded: true,
        contributionsDetached,
        applicationsErased,
        auditEntriesRedacted,
      },
      requestId,
    });
    return ok({ id, label, contributionsDetached });
  });
}
