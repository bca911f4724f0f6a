import './messages';
import './panel';

export { needsPolicy } from './policy';
export type { NeedsContext } from './policy';
export { needTrace, needTraces, whereItEndedUp, needsSupportedBy, funnel, validatedNeedsWithProposals } from './trace';
export { quotesOf } from './queries';
export type { QuoteRow } from './queries';
export type { NeedTrace, EndedUp, FunnelLine, WhitePaperNeed } from './trace';
export { nextNeedCode, proposalCode, renumberPlan, validationReadiness, moveInOrder } from './rules';
export { insertNeeds, insertSupportRows, insertProposals, insertQuotes, insertComments } from './queries';
