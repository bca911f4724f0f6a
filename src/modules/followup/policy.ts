import type { MaybeActor } from '../../shared/actor';

/**
 * Every « may I » of the follow-up. The DSI alone records statuses and capacities and sees the admin
 * pages; the public follow-up (page, need pages, feeds) is open to everyone, without login, once the
 * consultation has published a white-paper edition — before that there is nothing to follow: 404.
 */
export const followupPolicy = {
  canManage: (actor: MaybeActor): boolean => actor?.role === 'dsi',
  /** Recording a status on one proposal: the DSI, on a proposal that is followed (published). */
  canChange: (actor: MaybeActor, proposal: { id: number } | null | undefined): boolean => actor?.role === 'dsi' && !!proposal,
  canSetCapacity: (actor: MaybeActor): boolean => actor?.role === 'dsi',
  /** The needs and proposals with their statuses, points and traces (CSV, XLSX, JSON): the DSI's steering file. */
  canExportNeeds: (actor: MaybeActor): boolean => actor?.role === 'dsi',
  /** The public follow-up exists once an edition of the white paper is published. */
  canReadPublic: (_actor: MaybeActor, consultation: { published: boolean }): boolean => consultation.published,
};
