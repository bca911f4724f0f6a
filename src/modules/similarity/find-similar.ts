import type { Db } from '../../shared/db';
import { buildIndex, similarTo, DEFAULT_MIN_SCORE } from './engine';
import { findRawText, listComparableRaw, listConsolidatedTexts } from './queries';

export interface SimilarRaw {
  id: number;
  score: number;
  reference: string | null;
  status: string;
  themeId: number | null;
  body: string;
}

export interface SimilarConsolidated {
  id: number;
  score: number;
  code: string | null;
  title: string;
  themeId: number;
}

/** At most this many suggestions are asked for at once. */
const MAX_K = 50;
const bound = (k: number) => Math.max(0, Math.min(MAX_K, Math.floor(k)));

/** Plain text of a consolidated contribution: its title, then its Markdown body without markup signs. */
export function consolidatedText(title: string, bodyMd: string): string {
  return `${title}. ${bodyMd.replace(/[*_#>`[\]()-]+/g, ' ')}`;
}

/**
 * The raw contributions of the same consultation most similar to a raw contribution, best first
 * (withdrawn ones never appear; the contribution itself neither). IDF over the consultation's
 * contributions. Empty when the contribution does not exist.
 */
export async function similarRawContributions(db: Db, rawId: number, k = 10, minScore = DEFAULT_MIN_SCORE): Promise<SimilarRaw[]> {
  const raw = await findRawText(db, rawId);
  if (!raw) return [];
  const all = await listComparableRaw(db, raw.consultation_id);
  const byId = new Map(all.map((r) => [r.id, r]));
  const index = buildIndex(all.map((r) => ({ id: r.id, text: r.body })));
  // A withdrawn contribution is not in the index: compare its text, so that it still gets suggestions.
  const found = similarTo(index, byId.has(rawId) ? { id: rawId } : raw.body, bound(k), minScore);
  return found.map(({ id, score }) => {
    const r = byId.get(id)!;
    return { id, score, reference: r.reference, status: r.status, themeId: r.theme_id, body: r.body };
  });
}

/** The consolidated contributions of the same consultation closest to a raw contribution, best first. */
export async function similarConsolidated(db: Db, rawId: number, k = 10, minScore = DEFAULT_MIN_SCORE): Promise<SimilarConsolidated[]> {
  const raw = await findRawText(db, rawId);
  if (!raw) return [];
  const all = await listConsolidatedTexts(db, raw.consultation_id);
  if (!all.length) return [];
  const byId = new Map(all.map((c) => [c.id, c]));
  const index = buildIndex(all.map((c) => ({ id: c.id, text: consolidatedText(c.title, c.body_md) })));
  return similarTo(index, raw.body, bound(k), minScore).map(({ id, score }) => {
    const c = byId.get(id)!;
    return { id, score, code: c.code, title: c.title, themeId: c.theme_id };
  });
}
