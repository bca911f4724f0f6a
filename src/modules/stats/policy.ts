import type { MaybeActor } from '../../shared/actor';

export const statsPolicy = {
  /** The detailed figures page (by region, by source, charts) is the DSI's steering view. */
  canViewDetailedFigures: (actor: MaybeActor): boolean => actor?.role === 'dsi',
  /** The exports hold aggregates only (no personal data): open to everyone, as the public page is. */
  canExportFigures: (_actor: MaybeActor): boolean => true,
};
