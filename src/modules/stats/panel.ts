import { registerConsultationPanel } from '../consultations';
import { currentParticipationFigures } from './figures';
import { asOfLabel } from './figures-cache';

/**
 * « Les chiffres de la consultation » at the top of the consultation's public page, for everyone
 * (aggregates only). A panel rather than an import by consultations: stats reads the consultations,
 * so consultations must not read stats.
 */
registerConsultationPanel(
  'figures',
  async ({ db, consultation }) => {
    const figures = await currentParticipationFigures(db, consultation.id);
    return { view: 'stats/_figures', locals: { figures: figures.value, asOf: asOfLabel(figures.asOf), consultation } };
  },
  'summary',
);
