import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { createDb, migrateLatest } from '../shared/db';
import { formatDuration, formatNumber, plural } from '../shared/i18n';
import { findUserByEmail } from '../modules/users';
import type { Actor } from '../shared/actor';
import { analyseImport, finishRun, fileSource, hasErrors, importsPolicy, insertRun, runImport, type LineError } from '../modules/imports';
import { consultationNamed, loadConfigOrExit } from './support';

/** Progress lines on stderr every this many rows. */
const PROGRESS_EVERY = 5_000;

interface Options {
  consultation: string;
  dryRun?: boolean;
  as?: string;
}

const err = (msg: string) => process.stderr.write(`${msg}\n`);
const out = (msg: string) => process.stdout.write(`${msg}\n`);

function printErrors(fileErrors: string[], errors: LineError[], errorRows: number): void {
  for (const e of fileErrors) err(`Fichier : ${e}`);
  for (const e of errors) err(`Ligne ${e.line} : ${e.reason}`);
  if (errorRows > errors.length) err(`… et ${plural(errorRows - errors.length, '# autre ligne', '# autres lignes')} en erreur.`);
}

function progress(label: string): (rows: number) => void {
  let next = PROGRESS_EVERY;
  return (rows) => {
    while (rows >= next) {
      err(`${label} : ${formatNumber(next)} lignes…`);
      next += PROGRESS_EVERY;
    }
  };
}

/**
 * `ensemble import-contributions FILE --consultation SLUG [--dry-run] [--as EMAIL]`: the same
 * preview and all-or-nothing import as the DSI's page, for files handled by an operator. Exit
 * code 1, with every error (« Ligne N : motif ») on stderr, when the file cannot be imported.
 */
async function importContributions(file: string, opts: Options): Promise<number> {
  const config = loadConfigOrExit();
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) {
    err(`Fichier introuvable : ${file}`);
    return 1;
  }
  const db = createDb(config);
  try {
    await migrateLatest(db);
    const consultation = await consultationNamed(db, opts.consultation);
    if (!consultation) return 1;
    let actorId: number | null = null;
    if (opts.as) {
      const user = await findUserByEmail(db, opts.as);
      const actor: Actor | null = user ? { id: user.id, email: user.email, displayName: user.display_name, role: user.role, structureId: user.structure_id } : null;
      if (!user || !user.active || !importsPolicy.canImport(actor, consultation)) {
        err(`--as : aucun compte DSI actif avec l’adresse « ${opts.as} ».`);
        return 1;
      }
      actorId = user.id;
    }
    const source = fileSource(path.basename(file), file);
    const started = Date.now();
    const analysis = await analyseImport(db, consultation.id, source, { onProgress: progress('Vérification') });
    if (hasErrors(analysis)) {
      printErrors(analysis.fileErrors, analysis.errors, analysis.errorRows);
      err(`Rien n’a été importé : ${plural(analysis.errorRows, '# ligne', '# lignes')} en erreur sur ${formatNumber(analysis.rowsTotal)}.`);
      return 1;
    }
    out(
      `${plural(analysis.rowsTotal, '# ligne lue', '# lignes lues')} (${analysis.format?.toUpperCase()}${analysis.encoding ? `, ${analysis.encoding}` : ''}) : ` +
        `${formatNumber(analysis.toCreate)} à créer, ${plural(analysis.alreadyImported, '# déjà importée', '# déjà importées')}.`,
    );
    if (opts.dryRun) {
      out('Vérification seulement (--dry-run) : rien n’a été importé.');
      return 0;
    }
    const runId = await insertRun(db, {
      consultation_id: consultation.id,
      created_by: actorId,
      file_name: source.name.slice(0, 255),
      file_bytes: fs.statSync(file).size,
      format: analysis.format ?? 'csv',
      status: 'en_cours',
      rows_total: analysis.rowsTotal,
      to_create: analysis.toCreate,
      already_imported: analysis.alreadyImported,
      error_rows: 0,
      errors_json: '[]',
      preview_json: JSON.stringify(analysis.sample),
    });
    const outcome = await runImport(db, { consultationId: consultation.id, actorId, source, runId, via: 'cli', onProgress: progress('Import') });
    if (!outcome.ok) {
      await finishRun(db, runId, {
        status: 'echouee',
        rows_done: outcome.rowsTotal,
        error_rows: outcome.errorRows,
        errors_json: JSON.stringify([...outcome.fileErrors.map((reason) => ({ line: 0, reason })), ...outcome.errors]),
      });
      printErrors(outcome.fileErrors, outcome.errors, outcome.errorRows);
      err('Rien n’a été importé.');
      return 1;
    }
    out(
      `Import terminé en ${formatDuration(Date.now() - started)} : ${plural(outcome.created, '# contribution créée', '# contributions créées')}, ` +
        `${plural(outcome.skipped, '# déjà importée', '# déjà importées')}, dans « ${consultation.title} ».`,
    );
    return 0;
  } finally {
    await db.destroy();
  }
}

export function registerImportCommand(program: Command): void {
  program
    .command('import-contributions')
    .description('Importe des contributions brutes (CSV ou XLSX) dans une consultation, tout ou rien')
    .argument('<fichier>', 'fichier CSV ou XLSX (colonnes : texte, et facultatives référence, atelier, thématique, auteur, date)')
    .requiredOption('--consultation <slug>', 'identifiant (slug) de la consultation')
    .option('--dry-run', 'vérifie le fichier et affiche le sort des lignes sans rien importer')
    .option('--as <email>', 'compte DSI enregistré comme auteur de l’import (jamais comme auteur des contributions)')
    .action(async (file: string, opts: Options) => {
      process.exitCode = await importContributions(file, opts);
    });
}
