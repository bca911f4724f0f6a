import type { Db } from '../../shared/db';
import { toDate } from '../../shared/db';
import { t } from '../../shared/i18n';
import type { NewRawContribution } from '../contributions';
import { parisDay } from '../consultations';
import type { SourceRecord } from './file-reader';
import { accountsByEmail, listThemesOf, listWorkshopsOf, type ThemeRef, type WorkshopRef } from './queries';
import {
  AUTHOR_MAX,
  REFERENCE_MAX,
  authorKey,
  checkText,
  cleanBody,
  dayToTimestamp,
  importKey,
  looseKey,
  parseAuthor,
  parseImportDate,
  squish,
  type ColumnMap,
  type ImportField,
} from './row-rules';

/** What rows are checked against: the consultation's workshops and themes, loaded once per pass. */
export interface ImportContext {
  consultationId: number;
  today: string;
  workshopsById: Map<number, WorkshopRef>;
  workshopsByTitle: Map<string, WorkshopRef[]>;
  themes: Map<string, ThemeRef>;
}

export async function loadContext(db: Db, consultationId: number): Promise<ImportContext> {
  const [workshops, themes] = await Promise.all([listWorkshopsOf(db, consultationId), listThemesOf(db, consultationId)]);
  const workshopsByTitle = new Map<string, WorkshopRef[]>();
  for (const w of workshops) {
    const k = squish(w.title);
    workshopsByTitle.set(k, [...(workshopsByTitle.get(k) ?? []), w]);
  }
  const themeMap = new Map<string, ThemeRef>();
  for (const th of themes) themeMap.set(looseKey(th.title), th);
  for (const th of themes) themeMap.set(looseKey(th.code), th); // a code wins over a title that looks like it
  return {
    consultationId,
    today: parisDay(new Date()),
    workshopsById: new Map(workshops.map((w) => [Number(w.id), w])),
    workshopsByTitle,
    themes: themeMap,
  };
}

export type Fate = 'a_creer' | 'deja_importee' | 'erreur';

/** One row as the preview shows it. */
export interface RowDisplay {
  line: number;
  fate: Fate;
  reference: string;
  excerpt: string;
  workshop: string;
  theme: string;
  author: string;
  date: string;
  reasons: string[];
}

export interface ResolvedRow {
  line: number;
  reasons: string[];
  key: string | null;
  contribution: NewRawContribution | null;
  display: Omit<RowDisplay, 'fate'>;
}

const EXCERPT = 240;

/**
 * Checks a batch of records and turns the valid ones into raw contributions (without import
 * bookkeeping: duplicates and already-imported rows are decided by the caller). Authors are looked
 * up by e-mail once per batch.
 */
export async function resolveBatch(db: Db, ctx: ImportContext, columns: ColumnMap, records: SourceRecord[], createdBy: number | null): Promise<ResolvedRow[]> {
  const cell = (r: SourceRecord, f: ImportField) => (columns[f] === undefined ? '' : (r.cells[columns[f]!] ?? ''));
  const authors = records.map((r) => parseAuthor(cell(r, 'auteur')));
  const accounts = await accountsByEmail(db, [...new Set(authors.map((a) => a.email).filter((e): e is string => !!e))]);

  return records.map((r, i) => {
    const reasons: string[] = [];
    const body = cleanBody(cell(r, 'texte'));
    const textError = checkText(body);
    if (textError) reasons.push(textError);

    const reference = squish(cell(r, 'reference'));
    if (reference.length > REFERENCE_MAX) reasons.push(t('imports.row.referenceTooLong', { max: REFERENCE_MAX }));

    let workshop: WorkshopRef | undefined;
    const workshopValue = squish(cell(r, 'atelier'));
    if (workshopValue) {
      const byTitle = ctx.workshopsByTitle.get(workshopValue) ?? [];
      if (byTitle.length === 1) workshop = byTitle[0];
      else if (byTitle.length > 1) reasons.push(t('imports.row.ambiguousWorkshop', { value: workshopValue.slice(0, 80) }));
      else {
        const id = /^(?:n°\s*|#)?(\d{1,9})$/i.exec(workshopValue)?.[1];
        workshop = id ? ctx.workshopsById.get(Number(id)) : undefined;
        if (!workshop) reasons.push(t('imports.row.unknownWorkshop', { value: workshopValue.slice(0, 80) }));
      }
    }

    let theme: ThemeRef | undefined;
    const themeValue = squish(cell(r, 'thematique'));
    if (themeValue) {
      theme = ctx.themes.get(looseKey(themeValue));
      if (!theme) reasons.push(t('imports.row.unknownTheme', { value: themeValue.slice(0, 80) }));
    }

    const author = authors[i]!;
    const account = author.email ? accounts.get(author.email) : undefined;
    const authorName = account ? null : author.name || null;
    if (authorName && authorName.length > AUTHOR_MAX) reasons.push(t('imports.row.authorTooLong', { max: AUTHOR_MAX }));

    const dateValue = cell(r, 'date');
    const date = parseImportDate(dateValue, ctx.today);
    if (!date.ok) reasons.push(date.error);

    const display = {
      line: r.line,
      reference,
      excerpt: body.length > EXCERPT ? `${body.slice(0, EXCERPT)}…` : body,
      workshop: workshop ? workshop.title : workshopValue,
      theme: theme ? theme.title : themeValue,
      author: account ? account.display_name : (authorName ?? ''),
      date: date.ok ? (date.day ?? '') : dateValue.trim().slice(0, 40),
      reasons,
    };
    if (reasons.length) return { line: r.line, reasons, key: null, contribution: null, display };

    const workshopId = workshop ? Number(workshop.id) : null;
    const key = importKey({
      consultationId: ctx.consultationId,
      reference,
      body,
      workshopId,
      author: authorKey(account?.id ?? null, authorName),
    });
    const startsAt = workshop ? toDate(workshop.starts_at) : null;
    const contribution: NewRawContribution = {
      consultation_id: ctx.consultationId,
      theme_id: theme ? Number(theme.id) : null,
      workshop_id: workshopId,
      author_id: account ? Number(account.id) : null,
      author_name: authorName,
      structure_id: account?.structure_id ?? workshop?.structure_id ?? null,
      anonymous: false,
      source: workshop ? 'atelier' : 'import',
      reference: reference || null,
      body,
      import_key: key,
      // The sheet's date; else the workshop's; else the moment of import.
      submitted_at: date.ok && date.day ? dayToTimestamp(date.day) : startsAt ? startsAt.toISOString() : undefined,
      // A date without a time stays a date: no page shows the noon it is stored at.
      submitted_day_only: Boolean(date.ok && date.day),
      created_by: createdBy,
    };
    return { line: r.line, reasons, key, contribution, display };
  });
}

/** Reads records in batches, so that lookups and inserts go by the batch and memory stays bounded. */
export async function* batches<T>(items: AsyncIterable<T>, size: number): AsyncGenerator<T[]> {
  let batch: T[] = [];
  for await (const item of items) {
    batch.push(item);
    if (batch.length >= size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}
