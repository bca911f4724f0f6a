import { neutraliseCell } from '../../shared/csv';
import { utcToParis } from '../../shared/paris-time';
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Response } from 'express';
import ExcelJS from 'exceljs';
import { stringify } from 'csv-stringify';
import { toDate } from '../../shared/db';
import { t } from '../../shared/i18n';
import type { ContributionView } from './queries';

/**
 * Formula injection: a spreadsheet runs a cell that starts with =, +, - or @ (and some also after a
 * tab or carriage return). Every exported text cell goes through here and gets a leading apostrophe,
 * which spreadsheets show as plain text. Numbers and JSON are left alone.
 */
export { neutraliseCell };

type Cell = string | number | null;
export interface ExportColumn {
  header: string;
  /** Key in the JSON export. */
  key: string;
  value: (c: ContributionView) => Cell;
}

/** « 2023-09-14 10:05 », Paris time: what a French spreadsheet reads as a date. */
export function parisDateTime(v: unknown): string {
  const d = toDate(v);
  if (!d || Number.isNaN(d.getTime())) return '';
  const { day, time } = utcToParis(d);
  return `${day} ${time}`;
}

/** When a contribution was submitted, in Paris: the day alone when only a day was given (an imported date). */
const submittedOn = (c: ContributionView): string => (c.submitted_day_only ? parisDateTime(c.submitted_at).slice(0, 10) : parisDateTime(c.submitted_at));

/** The author as files show them: never the name of someone who asked to stay anonymous. */
export function exportedAuthor(c: ContributionView): string {
  if (c.anonymous) return t('contributions.anonymous');
  return c.author_display_name ?? c.author_name ?? '';
}

const themeLabel = (c: ContributionView) => c.theme_title ?? t('contributions.unclassified');

/** The staff export (ambassadors, DSI). */
export const STAFF_COLUMNS: ExportColumn[] = [
  { header: 'Identifiant', key: 'id', value: (c) => c.id },
  { header: 'Référence', key: 'reference', value: (c) => c.reference ?? '' },
  { header: 'Thématique', key: 'thematique', value: themeLabel },
  { header: 'Atelier', key: 'atelier', value: (c) => c.workshop_title ?? '' },
  // Files never carry an anonymous contribution's structure: in a small structure it names the person.
  { header: 'Structure', key: 'structure', value: (c) => (c.anonymous ? '' : (c.structure_name ?? '')) },
  { header: 'Région', key: 'region', value: (c) => c.region ?? '' },
  { header: 'Source', key: 'source', value: (c) => t(`contributions.source.${c.source}`) },
  { header: 'Statut', key: 'statut', value: (c) => t(`contributions.status.${c.status}`) },
  { header: 'Auteur', key: 'auteur', value: exportedAuthor },
  { header: 'Anonyme', key: 'anonyme', value: (c) => (c.anonymous ? 'oui' : 'non') },
  { header: 'Déposée le', key: 'deposee_le', value: submittedOn },
  { header: 'Texte', key: 'texte', value: (c) => c.body },
  { header: 'Motif hors périmètre', key: 'motif_hors_perimetre', value: (c) => c.out_of_scope_reason ?? '' },
  { header: 'Remontée continue', key: 'remontee_continue', value: (c) => (c.continuous_intake ? 'oui' : 'non') },
];

/** The open-data files' licence, stated in a sidecar file, in the file's HTTP Link header and on the pages that offer them. */
export const OPEN_DATA_LICENCE = {
  name: 'Licence Ouverte / Open Licence version 2.0',
  url: 'https://www.etalab.gouv.fr/licence-ouverte-open-licence/',
} as const;

/** The sidecar text that goes with an open-data file: its licence, its source, the duty to cite them. */
export function openDataLicenceText(p: { consultationTitle: string; fileName: string; day: string }): string {
  return [
    `Fichier : ${p.fileName}`,
    `Source : plateforme Ensemble, consultation « ${p.consultationTitle} »`,
    `Date de mise à jour : ${p.day}`,
    `Licence : ${OPEN_DATA_LICENCE.name} (Etalab)`,
    `Texte de la licence : ${OPEN_DATA_LICENCE.url}`,
    '',
    'Vous pouvez réutiliser ces données librement, y compris à des fins commerciales, à condition de',
    'mentionner leur source (la plateforme Ensemble et la consultation) et la date de leur dernière mise à jour.',
    'Le fichier ne contient aucune donnée personnelle : ni auteur, ni adresse, ni structure.',
    '',
  ].join('\r\n');
}

/**
 * The open-data file: no personal data. No author, no author name, no e-mail, no structure (an
 * individual's structure can point at them), no free-text reason (it may name people).
 */
export const OPEN_DATA_COLUMNS: ExportColumn[] = [
  { header: 'Identifiant', key: 'id', value: (c) => c.id },
  { header: 'Référence', key: 'reference', value: (c) => c.reference ?? '' },
  { header: 'Thématique', key: 'thematique', value: themeLabel },
  { header: 'Atelier', key: 'atelier', value: (c) => c.workshop_title ?? '' },
  { header: 'Région', key: 'region', value: (c) => c.region ?? '' },
  { header: 'Source', key: 'source', value: (c) => t(`contributions.source.${c.source}`) },
  { header: 'Statut', key: 'statut', value: (c) => t(`contributions.status.${c.status}`) },
  { header: 'Déposée le', key: 'deposee_le', value: submittedOn },
  { header: 'Texte', key: 'texte', value: (c) => c.body },
];

export type ExportFormat = 'csv' | 'xlsx' | 'json';

const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  json: 'application/json; charset=utf-8',
};

/** A closed connection (the person cancelled the download) ends the export quietly. */
const isClientGone = (err: unknown) => (err as { code?: string })?.code === 'ERR_STREAM_PREMATURE_CLOSE';

/**
 * Streams a selection to the response: rows come from `batches` (keyset batches of ~1000) and are
 * written as they come, with backpressure, so a million rows never sit in memory.
 */
export async function streamExport(
  res: Response,
  format: ExportFormat,
  filename: string,
  columns: ExportColumn[],
  batches: AsyncIterable<ContributionView[]>,
): Promise<void> {
  res.status(200);
  res.setHeader('Content-Type', CONTENT_TYPES[format]);
  res.setHeader('Content-Disposition', `attachment; filename="${filename.replace(/[^A-Za-z0-9._-]/g, '-')}.${format}"`);
  res.setHeader('Cache-Control', 'no-store');
  try {
    if (format === 'csv') await writeCsv(res, columns, batches);
    else if (format === 'json') await writeJson(res, columns, batches);
    else await writeXlsx(res, columns, batches);
  } catch (err) {
    if (isClientGone(err)) return;
    // Headers are gone: the error handler cannot answer any more; cut the download so it is not taken for whole.
    res.destroy(err as Error);
    throw err;
  }
}

async function writeCsv(out: Writable, columns: ExportColumn[], batches: AsyncIterable<ContributionView[]>): Promise<void> {
  async function* records() {
    yield columns.map((c) => c.header);
    for await (const batch of batches) {
      for (const row of batch) yield columns.map((c) => neutraliseCell(c.value(row)) ?? '');
    }
  }
  // French Excel: semicolons, UTF-8 with BOM (or accents break), CRLF line ends.
  await pipeline(Readable.from(records()), stringify({ delimiter: ';', bom: true, record_delimiter: 'windows' }), out);
}

async function writeJson(out: Writable, columns: ExportColumn[], batches: AsyncIterable<ContributionView[]>): Promise<void> {
  async function* chunks() {
    yield '[';
    let first = true;
    for await (const batch of batches) {
      const parts: string[] = [];
      for (const row of batch) {
        const record: Record<string, Cell> = {};
        for (const c of columns) record[c.key] = c.value(row);
        // Dates in JSON are machine-readable instants, not Paris wall time.
        if ('deposee_le' in record) record.deposee_le = row.submitted_day_only ? String(record.deposee_le) : (toDate(row.submitted_at)?.toISOString() ?? null);
        parts.push((first ? '\n' : ',\n') + JSON.stringify(record));
        first = false;
      }
      yield parts.join('');
    }
    yield '\n]\n';
  }
  await pipeline(Readable.from(chunks()), out);
}

/** Resolves at the first of the events, and leaves no listener behind. */
function firstOf(out: Writable, events: string[]): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      for (const e of events) out.off(e, done);
      resolve();
    };
    for (const e of events) out.on(e, done);
  });
}

function closedOrFinished(out: Writable): Promise<void> {
  return new Promise((resolve) => {
    if (out.writableFinished || out.destroyed) return resolve();
    void firstOf(out, ['close', 'finish']).then(resolve);
  });
}

/** What a sheet may hold uncompressed before the writer waits for the zip (bytes of XML). */
const SHEET_BACKLOG = 1024 * 1024;

/**
 * exceljs' streaming writer (4.x) hands each committed row's XML to the zip entry of the sheet, a
 * stream that archiver compresses, but never looks at that stream's backpressure: rows are produced
 * faster than they are deflated, and the whole uncompressed sheet piled up there (350 MB at 1M rows,
 * issue 13). Between batches we wait until that entry's buffer is under SHEET_BACKLOG. The entry is
 * exceljs' internal (`sheet.stream.pipes[0]`, a readable-stream PassThrough): when a later version
 * moves it, the guard finds nothing and the export still works, only without this bound
 * (bench/export-memory.ts would show it).
 */
async function sheetCompressed(sheet: ExcelJS.Worksheet): Promise<void> {
  type Entry = { _writableState?: { length: number }; once(event: string, fn: () => void): void; removeListener(event: string, fn: () => void): void };
  const entry = (sheet as unknown as { stream?: { pipes?: Entry[] } }).stream?.pipes?.[0];
  if (!entry?._writableState) return;
  while (entry._writableState.length > SHEET_BACKLOG) {
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        entry.removeListener('drain', done);
        resolve();
      };
      // 'drain' comes once the entry is empty; the timer re-checks in case it never does.
      const timer = setTimeout(done, 50);
      entry.once('drain', done);
    });
  }
}

async function writeXlsx(out: Writable, columns: ExportColumn[], batches: AsyncIterable<ContributionView[]>): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
  const sheet = workbook.addWorksheet('Contributions');
  sheet.columns = columns.map((c) => ({ header: c.header, key: c.key, width: c.key === 'texte' ? 80 : 18 }));
  for await (const batch of batches) {
    for (const row of batch) sheet.addRow(columns.map((c) => neutraliseCell(c.value(row)))).commit();
    if (out.destroyed) {
      const gone = new Error('client parti') as Error & { code: string };
      gone.code = 'ERR_STREAM_PREMATURE_CLOSE';
      throw gone;
    }
    // Backpressure between batches: wait until the zip has compressed what was written, and the
    // client has taken it.
    await sheetCompressed(sheet);
    if (out.writableNeedDrain) await firstOf(out, ['drain', 'close']);
  }
  sheet.commit();
  await Promise.race([workbook.commit(), closedOrFinished(out)]);
}
