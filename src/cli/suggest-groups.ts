import { Command, Option } from 'commander';
import { createDb, migrateLatest } from '../shared/db';
import { BOM, csvLine } from '../shared/csv';
import { t } from '../shared/i18n';
import { findConsultationBySlug, listThemes } from '../modules/consultations';
import { suggestGroupsFor, type GroupScope, type SuggestedGroup } from '../modules/similarity';

interface Options {
  consultation: string;
  theme?: string;
  format: 'json' | 'csv';
}

const err = (msg: string) => process.stderr.write(`${msg}\n`);
import { loadConfigOrExit } from './support';

/** One scope's groups, tagged with the scope (a theme code, or « a_classer »). */
interface ScopedGroups {
  scope: string;
  contributions: number;
  groups: SuggestedGroup[];
}

const CSV_HEADER = ['groupe', 'perimetre', 'cohesion', 'libelle', 'contribution_id', 'reference', 'texte'];

/**
 * `ensemble suggest-groups --consultation SLUG [--theme CODE|a_classer] [--format json|csv]`: the
 * suggested groups of near-duplicates among the unprocessed raw contributions, for offline work.
 * Without --theme, every theme then the « à classer » list, groups numbered in one sequence.
 */
async function suggestGroupsCommand(opts: Options): Promise<number> {
  const config = loadConfigOrExit();
  const db = createDb(config);
  try {
    await migrateLatest(db);
    const consultation = await findConsultationBySlug(db, opts.consultation);
    if (!consultation) {
      err(t('similarity.unknownConsultation', { slug: opts.consultation }));
      return 1;
    }
    const themes = await listThemes(db, consultation.id);
    const scopes: Array<{ name: string; scope: GroupScope }> = [];
    if (opts.theme === undefined) {
      for (const th of themes) scopes.push({ name: th.code, scope: { themeId: Number(th.id) } });
      scopes.push({ name: 'a_classer', scope: 'a_classer' });
    } else if (opts.theme.toLowerCase() === 'a_classer') {
      scopes.push({ name: 'a_classer', scope: 'a_classer' });
    } else {
      const theme = themes.find((th) => th.code.toLowerCase() === opts.theme!.toLowerCase());
      if (!theme) {
        err(t('similarity.unknownTheme', { code: opts.theme, codes: themes.map((th) => th.code).join(', ') }));
        return 1;
      }
      scopes.push({ name: theme.code, scope: { themeId: Number(theme.id) } });
    }

    const results: ScopedGroups[] = [];
    let number = 0;
    for (const s of scopes) {
      const groups = await suggestGroupsFor(db, consultation.id, s.scope);
      const contributions = groups.reduce((n, g) => n + g.contributions.length, 0);
      results.push({ scope: s.name, contributions, groups: groups.map((g) => ({ ...g, number: ++number })) });
    }

    if (opts.format === 'csv') {
      const lines = [csvLine(CSV_HEADER)];
      for (const r of results) {
        for (const g of r.groups) {
          for (const c of g.contributions) lines.push(csvLine([g.number, r.scope, g.cohesion.toFixed(3).replace('.', ','), g.label, c.id, c.reference ?? '', c.body]));
        }
      }
      process.stdout.write(BOM + lines.join('\r\n') + '\r\n');
    } else {
      const doc = {
        consultation: consultation.slug,
        theme: opts.theme ?? null,
        groups: results.flatMap((r) =>
          r.groups.map((g) => ({
            number: g.number,
            scope: r.scope,
            cohesion: g.cohesion,
            label: g.label,
            contributions: g.contributions.map((c) => ({ id: c.id, reference: c.reference, text: c.body })),
          })),
        ),
      };
      process.stdout.write(`${JSON.stringify(doc, null, 2)}\n`);
    }
    return 0;
  } finally {
    await db.destroy();
  }
}

export function registerSuggestGroupsCommand(program: Command): void {
  program
    .command('suggest-groups')
    .description('Propose des groupes de contributions brutes quasi identiques parmi celles à traiter (travail hors ligne)')
    .requiredOption('--consultation <slug>', 'identifiant (slug) de la consultation')
    .option('--theme <code>', 'code de la thématique, ou « a_classer » (par défaut : toutes les thématiques puis « à classer »)')
    .addOption(new Option('--format <format>', 'format de sortie').choices(['json', 'csv']).default('json'))
    .action(async (opts: Options) => {
      process.exitCode = await suggestGroupsCommand(opts);
    });
}
