import type { Db } from '../../shared/db';
import { inChunks } from '../../shared/db';
import { notify } from '../notifications';

const EXCERPT = 120;

/**
 * The optional mail to the authors of raw contributions just taken into a consolidated
 * contribution: one per person, listing their contributions (a reference or the start of the text).
 * Written in the caller's transaction; people who turned it off are skipped by notify.
 */
export async function tellContributors(trx: Db, rawIds: readonly number[], consolidated: { code: string | null; title: string }): Promise<void> {
  if (!rawIds.length) return;
  const rows = await inChunks(rawIds, (slice) => trx('raw_contributions').whereIn('id', slice).whereNotNull('author_id').select('author_id', 'reference', 'body'));
  const byUser = new Map<number, string[]>();
  for (const r of rows as Array<{ author_id: unknown; reference: string | null; body: string }>) {
    const text = r.body.length > EXCERPT ? `${r.body.slice(0, EXCERPT).trimEnd()}…` : r.body;
    const line = r.reference ? `${r.reference} : « ${text} »` : `« ${text} »`;
    const id = Number(r.author_id);
    byUser.set(id, [...(byUser.get(id) ?? []), line]);
  }
  await notify.contributionsConsolidated(trx, byUser, { title: consolidated.code ? `${consolidated.code} ${consolidated.title}` : consolidated.title, path: '/mes-contributions' });
}
