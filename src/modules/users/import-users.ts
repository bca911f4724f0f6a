import type { Knex } from 'knex';
import { recordAudit } from '../audit';
import type { Actor } from '../../shared/actor';
import { listStructures } from '../structures';
import { CsvFormatError, parseCsv } from '../../shared/csv';
import { fieldErrors } from '../../shared/validation';
import { plural, t } from '../../shared/i18n';
import './messages';
import { existingEmails, insertUser } from './queries';
import { importRowSchema } from './validation';
import type { Role } from '../../shared/actor';

export const USER_IMPORT_MAX_ROWS = 5000;

/** Accepted column names (normalised) for each field. */
const COLUMNS = {
  email: ['email', 'e_mail', 'courriel', 'adresse_electronique', 'mail'],
  displayName: ['nom', 'name', 'nom_complet', 'display_name', 'prenom_nom'],
  role: ['role', 'profil'],
  structure: ['structure', 'mission_locale', 'organisme'],
};

export interface ImportLine {
  line: number;
  email: string;
  displayName: string;
  role: string;
  structure: string;
  fate: 'creer' | 'existant' | 'erreur';
  errors: string[];
}

export interface ImportReport {
  lines: ImportLine[];
  fileErrors: string[];
  toCreate: number;
  existing: number;
  errors: number;
  created?: number;
}

/** Signatures of what is sent by mistake (or on purpose) instead of a CSV: ZIP (XLSX, DOCX), PDF, PNG, JPEG, GIF, Excel 97. */
const BINARY_MAGIC = ['504b0304', '504b0506', '25504446', '89504e47', 'ffd8ff', '47494638', 'd0cf11e0'];

/**
 * A CSV is text: no known binary signature and no NUL byte in its first 64 KB. Checked before
 * decoding so that a workbook or a zip bomb is refused without being read as text, let alone unzipped.
 */
function looksLikeText(file: Buffer): boolean {
  const head = file.subarray(0, 64 * 1024);
  const hex = head.subarray(0, 4).toString('hex');
  return !BINARY_MAGIC.some((m) => hex.startsWith(m)) && !head.includes(0);
}

function pick(values: Record<string, string>, names: string[]): string {
  for (const n of names) if (values[n] !== undefined) return values[n]!;
  return '';
}

/**
 * Imports staff accounts from CSV (email, nom, rôle, structure). All or nothing: any error in any
 * row imports no row, and the report lists every error with its line. Idempotent: an e-mail already
 * known is left untouched. Imported accounts have no password until the DSI gives them one.
 */
export async function importUsers(db: Knex, actor: Actor, file: Buffer, options: { dryRun: boolean; requestId?: string }): Promise<ImportReport> {
  if (!looksLikeText(file)) return { lines: [], fileErrors: [t('users.import.notCsv')], toCreate: 0, existing: 0, errors: 1 };
  let parsed;
  try {
    parsed = parseCsv(file, USER_IMPORT_MAX_ROWS);
  } catch (err) {
    if (err instanceof CsvFormatError) return { lines: [], fileErrors: [err.message], toCreate: 0, existing: 0, errors: 1 };
    throw err;
  }
  const missing = (['email', 'displayName'] as const).filter((k) => !COLUMNS[k].some((c) => parsed.headers.includes(c)));
  if (missing.length) {
    const names = missing.map((k) => (k === 'email' ? '« email »' : '« nom »'));
    return {
      lines: [],
      fileErrors: [`${plural(names.length, 'Colonne obligatoire absente', 'Colonnes obligatoires absentes')} : ${names.join(', ')}. Colonnes trouvées : ${parsed.headers.join(', ') || 'aucune'}.`],
      toCreate: 0,
      existing: 0,
      errors: 1,
    };
  }
  const structures = await listStructures(db);
  const byName = new Map(structures.map((s) => [s.name.toLowerCase(), s.id]));
  const known = await existingEmails(
    db,
    parsed.rows.map((r) => pick(r.values, COLUMNS.email).toLowerCase()),
  );
  const seen = new Map<string, number>();
  const lines: ImportLine[] = parsed.rows.map(({ line, values }) => {
    const raw = {
      email: pick(values, COLUMNS.email),
      displayName: pick(values, COLUMNS.displayName),
      role: pick(values, COLUMNS.role),
      structure: pick(values, COLUMNS.structure),
    };
    const out: ImportLine = { line, ...raw, fate: 'creer', errors: [] };
    const v = importRowSchema.safeParse(raw);
    if (!v.success) out.errors.push(...Object.values(fieldErrors(v.error)));
    else {
      out.email = v.data.email;
      out.role = v.data.role;
      if (v.data.structure && !byName.has(v.data.structure.toLowerCase())) out.errors.push(`Structure inconnue : « ${v.data.structure} ».`);
      const first = seen.get(v.data.email);
      if (first) out.errors.push(`Adresse en double dans le fichier (déjà ligne ${first}).`);
      else seen.set(v.data.email, line);
      if (!out.errors.length && known.has(v.data.email)) out.fate = 'existant';
    }
    if (out.errors.length) out.fate = 'erreur';
    return out;
  });
  const report: ImportReport = {
    lines,
    fileErrors: lines.length ? [] : ['Le fichier ne contient aucune ligne de données.'],
    toCreate: lines.filter((l) => l.fate === 'creer').length,
    existing: lines.filter((l) => l.fate === 'existant').length,
    errors: lines.filter((l) => l.fate === 'erreur').length,
  };
  if (options.dryRun || report.errors > 0 || report.fileErrors.length) return report;

  report.created = await db.transaction(async (trx) => {
    // Re-check inside the transaction: another import may have landed since the preview.
    const stillNew = await existingEmails(trx, lines.filter((l) => l.fate === 'creer').map((l) => l.email));
    let created = 0;
    for (const l of lines) {
      if (l.fate !== 'creer' || stillNew.has(l.email)) continue;
      await insertUser(trx, {
        email: l.email,
        display_name: l.displayName.trim(),
        role: l.role as Role,
        structure_id: l.structure ? byName.get(l.structure.toLowerCase()) ?? null : null,
        password_hash: null,
      });
      created++;
    }
    await recordAudit(trx, {
      actorId: actor.id,
      action: 'user.import',
      objectType: 'user',
      after: { created, existing: report.existing, rows: lines.length },
      requestId: options.requestId,
    });
    return created;
  });
  return report;
}
