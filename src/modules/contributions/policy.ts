import type { MaybeActor } from '../../shared/actor';

/** The fields of a raw contribution that decide who may see or change it. */
export interface ContributionTarget {
  author_id: number | null;
  anonymous: boolean;
  source: string;
}

const staffReader = (actor: MaybeActor): boolean => actor?.role === 'ambassadeur' || actor?.role === 'dsi';

/**
 * Who may do what with raw contributions, decided on the object.
 * Anonymity: the name of an anonymous contributor is seen only by that person and by the DSI
 * (who runs the consultation and answers RGPD requests); ambassadors and every file read « Anonyme ».
 */
export const contributionsPolicy = {
  /** Any logged-in staff member contributes (the consultation's phase is checked by the use case). */
  canContribute: (actor: MaybeActor): boolean => !!actor,
  /** « Mes contributions »: every logged-in person, about their own contributions only. */
  canListOwn: (actor: MaybeActor): boolean => !!actor,
  canView: (actor: MaybeActor, c: ContributionTarget): boolean => !!actor && (staffReader(actor) || (c.author_id !== null && c.author_id === actor.id)),
  /**
   * Only the person who submitted a contribution of their own changes it: a note captured in a workshop
   * or typed from a sheet is the record of what was said, not the participant's draft.
   */
  canEdit: (actor: MaybeActor, c: ContributionTarget): boolean =>
    !!actor && c.author_id !== null && c.author_id === actor.id && c.source === 'individuelle',
  canWithdraw: (actor: MaybeActor, c: ContributionTarget): boolean =>
    !!actor && c.author_id !== null && c.author_id === actor.id && c.source === 'individuelle',
  canBrowse: (actor: MaybeActor): boolean => staffReader(actor),
  canExport: (actor: MaybeActor): boolean => staffReader(actor),
  /** The open-data file: ambassadors and the DSI at any time, everyone once the consultation is published. */
  canDownloadOpenData: (actor: MaybeActor, published: boolean): boolean => staffReader(actor) || published,
  canSeeAuthor: (actor: MaybeActor, c: ContributionTarget): boolean =>
    !c.anonymous || (!!actor && (actor.role === 'dsi' || (c.author_id !== null && c.author_id === actor.id))),
  /** Ambassadors' reasons for setting a contribution aside may name people: staff only. */
  canSeeProcessingNotes: (actor: MaybeActor): boolean => staffReader(actor),
};
