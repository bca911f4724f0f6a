import type { Knex } from 'knex';

const now = (knex: Knex) =>
  knex.client.config.client === 'pg' ? knex.fn.now() : knex.raw("(strftime('%Y-%m-%dT%H:%M:%fZ','now'))");

export async function up(knex: Knex): Promise<void> {
  // One upload of raw contributions (CSV or XLSX) for a consultation: its preview, then its run.
  // The uploaded file waits under DATA_DIR between the preview and the run (file_path), then is deleted.
  await knex.schema.createTable('import_runs', (t) => {
    t.increments('id');
    t.integer('consultation_id').notNullable().references('id').inTable('consultations').onDelete('CASCADE');
    t.integer('created_by').references('id').inTable('users').onDelete('SET NULL');
    t.string('file_name', 255).notNullable();
    t.string('file_path', 400); // relative to DATA_DIR; null once the run is over (or for the command line)
    t.integer('file_bytes').notNullable().defaultTo(0);
    t.string('format', 10).notNullable(); // csv | xlsx
    t.string('status', 20).notNullable().defaultTo('preview'); // preview | running | done | failed
    t.integer('rows_total').notNullable().defaultTo(0);
    t.integer('rows_done').notNullable().defaultTo(0);
    t.integer('to_create').notNullable().defaultTo(0); // as previewed
    t.integer('already_imported').notNullable().defaultTo(0); // as previewed
    t.integer('error_rows').notNullable().defaultTo(0);
    t.integer('created').notNullable().defaultTo(0); // as run
    t.integer('skipped').notNullable().defaultTo(0); // as run (already imported)
    t.text('errors_json').notNullable().defaultTo('[]'); // file errors and the first row errors: [{ line, reason }]
    t.text('preview_json').notNullable().defaultTo('[]'); // the first rows with their fate, for display
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(now(knex));
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(now(knex));
    t.timestamp('started_at', { useTz: true });
    t.timestamp('finished_at', { useTz: true });
    t.index(['consultation_id', 'id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('import_runs');
}
