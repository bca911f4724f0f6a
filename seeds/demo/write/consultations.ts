import type { Knex } from 'knex';
import { insertConsultations, insertPhases, insertThemes } from '../../../src/modules/consultations';
import { CONSULTATION_DESCRIPTION, CONSULTATION_TITLE, DATA_NOTICE, THEMES } from '../content/general';
import type { DemoPlan } from '../plan';
import type { Logged } from './logged';

/** The consultations module's rows: the consultation, its calendar and its seven themes. */
export async function writeConsultation(db: Knex.Transaction, plan: DemoPlan, logged: Logged): Promise<void> {
  const { id, slug, createdBy, phases, themeIds } = plan.consultation;
  const consultation = {
    id,
    slug,
    title: CONSULTATION_TITLE,
    description_md: CONSULTATION_DESCRIPTION,
    data_notice_md: DATA_NOTICE,
    contributions_open: null,
    consolidation_open: null,
    ambassador_call_open: null,
    personal_data_purged_at: null,
    version: 1,
    created_by: createdBy,
    created_at: '2023-05-10T08:00:00.000Z',
    // Last changed when the white paper came out at the seminar.
    updated_at: '2024-03-13T09:00:00.000Z',
  };
  await logged('consultations', [consultation], (r) => insertConsultations(db, r));
  const phaseRows = phases.map((p) => ({ id: p.id, consultation_id: id, ...p.phase, position: p.position }));
  await logged('consultation_phases', phaseRows, (r) => insertPhases(db, r));
  const themeRows = THEMES.map((theme, i) => ({
    id: themeIds[i]!,
    consultation_id: id,
    code: theme.code,
    title: theme.title,
    description_md: theme.description,
    position: i + 1,
  }));
  await logged('themes', themeRows, (r) => insertThemes(db, r));
}
