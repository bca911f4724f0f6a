import type { Knex } from 'knex';

const now = (knex: Knex) =>
  knex.client.config.client === 'pg' ? knex.fn.now() : knex.raw("(strftime('%Y-%m-%dT%H:%M:%fZ','now'))");

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('workshops', (t) => {
    t.increments('id');
    t.integer('consultation_id').notNullable().references('id').inTable('consultations').onDelete('CASCADE');
    t.string('title', 200).notNullable();
    t.timestamp('starts_at', { useTz: true }).notNullable();
    t.timestamp('ends_at', { useTz: true }).notNullable();
    t.string('mode', 20).notNullable().defaultTo('presentiel'); // presentiel | distanciel
    t.string('place', 300).notNullable().defaultTo('');
    // Department and region follow from the organising structure (never stored twice).
    t.integer('structure_id').notNullable().references('id').inTable('structures');
    t.integer('facilitator_id').references('id').inTable('users').onDelete('SET NULL');
    t.integer('capacity').notNullable().defaultTo(20);
    t.string('status', 20).notNullable().defaultTo('planifie'); // planifie | clos | annule
    t.integer('anonymous_attendees').notNullable().defaultTo(0); // attendees without an account
    t.text('report_md').notNullable().defaultTo('');
    t.timestamp('closed_at', { useTz: true });
    t.integer('version').notNullable().defaultTo(1);
    t.integer('created_by').references('id').inTable('users').onDelete('SET NULL');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(now(knex));
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(now(knex));
    t.index(['consultation_id', 'starts_at']);
    t.index(['structure_id']);
    t.index(['facilitator_id']);
  });

  await knex.schema.createTable('workshop_themes', (t) => {
    t.integer('workshop_id').notNullable().references('id').inTable('workshops').onDelete('CASCADE');
    t.integer('theme_id').notNullable().references('id').inTable('themes').onDelete('CASCADE');
    t.primary(['workshop_id', 'theme_id']);
    t.index(['theme_id']);
  });

  await knex.schema.createTable('workshop_registrations', (t) => {
    t.increments('id');
    t.integer('workshop_id').notNullable().references('id').inTable('workshops').onDelete('CASCADE');
    t.integer('user_id').notNullable().references('id').inTable('users').onDelete('CASCADE');
    t.string('status', 20).notNullable().defaultTo('inscrit'); // inscrit | liste_attente | annule
    t.boolean('attended').notNullable().defaultTo(false);
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(now(knex));
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(now(knex));
    t.unique(['workshop_id', 'user_id']);
    t.index(['user_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('workshop_registrations');
  await knex.schema.dropTable('workshop_themes');
  await knex.schema.dropTable('workshops');
}
