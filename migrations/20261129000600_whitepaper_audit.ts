import type { Knex } from 'knex';

const now = (knex: Knex) =>
  knex.client.config.client === 'pg' ? knex.fn.now() : knex.raw("(strftime('%Y-%m-%dT%H:%M:%fZ','now'))");

export async function up(knex: Knex): Promise<void> {
  // A published edition of the white paper (livre blanc): immutable once written.
  await knex.schema.createTable('whitepaper_editions', (t) => {
    t.increments('id');
    t.integer('consultation_id').notNullable().references('id').inTable('consultations').onDelete('CASCADE');
    t.integer('number').notNullable(); // v1, v2…
    t.string('title', 200).notNullable();
    t.text('snapshot_json').notNullable(); // the whole content as published
    t.string('pdf_path', 400); // under DATA_DIR
    t.string('pdf_sha256', 64);
    t.integer('pdf_bytes');
    t.integer('published_by').references('id').inTable('users').onDelete('SET NULL');
    t.timestamp('published_at', { useTz: true }).notNullable().defaultTo(now(knex));
    t.unique(['consultation_id', 'number']);
  });

  // Who did what, when, with the object before and after. Append-only.
  await knex.schema.createTable('audit_log', (t) => {
    t.increments('id');
    t.integer('actor_id').references('id').inTable('users').onDelete('SET NULL');
    t.string('action', 60).notNullable(); // e.g. user.create, consolidation.attach, whitepaper.publish
    t.string('object_type', 40).notNullable();
    t.string('object_id', 40);
    t.integer('consultation_id').references('id').inTable('consultations').onDelete('SET NULL');
    t.text('before_json');
    t.text('after_json');
    t.string('request_id', 64);
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(now(knex));
    t.index(['created_at']);
    t.index(['object_type', 'object_id']);
    t.index(['actor_id']);
    t.index(['consultation_id', 'action']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('audit_log');
  await knex.schema.dropTable('whitepaper_editions');
}
