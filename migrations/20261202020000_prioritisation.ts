import type { Knex } from 'knex';

const now = (knex: Knex) =>
  knex.client.config.client === 'pg' ? knex.fn.now() : knex.raw("(strftime('%Y-%m-%dT%H:%M:%fZ','now'))");

/**
 * Issue 12: the shared prioritisation of needs (a step, one ballot per person, its lines) and the
 * continuous intake of needs after publication (a flag on raw contributions).
 */
export async function up(knex: Knex): Promise<void> {
  // A prioritisation step of a consultation, opened by the DSI: from/to (UTC instants typed in Paris
  // time), the points each voter spreads, and whether the next white paper orders needs by points.
  await knex.schema.createTable('prioritisation_steps', (t) => {
    t.increments('id');
    t.integer('consultation_id').notNullable().references('id').inTable('consultations').onDelete('CASCADE');
    t.string('title', 200).notNullable();
    t.timestamp('starts_at', { useTz: true }).notNullable();
    t.timestamp('ends_at', { useTz: true }).notNullable();
    t.integer('budget').notNullable().defaultTo(10).checkPositive();
    t.boolean('whitepaper_order').notNullable().defaultTo(false);
    t.integer('created_by').references('id').inTable('users').onDelete('SET NULL');
    t.integer('version').notNullable().defaultTo(1);
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(now(knex));
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(now(knex));
    t.index(['consultation_id', 'starts_at']);
  });
  // One ballot per person and step (the unique index is the rule), with the voter's role and region
  // as they were when the ballot was last saved, so that a closed step's results never move.
  await knex.schema.createTable('prioritisation_ballots', (t) => {
    t.increments('id');
    t.integer('step_id').notNullable().references('id').inTable('prioritisation_steps').onDelete('CASCADE');
    t.integer('voter_id').notNullable().references('id').inTable('users').onDelete('CASCADE');
    t.string('voter_role', 20).notNullable();
    t.string('voter_region', 80);
    t.integer('points_total').notNullable().defaultTo(0);
    t.integer('version').notNullable().defaultTo(1);
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(now(knex));
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(now(knex));
    t.unique(['step_id', 'voter_id']);
  });
  // The points a ballot gives to a need (only needs given at least one point have a line).
  await knex.schema.createTable('prioritisation_lines', (t) => {
    t.integer('ballot_id').notNullable().references('id').inTable('prioritisation_ballots').onDelete('CASCADE');
    t.integer('need_id').notNullable().references('id').inTable('needs').onDelete('CASCADE');
    t.integer('points').notNullable().checkPositive();
    t.primary(['ballot_id', 'need_id']);
    t.index(['need_id']);
  });
  // « Remontée continue »: a contribution submitted after publication, outside any workshop, for the
  // next edition of the white paper.
  await knex.schema.alterTable('raw_contributions', (t) => {
    t.boolean('continuous_intake').notNullable().defaultTo(false);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('raw_contributions', (t) => {
    t.dropColumn('continuous_intake');
  });
  await knex.schema.dropTable('prioritisation_lines');
  await knex.schema.dropTable('prioritisation_ballots');
  await knex.schema.dropTable('prioritisation_steps');
}
