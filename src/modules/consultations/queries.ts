import type { Db } from '../../shared/db';
import { insertRows, type PlainRow } from '../../shared/db';
import { insertReturningId, toBool } from '../../shared/db';
import type { Knex } from 'knex';
import { cachedConsultation, consultationCacheOf, consultationWritten } from './cache';
import type { Phase } from './phases';
import type { PhaseInput } from './validation';

export interface ConsultationRow {
  id: number;
  slug: string;
  title: string;
  description_md: string;
  data_notice_md: string;
  contributions_open: boolean | null;
  consolidation_open: boolean | null;
  ambassador_call_open: boolean | null;
  version: number;
  created_at: string | Date;
}

const nullableBool = (v: unknown) => (v == null ? null : toBool(v));
const normalise = (row: any): ConsultationRow => ({
  ...row,
  contributions_open: nullableBool(row.contributions_open),
  consolidation_open: nullableBool(row.consolidation_open),
  ambassador_call_open: nullableBool(row.ambassador_call_open),
  version: Number(row.version),
});

export async function listConsultations(db: Db): Promise<ConsultationRow[]> {
  return (await db('consultations').orderBy('created_at', 'desc').orderBy('id', 'desc')).map(normalise);
}

/** Every write of this file goes through here: once it has committed, this instance checks the versions again. */
async function written<T>(db: Db, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } finally {
    consultationWritten(db);
  }
}

/**
 * The consultation, its phases and its themes from the instance's cache when the app turned it on
 * (cache.ts), else — the command line, or inside a transaction — from the database. Copies: the cached
 * objects are never handed out.
 */
async function fromCache(db: Db, key: { slug: string } | { id: number }) {
  const cache = consultationCacheOf(db);
  if (!cache) return null;
  const entry = await cachedConsultation(db as Knex, cache, key, loadForCache);
  return { entry };
}

/**
 * The consultation, its phases and its themes as a write transaction sees them (issue 13, item 1): the
 * app's cached copy when its version is the one the transaction reads — one lookup of `cache_versions`
 * instead of three tables — else read through the transaction. `app` is the app's knex (its cache);
 * the version is read inside `trx`, so a change committed before it is never missed.
 */
export async function consultationInTransaction(
  app: Db,
  trx: Knex.Transaction,
  id: number,
): Promise<{ row: ConsultationRow; phases: PhaseRow[]; themes: ThemeRow[] } | undefined> {
  const entry = consultationCacheOf(app)?.entries.get(id);
  if (entry) {
    const current = await trx('cache_versions').where({ consultation_id: id }).first('version');
    if (Number(current?.version ?? 0) === entry.version) {
      return { row: { ...entry.row }, phases: entry.phases.map((p: PhaseRow) => ({ ...p })), themes: entry.themes.map((th: ThemeRow) => ({ ...th })) };
    }
  }
  return loadForCache(trx as unknown as Knex, id);
}

async function loadForCache(db: Knex, id: number) {
  const row = await db('consultations').where({ id }).first();
  if (!row) return undefined;
  const [phases, themes] = [await readPhases(db, id), await readThemes(db, id)];
  return { row: normalise(row), phases, themes };
}

export async function findConsultationBySlug(db: Db, slug: string): Promise<ConsultationRow | undefined> {
  const cached = await fromCache(db, { slug });
  if (cached) return cached.entry ? { ...cached.entry.row } : undefined;
  const row = await db('consultations').where({ slug }).first();
  return row ? normalise(row) : undefined;
}

export type PhaseRow = Phase & { id: number; consultation_id: number; description_md: string };

export async function listPhases(db: Db, consultationId: number): Promise<PhaseRow[]> {
  const cached = await fromCache(db, { id: consultationId });
  if (cached) return (cached.entry?.phases ?? []).map((p) => ({ ...p }));
  return readPhases(db, consultationId);
}

async function readPhases(db: Db, consultationId: number): Promise<PhaseRow[]> {
  const rows = await db('consultation_phases').where({ consultation_id: consultationId }).orderBy('position').orderBy('starts_on');
  // PostgreSQL may hand back DATE columns as Date objects; the domain works on 'YYYY-MM-DD'.
  return rows.map((r: any) => ({ ...r, starts_on: dayString(r.starts_on), ends_on: dayString(r.ends_on) }));
}

function dayString(v: unknown): string {
  if (v instanceof Date) return `${v.getFullYear()}-${String(v.getMonth() + 1).padStart(2, '0')}-${String(v.getDate()).padStart(2, '0')}`;
  return String(v).slice(0, 10);
}

export interface ThemeRow {
  id: number;
  consultation_id: number;
  code: string;
  title: string;
  description_md: string;
  position: number;
}

export async function listThemes(db: Db, consultationId: number): Promise<ThemeRow[]> {
  const cached = await fromCache(db, { id: consultationId });
  if (cached) return (cached.entry?.themes ?? []).map((th) => ({ ...th }));
  return readThemes(db, consultationId);
}

async function readThemes(db: Db, consultationId: number): Promise<ThemeRow[]> {
  return db('themes').where({ consultation_id: consultationId }).orderBy('position').orderBy('id');
}

/** Themes an ambassador consolidates in a consultation. */
export async function ambassadorThemes(db: Db, userId: number): Promise<Array<ThemeRow & { consultation_title: string; consultation_slug: string }>> {
  return db('ambassador_themes as at')
    .join('themes as t', 't.id', 'at.theme_id')
    .join('consultations as c', 'c.id', 'at.consultation_id')
    .where('at.user_id', userId)
    .select('t.*', 'c.title as consultation_title', 'c.slug as consultation_slug')
    .orderBy('c.id', 'desc')
    .orderBy('t.position');
}

export async function findConsultationById(db: Db, id: number): Promise<ConsultationRow | undefined> {
  const cached = await fromCache(db, { id });
  if (cached) return cached.entry ? { ...cached.entry.row } : undefined;
  const row = await db('consultations').where({ id }).first();
  return row ? normalise(row) : undefined;
}

export async function slugsLike(db: Db, base: string): Promise<Set<string>> {
  const rows = await db('consultations').where('slug', base).orWhere('slug', 'like', `${base}-%`).select('slug');
  return new Set(rows.map((r: { slug: string }) => r.slug));
}

export interface ConsultationFields {
  slug: string;
  title: string;
  description_md: string;
  data_notice_md: string;
}

export async function insertConsultation(db: Db, fields: ConsultationFields, createdBy: number): Promise<number> {
  return written(db, async () => {
    const now = new Date().toISOString();
    return insertReturningId(db, 'consultations', { ...fields, version: 1, created_by: createdBy, created_at: now, updated_at: now });
  });
}

/** Optimistic update: applies only when the row still has the version the editor saw. False when stale. */
export async function updateConsultationIfVersion(db: Db, id: number, version: number, fields: ConsultationFields): Promise<boolean> {
  return written(db, async () => {
    const n = await db('consultations')
      .where({ id, version })
      .update({ ...fields, version: version + 1, updated_at: new Date().toISOString() });
    return n === 1;
  });
}

export async function setOverrides(
  db: Db,
  id: number,
  o: { contributions_open: boolean | null; consolidation_open: boolean | null; ambassador_call_open: boolean | null },
): Promise<void> {
  return written(db, async () => {
    await db('consultations').where({ id }).update({ ...o, updated_at: new Date().toISOString() });
  });
}

/** Phases of several consultations at once (lists), grouped by consultation. */
export async function phasesByConsultation(db: Db, ids: number[]): Promise<Map<number, PhaseRow[]>> {
  const out = new Map<number, PhaseRow[]>(ids.map((id) => [id, []]));
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db('consultation_phases').whereIn('consultation_id', ids.slice(i, i + 500)).orderBy('position').orderBy('starts_on');
    for (const r of rows) out.get(r.consultation_id)?.push({ ...r, starts_on: dayString(r.starts_on), ends_on: dayString(r.ends_on) });
  }
  return out;
}

/** Replaces the calendar: planned kinds are updated or inserted, the others removed. */
export async function replacePhases(db: Db, consultationId: number, phases: PhaseInput[]): Promise<void> {
  return written(db, async () => {
    const existing = await listPhases(db, consultationId);
    const wanted = new Set(phases.map((p) => p.kind));
    const gone = existing.filter((p) => !wanted.has(p.kind)).map((p) => p.id);
    if (gone.length) await db('consultation_phases').whereIn('id', gone).delete();
    for (const p of phases) {
      const row = { title: p.title, starts_on: p.starts_on, ends_on: p.ends_on, position: p.position };
      const found = existing.find((e) => e.kind === p.kind);
      if (found) await db('consultation_phases').where({ id: found.id }).update(row);
      else await db('consultation_phases').insert({ consultation_id: consultationId, kind: p.kind, description_md: '', ...row });
    }
  });
}

export async function countThemesByConsultation(db: Db): Promise<Map<number, number>> {
  const rows = await db('themes').select('consultation_id').count({ n: '*' }).groupBy('consultation_id');
  return new Map(rows.map((r: any) => [Number(r.consultation_id), Number(r.n)]));
}

export async function findTheme(db: Db, consultationId: number, id: number): Promise<ThemeRow | undefined> {
  return db('themes').where({ consultation_id: consultationId, id }).first();
}

export async function findThemeByCodeOrTitle(db: Db, consultationId: number, code: string, title: string): Promise<ThemeRow[]> {
  return db('themes')
    .where({ consultation_id: consultationId })
    .andWhere((w) => w.where({ code }).orWhereRaw('lower(title) = ?', [title.toLowerCase()]));
}

export interface ThemeFields {
  code: string;
  title: string;
  description_md: string;
}

export async function insertTheme(db: Db, consultationId: number, fields: ThemeFields): Promise<number> {
  return written(db, async () => {
    const max = await db('themes').where({ consultation_id: consultationId }).max({ m: 'position' }).first();
    return insertReturningId(db, 'themes', { consultation_id: consultationId, ...fields, position: Number(max?.m ?? 0) + 1 });
  });
}

export async function updateTheme(db: Db, id: number, fields: ThemeFields): Promise<void> {
  return written(db, async () => {
    await db('themes').where({ id }).update(fields);
  });
}

/** Rewrites the positions 1..n in the given order (positions stay dense, swaps stay simple). */
export async function setThemeOrder(db: Db, orderedIds: number[]): Promise<void> {
  return written(db, async () => {
    for (const [i, id] of orderedIds.entries()) await db('themes').where({ id }).update({ position: i + 1 });
  });
}

/** What still points at a theme: a theme in use is never deleted. */
export async function themeUsage(db: Db, themeId: number): Promise<{ contributions: number; other: number }> {
  const count = async (table: string) => Number((await db(table).where({ theme_id: themeId }).count({ n: '*' }).first())?.n ?? 0);
  const contributions = (await count('raw_contributions')) + (await count('consolidated_contributions')) + (await count('needs'));
  const other = (await count('workshop_themes')) + (await count('ambassador_themes'));
  return { contributions, other };
}

export async function deleteTheme(db: Db, id: number): Promise<void> {
  return written(db, async () => {
    await db('themes').where({ id }).delete();
  });
}

/** The personal data of the consultation were purged (by the privacy module) at `at`. */
export async function markPersonalDataPurged(db: Db, consultationId: number, at: string): Promise<void> {
  return written(db, async () => {
    await db('consultations').where({ id: consultationId }).update({ personal_data_purged_at: at, updated_at: at });
  });
}

// Bulk loads (the demo): rows whose ids and history are already decided, written in batches.
export async function insertConsultations(db: Db, rows: readonly PlainRow[]): Promise<void> {
  return written(db, async () => {
    await insertRows(db, 'consultations', rows);
  });
}
export async function insertPhases(db: Db, rows: readonly PlainRow[]): Promise<void> {
  return written(db, async () => {
    await insertRows(db, 'consultation_phases', rows);
  });
}
export async function insertThemes(db: Db, rows: readonly PlainRow[]): Promise<void> {
  return written(db, async () => {
    await insertRows(db, 'themes', rows);
  });
}
