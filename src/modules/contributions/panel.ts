import { registerConsultationPanel } from '../consultations';
import { contributionIntake, isPublished } from './calendar';
import { contributionsPolicy } from './policy';

/**
 * « Participer » on the consultation's public page: the way to contribute while the step is open,
 * the workshops to attend, the browsing page for ambassadors and the DSI, and the open-data file
 * once the white paper is published.
 */
registerConsultationPanel('contributions', async ({ db, actor, consultation, open }) => {
  const published = await isPublished(db, consultation.id);
  const intake = open.contributions ? 'consultation' : await contributionIntake(db, consultation);
  return {
    view: 'contributions/_panel',
    locals: {
      consultation,
      contributionsOpen: open.contributions,
      continuousIntake: intake === 'remontee_continue',
      loggedIn: !!actor,
      canBrowse: contributionsPolicy.canBrowse(actor),
      canOpenData: contributionsPolicy.canDownloadOpenData(actor, published),
    },
  };
});
