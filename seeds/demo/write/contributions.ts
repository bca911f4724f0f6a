import type { Knex } from 'knex';
import { insertRawContributions, loadedContributionRow } from '../../../src/modules/contributions';
import { E2C, IBS } from '../structures';
import { iso, utc } from '../plan/calendar';
import { partnerOf } from '../plan/contributions';
import type { DemoPlan, Slot } from '../plan';
import type { Logged } from './logged';

/** When the consolidation step closed: a consolidated contribution's status last changed then. */
const CONSOLIDATION_CLOSED = utc('2023-12-15T17:00:00.000Z');

function status(s: Slot): 'consolidee' | 'hors_perimetre' | 'a_traiter' {
  if (s.kind === 'linked' || s.kind === 'extract') return 'consolidee';
  return s.kind === 'out' ? 'hors_perimetre' : 'a_traiter';
}

/** The contributions module's rows, built by its own row builder (which computes the search text). */
export async function writeContributions(db: Knex.Transaction, plan: DemoPlan, logged: Logged): Promise<void> {
  const { id: consultationId, themeIds } = plan.consultation;
  const rows = plan.contributions.map((s) =>
    loadedContributionRow({
      id: s.id,
      consultation_id: consultationId,
      theme_id: s.theme === null ? null : themeIds[s.theme]!,
      workshop_id: s.workshop?.id ?? null,
      author_id: s.author?.id ?? null,
      author_name: s.source === 'partenaire' ? (partnerOf(s) === 'IBS' ? IBS : E2C) : null,
      structure_id: s.structureId,
      anonymous: s.anonymous,
      source: s.source,
      reference: s.reference,
      body: s.body,
      status: status(s),
      out_of_scope_reason: s.outOfScope ? s.outOfScope[1] : null,
      import_key: null,
      submitted_at: iso(s.submittedAt),
      created_by: s.recordedBy,
      updated_at: iso(status(s) === 'consolidee' ? CONSOLIDATION_CLOSED : s.submittedAt),
    }),
  );
  // The remontées continues, sent through the form after publication: individual, flagged, still to process.
  const intake = plan.intake.map((c) =>
    loadedContributionRow({
      id: c.id,
      consultation_id: consultationId,
      theme_id: themeIds[c.theme]!,
      author_id: c.author.id,
      structure_id: c.author.structureId,
      anonymous: c.anonymous,
      source: 'individuelle',
      body: c.body,
      status: 'a_traiter',
      out_of_scope_reason: null,
      submitted_at: iso(c.submittedAt),
      created_by: c.author.id,
      updated_at: iso(c.submittedAt),
      continuous_intake: true,
    }),
  );
  await logged('raw_contributions', [...rows, ...intake], (r) => insertRawContributions(db, r));
}
