import type { Knex } from 'knex';

const now = (knex: Knex) =>
  knex.client.config.client === 'pg' ? knex.fn.now() : knex.raw("(strftime('%Y-%m-%dT%H:%M:%fZ','now'))");

export async function up(knex: Knex): Promise<void> {
  // A raw contribution (contribution brute): what a person said, kept exactly as typed, never deleted.
  await knex.schema.createTable('raw_contributions', (t) => {
    t.increments('id');
    t.integer('consultation_id').notNullable().references('id').inTable('consultations').onDelete('CASCADE');
    t.integer('theme_id').references('id').inTable('themes').onDelete('SET NULL'); // null: « à classer »
    t.integer('workshop_id').references('id').inTable('workshops').onDelete('SET NULL');
    t.integer('author_id').references('id').inTable('users').onDelete('SET NULL');
    t.string('author_name', 200); // author as written on an imported sheet, when no account matches
    t.integer('structure_id').references('id').inTable('structures').onDelete('SET NULL');
    t.boolean('anonymous').notNullable().defaultTo(false); // never shown to other contributors nor published
    t.string('source', 20).notNullable(); // atelier | individuelle | import | partenaire
    t.string('reference', 60); // the sheet's own numbering, shown wherever the contribution is
    t.text('body').notNullable();
    // a_traiter | consolidee | hors_perimetre | retiree (withdrawn by its author before consolidation)
    t.string('status', 20).notNullable().defaultTo('a_traiter');
    t.text('out_of_scope_reason');
    t.string('import_key', 64); // content hash that makes re-importing the same row a no-op
    t.timestamp('submitted_at', { useTz: true }).notNullable().defaultTo(now(knex));
    t.integer('created_by').references('id').inTable('users').onDelete('SET NULL');
    t.integer('version').notNullable().defaultTo(1);
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(now(knex));
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(now(knex));
    t.unique(['consultation_id', 'import_key']);
    t.index(['consultation_id', 'theme_id', 'status']);
    t.index(['consultation_id', 'id']); // keyset pagination
    t.index(['workshop_id']);
    t.index(['author_id']);
  });

  // An extract: a quoted fragment of a raw contribution that carries several ideas.
  await knex.schema.createTable('contribution_extracts', (t) => {
    t.increments('id');
    t.integer('raw_contribution_id').notNullable().references('id').inTable('raw_contributions').onDelete('CASCADE');
    t.integer('start_offset').notNullable();
    t.integer('end_offset').notNullable();
    t.text('quote').notNullable();
    t.integer('created_by').references('id').inTable('users').onDelete('SET NULL');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(now(knex));
    t.index(['raw_contribution_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('contribution_extracts');
  await knex.schema.dropTable('raw_contributions');
}
