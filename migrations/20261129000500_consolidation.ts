import type { Knex } from 'knex';

const now = (knex: Knex) =>
  knex.client.config.client === 'pg' ? knex.fn.now() : knex.raw("(strftime('%Y-%m-%dT%H:%M:%fZ','now'))");

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('consolidated_contributions', (t) => {
    t.increments('id');
    t.integer('consultation_id').notNullable().references('id').inTable('consultations').onDelete('CASCADE');
    t.integer('theme_id').notNullable().references('id').inTable('themes');
    t.string('code', 30); // e.g. CC-USA-012, given at creation
    t.string('title', 200).notNullable();
    t.text('body_md').notNullable().defaultTo('');
    t.string('status', 20).notNullable().defaultTo('brouillon'); // brouillon | soumise | validee | renvoyee
    t.integer('split_from_id').references('id').inTable('consolidated_contributions').onDelete('SET NULL');
    t.integer('created_by').references('id').inTable('users').onDelete('SET NULL');
    t.integer('version').notNullable().defaultTo(1);
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(now(knex));
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(now(knex));
    t.index(['consultation_id', 'theme_id']);
  });

  // Link raw contribution (whole or extract) -> consolidated contribution. Undoing a link stamps it, never deletes it.
  await knex.schema.createTable('consolidation_links', (t) => {
    t.increments('id');
    t.integer('consolidated_contribution_id').notNullable().references('id').inTable('consolidated_contributions');
    t.integer('raw_contribution_id').notNullable().references('id').inTable('raw_contributions');
    t.integer('extract_id').references('id').inTable('contribution_extracts');
    t.integer('created_by').references('id').inTable('users').onDelete('SET NULL');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(now(knex));
    t.integer('undone_by').references('id').inTable('users').onDelete('SET NULL');
    t.timestamp('undone_at', { useTz: true });
    t.index(['consolidated_contribution_id']);
    t.index(['raw_contribution_id']);
  });
  // The database, not the code, guarantees that a whole raw contribution (or an extract) feeds at most
  // one consolidated contribution at a time: two ambassadors attaching it at once, one wins.
  await knex.raw(
    'CREATE UNIQUE INDEX consolidation_links_active_whole ON consolidation_links (raw_contribution_id) WHERE undone_at IS NULL AND extract_id IS NULL',
  );
  await knex.raw(
    'CREATE UNIQUE INDEX consolidation_links_active_extract ON consolidation_links (extract_id) WHERE undone_at IS NULL AND extract_id IS NOT NULL',
  );

  // A need (besoin), coded B-01…, grouping consolidated contributions.
  await knex.schema.createTable('needs', (t) => {
    t.increments('id');
    t.integer('consultation_id').notNullable().references('id').inTable('consultations').onDelete('CASCADE');
    t.integer('theme_id').notNullable().references('id').inTable('themes');
    t.string('code', 20).notNullable();
    t.string('title', 200).notNullable();
    t.text('description_md').notNullable().defaultTo('');
    t.integer('position').notNullable().defaultTo(0);
    t.string('status', 20).notNullable().defaultTo('brouillon'); // brouillon | soumis | valide | renvoye
    t.text('review_comment');
    t.integer('merged_into_id').references('id').inTable('needs').onDelete('SET NULL');
    t.integer('created_by').references('id').inTable('users').onDelete('SET NULL');
    t.integer('validated_by').references('id').inTable('users').onDelete('SET NULL');
    t.timestamp('validated_at', { useTz: true });
    t.integer('version').notNullable().defaultTo(1);
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(now(knex));
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(now(knex));
    t.unique(['consultation_id', 'code']);
    t.index(['consultation_id', 'theme_id', 'position']);
  });

  // A consolidated contribution may support more than one need.
  await knex.schema.createTable('need_supports', (t) => {
    t.integer('need_id').notNullable().references('id').inTable('needs').onDelete('CASCADE');
    t.integer('consolidated_contribution_id').notNullable().references('id').inTable('consolidated_contributions');
    t.integer('created_by').references('id').inTable('users').onDelete('SET NULL');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(now(knex));
    t.primary(['need_id', 'consolidated_contribution_id']);
    t.index(['consolidated_contribution_id']);
  });

  // A functional proposal (proposition fonctionnelle) under a need.
  await knex.schema.createTable('functional_proposals', (t) => {
    t.increments('id');
    t.integer('need_id').notNullable().references('id').inTable('needs');
    t.string('code', 30).notNullable(); // e.g. B-01.2
    t.string('title', 200).notNullable();
    t.text('description_md').notNullable().defaultTo('');
    t.string('priority', 20).notNullable().defaultTo('moyenne'); // haute | moyenne | basse
    t.string('target_stream', 120).notNullable().defaultTo('');
    t.integer('position').notNullable().defaultTo(0);
    t.string('status', 20).notNullable().defaultTo('brouillon'); // brouillon | soumis | valide | renvoye
    t.text('review_comment');
    t.integer('created_by').references('id').inTable('users').onDelete('SET NULL');
    t.integer('validated_by').references('id').inTable('users').onDelete('SET NULL');
    t.timestamp('validated_at', { useTz: true });
    t.integer('version').notNullable().defaultTo(1);
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(now(knex));
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(now(knex));
    t.index(['need_id', 'position']);
  });

  // Representative quotes chosen by ambassadors for the white paper (published anonymised).
  await knex.schema.createTable('representative_quotes', (t) => {
    t.increments('id');
    t.integer('need_id').notNullable().references('id').inTable('needs').onDelete('CASCADE');
    t.integer('raw_contribution_id').notNullable().references('id').inTable('raw_contributions');
    t.integer('extract_id').references('id').inTable('contribution_extracts');
    t.integer('created_by').references('id').inTable('users').onDelete('SET NULL');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(now(knex));
    t.unique(['need_id', 'raw_contribution_id']);
  });

  await knex.schema.createTable('need_comments', (t) => {
    t.increments('id');
    t.integer('need_id').notNullable().references('id').inTable('needs').onDelete('CASCADE');
    t.integer('author_id').references('id').inTable('users').onDelete('SET NULL');
    t.text('body').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(now(knex));
    t.index(['need_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of [
    'need_comments',
    'representative_quotes',
    'functional_proposals',
    'need_supports',
    'needs',
    'consolidation_links',
    'consolidated_contributions',
  ]) {
    await knex.schema.dropTable(table);
  }
}
