import type { Knex } from 'knex';

/**
 * Issue 13 (scale): an index for every filter of the contributions list, each ending with the id so
 * that a filtered page is read in keyset order (newest first) without sorting, and a capped count
 * stops after its cap; and one covering index for the participation figures (stats), which group the
 * counted contributions (not withdrawn, not continuous intake) by theme, source, structure and
 * workshop without reading the table's rows.
 */
const INDEXES: Array<[string, string[]]> = [
  ['raw_contributions_theme_keyset_idx', ['consultation_id', 'theme_id', 'id']],
  ['raw_contributions_status_keyset_idx', ['consultation_id', 'status', 'id']],
  ['raw_contributions_source_keyset_idx', ['consultation_id', 'source', 'id']],
  ['raw_contributions_workshop_keyset_idx', ['consultation_id', 'workshop_id', 'id']],
  ['raw_contributions_structure_keyset_idx', ['consultation_id', 'structure_id', 'id']],
  ['raw_contributions_intake_keyset_idx', ['consultation_id', 'continuous_intake', 'id']],
  ['raw_contributions_submitted_idx', ['consultation_id', 'submitted_at']],
  ['raw_contributions_figures_idx', ['consultation_id', 'continuous_intake', 'status', 'theme_id', 'source', 'structure_id', 'workshop_id']],
];

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('raw_contributions', (t) => {
    for (const [name, columns] of INDEXES) t.index(columns, name);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('raw_contributions', (t) => {
    for (const [name, columns] of INDEXES) t.dropIndex(columns, name);
  });
}
