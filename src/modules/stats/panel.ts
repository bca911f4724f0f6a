import { registerConsultationPanel } from '../consultations';
import { participationFigures } from './figures';

/**
 * « Les chiffres de la consultation » at the top of the consultation's public page, for everyone
 * (aggregates only). A panel rather than an import by consultations: stats reads the consultations,
 * so consultations must not read stats.
 */
registerConsultationPanel(
  'figures',
  async ({ db, consultation }) => ({
    view: 'stats/_figures',
    locals: { figures: await participationFigures(db, consultation.id), consultation },
  }),
  'summary',
);
