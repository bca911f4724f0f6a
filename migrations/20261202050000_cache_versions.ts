import type { Knex } from 'knex';

/**
 * The version of what every request reads about a consultation and which rarely changes: its row, its
 * phases and its themes (issue 13, item 1). Each app instance keeps them in memory and checks this
 * small table at most every second (CONSULTATION_CACHE_CHECK_MS): a version that moved means its copy
 * is stale. The version is moved by triggers, in the transaction of the write itself, whoever writes
 * (the consultations module, a bulk load, an operator's SQL): no write can forget it. Owned by the
 * consultations module and written by these triggers only (as the full-text shadow table).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('cache_versions', (t) => {
    // No foreign key: a deleted consultation keeps its row, moved once more, so every copy is dropped.
    t.integer('consultation_id').primary();
    t.bigInteger('version').notNullable().defaultTo(1);
  });
  await knex.raw('INSERT INTO cache_versions (consultation_id, version) SELECT id, 1 FROM consultations');

  if (knex.client.config.client === 'pg') {
    await knex.raw(`CREATE FUNCTION cache_versions_bump_consultation() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          UPDATE cache_versions SET version = version + 1 WHERE consultation_id = OLD.id;
          RETURN OLD;
        END IF;
        INSERT INTO cache_versions (consultation_id, version) VALUES (NEW.id, 1)
          ON CONFLICT (consultation_id) DO UPDATE SET version = cache_versions.version + 1;
        RETURN NEW;
      END $$`);
    await knex.raw(`CREATE FUNCTION cache_versions_bump_child() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') THEN
          UPDATE cache_versions SET version = version + 1 WHERE consultation_id = OLD.consultation_id;
        END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') THEN
          IF TG_OP = 'INSERT' OR NEW.consultation_id IS DISTINCT FROM OLD.consultation_id THEN
            UPDATE cache_versions SET version = version + 1 WHERE consultation_id = NEW.consultation_id;
          END IF;
          RETURN NEW;
        END IF;
        RETURN OLD;
      END $$`);
    await knex.raw(`CREATE TRIGGER cache_versions_consultations AFTER INSERT OR UPDATE OR DELETE ON consultations
      FOR EACH ROW EXECUTE FUNCTION cache_versions_bump_consultation()`);
    for (const table of ['consultation_phases', 'themes']) {
      await knex.raw(`CREATE TRIGGER cache_versions_${table} AFTER INSERT OR UPDATE OR DELETE ON ${table}
        FOR EACH ROW EXECUTE FUNCTION cache_versions_bump_child()`);
    }
    // TRUNCATE fires no row trigger: every version moves.
    await knex.raw(`CREATE FUNCTION cache_versions_bump_all() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE cache_versions SET version = version + 1;
        RETURN NULL;
      END $$`);
    for (const table of ['consultations', 'consultation_phases', 'themes']) {
      await knex.raw(`CREATE TRIGGER cache_versions_${table}_truncate AFTER TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION cache_versions_bump_all()`);
    }
    return;
  }

  await knex.raw(`CREATE TRIGGER cache_versions_consultations_ai AFTER INSERT ON consultations BEGIN
    INSERT INTO cache_versions (consultation_id, version) VALUES (new.id, 1)
      ON CONFLICT (consultation_id) DO UPDATE SET version = version + 1;
  END`);
  await knex.raw(`CREATE TRIGGER cache_versions_consultations_au AFTER UPDATE ON consultations BEGIN
    UPDATE cache_versions SET version = version + 1 WHERE consultation_id IN (old.id, new.id);
  END`);
  await knex.raw(`CREATE TRIGGER cache_versions_consultations_ad AFTER DELETE ON consultations BEGIN
    UPDATE cache_versions SET version = version + 1 WHERE consultation_id = old.id;
  END`);
  for (const table of ['consultation_phases', 'themes']) {
    await knex.raw(`CREATE TRIGGER cache_versions_${table}_ai AFTER INSERT ON ${table} BEGIN
      UPDATE cache_versions SET version = version + 1 WHERE consultation_id = new.consultation_id;
    END`);
    await knex.raw(`CREATE TRIGGER cache_versions_${table}_au AFTER UPDATE ON ${table} BEGIN
      UPDATE cache_versions SET version = version + 1 WHERE consultation_id IN (old.consultation_id, new.consultation_id);
    END`);
    await knex.raw(`CREATE TRIGGER cache_versions_${table}_ad AFTER DELETE ON ${table} BEGIN
      UPDATE cache_versions SET version = version + 1 WHERE consultation_id = old.consultation_id;
    END`);
  }
}

export async function down(knex: Knex): Promise<void> {
  if (knex.client.config.client === 'pg') {
    for (const table of ['consultations', 'consultation_phases', 'themes']) {
      await knex.raw(`DROP TRIGGER IF EXISTS cache_versions_${table} ON ${table}`);
      await knex.raw(`DROP TRIGGER IF EXISTS cache_versions_${table}_truncate ON ${table}`);
    }
    await knex.raw('DROP FUNCTION IF EXISTS cache_versions_bump_all()');
    await knex.raw('DROP FUNCTION IF EXISTS cache_versions_bump_consultation()');
    await knex.raw('DROP FUNCTION IF EXISTS cache_versions_bump_child()');
  } else {
    for (const table of ['consultations', 'consultation_phases', 'themes']) {
      for (const op of ['ai', 'au', 'ad']) await knex.raw(`DROP TRIGGER IF EXISTS cache_versions_${table}_${op}`);
    }
  }
  await knex.schema.dropTableIfExists('cache_versions');
}
