import type { Db } from '../../shared/db';

/** A raw contribution as similarity needs it. */
export interface RawText {
  id: number;
  consultation_id: number;
  theme_id: number | null;
  reference: string | null;
  status: string;
  body: string;
}

/** A consolidated contribution as similarity needs it (its title and Markdown text are compared). */
export interface ConsolidatedText {
  id: number;
  code: string | null;
  title: string;
  body_md: string;
  theme_id: number;
}

const RAW_COLUMNS = ['id', 'consultation_id', 'theme_id', 'reference', 'status', 'body'] as const;

const toRaw = (r: any): RawText => ({
  id: Number(r.id),
  consultation_id: Number(r.consultation_id),
  theme_id: r.theme_id == null ? null : Number(r.theme_id),
  reference: r.reference ?? null,
  status: r.status,
  body: r.body,
});

export async function findRawText(db: Db, rawId: number): Promise<RawText | undefined> {
  const row = await db('raw_contributions').select(RAW_COLUMNS).where({ id: rawId }).first();
  return row ? toRaw(row) : undefined;
}

/** Every raw contribution of a consultation except the withdrawn ones, by id. */
export async function listComparableRaw(db: Db, consultationId: number): Promise<RawText[]> {
  const rows = await db('raw_contributions').select(RAW_COLUMNS).where({ consultation_id: consultationId }).whereNot({ status: 'retiree' }).orderBy('id');
  return rows.map(toRaw);
}

/** The unprocessed raw contributions (status « à traiter ») of one theme, or of the « à classer » list (no theme). */
export async function listUnprocessedRaw(db: Db, consultationId: number, themeId: number | null): Promise<RawText[]> {
  const q = db('raw_contributions').select(RAW_COLUMNS).where({ consultation_id: consultationId, status: 'a_traiter' });
  if (themeId === null) q.whereNull('theme_id');
  else q.where({ theme_id: themeId });
  return (await q.orderBy('id')).map(toRaw);
}

export async function listConsolidatedTexts(db: Db, consultationId: number): Promise<ConsolidatedText[]> {
  const rows = await db('consolidated_contributions').select('id', 'code', 'title', 'body_md', 'theme_id').where({ consultation_id: consultationId }).orderBy('id');
  return rows.map((r: any) => ({ id: Number(r.id), code: r.code ?? null, title: r.title, body_md: r.body_md ?? '', theme_id: Number(r.theme_id) }));
}

export async function themeOfConsultation(db: Db, consultationId: number, themeId: number): Promise<{ id: number; code: string; title: string } | undefined> {
  const row = await db('themes').select('id', 'code', 'title').where({ consultation_id: consultationId, id: themeId }).first();
  return row ? { id: Number(row.id), code: row.code, title: row.title } : undefined;
}
