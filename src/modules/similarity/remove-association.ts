import type { Db } from '../../shared/db';
import { invalid, ok, type Result } from '../../shared/http/errors';
import { recordAudit } from '../audit';
import { markAssociationRemoved, touchState } from './queries';

/** The DSI removes a learned association: it stays removed, even when the links are learned again. */
export async function removeAssociation(db: Db, actorId: number, consultationId: number, pair: { themeId: number; a: string; b: string }, requestId?: string): Promise<Result<{ removed: number }>> {
  return db.transaction(async (trx) => {
    const [a, b] = pair.a < pair.b ? [pair.a, pair.b] : [pair.b, pair.a];
    const removed = await markAssociationRemoved(trx, consultationId, pair.themeId, a, b);
    if (!removed) return invalid({ _form: 'Cette association n’existe pas ou a déjà été retirée.' }, 404);
    await touchState(trx, consultationId);
    await recordAudit(trx, { actorId, action: 'similarity.association_removed', objectType: 'association', objectId: `${pair.themeId}:${a}:${b}`, consultationId, before: { theme: pair.themeId, terms: [a, b] }, requestId });
    return ok({ removed });
  });
}
