import type { Knex } from 'knex';
import { insertReturningId, isUniqueViolation } from '../../shared/db';
import { Result, invalid, ok } from '../../shared/http/errors';
import { recordAudit } from '../audit';
import type { Actor } from '../../shared/actor';
import { needCodes, nextPosition } from './queries';
import { nextNeedCode } from './rules';
import type { NeedInput } from './validation';

/** Creates a draft need with the next free code B-NN, at the end of its theme. */
export async function createNeed(db: Knex, actor: Actor, consultationId: number, input: NeedInput, requestId?: string): Promise<Result<{ id: number; code: string }>> {
  // Two ambassadors creating at the same instant may compute the same code: the unique index says no, we try again.
  for (let attempt = 0; ; attempt++) {
    try {
      return await db.transaction(async (trx) => {
        const theme = await trx('themes').where({ id: input.themeId, consultation_id: consultationId }).first('id');
        if (!theme) return invalid({ themeId: "Ce thème n'appartient pas à cette consultation." });
        const code = nextNeedCode(await needCodes(trx, consultationId));
        const row = {
          consultation_id: consultationId,
          theme_id: input.themeId,
          code,
          title: input.title,
          description_md: input.descriptionMd,
          position: await nextPosition(trx, 'needs', { consultation_id: consultationId, theme_id: input.themeId }),
          status: 'brouillon',
          created_by: actor.id,
          created_at: new Date().toISOString(),
          updated_at: new Date().toISOString(),
        };
        const id = await insertReturningId(trx, 'needs', row);
        await recordAudit(trx, { actorId: actor.id, action: 'need.create', objectType: 'need', objectId: id, consultationId, after: { code, title: input.title, themeId: input.themeId, descriptionMd: input.descriptionMd }, requestId });
        return ok({ id, code });
      });
    } catch (err) {
      if (attempt < 3 && isUniqueViolation(err)) continue;
      throw err;
    }
  }
}
