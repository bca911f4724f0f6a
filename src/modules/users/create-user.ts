import type { Knex } from 'knex';
import { Result, invalid, ok } from '../../shared/http/errors';
import { t } from '../../shared/i18n';
import { recordAudit } from '../audit';
import { generatePassword, hashPassword } from '../auth';
import type { Actor } from '../../shared/actor';
import { findStructure } from '../structures';
import { findUserByEmail, insertUser } from './queries';
import type { CreateUserInput } from './validation';

export interface Created {
  id: number;
  /** Shown once to the DSI, never stored in clear nor logged. */
  temporaryPassword: string;
}

/** The DSI creates an account; a provisional password is generated and shown once. */
export async function createUser(db: Knex, actor: Actor, input: CreateUserInput, requestId?: string): Promise<Result<Created>> {
  const temporaryPassword = generatePassword();
  const hash = await hashPassword(temporaryPassword);
  return db.transaction(async (trx) => {
    if (await findUserByEmail(trx, input.email)) return invalid({ email: t('users.emailTaken') }, 409);
    if (input.structureId && !(await findStructure(trx, input.structureId))) {
      return invalid({ structureId: "Cette structure n'existe pas." });
    }
    const id = await insertUser(trx, {
      email: input.email,
      display_name: input.displayName,
      role: input.role,
      structure_id: input.structureId,
      password_hash: hash,
    });
    await recordAudit(trx, {
      actorId: actor.id,
      action: 'user.create',
      objectType: 'user',
      objectId: id,
      after: { email: input.email, displayName: input.displayName, role: input.role, structureId: input.structureId },
      requestId,
    });
    return ok({ id, temporaryPassword });
  });
}
