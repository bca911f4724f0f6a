import type { Db } from '../../shared/db';
import { toBool } from '../../shared/db';
import type { Phase } from './phases';

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
});

export async function listConsultations(db: Db): Promise<ConsultationRow[]> {
  return (await db('consultations').orderBy('created_at', 'desc').orderBy('id', 'desc')).map(normalise);
}

export async function findConsultationBySlug(db: Db, slug: string): Promise<ConsultationRow | undefined> {
  const row = await db('consultations').where({ slug }).first();
  return row ? normalise(row) : undefined;
}

export type PhaseRow = Phase & { id: number; consultation_id: number; description_md: string };

export async function listPhases(db: Db, consultationId: number): Promise<PhaseRow[]> {
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
