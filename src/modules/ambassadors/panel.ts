import { registerConsultationPanel } from '../consultations';
import { assignedThemeIds, findApplication } from './queries';
import { ambassadorsPolicy } from './policy';

/**
 * The call for ambassadors on the consultation's public page: the way in while the call is open,
 * and, for a person who applied, their application and its outcome (even after the call closed).
 */
registerConsultationPanel('ambassadors', async ({ db, actor, consultation, open, themes }) => {
  const application = actor ? await findApplication(db, consultation.id, actor.id) : undefined;
  if (!open.ambassadorCall && !application) return null;
  const byId = new Map(themes.map((th) => [th.id, th.title]));
  const names = (ids: number[]) => ids.map((id) => byId.get(id)).filter(Boolean);
  return {
    view: 'ambassadors/_panel',
    locals: {
      consultation,
      callOpen: open.ambassadorCall,
      loggedIn: !!actor,
      canApply: ambassadorsPolicy.canApply(actor, { open: open.ambassadorCall }, application),
      application: application
        ? { ...application, knownThemeNames: names(application.known_themes), assignedThemeNames: names(await assignedThemeIds(db, consultation.id, application.user_id)) }
        : null,
    },
  };
});
