import type { Knex } from 'knex';
import { insertRegistrations, insertWorkshops, insertWorkshopThemes } from '../../../src/modules/workshops';
import { iso } from '../plan/calendar';
import type { DemoPlan } from '../plan';
import type { Logged } from './logged';

/** The workshops module's rows: the 84 closed workshops, their themes, and who registered and came. */
export async function writeWorkshops(db: Knex.Transaction, plan: DemoPlan, logged: Logged): Promise<void> {
  const { id: consultationId, themeIds } = plan.consultation;
  const workshops = plan.workshops.map((w) => ({
    id: w.id,
    consultation_id: consultationId,
    title: w.title,
    starts_at: iso(w.startsAt),
    ends_at: iso(w.endsAt),
    mode: w.mode,
    place: w.place,
    structure_id: w.structureId,
    facilitator_id: w.facilitatorId,
    capacity: w.capacity,
    status: 'clos',
    anonymous_attendees: 0,
    report_md: w.reportMd,
    closed_at: iso(w.closedAt),
    version: 1,
    created_by: w.facilitatorId,
    created_at: iso(w.createdAt),
    updated_at: iso(w.closedAt),
  }));
  await logged('workshops', workshops, (r) => insertWorkshops(db, r));
  const themes = plan.workshops.flatMap((w) => w.themes.map((t) => ({ workshop_id: w.id, theme_id: themeIds[t]! })));
  await logged('workshop_themes', themes, (r) => insertWorkshopThemes(db, r));
  const registrations = plan.registrations.map((r) => ({
    id: r.id,
    workshop_id: r.w.id,
    user_id: r.p.id,
    status: r.status,
    attended: r.attended,
    created_at: iso(r.createdAt),
    updated_at: iso(r.updatedAt),
  }));
  await logged('workshop_registrations', registrations, (r) => insertRegistrations(db, r));
}
