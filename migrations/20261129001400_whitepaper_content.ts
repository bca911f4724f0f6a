import type { Knex } from 'knex';

const now = (knex: Knex) =>
  knex.client.config.client === 'pg' ? knex.fn.now() : knex.raw("(strftime('%Y-%m-%dT%H:%M:%fZ','now'))");

export async function up(knex: Knex): Promise<void> {
  // The white paper's editorial text, written by the DSI in Markdown: one row per consultation.
  // One version for the whole form (the sections and the theme introductions are saved together).
  await knex.schema.createTable('whitepaper_content', (t) => {
    t.integer('consultation_id').primary().references('id').inTable('consultations').onDelete('CASCADE');
    t.string('title', 200).notNullable().defaultTo('');
    t.string('subtitle', 300).notNullable().defaultTo('');
    t.text('foreword_md').notNullable().defaultTo('');
    t.text('method_md').notNullable().defaultTo('');
    t.text('conclusion_md').notNullable().defaultTo('');
    t.text('acknowledgements_md').notNullable().defaultTo('');
    t.integer('version').notNullable().defaultTo(1);
    t.integer('updated_by').references('id').inTable('users').onDelete('SET NULL');
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(now(knex));
  });

  // The introduction of each theme's chapter (a theme without a row has no introduction yet).
  await knex.schema.createTable('whitepaper_theme_intros', (t) => {
    t.integer('theme_id').primary().references('id').inTable('themes').onDelete('CASCADE');
    t.integer('consultation_id').notNullable().references('id').inTable('consultations').onDelete('CASCADE');
    t.text('intro_md').notNullable().defaultTo('');
    t.index(['consultation_id']);
  });

  // An ambassador is named in the white paper only with their own consent, given and withdrawn by them.
  await knex.schema.alterTable('ambassador_applications', (t) => {
    t.boolean('whitepaper_consent').notNullable().defaultTo(false);
    t.timestamp('whitepaper_consent_at', { useTz: true });
  });

  // The published PDF lives in the database, not on one instance's disk: every app instance serves it.
  await knex.schema.alterTable('whitepaper_editions', (t) => {
    t.binary('pdf');
    t.integer('pages');
  });

  // A publication in progress: the PDF of a large document takes a while, so the page polls this row.
  await knex.schema.createTable('whitepaper_publications', (t) => {
    t.increments('id');
    t.integer('consultation_id').notNullable().references('id').inTable('consultations').onDelete('CASCADE');
    t.integer('requested_by').references('id').inTable('users').onDelete('SET NULL');
    t.string('status', 20).notNullable().defaultTo('en_cours'); // en_cours | publiee | echec
    t.integer('content_version').notNullable(); // the editorial version the edition is made from
    t.integer('steps_total').notNullable().defaultTo(0);
    t.integer('steps_done').notNullable().defaultTo(0);
    t.integer('edition_id').references('id').inTable('whitepaper_editions').onDelete('SET NULL');
    t.text('error');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(now(knex));
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(now(knex));
    t.timestamp('finished_at', { useTz: true });
    t.index(['consultation_id', 'id']);
  });
  // One publication at a time per consultation, guaranteed by the database (two clicks, two instances).
  await knex.raw("CREATE UNIQUE INDEX whitepaper_publications_one_running ON whitepaper_publications (consultation_id) WHERE status = 'en_cours'");
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('whitepaper_publications');
  await knex.schema.alterTable('whitepaper_editions', (t) => {
    t.dropColumn('pages');
    t.dropColumn('pdf');
  });
  await knex.schema.alterTable('ambassador_applications', (t) => {
    t.dropColumn('whitepaper_consent_at');
    t.dropColumn('whitepaper_consent');
  });
  await knex.schema.dropTable('whitepaper_theme_intros');
  await knex.schema.dropTable('whitepaper_content');
}
