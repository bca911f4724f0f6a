import type { Db } from '../../shared/db';
import { invalid, ok, type Result } from '../../shared/http/errors';
import { recordAudit } from '../audit';
import { foldExpression } from './knowledge';
import { deleteGlossary, findGlossaryEntry, insertGlossary, listGlossary, touchState, updateGlossary } from './queries';
import type { GlossaryEntryInput } from './validation';

/**
 * Adds a glossary entry (id undefined) or changes one. An expression already in the glossary (whatever
 * its accents or case) is refused next to the field. Bumps the consultation's version, so that every
 * instance's suggestions use the new glossary at once.
 */
export async function saveGlossaryEntry(db: Db, actorId: number, consultationId: number, input: GlossaryEntryInput, id?: number, requestId?: string): Promise<Result<{ id: number }>> {
  return db.transaction(async (trx) => {
    const key = foldExpression(input.expression);
    const before = id === undefined ? undefined : await findGlossaryEntry(trx, consultationId, id);
    if (id !== undefined && !before) return invalid({ _form: 'Cette entrée du glossaire n’existe plus.' }, 404);
    const clash = (await listGlossary(trx, consultationId)).find((g) => g.expression_key === key && g.id !== id);
    if (clash) return invalid({ expression: `« ${clash.expression} » est déjà dans le glossaire (= « ${clash.meaning} ») : modifiez cette entrée plutôt.` }, 409);
    if (foldExpression(input.meaning) === key) return invalid({ meaning: 'Le sens doit dire autre chose que l’expression elle-même.' });
    let savedId = id;
    if (id === undefined) savedId = await insertGlossary(trx, { consultation_id: consultationId, expression: input.expression, meaning: input.meaning, expression_key: key, created_by: actorId });
    else await updateGlossary(trx, id, { expression: input.expression, meaning: input.meaning, expression_key: key });
    await touchState(trx, consultationId);
    await recordAudit(trx, {
      actorId,
      action: id === undefined ? 'similarity.glossary_added' : 'similarity.glossary_changed',
      objectType: 'glossary_entry',
      objectId: savedId,
      consultationId,
      before: before ? { expression: before.expression, meaning: before.meaning } : undefined,
      after: { expression: input.expression, meaning: input.meaning },
      requestId,
    });
    return ok({ id: savedId! });
  });
}

/** Removes a glossary entry (audited). */
export async function deleteGlossaryEntry(db: Db, actorId: number, consultationId: number, id: number, requestId?: string): Promise<Result<{ id: number }>> {
  return db.transaction(async (trx) => {
    const before = await findGlossaryEntry(trx, consultationId, id);
    if (!before) return invalid({ _form: 'Cette entrée du glossaire n’existe plus.' }, 404);
    await deleteGlossary(trx, id);
    await touchState(trx, consultationId);
    await recordAudit(trx, { actorId, action: 'similarity.glossary_removed', objectType: 'glossary_entry', objectId: id, consultationId, before: { expression: before.expression, meaning: before.meaning }, requestId });
    return ok({ id });
  });
}
