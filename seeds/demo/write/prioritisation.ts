import type { Knex } from 'knex';
import { insertBallots, insertLines, insertSteps } from '../../../src/modules/prioritisation';
import { iso } from '../plan/calendar';
import type { DemoPlan } from '../plan';
import type { Logged } from './logged';

/** The prioritisation module's rows: the closed 2025 step, its ballots and their lines. */
export async function writePrioritisation(db: Knex.Transaction, plan: DemoPlan, logged: Logged): Promise<void> {
  const { step, ballots } = plan.prioritisation;
  const stepRow = {
    id: step.id,
    consultation_id: plan.consultation.id,
    title: step.title,
    starts_at: iso(step.startsAt),
    ends_at: iso(step.endsAt),
    budget: step.budget,
    // The DSI chose to order the next edition's needs by these points.
    whitepaper_order: true,
    created_by: step.createdBy,
    version: 1,
    created_at: iso(step.createdAt),
    updated_at: iso(step.createdAt),
  };
  await logged('prioritisation_steps', [stepRow], (r) => insertSteps(db, r));
  const ballotRows = ballots.map((b) => ({
    id: b.id,
    step_id: step.id,
    voter_id: b.voter.id,
    voter_role: b.voter.role,
    voter_region: b.region,
    points_total: b.lines.reduce((n, l) => n + l.points, 0),
    version: b.version,
    created_at: iso(b.createdAt),
    updated_at: iso(b.updatedAt),
  }));
  await logged('prioritisation_ballots', ballotRows, (r) => insertBallots(db, r));
  const lines = ballots.flatMap((b) => b.lines.map((l) => ({ ballot_id: b.id, need_id: l.needId, points: l.points })));
  await logged('prioritisation_lines', lines, (r) => insertLines(db, r));
}
