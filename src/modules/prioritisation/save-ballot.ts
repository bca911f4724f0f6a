import type { Knex } from 'knex';
import { isUniqueViolation } from '../../shared/db';
import { NotFoundError, invalid, ok, type Result } from '../../shared/http/errors';
import { formatDateTime, t } from '../../shared/i18n';
import type { Actor } from '../../shared/actor';
import { recordAudit } from '../audit';
import { findStructure } from '../structures';
import { ballotLines, findBallot, insertBallot, replaceLines, stepForBallot, updateBallot, votableNeeds } from './queries';
import { checkBallot, stepState, type TypedBallot } from './rules';

export interface SavedBallot {
  total: number;
  needs: number;
  budget: number;
}

/**
 * A staff member saves their ballot: the points spread over the step's needs. While the step is open
 * only (else 409, nothing stored); the ballot is checked whole (rules.ts checkBallot: whole numbers
 * ≥ 0, needs of the step, total ≤ budget — else 422 with a message per field). One ballot per person
 * and step: the unique index refuses a second one, and a refusal (two submissions crossing) becomes an
 * update of the ballot that won. The voter's role and region are taken again at each save.
 */
export async function saveBallot(db: Knex, actor: Actor, stepId: number, typed: TypedBallot, requestId?: string): Promise<Result<SavedBallot>> {
  return db.transaction(async (trx) => {
    const row = await stepForBallot(trx, stepId);
    if (!row) throw new NotFoundError();
    const step = { ...row, consultationId: row.consultation_id };
    const state = stepState(step, new Date());
    if (state === 'a_venir') return invalid({ _form: t('prioritisation.notOpenYet', { title: step.title, date: formatDateTime(step.starts_at) }) }, 409);
    if (state === 'close') return invalid({ _form: t('prioritisation.closed', { title: step.title, date: formatDateTime(step.ends_at) }) }, 409);

    const needs = await votableNeeds(trx, step.consultationId);
    const checked = checkBallot(typed, new Set(needs.map((n) => n.id)), step.budget);
    if (!checked.ok) return invalid(checked.errors, 422);
    const { lines, total } = checked.value;

    const region = actor.structureId ? ((await findStructure(trx, actor.structureId))?.region ?? null) : null;
    const header = { voter_role: actor.role, voter_region: region, points_total: total };
    let ballot = await findBallot(trx, step.id, actor.id);
    const before = ballot ? { total: ballot.points_total, needs: (await ballotLines(trx, ballot.id)).size } : null;
    let ballotId: number;
    if (ballot) {
      ballotId = ballot.id;
      await updateBallot(trx, ballotId, header);
    } else {
      try {
        // In a savepoint: on PostgreSQL a refused statement would otherwise abort the whole transaction.
        ballotId = await trx.transaction((sp) => insertBallot(sp, { step_id: step.id, voter_id: actor.id, ...header }));
      } catch (err) {
        if (!isUniqueViolation(err)) throw err;
        // Another request of the same person created the ballot meanwhile: this one updates it.
        ballot = (await findBallot(trx, step.id, actor.id))!;
        ballotId = ballot.id;
        await updateBallot(trx, ballotId, header);
      }
    }
    await replaceLines(trx, ballotId, lines);
    await recordAudit(trx, {
      actorId: actor.id,
      action: 'prioritisation.ballot.save',
      objectType: 'prioritisation_ballot',
      objectId: ballotId,
      consultationId: step.consultationId,
      // Totals only: a person's ballot is theirs; the results are aggregates.
      before: before ?? undefined,
      after: { step: step.id, total, needs: lines.length },
      requestId,
    });
    return ok({ total, needs: lines.length, budget: step.budget });
  });
}
