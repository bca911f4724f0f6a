import type { Knex } from 'knex';
import { insertReturningId } from '../../src/shared/db';
import { rawContributionRow, type NewRawContribution } from '../../src/modules/contributions';
import { makeUser } from './app';

/**
 * Builders for the rows the integration and browser tests start from, so that a test says what it
 * needs ("a consultation with two themes, open for consolidation") instead of repeating inserts.
 *
 * Where a module exports the function it uses itself, the builder goes through it (users through
 * `insertUser`, raw contributions through `rawContributionRow`, so the search text is computed as
 * in the application). The other rows are written by hand, and only with the columns a caller gives
 * plus the same few defaults the tests always passed: the modules' own insert functions stamp a
 * creator, a version or a status a test may want to choose (a consolidated contribution already
 * validated, a consultation with no creator), and the tests' assertions were written against
 * exactly those rows. Every builder returns the new id(s).
 */
export { makeUser };

type Row = Record<string, unknown>;

/** A structure (mission locale by default); the name must be unique in the database. */
export async function makeStructure(db: Knex, attrs: { name: string } & Row): Promise<number> {
  return insertReturningId(db, 'structures', { kind: 'mission_locale', region: 'Occitanie', ...attrs });
}

export interface ThemeSpec {
  code: string;
  title: string;
  [column: string]: unknown;
}

export interface PhaseSpec {
  kind: string;
  starts_on: string;
  ends_on: string;
  [column: string]: unknown;
}

export interface MadeConsultation {
  id: number;
  slug: string;
  /** Theme ids in the order given. */
  themeIds: number[];
  /** Theme ids by code. */
  themes: Record<string, number>;
}

/**
 * A consultation (title "Consultation <slug>" unless given; flags such as `consolidation_open`
 * among the attributes), with its themes (positions 1, 2, … unless given) and calendar phases.
 */
export async function makeConsultation(
  db: Knex,
  attrs: { slug: string } & Row,
  children: { themes?: ThemeSpec[]; phases?: PhaseSpec[] } = {},
): Promise<MadeConsultation> {
  const id = await insertReturningId(db, 'consultations', { title: `Consultation ${attrs.slug}`, ...attrs });
  const themeIds: number[] = [];
  const themes: Record<string, number> = {};
  for (const [i, spec] of (children.themes ?? []).entries()) {
    const themeId = await makeTheme(db, id, { position: i + 1, ...spec });
    themeIds.push(themeId);
    themes[spec.code] = themeId;
  }
  for (const [i, spec] of (children.phases ?? []).entries()) await makePhase(db, id, { position: i + 1, ...spec });
  return { id, slug: attrs.slug, themeIds, themes };
}

export async function makeTheme(db: Knex, consultationId: number, spec: ThemeSpec): Promise<number> {
  return insertReturningId(db, 'themes', { consultation_id: consultationId, ...spec });
}

/** A phase of the calendar; its title is its kind unless given. */
export async function makePhase(db: Knex, consultationId: number, spec: PhaseSpec): Promise<number> {
  return insertReturningId(db, 'consultation_phases', { consultation_id: consultationId, title: spec.kind, ...spec });
}

/** A workshop of a structure, one hour on the given day (UTC) unless times are given. */
export async function makeWorkshop(
  db: Knex,
  consultationId: number,
  attrs: { structure_id: number; title?: string; day?: string } & Row,
): Promise<number> {
  const { day = '2024-02-01', ...rest } = attrs;
  return insertReturningId(db, 'workshops', {
    consultation_id: consultationId,
    title: 'Atelier',
    starts_at: `${day}T08:00:00.000Z`,
    ends_at: `${day}T09:00:00.000Z`,
    ...rest,
  });
}

/** Puts an ambassador on themes of a consultation (the DSI's assignment). */
export async function assignAmbassador(db: Knex, consultationId: number, userId: number, ...themeIds: number[]): Promise<void> {
  await db('ambassador_themes').insert(themeIds.map((themeId) => ({ consultation_id: consultationId, user_id: userId, theme_id: themeId })));
}

type RawSpec = Omit<NewRawContribution, 'consultation_id' | 'theme_id' | 'source' | 'created_by'> &
  Partial<Pick<NewRawContribution, 'theme_id' | 'source' | 'created_by'>> & {
    /** A status already reached (consolidee, retiree…): the module only ever creates « a_traiter ». */
    status?: string;
  };

/** One raw contribution, through the contributions module's row builder (search text included). */
export async function makeRawContribution(db: Knex, consultationId: number, spec: RawSpec): Promise<number> {
  return (await makeRawContributions(db, consultationId, [spec]))[0]!;
}

/**
 * Raw contributions in batches (many rows in few statements), ids returned in the order given.
 * Defaults: no theme, source « atelier », no creator.
 */
export async function makeRawContributions(db: Knex, consultationId: number, specs: RawSpec[], batch = 100): Promise<number[]> {
  const rows = specs.map(({ status, ...s }) => ({
    ...rawContributionRow({ theme_id: null, source: 'atelier', created_by: null, ...s, consultation_id: consultationId }),
    ...(status ? { status } : {}),
  }));
  const ids: number[] = [];
  for (let i = 0; i < rows.length; i += batch) {
    const res = await db('raw_contributions').insert(rows.slice(i, i + batch)).returning('id');
    ids.push(...res.map((r: unknown) => Number(typeof r === 'object' ? (r as { id: number }).id : r)));
  }
  // SQLite's RETURNING gives every id of a multi-row insert, as PostgreSQL does; this guards the order.
  if (ids.length !== rows.length) throw new Error(`makeRawContributions: ${ids.length} ids pour ${rows.length} lignes`);
  return ids;
}

/** A consolidated contribution (draft unless a status is given); code and title are the caller's. */
export async function makeConsolidated(
  db: Knex,
  attrs: { consultation_id: number; theme_id: number; code?: string | null; title: string } & Row,
): Promise<number> {
  return insertReturningId(db, 'consolidated_contributions', { body_md: '', ...attrs });
}

/** Links raw contributions to a consolidated one. */
export async function linkRaw(db: Knex, consolidatedId: number, rawIds: number[], attrs: Row = {}): Promise<void> {
  await db('consolidation_links').insert(rawIds.map((raw) => ({ consolidated_contribution_id: consolidatedId, raw_contribution_id: raw, ...attrs })));
}

/** A need of a theme (draft unless a status is given). */
export async function makeNeed(
  db: Knex,
  attrs: { consultation_id: number; theme_id: number; code: string; title: string } & Row,
): Promise<number> {
  return insertReturningId(db, 'needs', { description_md: '', ...attrs });
}

/** A functional proposal answering a need. */
export async function makeProposal(db: Knex, attrs: { need_id: number; code: string; title: string } & Row): Promise<number> {
  return insertReturningId(db, 'functional_proposals', attrs);
}
