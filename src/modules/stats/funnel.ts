import type { Db } from '../../shared/db';
import { consolidatedContributions, contributionsByTheme, functionalProposals, needs, rawContributions } from './queries';

export interface FunnelLine {
  key: string;
  label: string;
  raw: number;
  consolidated: number;
  needs: number;
  proposals: number;
}

/**
 * raw → consolidated → needs → proposals, overall (the counters of queries.ts, the same figures as
 * every other page) and per theme (same rules, grouped; the test checks the per-theme sums). The needs'
 * trace page shows it (needs/trace.ts composes it).
 */
export async function funnelByTheme(db: Db, consultationId: number): Promise<{ overall: FunnelLine; themes: FunnelLine[] }> {
  const overall: FunnelLine = {
    key: 'TOTAL',
    label: 'Ensemble de la consultation',
    raw: await rawContributions(db, consultationId),
    consolidated: await consolidatedContributions(db, consultationId),
    needs: await needs(db, consultationId),
    proposals: await functionalProposals(db, consultationId),
  };
  const themes = (await db('themes').where({ consultation_id: consultationId }).select('id', 'code', 'title').orderBy('position').orderBy('id')) as Array<{ id: number; code: string; title: string }>;
  const group = async (q: any, col: string) => new Map<number, number>(((await q.select(`${col} as k`).count({ n: '*' }).groupBy(col)) as any[]).map((r) => [Number(r.k), Number(r.n)]));
  const cons = await group(db('consolidated_contributions').where({ consultation_id: consultationId }).whereNot({ status: 'annulee' }), 'theme_id');
  const nds = await group(db('needs').where({ consultation_id: consultationId }).whereNull('merged_into_id'), 'theme_id');
  const props = await group(db('functional_proposals as fp').join('needs as n', 'n.id', 'fp.need_id').where('n.consultation_id', consultationId), 'n.theme_id');
  const rawByCode = new Map((await contributionsByTheme(db, consultationId)).map((l) => [l.key, l]));
  const lines: FunnelLine[] = themes.map((th) => ({
    key: th.code,
    label: th.title,
    raw: rawByCode.get(th.code)?.count ?? 0,
    consolidated: cons.get(Number(th.id)) ?? 0,
    needs: nds.get(Number(th.id)) ?? 0,
    proposals: props.get(Number(th.id)) ?? 0,
  }));
  const unclassified = rawByCode.get('A_CLASSER');
  if (unclassified && unclassified.count > 0) lines.push({ key: 'A_CLASSER', label: unclassified.label, raw: unclassified.count, consolidated: 0, needs: 0, proposals: 0 });
  return { overall, themes: lines };
}
