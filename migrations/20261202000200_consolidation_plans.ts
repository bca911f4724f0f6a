import type { Knex } from 'knex';

const now = (knex: Knex) =>
  knex.client.config.client === 'pg' ? knex.fn.now() : knex.raw("(strftime('%Y-%m-%dT%H:%M:%fZ','now'))");

// A consolidation plan applied in one submission (issue 11): what it did is found again through the
// links and consolidated contributions stamped with its id, so that « Annuler ce plan » undoes exactly
// that, in one step. The contributions it put out of scope are listed in `set_aside` (JSON array of
// raw contribution ids): their status column belongs to contributions/, which knows no plan.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('consolidation_plans', (t) => {
    t.increments('id');
    t.integer('consultation_id').notNullable().references('id').inTable('consultations').onDelete('CASCADE');
    t.integer('theme_id').references('id').inTable('themes'); // null: the « à classer » list
    t.integer('applied_by').references('id').inTable('users').onDelete('SET NULL');
    t.timestamp('applied_at', { useTz: true }).notNullable().defaultTo(now(knex));
    t.text('set_aside').notNullable().defaultTo('[]');
    t.integer('links_made').notNullable().defaultTo(0);
    t.integer('undone_by').references('id').inTable('users').onDelete('SET NULL');
    t.timestamp('undone_at', { useTz: true });
    t.index(['consultation_id', 'applied_by']);
  });
  await knex.schema.alterTable('consolidation_links', (t) => {
    t.integer('plan_id').references('id').inTable('consolidation_plans');
    t.index(['plan_id']);
  });
  await knex.schema.alterTable('consolidated_contributions', (t) => {
    t.integer('plan_id').references('id').inTable('consolidation_plans');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('consolidated_contributions', (t) => t.dropColumn('plan_id'));
  await knex.schema.alterTable('consolidation_links', (t) => {
    t.dropIndex(['plan_id']);
    t.dropColumn('plan_id');
  });
  await knex.schema.dropTable('consolidation_plans');
}
