import type { Knex } from 'knex';

const now = (knex: Knex) =>
  knex.client.config.client === 'pg' ? knex.fn.now() : knex.raw("(strftime('%Y-%m-%dT%H:%M:%fZ','now'))");

export async function up(knex: Knex): Promise<void> {
  // The word cloud of a selection of contributions (stats): the terms counted, under the selection's
  // filter and the stamp of the contributions they were counted on; a derived cache, recounted when
  // the stamp changes (in the background for a large selection, with its job state on the same row).
  await knex.schema.createTable('word_clouds', (t) => {
    t.increments('id');
    t.integer('consultation_id').notNullable().references('id').inTable('consultations').onDelete('CASCADE');
    t.string('filter_key', 700).notNullable(); // the contributions list's query string; '' = the whole consultation
    t.string('stamp', 120); // newest contribution id | latest updated_at, when the terms were counted
    t.text('terms_json');
    t.integer('contributions').notNullable().defaultTo(0);
    t.timestamp('computed_at', { useTz: true });
    t.string('status', 20).notNullable().defaultTo('terminee'); // en_cours | terminee | echouee (shared/jobs)
    t.integer('steps_done').notNullable().defaultTo(0);
    t.integer('steps_total').notNullable().defaultTo(0);
    t.text('error');
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(now(knex));
    t.unique(['consultation_id', 'filter_key']);
  });
  // The stamp's « latest change » is one index lookup instead of a scan of the consultation's contributions.
  await knex.schema.alterTable('raw_contributions', (t) => {
    t.index(['consultation_id', 'updated_at'], 'raw_contributions_consultation_updated_idx');
  });
  // The white paper may show one word cloud, chosen by the DSI: null = none, otherwise the selection's
  // query string ('' = the whole consultation, 'theme=12' = one theme).
  await knex.schema.alterTable('whitepaper_content', (t) => {
    t.string('word_cloud', 700);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('whitepaper_content', (t) => {
    t.dropColumn('word_cloud');
  });
  await knex.schema.alterTable('raw_contributions', (t) => {
    t.dropIndex(['consultation_id', 'updated_at'], 'raw_contributions_consultation_updated_idx');
  });
  await knex.schema.dropTable('word_clouds');
}
