import type { Db } from '../../shared/db';
import type { FieldErrors } from '../../shared/http/errors';
import { t } from '../../shared/i18n';
import { listConsultations, listThemes } from '../consultations';
import { findStructure } from '../structures';
import { findUserByEmail, findUserById } from '../users';
import type { WorkshopInput } from './validation';

export interface CheckedWorkshop {
  facilitatorId: number;
  themeIds: number[];
}

/**
 * What the form refers to must exist: the consultation, the organising structure, the themes (of
 * that consultation) and the facilitator — picked among ambassadors and DSI staff, or found by e-mail
 * (any active account: a Mission Locale's own staff member may facilitate).
 */
export async function checkWorkshopInput(db: Db, input: WorkshopInput): Promise<{ ok: true; value: CheckedWorkshop } | { ok: false; errors: FieldErrors }> {
  const errors: FieldErrors = {};
  const consultation = (await listConsultations(db)).find((c) => c.id === input.consultationId);
  if (!consultation) errors.consultationId = t('workshops.unknownConsultation');
  if (!(await findStructure(db, input.structureId))) errors.structureId = t('workshops.unknownStructure');
  const themeIds = [...new Set(input.themeIds)];
  if (consultation) {
    const known = new Set((await listThemes(db, consultation.id)).map((th) => Number(th.id)));
    if (themeIds.some((id) => !known.has(id))) errors.themeIds = t('workshops.unknownTheme');
  }
  let facilitatorId: number | null = null;
  if (input.facilitatorEmail) {
    const u = await findUserByEmail(db, input.facilitatorEmail);
    if (!u || !u.active || u.anonymised_at) errors.facilitatorEmail = t('workshops.facilitatorUnknown');
    else facilitatorId = u.id;
  } else if (input.facilitatorId) {
    const u = await findUserById(db, input.facilitatorId);
    if (!u || !u.active || u.anonymised_at || (u.role !== 'ambassadeur' && u.role !== 'dsi')) errors.facilitatorId = t('workshops.facilitatorNotStaff');
    else facilitatorId = u.id;
  } else {
    errors.facilitatorId = t('workshops.facilitatorMissing');
  }
  if (Object.keys(errors).length || facilitatorId === null) return { ok: false, errors };
  return { ok: true, value: { facilitatorId, themeIds } };
}

/** The columns a workshop form writes, the same for planning and editing. */
export function workshopColumns(input: WorkshopInput, checked: CheckedWorkshop) {
  return {
    title: input.title,
    starts_at: input.startsAt,
    ends_at: input.endsAt,
    mode: input.mode,
    place: input.place,
    structure_id: input.structureId,
    facilitator_id: checked.facilitatorId,
    capacity: input.capacity,
  };
}
