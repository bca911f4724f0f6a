import type { Knex } from 'knex';

const now = (knex: Knex) =>
  knex.client.config.client === 'pg' ? knex.fn.now() : knex.raw("(strftime('%Y-%m-%dT%H:%M:%fZ','now'))");

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('consultations', (t) => {
    t.increments('id');
    t.string('slug', 80).notNullable().unique();
    t.string('title', 200).notNullable();
    t.text('description_md').notNullable().defaultTo('');
    t.text('data_notice_md').notNullable().defaultTo(''); // what personal data is collected and why (RGPD)
    // Manual overrides of what the current phase opens: null follows the calendar, true/false forces.
    t.boolean('contributions_open');
    t.boolean('consolidation_open');
    t.boolean('ambassador_call_open');
    t.timestamp('personal_data_purged_at', { useTz: true });
    t.integer('version').notNullable().defaultTo(1);
    t.integer('created_by').references('id').inTable('users').onDelete('SET NULL');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(now(knex));
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(now(knex));
  });

  await knex.schema.createTable('consultation_phases', (t) => {
    t.increments('id');
    t.integer('consultation_id').notNullable().references('id').inTable('consultations').onDelete('CASCADE');
    // lancement | selection_ambassadeurs | consultation | consolidation | publication | suivi
    t.string('kind', 30).notNullable();
    t.string('title', 200).notNullable();
    t.text('description_md').notNullable().defaultTo('');
    t.date('starts_on').notNullable();
    t.date('ends_on').notNullable();
    t.integer('position').notNullable().defaultTo(0);
    t.unique(['consultation_id', 'kind']);
  });

  await knex.schema.createTable('themes', (t) => {
    t.increments('id');
    t.integer('consultation_id').notNullable().references('id').inTable('consultations').onDelete('CASCADE');
    t.string('code', 20).notNullable(); // short code used in need codes and exports (e.g. USAGERS)
    t.string('title', 200).notNullable();
    t.text('description_md').notNullable().defaultTo('');
    t.integer('position').notNullable().defaultTo(0);
    t.unique(['consultation_id', 'code']);
    t.unique(['consultation_id', 'title']);
  });

  // Call for ambassadors: a staff member applies; the DSI selects or declines.
  await knex.schema.createTable('ambassador_applications', (t) => {
    t.increments('id');
    t.integer('consultation_id').notNullable().references('id').inTable('consultations').onDelete('CASCADE');
    t.integer('user_id').notNullable().references('id').inTable('users').onDelete('CASCADE');
    t.integer('structure_id').references('id').inTable('structures').onDelete('SET NULL');
    t.text('motivation').notNullable();
    t.text('known_themes').notNullable().defaultTo(''); // theme ids the applicant knows, comma separated
    t.string('status', 20).notNullable().defaultTo('en_attente'); // en_attente | retenue | non_retenue
    t.text('decision_comment');
    t.integer('decided_by').references('id').inTable('users').onDelete('SET NULL');
    t.timestamp('decided_at', { useTz: true });
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(now(knex));
    t.unique(['consultation_id', 'user_id']);
  });

  // Which themes each selected ambassador consolidates.
  await knex.schema.createTable('ambassador_themes', (t) => {
    t.integer('consultation_id').notNullable().references('id').inTable('consultations').onDelete('CASCADE');
    t.integer('user_id').notNullable().references('id').inTable('users').onDelete('CASCADE');
    t.integer('theme_id').notNullable().references('id').inTable('themes').onDelete('CASCADE');
    t.primary(['consultation_id', 'user_id', 'theme_id']);
    t.index(['theme_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('ambassador_themes');
  await knex.schema.dropTable('ambassador_applications');
  await knex.schema.dropTable('themes');
  await knex.schema.dropTable('consultation_phases');
  await knex.schema.dropTable('consultations');
}
