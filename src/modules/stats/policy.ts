import type { MaybeActor } from '../../shared/actor';

export const statsPolicy = {
  /** The detailed figures page (by region, by source, charts) is the DSI's steering view. */
  canViewDetailedFigures: (actor: MaybeActor): boolean => actor?.role === 'dsi',
  /** The exports hold aggregates only (no personal data): open to everyone, as the public page is. */
  canExportFigures: (_actor: MaybeActor): boolean => true,
  /** The word cloud reads the contributions' words and links to their list: the people who browse that list. */
  canViewWordCloud: (actor: MaybeActor): boolean => actor?.role === 'ambassadeur' || actor?.role === 'dsi',
};
