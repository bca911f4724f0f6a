import type { Knex } from 'knex';
import { ok, type Result } from '../../shared/http/errors';
import type { Actor } from '../../shared/actor';
import { recordAudit } from '../audit';
import { capacitiesOf, saveCapacity } from './queries';

/**
 * Records the capacity the DSI reserves for the network's needs in one year, stream by stream
 * (person-days; an empty field removes it), and audits what changed.
 */
export async function setCapacity(
  db: Knex,
  actor: Actor,
  consultationId: number,
  input: { year: number; perStream: Record<string, number | null> },
  requestId?: string,
): Promise<Result<{ year: number }>> {
  return db.transaction(async (trx) => {
    const before = Object.fromEntries(await capacitiesOf(trx, consultationId, input.year));
    const after: Record<string, number> = { ...before };
    for (const [stream, personDays] of Object.entries(input.perStream)) {
      if ((before[stream] ?? null) === personDays) continue;
      await saveCapacity(trx, { consultation_id: consultationId, stream, year: input.year, person_days: personDays, updated_by: actor.id });
      if (personDays === null) delete after[stream];
      else after[stream] = personDays;
    }
    const sorted = (o: Record<string, number>) => JSON.stringify(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)));
    if (sorted(before) !== sorted(after)) {
      await recordAudit(trx, { actorId: actor.id, action: 'followup.capacity.set', objectType: 'consultation', objectId: consultationId, consultationId, requestId, before: { year: input.year, ...before }, after: { year: input.year, ...after } });
    }
    return ok({ year: input.year });
  });
}
