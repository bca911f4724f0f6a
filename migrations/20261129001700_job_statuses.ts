import type { Knex } from 'knex';

// One vocabulary for every background job's row (src/shared/jobs.ts): en_attente, en_cours, terminee,
// echouee. Imports said preview / running / done / failed; the white paper's layouts said publiee or
// prete for a finished one and echec for a failed one. « en_cours » is unchanged, so the partial
// unique indexes « one layout running per consultation » stay as they are.
const RENAMES: Record<string, Array<[string, string]>> = {
  import_runs: [
    ['preview', 'en_attente'],
    ['running', 'en_cours'],
    ['done', 'terminee'],
    ['failed', 'echouee'],
  ],
  whitepaper_publications: [
    ['publiee', 'terminee'],
    ['echec', 'echouee'],
  ],
  whitepaper_draft_pdfs: [
    ['prete', 'terminee'],
    ['echec', 'echouee'],
  ],
};

async function rename(knex: Knex, direction: 'up' | 'down'): Promise<void> {
  for (const [table, pairs] of Object.entries(RENAMES)) {
    for (const [before, after] of pairs) {
      const [from, to] = direction === 'up' ? [before, after] : [after, before];
      await knex(table).where({ status: from }).update({ status: to });
    }
  }
}

// An import's row is created as a preview: its column default follows the new word. SQLite cannot
// change a default in place; knex rebuilds the table there (nothing references import_runs).
async function importDefault(knex: Knex, value: string): Promise<void> {
  await knex.schema.alterTable('import_runs', (t) => {
    t.string('status', 20).notNullable().defaultTo(value).alter();
  });
}

export async function up(knex: Knex): Promise<void> {
  await rename(knex, 'up');
  await importDefault(knex, 'en_attente');
}

export async function down(knex: Knex): Promise<void> {
  await importDefault(knex, 'preview');
  await rename(knex, 'down');
}
