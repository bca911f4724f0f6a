import type { Knex } from 'knex';

const now = (knex: Knex) =>
  knex.client.config.client === 'pg' ? knex.fn.now() : knex.raw("(strftime('%Y-%m-%dT%H:%M:%fZ','now'))");

/**
 * Tables of the followup module: how each published functional proposal is taken into account by the
 * shared information system (issue 12), and the capacity the DSI reserves for the network's needs.
 */
export async function up(knex: Knex): Promise<void> {
  // The history of every proposal's follow-up, append-only: one row per status recorded (a bulk change
  // writes one row per proposal, and one audit entry each, under the same request id). No code updates
  // or deletes a row.
  await knex.schema.createTable('followup_changes', (t) => {
    t.increments('id');
    t.integer('consultation_id').notNullable().references('id').inTable('consultations').onDelete('CASCADE');
    t.integer('proposal_id').notNullable().references('id').inTable('functional_proposals');
    // a_etudier | retenue | planifiee | en_cours | livree | non_retenue
    t.string('status', 20).notNullable();
    // A code of the shared system's streams (followup/rules.ts), null while none is chosen.
    t.string('stream', 40);
    // The day the status took effect (a calendar day, 'YYYY-MM-DD', Paris time), as the DSI typed it.
    t.string('effective_on', 10).notNullable();
    t.text('comment').notNullable().defaultTo('');
    // The shared system's backlog items: a JSON array of http(s) URLs.
    t.text('backlog_links').notNullable().defaultTo('[]');
    // Estimated size in person-days (jours-homme), when known.
    t.integer('estimate');
    t.integer('changed_by').references('id').inTable('users').onDelete('SET NULL');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(now(knex));
    t.index(['consultation_id', 'id']);
    t.index(['proposal_id', 'id']);
    t.index(['consultation_id', 'effective_on']);
  });
  // The current state of each followed proposal: a copy of its last change, written in the same
  // transaction as the change, so that lists and figures at scale read one row per proposal.
  await knex.schema.createTable('followup_current', (t) => {
    t.integer('proposal_id').primary().references('id').inTable('functional_proposals');
    t.integer('consultation_id').notNullable().references('id').inTable('consultations').onDelete('CASCADE');
    t.integer('change_id').notNullable().references('id').inTable('followup_changes');
    t.string('status', 20).notNullable();
    t.string('stream', 40);
    t.string('effective_on', 10).notNullable();
    t.text('backlog_links').notNullable().defaultTo('[]');
    t.integer('estimate');
    t.index(['consultation_id', 'status']);
    t.index(['consultation_id', 'stream']);
  });
  // The capacity the DSI reserves for the network's needs, per stream and calendar year, in person-days.
  await knex.schema.createTable('followup_capacities', (t) => {
    t.increments('id');
    t.integer('consultation_id').notNullable().references('id').inTable('consultations').onDelete('CASCADE');
    t.string('stream', 40).notNullable();
    t.integer('year').notNullable();
    t.integer('person_days').notNullable();
    t.integer('updated_by').references('id').inTable('users').onDelete('SET NULL');
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(now(knex));
    t.unique(['consultation_id', 'stream', 'year']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('followup_capacities');
  await knex.schema.dropTable('followup_current');
  await knex.schema.dropTable('followup_changes');
}
