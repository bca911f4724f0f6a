import { registerConsultationPanel } from '../consultations';
import { needsPolicy } from './policy';

/** « Besoins » on the consultation's public page: the needs and the funnel, for logged-in staff. */
registerConsultationPanel('needs', async ({ actor, consultation }) => {
  if (!needsPolicy.canRead(actor)) return null;
  return {
    view: 'needs/_panel',
    locals: { consultation },
  };
});
