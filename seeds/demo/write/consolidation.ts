import type { Knex } from 'knex';
import { insertConsolidatedRows, insertExtracts, insertLinkRows } from '../../../src/modules/consolidation';
import { iso } from '../plan/calendar';
import type { DemoPlan } from '../plan';
import type { Logged } from './logged';

/** The consolidation module's rows: extracts, the 300 consolidated contributions, and every link (undone ones too). */
export async function writeConsolidation(db: Knex.Transaction, plan: DemoPlan, logged: Logged): Promise<void> {
  const { id: consultationId, themeIds } = plan.consultation;
  const extracts = plan.extracts.map((e) => ({
    id: e.id,
    raw_contribution_id: e.slot.id,
    start_offset: e.start,
    end_offset: e.end,
    quote: e.quote,
    created_by: e.createdBy,
    created_at: iso(e.createdAt),
  }));
  await logged('contribution_extracts', extracts, (r) => insertExtracts(db, r));
  const consolidated = plan.angles.map((a) => ({
    id: a.id,
    consultation_id: consultationId,
    theme_id: themeIds[a.theme]!,
    code: a.code,
    title: a.title,
    body_md: a.bodyMd,
    status: 'validee',
    split_from_id: null,
    created_by: a.creatorId,
    version: 1,
    created_at: iso(a.createdAt),
    updated_at: iso(a.lastLinkAt),
  }));
  await logged('consolidated_contributions', consolidated, (r) => insertConsolidatedRows(db, r));
  // An undone link was undone by whoever had made it.
  const links = plan.links.map((l) => ({
    id: l.id,
    consolidated_contribution_id: l.angleId,
    raw_contribution_id: l.rawId,
    extract_id: l.extractId,
    created_by: l.createdBy,
    created_at: iso(l.createdAt),
    undone_by: l.undoneAt ? l.createdBy : null,
    undone_at: l.undoneAt ? iso(l.undoneAt) : null,
  }));
  await logged('consolidation_links', links, (r) => insertLinkRows(db, r));
}
