import type { Db } from '../../shared/db';
import { groupByKey, toBool, toDate, toIntOrNull } from '../../shared/db';
import type { JobStatus } from '../../shared/jobs';
import { whereWorkshopHeld } from '../stats';

/**
 * The white paper's read-only queries: its content, what the paper gathers from other modules
 * (held workshops, named ambassadors), editions and the background layouts' progress. Writes stay in
 * queries.ts, where the ownership test (convention 13) looks for them; queries.ts re-exports these,
 * so callers keep one import.
 */

export interface ContentRow {
  consultation_id: number;
  title: string;
  subtitle: string;
  foreword_md: string;
  method_md: string;
  conclusion_md: string;
  acknowledgements_md: string;
  /** The word cloud shown in the white paper: null = none, else the selection's query string ('' = everything). */
  word_cloud: string | null;
  version: number;
  updated_by: number | null;
  updated_at: Date | null;
}

/** The editorial content; a consultation that has none yet reads as empty sections at version 0. */
export async function findContent(db: Db, consultationId: number): Promise<ContentRow> {
  const row = await db('whitepaper_content').where({ consultation_id: consultationId }).first();
  if (!row) {
    return {
      consultation_id: consultationId, title: '', subtitle: '', foreword_md: '', method_md: '', conclusion_md: '',
      acknowledgements_md: '', word_cloud: null, version: 0, updated_by: null, updated_at: null,
    };
  }
  return { ...row, word_cloud: row.word_cloud ?? null, consultation_id: Number(row.consultation_id), version: Number(row.version), updated_at: toDate(row.updated_at) };
}

/** Theme introductions by theme id (absent: not written). */
export async function themeIntros(db: Db, consultationId: number): Promise<Map<number, string>> {
  const rows = (await db('whitepaper_theme_intros').where({ consultation_id: consultationId }).select('theme_id', 'intro_md')) as Array<{ theme_id: number; intro_md: string }>;
  return new Map(rows.map((r) => [Number(r.theme_id), r.intro_md]));
}

export interface WorkshopForPaper {
  starts_at: Date;
  title: string;
  place: string;
  mode: string;
  structure: string;
  region: string;
}

/** Held workshops (stats' rule: closed, and begun), in date order, for the appendix. */
export async function heldWorkshops(db: Db, consultationId: number): Promise<WorkshopForPaper[]> {
  const rows = (await db('workshops as w')
    .join('structures as s', 's.id', 'w.structure_id')
    .modify((q) => whereWorkshopHeld(q, consultationId))
    .select('w.starts_at', 'w.title', 'w.place', 'w.mode', 's.name as structure', 's.region')
    .orderBy('w.starts_at')
    .orderBy('w.id')) as any[];
  return rows.map((r) => ({ ...r, starts_at: toDate(r.starts_at)! }));
}

export interface AmbassadorForPaper {
  user_id: number;
  name: string;
  structure: string | null;
  consent: boolean;
  themes: string[];
}

/** The consultation's selected ambassadors, with their consent to be named and their themes. */
export async function selectedAmbassadors(db: Db, consultationId: number): Promise<AmbassadorForPaper[]> {
  const rows = (await db('ambassador_applications as a')
    .join('users as u', 'u.id', 'a.user_id')
    .leftJoin('structures as s', 's.id', 'u.structure_id')
    .where({ 'a.consultation_id': consultationId, 'a.status': 'retenue' })
    .whereNull('u.anonymised_at')
    .select('a.user_id', 'u.display_name as name', 's.name as structure', 'a.whitepaper_consent')
    .orderBy('u.display_name')
    .orderBy('u.id')) as any[];
  const themes = (await db('ambassador_themes as at')
    .join('themes as t', 't.id', 'at.theme_id')
    .where('at.consultation_id', consultationId)
    .select('at.user_id', 't.title')
    .orderBy('t.position')
    .orderBy('t.id')) as Array<{ user_id: number; title: string }>;
  const themesOf = groupByKey([], themes, (t) => Number(t.user_id));
  return rows.map((r) => ({
    user_id: Number(r.user_id),
    name: r.name,
    structure: r.structure ?? null,
    consent: toBool(r.whitepaper_consent),
    themes: (themesOf.get(Number(r.user_id)) ?? []).map((t) => t.title),
  }));
}

// ---- Editions ----

export interface EditionRow {
  id: number;
  consultation_id: number;
  number: number;
  title: string;
  pdf_sha256: string | null;
  pdf_bytes: number | null;
  pages: number | null;
  published_by: number | null;
  published_by_name: string | null;
  published_at: Date;
}

const EDITION_COLUMNS = ['e.id', 'e.consultation_id', 'e.number', 'e.title', 'e.pdf_sha256', 'e.pdf_bytes', 'e.pages', 'e.published_by', 'e.published_at'];

function editionOut(r: any): EditionRow {
  return {
    ...r,
    id: Number(r.id),
    consultation_id: Number(r.consultation_id),
    number: Number(r.number),
    pdf_bytes: toIntOrNull(r.pdf_bytes),
    pages: toIntOrNull(r.pages),
    published_by_name: r.published_by_name ?? null,
    published_at: toDate(r.published_at)!,
  };
}

function editions(db: Db) {
  return db('whitepaper_editions as e').leftJoin('users as u', 'u.id', 'e.published_by').select(...EDITION_COLUMNS, 'u.display_name as published_by_name');
}

/** Newest first. */
export async function listEditions(db: Db, consultationId: number): Promise<EditionRow[]> {
  return (await editions(db).where('e.consultation_id', consultationId).orderBy('e.number', 'desc')).map(editionOut);
}

export async function findEdition(db: Db, consultationId: number, number: number): Promise<EditionRow | undefined> {
  const row = await editions(db).where({ 'e.consultation_id': consultationId, 'e.number': number }).first();
  return row ? editionOut(row) : undefined;
}

export async function latestEdition(db: Db, consultationId: number): Promise<EditionRow | undefined> {
  const row = await editions(db).where('e.consultation_id', consultationId).orderBy('e.number', 'desc').first();
  return row ? editionOut(row) : undefined;
}

export async function editionSnapshot(db: Db, editionId: number): Promise<string> {
  const row = await db('whitepaper_editions').where({ id: editionId }).first('snapshot_json');
  return String(row?.snapshot_json ?? '{}');
}

export async function editionPdf(db: Db, editionId: number): Promise<Buffer | null> {
  const row = await db('whitepaper_editions').where({ id: editionId }).first('pdf');
  return row?.pdf ? Buffer.from(row.pdf) : null;
}

export async function nextEditionNumber(db: Db, consultationId: number): Promise<number> {
  const row = await db('whitepaper_editions').where({ consultation_id: consultationId }).max({ m: 'number' }).first();
  return Number(row?.m ?? 0) + 1;
}

// ---- Publications in progress ----

// Publications and draft PDFs are both layouts run in the background: the same columns of progress.
type LayoutTable = 'whitepaper_publications' | 'whitepaper_draft_pdfs';

/** The columns every background layout has, as numbers and dates. */
function layoutOut(r: any) {
  return {
    id: Number(r.id),
    consultation_id: Number(r.consultation_id),
    requested_by: toIntOrNull(r.requested_by),
    steps_total: Number(r.steps_total),
    steps_done: Number(r.steps_done),
    created_at: toDate(r.created_at)!,
    updated_at: toDate(r.updated_at)!,
    finished_at: toDate(r.finished_at),
  };
}

/** The layout still running for the consultation, if any: a partial unique index allows one. */
async function runningLayout(db: Db, table: LayoutTable, consultationId: number): Promise<{ id: number; status: 'en_cours'; updated_at: Date } | undefined> {
  const r = await db(table).where({ consultation_id: consultationId, status: 'en_cours' }).first('id', 'updated_at');
  return r ? { id: Number(r.id), status: 'en_cours', updated_at: toDate(r.updated_at)! } : undefined;
}

/** How far a layout is (a publication's or a draft PDF's), in whole percent (the steps are the renderer's own). */
export function layoutPercent(p: { steps_done: number; steps_total: number }): number {
  return p.steps_total > 0 ? Math.min(100, Math.floor((p.steps_done / p.steps_total) * 100)) : 0;
}

export interface PublicationRow {
  id: number;
  consultation_id: number;
  requested_by: number | null;
  status: JobStatus;
  content_version: number;
  steps_total: number;
  steps_done: number;
  edition_id: number | null;
  edition_number: number | null;
  error: string | null;
  created_at: Date;
  updated_at: Date;
  finished_at: Date | null;
}

export async function findPublication(db: Db, consultationId: number, id: number): Promise<PublicationRow | undefined> {
  const r = await db('whitepaper_publications as p')
    .leftJoin('whitepaper_editions as e', 'e.id', 'p.edition_id')
    .where({ 'p.consultation_id': consultationId, 'p.id': id })
    .first('p.*', 'e.number as edition_number');
  if (!r) return undefined;
  return { ...r, ...layoutOut(r), content_version: Number(r.content_version), edition_id: toIntOrNull(r.edition_id), edition_number: toIntOrNull(r.edition_number) };
}

/** The publication still running for the consultation, if any (one at a time). */
export const runningPublication = (db: Db, consultationId: number) => runningLayout(db, 'whitepaper_publications', consultationId);

// ---- Draft PDFs laid out in the background ----

export interface DraftPdfRow {
  id: number;
  consultation_id: number;
  requested_by: number | null;
  status: JobStatus;
  needs: number;
  steps_total: number;
  steps_done: number;
  pdf_bytes: number | null;
  pages: number | null;
  error: string | null;
  created_at: Date;
  updated_at: Date;
  finished_at: Date | null;
}

/** A draft PDF of the consultation, without its file. */
export async function findDraftPdf(db: Db, consultationId: number, id: number): Promise<DraftPdfRow | undefined> {
  const r = await db('whitepaper_draft_pdfs')
    .where({ consultation_id: consultationId, id })
    .first('id', 'consultation_id', 'requested_by', 'status', 'needs', 'steps_total', 'steps_done', 'pdf_bytes', 'pages', 'error', 'created_at', 'updated_at', 'finished_at');
  if (!r) return undefined;
  return { ...r, ...layoutOut(r), needs: Number(r.needs), pdf_bytes: toIntOrNull(r.pdf_bytes), pages: toIntOrNull(r.pages) };
}

export async function draftPdfFile(db: Db, id: number): Promise<Buffer | null> {
  const row = await db('whitepaper_draft_pdfs').where({ id, status: 'terminee' }).first('pdf');
  return row?.pdf ? Buffer.from(row.pdf) : null;
}

/** The draft PDF being laid out for the consultation, if any (one at a time). */
export const runningDraftPdf = (db: Db, consultationId: number) => runningLayout(db, 'whitepaper_draft_pdfs', consultationId);

/** The actor consolidates at least one theme of the consultation (an ambassador of it). */
export async function isAmbassadorOf(db: Db, consultationId: number, userId: number): Promise<boolean> {
  return !!(await db('ambassador_themes').where({ consultation_id: consultationId, user_id: userId }).first('theme_id'));
}
