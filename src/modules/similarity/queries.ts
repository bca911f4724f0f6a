import type { Db } from '../../shared/db';

/** A raw contribution as similarity needs it. */
export interface RawText {
  id: number;
  consultation_id: number;
  theme_id: number | null;
  reference: string | null;
  status: string;
  body: string;
}

/** A consolidated contribution as similarity needs it (its title and Markdown text are compared). */
export interface ConsolidatedText {
  id: number;
  code: string | null;
  title: string;
  body_md: string;
  theme_id: number;
}

const RAW_COLUMNS = ['id', 'consultation_id', 'theme_id', 'reference', 'status', 'body'] as const;

const toRaw = (r: any): RawText => ({
  id: Number(r.id),
  consultation_id: Number(r.consultation_id),
  theme_id: r.theme_id == null ? null : Number(r.theme_id),
  reference: r.reference ?? null,
  status: r.status,
  body: r.body,
});

export async function findRawText(db: Db, rawId: number): Promise<RawText | undefined> {
  const row = await db('raw_contributions').select(RAW_COLUMNS).where({ id: rawId }).first();
  return row ? toRaw(row) : undefined;
}

/** Every raw contribution of a consultation except the withdrawn ones, by id. */
export async function listComparableRaw(db: Db, consultationId: number): Promise<RawText[]> {
  const rows = await db('raw_contributions').select(RAW_COLUMNS).where({ consultation_id: consultationId }).whereNot({ status: 'retiree' }).orderBy('id');
  return rows.map(toRaw);
}

/** The unprocessed raw contributions (status « à traiter ») of one theme, or of the « à classer » list (no theme). */
export async function listUnprocessedRaw(db: Db, consultationId: number, themeId: number | null, window: { afterId?: number; limit?: number } = {}): Promise<RawText[]> {
  const q = db('raw_contributions').select(RAW_COLUMNS).where({ consultation_id: consultationId, status: 'a_traiter' });
  if (themeId === null) q.whereNull('theme_id');
  else q.where({ theme_id: themeId });
  if (window.afterId) q.where('id', '>', window.afterId);
  if (window.limit) q.limit(window.limit);
  return (await q.orderBy('id')).map(toRaw);
}

export async function countUnprocessedRaw(db: Db, consultationId: number, themeId: number | null): Promise<number> {
  const q = db('raw_contributions').where({ consultation_id: consultationId, status: 'a_traiter' });
  if (themeId === null) q.whereNull('theme_id');
  else q.where({ theme_id: themeId });
  return Number((await q.count({ n: '*' }).first())?.n ?? 0);
}

/** The consolidated contributions one can still attach to (a plan's undo withdraws the ones it created: « annulee »). */
export async function listConsolidatedTexts(db: Db, consultationId: number): Promise<ConsolidatedText[]> {
  const rows = await db('consolidated_contributions').select('id', 'code', 'title', 'body_md', 'theme_id').where({ consultation_id: consultationId }).whereNot({ status: 'annulee' }).orderBy('id');
  return rows.map((r: any) => ({ id: Number(r.id), code: r.code ?? null, title: r.title, body_md: r.body_md ?? '', theme_id: Number(r.theme_id) }));
}

/** The raw contributions set aside (hors périmètre) with their reason, of one theme when given. */
export async function listOutOfScope(db: Db, consultationId: number, themeId?: number | null): Promise<Array<{ id: number; body: string; reason: string }>> {
  const q = db('raw_contributions').select('id', 'body', 'out_of_scope_reason').where({ consultation_id: consultationId, status: 'hors_perimetre' });
  if (themeId === null) q.whereNull('theme_id');
  else if (themeId !== undefined) q.where({ theme_id: themeId });
  return (await q.orderBy('id')).map((r: any) => ({ id: Number(r.id), body: String(r.body), reason: String(r.out_of_scope_reason ?? '') }));
}

export async function themeOfConsultation(db: Db, consultationId: number, themeId: number): Promise<{ id: number; code: string; title: string } | undefined> {
  const row = await db('themes').select('id', 'code', 'title').where({ consultation_id: consultationId, id: themeId }).first();
  return row ? { id: Number(row.id), code: row.code, title: row.title } : undefined;
}

/* The similarity module's own tables: similarity_glossary, similarity_associations, similarity_state. */

export interface GlossaryRow {
  id: number;
  consultation_id: number;
  expression: string;
  meaning: string;
  expression_key: string;
}

const toGlossary = (r: any): GlossaryRow => ({ id: Number(r.id), consultation_id: Number(r.consultation_id), expression: r.expression, meaning: r.meaning, expression_key: r.expression_key });

export async function listGlossary(db: Db, consultationId: number): Promise<GlossaryRow[]> {
  return (await db('similarity_glossary').where({ consultation_id: consultationId }).orderBy('expression_key').orderBy('id')).map(toGlossary);
}

export async function findGlossaryEntry(db: Db, consultationId: number, id: number): Promise<GlossaryRow | undefined> {
  const r = await db('similarity_glossary').where({ consultation_id: consultationId, id }).first();
  return r ? toGlossary(r) : undefined;
}

export async function insertGlossary(db: Db, row: Omit<GlossaryRow, 'id'> & { created_by: number | null }): Promise<number> {
  const [r] = await db('similarity_glossary').insert(row).returning('id');
  return Number(typeof r === 'object' ? r.id : r);
}

export async function updateGlossary(db: Db, id: number, row: Pick<GlossaryRow, 'expression' | 'meaning' | 'expression_key'>): Promise<void> {
  await db('similarity_glossary').where({ id }).update({ ...row, updated_at: new Date().toISOString() });
}

export async function deleteGlossary(db: Db, id: number): Promise<void> {
  await db('similarity_glossary').where({ id }).delete();
}

export interface StateRow {
  glossary_seeded: boolean;
  learned: boolean;
  version: number;
}

export async function readState(db: Db, consultationId: number): Promise<StateRow> {
  const r = await db('similarity_state').where({ consultation_id: consultationId }).first();
  return { glossary_seeded: !!r?.glossary_seeded_at, learned: !!r?.learned_at, version: Number(r?.version ?? 0) };
}

/** Marks a change (seeded, learned, or any edit): the version tells every instance's cache to reload. */
export async function touchState(db: Db, consultationId: number, mark: { seeded?: boolean; learned?: boolean } = {}): Promise<void> {
  const at = new Date().toISOString();
  const existing = await db('similarity_state').where({ consultation_id: consultationId }).first();
  const set: Record<string, unknown> = {};
  if (mark.seeded) set.glossary_seeded_at = at;
  if (mark.learned) set.learned_at = at;
  if (existing) await db('similarity_state').where({ consultation_id: consultationId }).update({ ...set, version: Number(existing.version) + 1 });
  else await db('similarity_state').insert({ consultation_id: consultationId, ...set, version: 1 });
}

export interface StoredAssociation {
  theme_id: number;
  term_a: string;
  term_b: string;
  weight: number;
  removed: boolean;
}

const toAssociation = (r: any): StoredAssociation => ({ theme_id: Number(r.theme_id), term_a: r.term_a, term_b: r.term_b, weight: Number(r.weight), removed: !!r.removed });

/** Every association row of a consultation, in a fixed order (the same on both engines). */
export async function listAssociations(db: Db, consultationId: number): Promise<StoredAssociation[]> {
  // Sorted here, by code unit: PostgreSQL's collation would order « rendez-vous » differently from SQLite.
  const cmp = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  return (await db('similarity_associations').where({ consultation_id: consultationId })).map(toAssociation).sort((x, y) => x.theme_id - y.theme_id || cmp(x.term_a, y.term_a) || cmp(x.term_b, y.term_b));
}

/** The strongest associations of one theme still in use, strongest first. */
export async function strongestAssociations(db: Db, consultationId: number, themeId: number, limit: number): Promise<StoredAssociation[]> {
  const rows = await db('similarity_associations')
    .where({ consultation_id: consultationId, theme_id: themeId, removed: false })
    .orderBy([{ column: 'weight', order: 'desc' }, 'term_a', 'term_b'])
    .limit(limit);
  return rows.map(toAssociation);
}

/** Adds weights to pairs of one theme (creating them), leaving removed pairs as they are. */
export async function addAssociationWeights(db: Db, consultationId: number, themeId: number, deltas: ReadonlyMap<string, number>): Promise<void> {
  const keys = [...deltas.keys()].sort();
  for (let i = 0; i < keys.length; i += 200) {
    const chunk = keys.slice(i, i + 200).map((k) => k.split(' ') as [string, string]);
    const existing = await db('similarity_associations')
      .where({ consultation_id: consultationId, theme_id: themeId })
      .whereIn('term_a', [...new Set(chunk.map((c) => c[0]))])
      .whereIn('term_b', [...new Set(chunk.map((c) => c[1]))]);
    const have = new Map(existing.map((r: any) => [`${r.term_a} ${r.term_b}`, toAssociation(r)]));
    const inserts = [];
    for (const [a, b] of chunk) {
      const d = deltas.get(`${a} ${b}`)!;
      const row = have.get(`${a} ${b}`);
      if (!row) inserts.push({ consultation_id: consultationId, theme_id: themeId, term_a: a, term_b: b, weight: d, removed: false });
      else if (!row.removed) await db('similarity_associations').where({ consultation_id: consultationId, theme_id: themeId, term_a: a, term_b: b }).update({ weight: row.weight + d });
    }
    if (inserts.length) await db('similarity_associations').insert(inserts);
  }
}

/** Replaces every learned (not removed) association of a consultation by the given rows. */
export async function replaceAssociations(db: Db, consultationId: number, rows: ReadonlyArray<Omit<StoredAssociation, 'removed'>>): Promise<void> {
  const removed = new Set((await db('similarity_associations').select('theme_id', 'term_a', 'term_b').where({ consultation_id: consultationId, removed: true })).map((r: any) => `${r.theme_id} ${r.term_a} ${r.term_b}`));
  await db('similarity_associations').where({ consultation_id: consultationId, removed: false }).delete();
  const fresh = rows.filter((r) => !removed.has(`${r.theme_id} ${r.term_a} ${r.term_b}`)).map((r) => ({ consultation_id: consultationId, ...r, removed: false }));
  for (let i = 0; i < fresh.length; i += 150) await db('similarity_associations').insert(fresh.slice(i, i + 150));
}

export async function markAssociationRemoved(db: Db, consultationId: number, themeId: number, a: string, b: string): Promise<number> {
  return db('similarity_associations').where({ consultation_id: consultationId, theme_id: themeId, term_a: a, term_b: b, removed: false }).update({ removed: true });
}

export interface MemberText {
  consolidated_id: number;
  theme_id: number;
  raw_id: number;
  body: string;
}

/** The raw contributions wholly attached (active links) to consolidated contributions, by consolidated then raw id. */
export async function activeMembers(db: Db, consultationId: number, consolidatedIds?: readonly number[]): Promise<MemberText[]> {
  const q = db('consolidation_links as l')
    .join('consolidated_contributions as c', 'c.id', 'l.consolidated_contribution_id')
    .join('raw_contributions as r', 'r.id', 'l.raw_contribution_id')
    .select('c.id as consolidated_id', 'c.theme_id', 'r.id as raw_id', 'r.body')
    .where('c.consultation_id', consultationId)
    .whereNull('l.undone_at')
    .whereNull('l.extract_id');
  if (consolidatedIds) q.whereIn('c.id', consolidatedIds);
  const rows = await q.orderBy([{ column: 'c.id' }, { column: 'r.id' }]);
  return rows.map((r: any) => ({ consolidated_id: Number(r.consolidated_id), theme_id: Number(r.theme_id), raw_id: Number(r.raw_id), body: r.body }));
}

export async function rawBodies(db: Db, consultationId: number, ids: readonly number[]): Promise<RawText[]> {
  if (!ids.length) return [];
  return (await db('raw_contributions').select(RAW_COLUMNS).where({ consultation_id: consultationId }).whereIn('id', ids).orderBy('id')).map(toRaw);
}

/** Read-only look-ups of other modules' tables for the knowledge pages (joins allowed, writes not). */
export async function consultationForKnowledge(db: Db, slug: string, userId: number): Promise<{ id: number; slug: string; title: string; ambassadorHere: boolean } | undefined> {
  const c = await db('consultations').select('id', 'slug', 'title').where({ slug }).first();
  if (!c) return undefined;
  const here = await db('ambassador_themes').where({ consultation_id: c.id, user_id: userId }).first();
  return { id: Number(c.id), slug: c.slug, title: c.title, ambassadorHere: !!here };
}

export async function themesOf(db: Db, consultationId: number): Promise<Array<{ id: number; code: string; title: string }>> {
  return (await db('themes').select('id', 'code', 'title').where({ consultation_id: consultationId }).orderBy('position').orderBy('id')).map((t: any) => ({ id: Number(t.id), code: t.code, title: t.title }));
}
