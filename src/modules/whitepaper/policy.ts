import type { MaybeActor } from '../../shared/actor';

/**
 * The DSI writes and publishes the white paper; the consultation's ambassadors preview the draft they
 * fed; published editions are public (no login), as a white paper is meant to be read and quoted.
 */
/** `ambassadorHere`: the actor consolidates at least one theme of this consultation. */
const canPreviewDraft = (actor: MaybeActor, ctx: { ambassadorHere: boolean }): boolean =>
  actor?.role === 'dsi' || (actor?.role === 'ambassadeur' && ctx.ambassadorHere);

export const whitepaperPolicy = {
  /** Only an ambassador may consolidate a consultation: for anyone else, no need to ask the database. */
  mayBeAmbassadorHere: (actor: MaybeActor): boolean => actor?.role === 'ambassadeur',
  canEdit: (actor: MaybeActor, _consultation?: { id: number }): boolean => actor?.role === 'dsi',
  canPublish: (actor: MaybeActor, _consultation?: { id: number }): boolean => actor?.role === 'dsi',
  canPreviewDraft,
  /** A draft PDF laid out in the background is read by whoever may preview that consultation's draft. */
  canReadDraftPdf: (actor: MaybeActor, draftPdf: { consultation_id: number }, ctx: { consultationId: number; ambassadorHere: boolean }): boolean =>
    draftPdf.consultation_id === ctx.consultationId && canPreviewDraft(actor, ctx),
  canReadEditions: (_actor: MaybeActor): boolean => true,
  /** An ambassador gives or withdraws their own consent to be named; nobody else does it for them. */
  canSetConsent: (actor: MaybeActor, ambassador: { user_id: number }): boolean => !!actor && actor.id === ambassador.user_id,
};
