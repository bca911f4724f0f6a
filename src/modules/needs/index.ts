import './messages';
import './panel';

export { needsPolicy } from './policy';
export type { NeedsContext } from './policy';
export { contributorsOfNeeds, needTrace, needTraces, whereItEndedUp, needsSupportedBy, funnel, validatedNeedsWithProposals } from './trace';
export { quotesOf, listNeeds, proposalsOf } from './queries';
export type { QuoteRow, NeedListRow, ProposalRow } from './queries';
export type { NeedTrace, EndedUp, FunnelLine, WhitePaperNeed } from './trace';
export { nextNeedCode, proposalCode, renumberPlan, validationReadiness, moveInOrder, NEED_STATUS_LABELS, PROPOSAL_STATUS_LABELS, PRIORITY_LABELS } from './rules';
export { insertNeeds, insertSupportRows, insertProposals, insertQuotes, insertComments } from './queries';
