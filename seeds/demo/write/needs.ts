import type { Knex } from 'knex';
import { insertComments, insertNeeds, insertProposals, insertQuotes, insertSupportRows } from '../../../src/modules/needs';
import { THEMES } from '../content/general';
import { iso } from '../plan/calendar';
import type { DemoPlan } from '../plan';
import type { Logged } from './logged';

/** The needs module's rows: the 88 validated needs, what supports them, their proposals, quotes and comments. */
export async function writeNeeds(db: Knex.Transaction, plan: DemoPlan, logged: Logged): Promise<void> {
  const { id: consultationId, themeIds } = plan.consultation;
  const validatedBy = plan.dsiUserId;
  const needs = plan.needs.map((n) => ({
    id: n.id,
    consultation_id: consultationId,
    theme_id: themeIds[n.theme]!,
    code: n.code,
    title: n.seed.title,
    description_md: n.seed.description,
    position: n.position,
    status: 'valide',
    review_comment: null,
    merged_into_id: null,
    created_by: n.creatorId,
    validated_by: validatedBy,
    validated_at: iso(n.validatedAt),
    version: 1,
    created_at: iso(n.createdAt),
    updated_at: iso(n.validatedAt),
  }));
  await logged('needs', needs, (r) => insertNeeds(db, r));
  const supports = plan.needs.flatMap((n) =>
    n.supports.map((cc, i) => ({ need_id: n.id, consolidated_contribution_id: cc.id, created_by: n.creatorId, created_at: iso(n.supportedAt[i]!) })),
  );
  await logged('need_supports', supports, (r) => insertSupportRows(db, r));
  const proposals = plan.needs.flatMap((n) =>
    n.proposals.map((p) => ({
      id: p.id,
      need_id: n.id,
      code: p.code,
      title: p.title,
      description_md: p.description,
      priority: p.priority,
      // Proposals go to the work stream named after their theme.
      target_stream: THEMES[n.theme]!.title,
      position: p.position,
      status: 'valide',
      review_comment: null,
      created_by: n.creatorId,
      validated_by: validatedBy,
      validated_at: iso(p.validatedAt),
      version: 1,
      created_at: iso(p.createdAt),
      updated_at: iso(p.validatedAt),
    })),
  );
  await logged('functional_proposals', proposals, (r) => insertProposals(db, r));
  const quotes = plan.needs.flatMap((n) =>
    n.quotes.map((q) => ({ id: q.id, need_id: n.id, raw_contribution_id: q.rawId, extract_id: q.extractId, created_by: n.creatorId, created_at: iso(q.createdAt) })),
  );
  await logged('representative_quotes', quotes, (r) => insertQuotes(db, r));
  const comments = plan.comments.map((c) => ({ id: c.id, need_id: c.need.id, author_id: c.authorId, body: c.body, created_at: iso(c.createdAt) }));
  await logged('need_comments', comments, (r) => insertComments(db, r));
}
