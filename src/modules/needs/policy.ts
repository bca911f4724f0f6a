import type { MaybeActor } from '../../shared/actor';

/** What the policy needs to know about the actor's place in a consultation. */
export interface NeedsContext {
  /** Themes the actor consolidates in this consultation (ambassador_themes). */
  themeIds: number[];
  /** The consolidation step is open (calendar or the DSI's override). */
  consolidationOpen: boolean;
}

interface NeedLike {
  theme_id: number;
  status: string;
  merged_into_id: number | null;
}

const ownsTheme = (actor: MaybeActor, ctx: NeedsContext, themeId: number) =>
  actor?.role === 'ambassadeur' && ctx.consolidationOpen && ctx.themeIds.includes(themeId);

/**
 * Ambassadors draft needs and proposals of their themes while consolidation is open; the DSI reviews
 * and may edit everything; everyone logged in reads. A validated need is frozen for ambassadors.
 */
export const needsPolicy = {
  canRead: (actor: MaybeActor): boolean => !!actor,
  canCreateIn: (actor: MaybeActor, ctx: NeedsContext, themeId: number): boolean => actor?.role === 'dsi' || ownsTheme(actor, ctx, themeId),
  canDraftAny: (actor: MaybeActor, ctx: NeedsContext): boolean =>
    actor?.role === 'dsi' || (actor?.role === 'ambassadeur' && ctx.consolidationOpen && ctx.themeIds.length > 0),
  canEdit: (actor: MaybeActor, ctx: NeedsContext, need: NeedLike): boolean =>
    !need.merged_into_id && (actor?.role === 'dsi' || (ownsTheme(actor, ctx, need.theme_id) && need.status !== 'valide')),
  canSubmit: (actor: MaybeActor, ctx: NeedsContext, need: NeedLike): boolean =>
    !need.merged_into_id && (need.status === 'brouillon' || need.status === 'renvoye') && (actor?.role === 'dsi' || ownsTheme(actor, ctx, need.theme_id)),
  /** Quotes are chosen for the white paper, also once the need is validated. */
  canQuote: (actor: MaybeActor, ctx: NeedsContext, need: NeedLike): boolean =>
    !need.merged_into_id && (actor?.role === 'dsi' || ownsTheme(actor, ctx, need.theme_id)),
  /** A validated proposal is frozen for ambassadors, as a validated need is. */
  canEditProposal: (actor: MaybeActor, ctx: NeedsContext, need: NeedLike, proposal: { status: string }): boolean =>
    needsPolicy.canEdit(actor, ctx, need) && (actor?.role === 'dsi' || proposal.status !== 'valide'),
  canReview: (actor: MaybeActor, need?: NeedLike): boolean => actor?.role === 'dsi' && !need?.merged_into_id,
  canRenumber: (actor: MaybeActor): boolean => actor?.role === 'dsi',
  /** Ambassadors of the consultation and the DSI discuss a need. */
  canComment: (actor: MaybeActor, ctx: NeedsContext, need: NeedLike): boolean =>
    !need.merged_into_id && (actor?.role === 'dsi' || (actor?.role === 'ambassadeur' && ctx.themeIds.length > 0)),
};
