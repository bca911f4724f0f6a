import crypto from 'node:crypto';
import type { Db } from '../../shared/db';
import { toDate } from '../../shared/db';
import { JOB_STALE_MS, startJob, type JobStore } from '../../shared/jobs';
import type { CloudData } from '../../shared/cloud';
import { countSelection, filterQuery, selectionBodies, selectionQuery, type SelectionFilter } from '../contributions';
import { cloudChart, scopeLabel } from './present';
import { claimWordCloud, contributionsStamp, ensureWordCloud, findWordCloud, purgeWordClouds, updateWordCloud, type WordCloudRow } from './queries';
import { CloudCounter, type CloudTerm } from './word-cloud';

/**
 * The word cloud of a selection of contributions, kept in `word_clouds` under the selection's filter
 * and the contributions' stamp (newest id, latest change): a page whose contributions did not change
 * reads the stored terms (two index lookups and one row, whatever the number of contributions). When
 * they changed, a small selection (up to `syncLimit` contributions) is counted again within the
 * request; a large one in the background (shared/jobs), while the page shows the last cloud with its
 * date — recounted at most every CLOUD_REFRESH_MS, so that a consultation receiving contributions all
 * day does not recount a million texts at each one. Withdrawn contributions never count (as in every
 * figure).
 */
export interface CloudDeps {
  db: Db;
  logger: { error(obj: object, msg: string): void };
  /** Up to this many contributions, the cloud is counted within the request. */
  syncLimit: number;
}

export type CloudStatus = 'a_jour' | 'ancien' | 'en_cours' | 'echec';

export interface CloudState {
  /** a_jour: counted on the current data; ancien: an older count, a new one running or due; en_cours: nothing counted yet; echec: the last count failed. */
  status: CloudStatus;
  terms: CloudTerm[];
  /** Contributions counted. */
  contributions: number;
  computedAt: Date | null;
  progress: { done: number; total: number } | null;
  error: string | null;
}

/** A cloud not counted again for this long is forgotten when a new selection's cloud is stored. */
export const CLOUD_KEPT_MS = 30 * 24 * 3600 * 1000;

/** A large selection's cloud is recounted at most this often. */
export const CLOUD_REFRESH_MS = 5 * 60 * 1000;
export const CLOUD_JOB = 'nuage';
const WITHDRAWN = ['retiree'] as const;

/**
 * The key a selection's cloud is stored under: the list's own query string ('' for everything), or
 * its SHA-256 when it is long (a search of 200 accented characters is 1 200 characters encoded).
 */
export function cloudKey(filter: SelectionFilter): string {
  const query = filterQuery(filter);
  return query.length <= 300 ? query : `sha256:${crypto.createHash('sha256').update(query).digest('hex')}`;
}

function stateOf(row: WordCloudRow, status: CloudStatus): CloudState {
  return {
    status,
    terms: row.terms_json ? (JSON.parse(row.terms_json) as CloudTerm[]) : [],
    contributions: row.contributions,
    computedAt: toDate(row.computed_at),
    progress: row.status === 'en_cours' ? { done: row.steps_done, total: row.steps_total } : null,
    error: row.status === 'echouee' ? row.error : null,
  };
}

async function count(db: Db, consultationId: number, filter: SelectionFilter, progress?: (done: number, total: number) => Promise<void>, total = 0) {
  const counter = new CloudCounter();
  for await (const bodies of selectionBodies(db, consultationId, filter, { excludeStatuses: [...WITHDRAWN] })) {
    for (const b of bodies) counter.add(b);
    if (progress) await progress(counter.contributions, Math.max(total, counter.contributions));
  }
  return counter;
}

async function save(db: Db, id: number, stamp: string, counter: CloudCounter): Promise<void> {
  await updateWordCloud(db, id, {
    stamp,
    terms_json: JSON.stringify(counter.terms()),
    contributions: counter.contributions,
    computed_at: new Date().toISOString(),
    status: 'terminee',
    steps_done: counter.contributions,
    steps_total: counter.contributions,
    error: null,
  });
}

export async function wordCloud(deps: CloudDeps, consultationId: number, filter: SelectionFilter): Promise<CloudState> {
  const { db } = deps;
  const key = cloudKey(filter);
  const stamp = await contributionsStamp(db, consultationId);
  const found = await findWordCloud(db, consultationId, key);
  if (found && found.stamp === stamp && found.terms_json !== null) return stateOf(found, 'a_jour');

  if (!found) await purgeWordClouds(db, consultationId, new Date(Date.now() - CLOUD_KEPT_MS));
  const row = found ?? (await ensureWordCloud(db, consultationId, key));
  const running = row.status === 'en_cours' && Date.now() - (toDate(row.updated_at)?.getTime() ?? 0) < JOB_STALE_MS;
  if (running) return stateOf(row, row.terms_json ? 'ancien' : 'en_cours');
  // The last large count is recent enough: show it, the next visit after the delay recounts.
  const computedAt = toDate(row.computed_at)?.getTime() ?? 0;
  if (row.terms_json && row.contributions > deps.syncLimit && Date.now() - computedAt < CLOUD_REFRESH_MS) return stateOf(row, row.status === 'echouee' ? 'echec' : 'ancien');

  const total = row.terms_json && row.contributions > deps.syncLimit ? row.contributions : await countSelection(db, consultationId, filter, { excludeStatuses: [...WITHDRAWN] });
  if (total <= deps.syncLimit) {
    const counter = await count(db, consultationId, filter);
    await save(db, row.id, stamp, counter);
    return stateOf((await findWordCloud(db, consultationId, key))!, 'a_jour');
  }
  if (await claimWordCloud(db, row.id, total, new Date(Date.now() - JOB_STALE_MS))) void recount(deps, row.id, consultationId, filter, stamp, total);
  const now = (await findWordCloud(db, consultationId, key))!;
  return stateOf(now, now.terms_json ? 'ancien' : 'en_cours');
}

/** The background count of a large selection (one per selection at a time, see claimWordCloud). */
function recount(deps: CloudDeps, id: number, consultationId: number, filter: SelectionFilter, stamp: string, total: number): Promise<void> {
  const { db, logger } = deps;
  const store: JobStore = {
    progress: (done, all) => updateWordCloud(db, id, { steps_done: done, steps_total: all }),
    fail: (error) => updateWordCloud(db, id, { status: 'echouee', error }),
  };
  return startJob({ kind: CLOUD_JOB, id, store, logger, failureLog: 'échec du calcul du nuage de mots' }, async (progress) => {
    const counter = await count(db, consultationId, filter, progress, total);
    await save(db, id, stamp, counter);
  });
}

const silent = { error: () => undefined };

/**
 * The cloud of a stored selection (the white paper's setting: a query string of the contributions
 * list, '' for the whole consultation), as a chart: the stored terms when they are current or when a
 * large count is under way, else counted now (a publication waits for it).
 */
export async function wordCloudChart(db: Db, consultationId: number, query: string, names: { theme?: string } = {}): Promise<CloudData> {
  const filter = selectionQuery.parse(Object.fromEntries(new URLSearchParams(query)));
  const state = await wordCloud({ db, logger: silent, syncLimit: Number.MAX_SAFE_INTEGER }, consultationId, filter);
  return cloudChart('livre-blanc-nuage', state.terms, scopeLabel(filter, names), state.contributions);
}
