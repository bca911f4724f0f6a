import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  // The login-throttling counters (rate-limiter-flexible). The library can create this table itself,
  // but it does so in the background when the app starts, and refuses every login ("Table is not
  // created yet") until that finishes, or forever if two instances race to create it on PostgreSQL.
  // Created here, the table exists before any instance serves a request. Databases that already
  // have it (made by the library before this migration) keep it: same columns.
  if (await knex.schema.hasTable('login_throttle')) return;
  await knex.schema.createTable('login_throttle', (t) => {
    t.string('key', 255).primary(); // "login_account:<e-mail>" or "login_ip:<address>"
    t.integer('points').notNullable().defaultTo(0);
    t.bigInteger('expire'); // epoch milliseconds; null: never expires
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('login_throttle');
}
