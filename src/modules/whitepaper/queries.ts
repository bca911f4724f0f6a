import type { Db } from '../../shared/db';
import { insertReturningId } from '../../shared/db';
import { insertRows, type PlainRow } from '../../shared/db';
import type { JobStatus } from '../../shared/jobs';
import type { ContentRow } from './reads';

/** Plain knex functions of the white paper that write its tables; the use cases own the transactions. */

// Reads live in reads.ts; re-exported so that the module's files import queries only.
export {
  findContent, themeIntros, heldWorkshops, selectedAmbassadors, listEditions, findEdition, latestEdition, editionSnapshot, editionPdf, nextEditionNumber,
  layoutPercent, findPublication, runningPublication, findDraftPdf, draftPdfFile, runningDraftPdf, isAmbassadorOf,
} from './reads';
export type { ContentRow, WorkshopForPaper, AmbassadorForPaper, EditionRow, PublicationRow, DraftPdfRow } from './reads';

export type ContentFields = Pick<ContentRow, 'title' | 'subtitle' | 'foreword_md' | 'method_md' | 'conclusion_md' | 'acknowledgements_md'> & Partial<Pick<ContentRow, 'word_cloud'>>;

/** Writes the content if it is still at `version` (0: not written yet); false when someone saved in between. */
export async function saveContentIfVersion(db: Db, consultationId: number, version: number, fields: ContentFields, actorId: number): Promise<boolean> {
  const at = new Date().toISOString();
  if (version === 0) {
    const existing = await db('whitepaper_content').where({ consultation_id: consultationId }).first('version');
    if (existing) return false;
    await db('whitepaper_content').insert({ consultation_id: consultationId, ...fields, version: 1, updated_by: actorId, updated_at: at });
    return true;
  }
  const n = await db('whitepaper_content')
    .where({ consultation_id: consultationId, version })
    .update({ ...fields, version: version + 1, updated_by: actorId, updated_at: at });
  return n === 1;
}

export async function replaceThemeIntros(db: Db, consultationId: number, intros: Map<number, string>): Promise<void> {
  await db('whitepaper_theme_intros').where({ consultation_id: consultationId }).delete();
  const rows = [...intros].map(([theme_id, intro_md]) => ({ theme_id, consultation_id: consultationId, intro_md }));
  if (rows.length) await db('whitepaper_theme_intros').insert(rows);
}

// ---- Editions ----

export async function insertEdition(
  db: Db,
  e: { consultation_id: number; number: number; title: string; snapshot_json: string; pdf: Buffer; pdf_sha256: string; pdf_bytes: number; pages: number; published_by: number | null; published_at: string },
): Promise<number> {
  return insertReturningId(db, 'whitepaper_editions', { ...e, pdf_path: null });
}

// ---- Publications in progress ----

export async function insertPublication(db: Db, p: { consultation_id: number; requested_by: number; content_version: number; steps_total: number }): Promise<number> {
  const at = new Date().toISOString();
  return insertReturningId(db, 'whitepaper_publications', { ...p, status: 'en_cours', steps_done: 0, created_at: at, updated_at: at });
}

export async function updatePublication(db: Db, id: number, fields: Partial<{ status: JobStatus; steps_done: number; steps_total: number; edition_id: number; error: string; finished_at: string }>): Promise<void> {
  await db('whitepaper_publications').where({ id }).update({ ...fields, updated_at: new Date().toISOString() });
}

// ---- Draft PDFs laid out in the background ----

export async function insertDraftPdf(db: Db, p: { consultation_id: number; requested_by: number; needs: number }): Promise<number> {
  const at = new Date().toISOString();
  return insertReturningId(db, 'whitepaper_draft_pdfs', { ...p, status: 'en_cours', steps_total: 1, steps_done: 0, created_at: at, updated_at: at });
}

export async function updateDraftPdf(
  db: Db,
  id: number,
  fields: Partial<{ status: JobStatus; steps_done: number; steps_total: number; pdf: Buffer; pdf_bytes: number; pages: number; error: string; finished_at: string }>,
): Promise<void> {
  await db('whitepaper_draft_pdfs').where({ id }).update({ ...fields, updated_at: new Date().toISOString() });
}

/** Forgets the consultation's finished draft PDFs made before `before` (derived files, not data). */
export async function purgeDraftPdfs(db: Db, consultationId: number, before: Date): Promise<number> {
  return db('whitepaper_draft_pdfs').where({ consultation_id: consultationId }).whereNot({ status: 'en_cours' }).where('created_at', '<', before.toISOString()).del();
}

/** Kept here for the white paper's pages: the application itself belongs to the ambassadors module. */
export { findSelectedApplication } from '../ambassadors';

// Bulk loads (the demo): rows whose ids and history are already decided, written in batches.
export async function insertContentRows(db: Db, rows: readonly PlainRow[]): Promise<void> {
  await insertRows(db, 'whitepaper_content', rows);
}
export async function insertThemeIntros(db: Db, rows: readonly PlainRow[]): Promise<void> {
  await insertRows(db, 'whitepaper_theme_intros', rows);
}
