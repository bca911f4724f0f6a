import type { Knex } from 'knex';

/**
 * Full-text search over raw contributions. The searchable form (accents folded, stop words dropped,
 * French stems) is computed by the app (src/shared/text/french.ts) into `search_text`, so that both
 * engines index exactly the same terms; each engine then indexes that column its own way.
 * `client_key` makes live capture idempotent: a note re-sent after a network drop is stored once.
 *
 * SQLite note: the FTS5 table is kept in sync by triggers. A later migration that makes knex
 * rebuild raw_contributions (dropping or altering a column) must recreate these triggers.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('raw_contributions', (t) => {
    t.text('search_text').notNullable().defaultTo('');
    t.string('client_key', 64);
  });
  await knex.schema.alterTable('raw_contributions', (t) => {
    t.unique(['consultation_id', 'client_key']);
  });
  if (knex.client.config.client === 'pg') {
    await knex.raw("CREATE INDEX raw_contributions_search_idx ON raw_contributions USING GIN (to_tsvector('simple', search_text))");
    return;
  }
  await knex.raw(
    "CREATE VIRTUAL TABLE raw_contributions_fts USING fts5(search_text, content='raw_contributions', content_rowid='id', tokenize='unicode61 remove_diacritics 2')",
  );
  await knex.raw(`CREATE TRIGGER raw_contributions_fts_ai AFTER INSERT ON raw_contributions BEGIN
    INSERT INTO raw_contributions_fts(rowid, search_text) VALUES (new.id, new.search_text);
  END`);
  await knex.raw(`CREATE TRIGGER raw_contributions_fts_ad AFTER DELETE ON raw_contributions BEGIN
    INSERT INTO raw_contributions_fts(raw_contributions_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
  END`);
  await knex.raw(`CREATE TRIGGER raw_contributions_fts_au AFTER UPDATE OF search_text ON raw_contributions BEGIN
    INSERT INTO raw_contributions_fts(raw_contributions_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
    INSERT INTO raw_contributions_fts(rowid, search_text) VALUES (new.id, new.search_text);
  END`);
  await knex.raw("INSERT INTO raw_contributions_fts(raw_contributions_fts) VALUES ('rebuild')");
}

export async function down(knex: Knex): Promise<void> {
  if (knex.client.config.client === 'pg') {
    await knex.raw('DROP INDEX IF EXISTS raw_contributions_search_idx');
  } else {
    for (const trg of ['ai', 'ad', 'au']) await knex.raw(`DROP TRIGGER IF EXISTS raw_contributions_fts_${trg}`);
    await knex.raw('DROP TABLE IF EXISTS raw_contributions_fts');
  }
  await knex.schema.alterTable('raw_contributions', (t) => {
    t.dropUnique(['consultation_id', 'client_key']);
  });
  await knex.schema.alterTable('raw_contributions', (t) => {
    t.dropColumn('client_key');
    t.dropColumn('search_text');
  });
}
