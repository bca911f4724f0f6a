import type { Knex } from 'knex';
import { isUniqueViolation } from '../../shared/db';
import { Result, invalid, ok } from '../../shared/http/errors';
import { recordAudit } from '../audit';
import type { Actor } from '../../shared/actor';
import { findTheme } from '../consultations';
import { insertNeed, needCodes, nextPosition } from './queries';
import { nextNeedCode } from './rules';
import type { NeedInput } from './validation';

/** Creates a draft need with the next free code B-NN, at the end of its theme. */
export async function createNeed(db: Knex, actor: Actor, consultationId: number, input: NeedInput, requestId?: string): Promise<Result<{ id: number; code: string }>> {
  // Two ambassadors creating at the same instant may compute the same code: the unique index says no, we try again.
  for (let attempt = 0; ; attempt++) {
    try {
      return await db.transaction(async (trx) => {
        const theme = await findTheme(trx, consultationId, input.themeId);
        if (!theme) return invalid({ themeId: "Ce thème n'appartient pas à cette consultation." });
        const code = nextNeedCode(await needCodes(trx, consultationId));
        const row = {
          consultation_id: consultationId,
          theme_id: input.themeId,
          code,
          title: input.title,
          description_md: input.descriptionMd,
          position: await nextPosition(trx, 'needs', { consultation_id: consultationId, theme_id: input.themeId }),
          created_by: actor.id,
        };
        const id = await insertNeed(trx, row);
        await recordAudit(trx, { actorId: actor.id, action: 'need.create', objectType: 'need', objectId: id, consultationId, after: { code, title: input.title, themeId: input.themeId, descriptionMd: input.descriptionMd }, requestId });
        return ok({ id, code });
      });
    } catch (err) {
      if (attempt < 3 && isUniqueViolation(err)) continue;
      throw err;
    }
  }
}
