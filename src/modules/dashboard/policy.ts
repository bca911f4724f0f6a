import type { MaybeActor } from '../../shared/actor';

/** Every « may I » of the home pages and dashboards. */
export const dashboardPolicy = {
  /** A consultation's dashboard gathers the DSI's steering figures (details, follow-up, priorities, exports). */
  canViewConsultationDashboard: (actor: MaybeActor): boolean => actor?.role === 'dsi',
};
