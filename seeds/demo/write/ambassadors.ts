import type { Knex } from 'knex';
import { insertAmbassadorThemes, insertApplications } from '../../../src/modules/ambassadors';
import { iso } from '../plan/calendar';
import type { DemoPlan } from '../plan';
import type { Logged } from './logged';

/** The ambassadors module's rows: the applications to the call, and the themes each selected one follows. */
export async function writeAmbassadors(db: Knex.Transaction, plan: DemoPlan, logged: Logged): Promise<void> {
  const consultationId = plan.consultation.id;
  const applications = plan.applications.map((a) => ({
    id: a.id,
    consultation_id: consultationId,
    user_id: a.person.id,
    structure_id: a.person.structureId,
    motivation: a.motivation,
    known_themes: a.themeIds.join(','),
    status: a.status,
    decision_comment: a.decisionComment,
    decided_by: a.decidedBy,
    decided_at: iso(a.decidedAt),
    created_at: iso(a.createdAt),
    whitepaper_consent: a.whitepaperConsent,
    whitepaper_consent_at: a.whitepaperConsentAt,
  }));
  await logged('ambassador_applications', applications, (r) => insertApplications(db, r));
  const themes = plan.applications
    .filter((a) => a.status === 'retenue')
    .flatMap((a) => a.themeIds.map((theme_id) => ({ consultation_id: consultationId, user_id: a.person.id, theme_id })));
  await logged('ambassador_themes', themes, (r) => insertAmbassadorThemes(db, r));
}
