import type { Knex } from 'knex';

const now = (knex: Knex) =>
  knex.client.config.client === 'pg' ? knex.fn.now() : knex.raw("(strftime('%Y-%m-%dT%H:%M:%fZ','now'))");

export async function up(knex: Knex): Promise<void> {
  // The PDF of a long draft, laid out in the background so that its page can show the progress.
  // A derived file, not data: rows older than a day are purged when a new one is asked for.
  await knex.schema.createTable('whitepaper_draft_pdfs', (t) => {
    t.increments('id');
    t.integer('consultation_id').notNullable().references('id').inTable('consultations').onDelete('CASCADE');
    t.integer('requested_by').references('id').inTable('users').onDelete('SET NULL');
    t.string('status', 20).notNullable().defaultTo('en_cours'); // en_cours | prete | echec
    t.integer('needs').notNullable().defaultTo(0);
    t.integer('steps_total').notNullable().defaultTo(0);
    t.integer('steps_done').notNullable().defaultTo(0);
    t.binary('pdf');
    t.integer('pdf_bytes');
    t.integer('pages');
    t.text('error');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(now(knex));
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(now(knex));
    t.timestamp('finished_at', { useTz: true });
    t.index(['consultation_id', 'id']);
  });
  // One layout at a time per consultation: a second click (or instance) joins the running one.
  await knex.raw("CREATE UNIQUE INDEX whitepaper_draft_pdfs_one_running ON whitepaper_draft_pdfs (consultation_id) WHERE status = 'en_cours'");
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('whitepaper_draft_pdfs');
}
