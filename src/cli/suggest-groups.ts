import { Command, Option } from 'commander';
import type { Knex } from 'knex';
import { createDb, migrateLatest } from '../shared/db';
import { BOM, csvLine } from '../shared/csv';
import { t } from '../shared/i18n';
import { findConsultationBySlug, listThemes } from '../modules/consultations';
import { placesFor, planFor, suggestGroupsFor, PLAN_WINDOW, type ConsolidationPlan, type PlanAction } from '../modules/similarity';
import { loadConfigOrExit } from './support';

interface Options {
  consultation: string;
  theme?: string;
  format: 'json' | 'csv';
}

const err = (msg: string) => process.stderr.write(`${msg}\n`);

/**
 * One group as printed: for a theme, a group of its consolidation plan (the plan page's, in the same
 * order and with the same numbers when one theme is asked); for « à classer », a group of
 * near-duplicates (classified first, then planned on their theme's page).
 */
export interface PrintedGroup {
  number: number;
  scope: string;
  /** Theme scopes: the proposed action; « à classer »: null. */
  action: PlanAction | null;
  /** Ticked on the plan page (a contribution that matches nothing and no one is proposed unticked). */
  ticked: boolean;
  /** attach: the proposed consolidated contribution and the group's resemblance to it. */
  target: { id: number; code: string | null; title: string; score: number } | null;
  /** create: the proposed title. */
  title: string | null;
  /** out_of_scope: the reason of the look-alike already set aside, and its id. */
  reason: string | null;
  lookAlikeId: number | null;
  cohesion: number;
  label: string;
  contributions: Array<{ id: number; reference: string | null; text: string; score: number | null }>;
}

const CSV_HEADER = ['groupe', 'perimetre', 'action', 'coche', 'cible_id', 'cible_code', 'cible_titre', 'ressemblance', 'titre_propose', 'motif', 'cohesion', 'libelle', 'contribution_id', 'reference', 'score', 'texte'];
const decimal = (x: number | null | undefined) => (x == null ? '' : x.toFixed(3).replace('.', ','));

/**
 * « À classer » is grouped by windows of its GROUP_WINDOW oldest contributions (then the next…): the
 * grouping's memory and time grow with the square of what it compares, and at a million contributions
 * the list holds tens of thousands. Near-duplicates in two different windows are not grouped together.
 */
export const GROUP_WINDOW = 5000;

/**
 * The groups of one scope, window after window, each window's groups handed to `emit` before the next
 * is computed (nothing of a scope is kept but the window being printed: the command's memory is
 * bounded by a window's, not by the consultation's size): a theme's consolidation plan (planFor, as
 * the plan page, PLAN_WINDOW contributions at a time), or « à classer »'s suggested groups. Returns the
 * number of the last group.
 */
export async function eachPrintedGroups(db: Knex, consultationId: number, scope: { name: string; themeId: number | null }, first: number, emit: (groups: PrintedGroup[]) => Promise<void>): Promise<number> {
  let number = first - 1;
  if (scope.themeId === null) {
    for (let afterId = 0; ; ) {
      const window = await suggestGroupsFor(db, consultationId, 'a_classer', { window: { afterId, limit: GROUP_WINDOW } });
      await emit(
        window.map((g) => ({
          number: ++number, scope: scope.name, action: null, ticked: true, target: null, title: null, reason: null, lookAlikeId: null, cohesion: g.cohesion, label: g.label,
          contributions: g.contributions.map((c) => ({ id: c.id, reference: c.reference, text: c.body, score: null })),
        })),
      );
      // The window's last id: the highest of its contributions (every one of them is in a group, alone or not).
      const ids = window.flatMap((g) => g.contributions.map((c) => c.id));
      if (ids.length < GROUP_WINDOW) break;
      afterId = Math.max(...ids);
    }
    return number;
  }
  // The plan window by window (PLAN_WINDOW oldest first, then the next…), as the page would show them in
  // turn; the theme's targets and set-aside contributions read once (nothing is written meanwhile).
  const places = await placesFor(db, consultationId, scope.themeId);
  for (let afterId = 0; ; ) {
    const plan = await planFor(db, consultationId, { themeId: scope.themeId }, { afterId, places });
    if (!plan.raws.size) break;
    afterId = plan.lastId;
    await emit(printedPlan(plan, scope.name, () => ++number));
    if (plan.raws.size < PLAN_WINDOW) break;
  }
  return number;
}

/** Every group of one scope at once (the benches count them; the command prints them window by window). */
export async function printedGroups(db: Knex, consultationId: number, scope: { name: string; themeId: number | null }, first = 1): Promise<PrintedGroup[]> {
  const out: PrintedGroup[] = [];
  await eachPrintedGroups(db, consultationId, scope, first, async (groups) => {
    out.push(...groups);
  });
  return out;
}

/** Writes to stdout, waiting while it asks to (a pipe to a slow reader): the output is never held whole. */
async function write(text: string): Promise<void> {
  if (!process.stdout.write(text)) await new Promise((resolve) => process.stdout.once('drain', resolve));
}

function printedPlan(plan: ConsolidationPlan, scopeName: string, next: () => number): PrintedGroup[] {
  const scope = { name: scopeName };
  const targetOf = new Map(plan.targets.map((x) => [x.id, x]));
  return plan.groups.map((g) => {
    const target = g.action === 'attach' && g.targetId !== null ? targetOf.get(g.targetId) : undefined;
    return {
      number: next(), scope: scope.name, action: g.action, ticked: g.ticked,
      target: target ? { id: target.id, code: target.code ?? null, title: target.title, score: g.candidates.find((c) => c.consolidatedId === target.id)?.score ?? 0 } : null,
      title: g.action === 'create' ? g.title : null,
      reason: g.action === 'out_of_scope' ? g.reason : null,
      lookAlikeId: g.action === 'out_of_scope' ? g.lookAlikeId : null,
      cohesion: g.cohesion, label: g.label,
      contributions: g.members.map((m) => {
        const r = plan.raws.get(m.id)!;
        return { id: m.id, reference: r.reference, text: r.body, score: m.score };
      }),
    };
  });
}

/**
 * `ensemble suggest-groups --consultation SLUG [--theme CODE|a_classer] [--format json|csv]`: for a
 * theme, its consolidation plan — the plan page's groups, each with its proposed action (attach to a
 * consolidated contribution, with its id, code, title and score; create, with the proposed title; out
 * of scope, with the reason), members first to last as the page lists them; for « à classer », the
 * suggested groups of near-duplicates. Without --theme, every theme then « à classer », groups
 * numbered in one sequence.
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
    const scopes: Array<{ name: string; themeId: number | null }> = [];
    if (opts.theme === undefined) {
      for (const th of themes) scopes.push({ name: th.code, themeId: Number(th.id) });
      scopes.push({ name: 'a_classer', themeId: null });
    } else if (opts.theme.toLowerCase() === 'a_classer') {
      scopes.push({ name: 'a_classer', themeId: null });
    } else {
      const theme = themes.find((th) => th.code.toLowerCase() === opts.theme!.toLowerCase());
      if (!theme) {
        err(t('similarity.unknownTheme', { code: opts.theme, codes: themes.map((th) => th.code).join(', ') }));
        return 1;
      }
      scopes.push({ name: theme.code, themeId: Number(theme.id) });
    }

    // Printed window by window: the same document as JSON.stringify(…, null, 2) of every group at once.
    const csv = opts.format === 'csv';
    let count = 0;
    const emit = async (groups: PrintedGroup[]) => {
      if (!groups.length) return;
      if (csv) {
        const lines = groups.flatMap((g) =>
          g.contributions.map((c) => csvLine([
            g.number, g.scope, g.action ?? '', g.ticked ? 'oui' : 'non', g.target?.id ?? '', g.target?.code ?? '', g.target?.title ?? '', decimal(g.target?.score), g.title ?? '', g.reason ?? '',
            decimal(g.cohesion), g.label, c.id, c.reference ?? '', decimal(c.score), c.text,
          ])),
        );
        await write(lines.join('\r\n') + '\r\n');
      } else {
        await write(groups.map((g, i) => `${count + i ? ',\n' : '\n'}${JSON.stringify(g, null, 2).replace(/^/gm, '    ')}`).join(''));
      }
      count += groups.length;
    };
    if (csv) await write(BOM + csvLine(CSV_HEADER) + '\r\n');
    else await write(`{\n  "consultation": ${JSON.stringify(consultation.slug)},\n  "theme": ${JSON.stringify(opts.theme ?? null)},\n  "groups": [`);
    let last = 0;
    for (const s of scopes) last = await eachPrintedGroups(db, consultation.id, s, last + 1, emit);
    if (!csv) await write(count ? '\n  ]\n}\n' : ']\n}\n');
    return 0;
  } finally {
    await db.destroy();
  }
}

export function registerSuggestGroupsCommand(program: Command): void {
  program
    .command('suggest-groups')
    .description('Le plan de consolidation d’une thématique (groupes et action proposée, comme la page « plan »), ou les groupes quasi identiques « à classer » (travail hors ligne)')
    .requiredOption('--consultation <slug>', 'identifiant (slug) de la consultation')
    .option('--theme <code>', 'code de la thématique, ou « a_classer » (par défaut : toutes les thématiques puis « à classer »)')
    .addOption(new Option('--format <format>', 'format de sortie').choices(['json', 'csv']).default('json'))
    .action(async (opts: Options) => {
      process.exitCode = await suggestGroupsCommand(opts);
    });
}
