import type { Knex } from 'knex';

// Timestamps are ISO-8601 text in SQLite (so that they sort and compare as the app writes them)
// and timestamptz in PostgreSQL. Each migration carries its own copy: landed migrations never change.
const now = (knex: Knex) =>
  knex.client.config.client === 'pg' ? knex.fn.now() : knex.raw("(strftime('%Y-%m-%dT%H:%M:%fZ','now'))");

export async function up(knex: Knex): Promise<void> {
  // A Mission Locale, a regional association (ARML), the national union or the DSI itself.
  await knex.schema.createTable('structures', (t) => {
    t.increments('id');
    t.string('name', 200).notNullable().unique();
    t.string('kind', 30).notNullable(); // mission_locale | arml | national | dsi | partenaire
    t.string('department_code', 3);
    t.string('department_name', 80);
    t.string('region', 80).notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(now(knex));
    t.index(['region']);
  });

  await knex.schema.createTable('users', (t) => {
    t.increments('id');
    // Stored lower-cased; nullable because an anonymised person keeps their row but loses their identity.
    t.string('email', 254).unique();
    t.string('display_name', 120).notNullable();
    t.string('password_hash', 255); // null: account without a password yet (imported staff, cannot log in)
    t.string('role', 20).notNullable().defaultTo('contributeur'); // contributeur | ambassadeur | dsi
    t.integer('structure_id').references('id').inTable('structures').onDelete('SET NULL');
    t.boolean('active').notNullable().defaultTo(true);
    t.timestamp('anonymised_at', { useTz: true });
    t.timestamp('last_login_at', { useTz: true });
    t.timestamp('password_changed_at', { useTz: true });
    t.integer('version').notNullable().defaultTo(1);
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(now(knex));
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(now(knex));
    t.index(['role']);
    t.index(['structure_id']);
  });

  // express-session rows (connect-session-knex layout), so that sessions survive restarts and are shared by instances.
  await knex.schema.createTable('sessions', (t) => {
    t.string('sid', 255).primary();
    if (knex.client.config.client === 'pg') t.json('sess').notNullable();
    else t.text('sess').notNullable();
    t.timestamp('expired', { useTz: true }).notNullable().index();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('sessions');
  await knex.schema.dropTable('users');
  await knex.schema.dropTable('structures');
}
