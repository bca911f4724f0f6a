import type { Db } from '../../shared/db';
import { DEFAULT_GLOSSARY } from './glossary-defaults';
import { buildKnowledge, foldExpression, learningTerms, MIN_WEIGHT, pairsBetween, type Knowledge } from './knowledge';
import { activeMembers, addAssociationWeights, insertGlossary, listAssociations, listGlossary, rawBodies, readState, replaceAssociations, touchState, type MemberText } from './queries';

/**
 * Learning from the ambassadors' links. Two contributions attached to the same consolidated
 * contribution teach that their words go together in this consultation (+1 per term pair per pair of
 * members); a contribution detached or moved out teaches the opposite (−1 with each remaining member).
 * Weights are integers and every list is read in a fixed order, so that SQLite and PostgreSQL hold the
 * same figures.
 */

/**
 * What a change of links teaches, called by consolidation's use cases inside their transaction, AFTER
 * the change: `added` are now attached to `consolidatedId`, `removed` were just taken out of it.
 */
export async function learnFromLinks(db: Db, consultationId: number, change: { consolidatedId: number; added?: readonly number[]; removed?: readonly number[] }): Promise<void> {
  const members = await activeMembers(db, consultationId, [change.consolidatedId]);
  const themeId = members[0]?.theme_id ?? (await themeOf(db, change.consolidatedId));
  if (themeId === undefined) return;
  const deltas = new Map<string, number>();
  const bump = (pairs: string[], d: number) => {
    for (const p of pairs) deltas.set(p, (deltas.get(p) ?? 0) + d);
  };
  const termsOf = new Map(members.map((m) => [m.raw_id, learningTerms(m.body)]));
  const added = [...new Set(change.added ?? [])].sort((a, b) => a - b);
  for (const a of added) {
    const ta = termsOf.get(a);
    if (!ta) continue;
    // Each pair once: with the members that were there before, and with the added ones after it.
    for (const m of members) if (m.raw_id !== a && (!added.includes(m.raw_id) || m.raw_id > a)) bump(pairsBetween(ta, termsOf.get(m.raw_id)!), 1);
  }
  for (const r of await rawBodies(db, consultationId, [...new Set(change.removed ?? [])])) {
    const tr = learningTerms(r.body);
    for (const m of members) if (m.raw_id !== r.id) bump(pairsBetween(tr, termsOf.get(m.raw_id)!), -1);
  }
  for (const [k, d] of deltas) if (d === 0) deltas.delete(k);
  if (!deltas.size) return;
  await addAssociationWeights(db, consultationId, themeId, deltas);
  await touchState(db, consultationId);
}

async function themeOf(db: Db, consolidatedId: number): Promise<number | undefined> {
  const r = await db('consolidated_contributions').select('theme_id').where({ id: consolidatedId }).first();
  return r ? Number(r.theme_id) : undefined;
}

/** The associations all current links teach, per theme (pairs learned at least MIN_WEIGHT times). */
export function associationsFromMembers(members: readonly MemberText[]): Array<{ theme_id: number; term_a: string; term_b: string; weight: number }> {
  const byTheme = new Map<number, Map<string, number>>();
  let i = 0;
  while (i < members.length) {
    let j = i;
    while (j < members.length && members[j]!.consolidated_id === members[i]!.consolidated_id) j++;
    const terms = members.slice(i, j).map((m) => learningTerms(m.body));
    const counts = byTheme.get(members[i]!.theme_id) ?? new Map<string, number>();
    byTheme.set(members[i]!.theme_id, counts);
    for (let x = 0; x < terms.length; x++) for (let y = x + 1; y < terms.length; y++) for (const p of pairsBetween(terms[x]!, terms[y]!)) counts.set(p, (counts.get(p) ?? 0) + 1);
    i = j;
  }
  const rows: Array<{ theme_id: number; term_a: string; term_b: string; weight: number }> = [];
  for (const [themeId, counts] of [...byTheme].sort((a, b) => a[0] - b[0])) {
    for (const [key, weight] of [...counts].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
      if (weight < MIN_WEIGHT) continue;
      const [a, b] = key.split(' ') as [string, string];
      rows.push({ theme_id: themeId, term_a: a, term_b: b, weight });
    }
  }
  return rows;
}

/** Rebuilds a consultation's associations from all its current links (pairs the DSI removed stay removed). */
export async function relearn(db: Db, consultationId: number): Promise<number> {
  const rows = associationsFromMembers(await activeMembers(db, consultationId));
  await db.transaction(async (trx) => {
    await replaceAssociations(trx, consultationId, rows);
    await touchState(trx, consultationId, { learned: true });
  });
  return rows.length;
}

/**
 * A consultation's first use: its glossary seeded with the defaults and its associations learned from
 * the links it already has (the demo's 300 consolidated contributions are its first teacher).
 */
export async function ensureReady(db: Db, consultationId: number): Promise<void> {
  const state = await readState(db, consultationId);
  if (!state.glossary_seeded) {
    await db.transaction(async (trx) => {
      const have = new Set((await listGlossary(trx, consultationId)).map((g) => g.expression_key));
      for (const e of DEFAULT_GLOSSARY) {
        const key = foldExpression(e.expression);
        if (have.has(key)) continue;
        have.add(key);
        await insertGlossary(trx, { consultation_id: consultationId, expression: e.expression, meaning: e.meaning, expression_key: key, created_by: null });
      }
      await touchState(trx, consultationId, { seeded: true });
    });
  }
  if (!state.learned) await relearn(db, consultationId);
}

/** Per database (a process may hold several: tests, the command line's copies) and consultation. */
const caches = new WeakMap<Db, Map<number, { version: number; knowledge: Knowledge }>>();

/** The knowledge of a consultation, rebuilt only when its version changed (any instance's edit bumps it). */
export async function loadKnowledge(db: Db, consultationId: number): Promise<Knowledge> {
  await ensureReady(db, consultationId);
  const { version } = await readState(db, consultationId);
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  const hit = cache.get(consultationId);
  if (hit && hit.version === version) return hit.knowledge;
  const rows = (await listAssociations(db, consultationId)).filter((r) => !r.removed);
  // Learned per theme, used across the consultation: the same pair in two themes adds up.
  const summed = new Map<string, number>();
  for (const r of rows) summed.set(`${r.term_a} ${r.term_b}`, (summed.get(`${r.term_a} ${r.term_b}`) ?? 0) + r.weight);
  const knowledge = buildKnowledge(
    await listGlossary(db, consultationId),
    [...summed].map(([k, weight]) => ({ term_a: k.split(' ')[0]!, term_b: k.split(' ')[1]!, weight })),
  );
  cache.set(consultationId, { version, knowledge });
  return knowledge;
}
