import type { Knex } from 'knex';

/**
 * Issue 15: an imported row that gives only a date (« 12/03/2024 ») was stored at noon UTC and shown
 * with an invented time (« 14:00 »). The flag says the moment is a calendar day only: pages and
 * exports then show the date alone. Rows already imported keep their timestamp as it is (nothing
 * tells which of them had a time).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('raw_contributions', (t) => {
    t.boolean('submitted_day_only').notNullable().defaultTo(false);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('raw_contributions', (t) => {
    t.dropColumn('submitted_day_only');
  });
}
