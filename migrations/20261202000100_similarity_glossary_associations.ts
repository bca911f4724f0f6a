import type { Knex } from 'knex';

const now = (knex: Knex) =>
  knex.client.config.client === 'pg' ? knex.fn.now() : knex.raw("(strftime('%Y-%m-%dT%H:%M:%fZ','now'))");

/** Tables of the similarity module: what each consultation knows about its own words. */
export async function up(knex: Knex): Promise<void> {
  // The consultation glossary: an expression and what it means (« rdv » = « rendez-vous »), edited by
  // the DSI and the ambassadors. Both sides then count as one term for the suggestions.
  await knex.schema.createTable('similarity_glossary', (t) => {
    t.increments('id');
    t.integer('consultation_id').notNullable().references('id').inTable('consultations').onDelete('CASCADE');
    t.string('expression', 80).notNullable();
    t.string('meaning', 120).notNullable();
    // Folded lower-case expression: one entry per expression and consultation, whatever the accents.
    t.string('expression_key', 80).notNullable();
    t.integer('created_by').references('id').inTable('users').onDelete('SET NULL');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(now(knex));
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(now(knex));
    t.unique(['consultation_id', 'expression_key']);
  });
  // Associations between terms learned from the ambassadors' links: integer weights (one per pair of
  // members put together, minus one per member taken out), so that both engines hold the same figures.
  // A pair the DSI removed stays as a row with `removed` set, so that relearning does not bring it back.
  await knex.schema.createTable('similarity_associations', (t) => {
    t.integer('consultation_id').notNullable().references('id').inTable('consultations').onDelete('CASCADE');
    t.integer('theme_id').notNullable().references('id').inTable('themes').onDelete('CASCADE');
    t.string('term_a', 60).notNullable();
    t.string('term_b', 60).notNullable();
    t.integer('weight').notNullable().defaultTo(0);
    t.boolean('removed').notNullable().defaultTo(false);
    t.primary(['consultation_id', 'theme_id', 'term_a', 'term_b']);
  });
  // When each consultation's glossary was seeded and its associations first learned (lazily, on first use).
  await knex.schema.createTable('similarity_state', (t) => {
    t.integer('consultation_id').primary().references('id').inTable('consultations').onDelete('CASCADE');
    t.timestamp('glossary_seeded_at', { useTz: true });
    t.timestamp('learned_at', { useTz: true });
    t.integer('version').notNullable().defaultTo(0);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('similarity_state');
  await knex.schema.dropTable('similarity_associations');
  await knex.schema.dropTable('similarity_glossary');
}
