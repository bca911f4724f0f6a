import type { Db } from '../../shared/db';
import { indicatorOf, needsOf, type Indicator, type NeedView } from './present';
import { followedProposals, followupSignature, needRegions, statusChanges, type FollowedRow } from './queries';

/**
 * The follow-up of a consultation as its pages read it — the followed proposals, their needs and
 * regions, and the indicator computed from them by stats' functions — kept in memory per database and
 * consultation while the data's signature (`followupSignature`) is unchanged. Nothing is stored: the
 * figures are recomputed whenever a status or a need changes (checked at every request, on every
 * instance), and at least every 30 seconds in any case, which catches a proposal validated or edited
 * and a consolidation link changed after the publication.
 */
export interface Overview {
  rows: FollowedRow[];
  regions: Map<number, string[]>;
  needs: NeedView[];
  indicator: Indicator;
}

const MAX_AGE_MS = 30_000;
interface Entry {
  signature: string;
  at: number;
  value: Promise<Overview>;
}
const memo = new WeakMap<object, Map<number, Entry>>();

export async function followupOverview(db: Db, consultationId: number, themes: ReadonlyArray<{ code: string; title: string }>): Promise<Overview> {
  const signature = `${await followupSignature(db, consultationId)}|${themes.map((t) => `${t.code}:${t.title}`).join(',')}`;
  let perDb = memo.get(db);
  if (!perDb) memo.set(db, (perDb = new Map()));
  const entry = perDb.get(consultationId);
  if (entry && entry.signature === signature && Date.now() - entry.at < MAX_AGE_MS) return entry.value;
  const value = (async () => {
    const [rows, regions, changes] = await Promise.all([followedProposals(db, consultationId), needRegions(db, consultationId), statusChanges(db, consultationId)]);
    return { rows, regions, needs: needsOf(rows, regions), indicator: indicatorOf(rows, regions, changes, themes) };
  })();
  // Requests arriving while it is computed share the same computation; a failure is not kept.
  perDb.set(consultationId, { signature, at: Date.now(), value });
  value.catch(() => perDb!.get(consultationId)?.value === value && perDb!.delete(consultationId));
  return value;
}
