import type { Knex } from 'knex';
import { insertCapacityRows, insertChangeRows, insertCurrentRows } from '../../../src/modules/followup';
import { iso } from '../plan/calendar';
import type { DemoPlan } from '../plan';
import type { Logged } from './logged';

/** The followup module's rows: the history of statuses since the publication, each proposal's current state, the capacity. */
export async function writeFollowup(db: Knex.Transaction, plan: DemoPlan, logged: Logged): Promise<void> {
  const consultationId = plan.consultation.id;
  const changes = plan.followup.changes.map((c) => ({
    id: c.id, consultation_id: consultationId, proposal_id: c.proposalId, status: c.status, stream: c.stream, effective_on: c.effectiveOn,
    comment: c.comment, backlog_links: JSON.stringify(c.links), estimate: c.estimate, changed_by: c.changedBy, created_at: iso(c.createdAt),
  }));
  await logged('followup_changes', changes, (r) => insertChangeRows(db, r));
  const last = new Map<number, (typeof changes)[number]>();
  for (const c of changes) last.set(c.proposal_id, c);
  const current = [...last.values()]
    .sort((a, b) => a.proposal_id - b.proposal_id)
    .map((c) => ({ proposal_id: c.proposal_id, consultation_id: consultationId, change_id: c.id, status: c.status, stream: c.stream, effective_on: c.effective_on, backlog_links: c.backlog_links, estimate: c.estimate }));
  await logged('followup_current', current, (r) => insertCurrentRows(db, r));
  const capacities = plan.followup.capacities.map((c) => ({
    id: c.id, consultation_id: consultationId, stream: c.stream, year: c.year, person_days: c.personDays, updated_by: c.updatedBy, updated_at: iso(c.updatedAt),
  }));
  await logged('followup_capacities', capacities, (r) => insertCapacityRows(db, r));
}
