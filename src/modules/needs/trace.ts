import type { Db } from '../../shared/db';
import { groupByKey, inChunks } from '../../shared/db';
import { WHERE_SAID } from '../contributions';
import { funnelByTheme, type FunnelLine } from '../stats';
import { joinPlaces, proposalsOf, supportsOf, type ProposalRow, type SupportRow } from './queries';

/**
 * Traceability both ways. One function per figure: the need's page and the white paper both ask
 * needTrace; the funnel is the stats module's, so numbers never disagree.
 */

export interface TracedRaw {
  id: number;
  reference: string | null;
  body: string;
  /** The extracts through which this raw contribution feeds the need (empty: linked whole). */
  extracts: string[];
  whole: boolean;
  workshopId: number | null;
  workshopTitle: string | null;
  region: string | null;
  consolidatedIds: number[];
}

export type { FunnelLine };

export interface NeedTrace {
  consolidated: SupportRow[];
  raw: TracedRaw[];
  counts: { consolidated: number; raw: number; workshops: number; regions: number; contributors: number };
}

/** The author key: the account, else the name written on an imported sheet; none = not attributed. */
function authorKey(r: { author_id: number | null; author_name: string | null }): string | null {
  if (r.author_id != null) return `u${r.author_id}`;
  const name = (r.author_name ?? '').trim().toLowerCase();
  return name ? `n:${name}` : null;
}

/**
 * Every raw contribution behind a need, through its consolidated contributions' ACTIVE links (whole
 * or by extract), with the counts: raw contributions, workshops, regions (where each was said:
 * contributions' `whereSaid`), contributors (distinct authors — anonymous ones counted, never named).
 */
export async function needTrace(db: Db, needId: number): Promise<NeedTrace> {
  return (await needTraces(db, [needId])).get(needId)!;
}

/** needTrace for many needs at once (the white paper): the same rules, two queries per 500 needs. */
export async function needTraces(db: Db, needIds: number[]): Promise<Map<number, NeedTrace>> {
  const supports = await supportsOf(db, needIds);
  const rows = (await inChunks(needIds, (slice) =>
    db('need_supports as s')
      .join('consolidation_links as l', 'l.consolidated_contribution_id', 's.consolidated_contribution_id')
      .join('raw_contributions as rc', 'rc.id', 'l.raw_contribution_id')
      .leftJoin('contribution_extracts as e', 'e.id', 'l.extract_id')
      .modify(joinPlaces)
      .whereIn('s.need_id', slice)
      .whereNull('l.undone_at')
      .select(
        's.need_id', 'rc.id', 'rc.reference', 'rc.body', 'rc.workshop_id', 'rc.author_id', 'rc.author_name',
        'w.title as workshop_title', 'e.quote as extract_quote', 'l.extract_id', 'l.consolidated_contribution_id',
        db.raw(`${WHERE_SAID} as region`),
      )
      .orderBy('s.need_id')
      .orderBy('rc.id'),
  )) as any[];
  const byNeed = groupByKey(needIds, rows, (r) => Number(r.need_id));
  const out = new Map<number, NeedTrace>();
  for (const needId of needIds) {
    const byId = new Map<number, TracedRaw>();
    const authors = new Set<string>();
    for (const r of byNeed.get(needId)!) {
      const id = Number(r.id);
      let t = byId.get(id);
      if (!t) {
        t = {
          id, reference: r.reference, body: r.body, extracts: [], whole: false,
          workshopId: r.workshop_id == null ? null : Number(r.workshop_id), workshopTitle: r.workshop_title ?? null,
          region: r.region || null, consolidatedIds: [],
        };
        byId.set(id, t);
        const key = authorKey({ author_id: r.author_id == null ? null : Number(r.author_id), author_name: r.author_name });
        if (key) authors.add(key);
      }
      if (r.extract_id == null) t.whole = true;
      else if (r.extract_quote && !t.extracts.includes(r.extract_quote)) t.extracts.push(r.extract_quote);
      const cid = Number(r.consolidated_contribution_id);
      if (!t.consolidatedIds.includes(cid)) t.consolidatedIds.push(cid);
    }
    const consolidated = supports.get(needId) ?? [];
    const raw = [...byId.values()];
    out.set(needId, {
      consolidated,
      raw,
      counts: {
        consolidated: consolidated.length,
        raw: raw.length,
        workshops: new Set(raw.filter((r) => r.workshopId != null).map((r) => r.workshopId)).size,
        regions: new Set(raw.filter((r) => r.region).map((r) => r.region)).size,
        contributors: authors.size,
      },
    });
  }
  return out;
}

export interface EndedUp {
  consolidated: Array<{
    id: number;
    code: string | null;
    title: string;
    extract: string | null;
    needs: NeedRef[];
  }>;
}

export interface NeedRef {
  id: number;
  code: string;
  title: string;
  status: string;
}

/** The needs each consolidated contribution supports (a merged need is shown as the need it went into). */
export async function needsSupportedBy(db: Db, consolidatedIds: number[]): Promise<Map<number, NeedRef[]>> {
  const out = new Map<number, NeedRef[]>();
  if (!consolidatedIds.length) return out;
  const rows = (await db('need_supports as s')
    .join('needs as n', 'n.id', 's.need_id')
    .leftJoin('needs as m', 'm.id', 'n.merged_into_id')
    .whereIn('s.consolidated_contribution_id', [...new Set(consolidatedIds)])
    .select(
      's.consolidated_contribution_id as cid',
      db.raw('coalesce(m.id, n.id) as id'),
      db.raw('coalesce(m.code, n.code) as code'),
      db.raw('coalesce(m.title, n.title) as title'),
      db.raw('coalesce(m.status, n.status) as status'),
    )
    .orderBy('n.code')) as any[];
  for (const r of rows) {
    const list = out.get(Number(r.cid)) ?? [];
    if (!list.some((n) => n.id === Number(r.id))) list.push({ id: Number(r.id), code: r.code, title: r.title, status: r.status });
    out.set(Number(r.cid), list);
  }
  return out;
}

/** Where a raw contribution ended up: its consolidated contributions (active links) and their needs (merged ones followed). */
export async function whereItEndedUp(db: Db, rawId: number): Promise<EndedUp> {
  const links = (await db('consolidation_links as l')
    .join('consolidated_contributions as c', 'c.id', 'l.consolidated_contribution_id')
    .leftJoin('contribution_extracts as e', 'e.id', 'l.extract_id')
    .where('l.raw_contribution_id', rawId)
    .whereNull('l.undone_at')
    .select('c.id', 'c.code', 'c.title', 'e.quote as extract')
    .orderBy('l.id')) as any[];
  const needs = await needsSupportedBy(db, links.map((l) => Number(l.id)));
  return {
    consolidated: links.map((l) => ({
      id: Number(l.id),
      code: l.code,
      title: l.title,
      extract: l.extract ?? null,
      needs: needs.get(Number(l.id)) ?? [],
    })),
  };
}

/**
 * raw → consolidated → needs → proposals, overall and per theme: the figures are the stats module's
 * (one function per figure, convention 8); the needs' trace page shows them next to its own.
 */
export async function funnel(db: Db, consultationId: number): Promise<{ overall: FunnelLine; themes: FunnelLine[] }> {
  return funnelByTheme(db, consultationId);
}

export interface WhitePaperNeed {
  id: number;
  code: string;
  title: string;
  descriptionMd: string;
  themeId: number;
  themeCode: string;
  themeTitle: string;
  proposals: ProposalRow[];
}

/** What the white paper may publish: validated needs having at least one validated proposal, with only those proposals. */
export async function validatedNeedsWithProposals(db: Db, consultationId: number): Promise<WhitePaperNeed[]> {
  const rows = (await db('needs as n')
    .join('themes as t', 't.id', 'n.theme_id')
    .where({ 'n.consultation_id': consultationId, 'n.status': 'valide' })
    .whereNull('n.merged_into_id')
    .select('n.id', 'n.code', 'n.title', 'n.description_md', 'n.theme_id', 't.code as theme_code', 't.title as theme_title')
    .orderBy('t.position')
    .orderBy('t.id')
    .orderBy('n.position')
    .orderBy('n.id')) as any[];
  const proposalsByNeed = await proposalsOf(db, rows.map((r) => Number(r.id)));
  const out: WhitePaperNeed[] = [];
  for (const r of rows) {
    const proposals = proposalsByNeed.get(Number(r.id))!.filter((p) => p.status === 'valide');
    if (!proposals.length) continue;
    out.push({
      id: Number(r.id), code: r.code, title: r.title, descriptionMd: r.description_md,
      themeId: Number(r.theme_id), themeCode: r.theme_code, themeTitle: r.theme_title, proposals,
    });
  }
  return out;
}

/**
 * The people whose raw contributions support each of these needs (by code, within a consultation),
 * as person → the needs (code, title) they contributed to: one mail per person at publication.
 */
export async function contributorsOfNeeds(db: Db, consultationId: number, codes: readonly string[]): Promise<Map<number, Array<{ code: string; title: string }>>> {
  const rows = (await inChunks([...codes], (slice) =>
    db('needs as n')
      .join('need_supports as s', 's.need_id', 'n.id')
      .join('consolidation_links as l', 'l.consolidated_contribution_id', 's.consolidated_contribution_id')
      .join('raw_contributions as rc', 'rc.id', 'l.raw_contribution_id')
      .where('n.consultation_id', consultationId)
      .whereIn('n.code', slice)
      .whereNull('l.undone_at')
      .whereNotNull('rc.author_id')
      .distinct('rc.author_id', 'n.code', 'n.title')
      .orderBy(['rc.author_id', 'n.code']),
  )) as Array<{ author_id: unknown; code: string; title: string }>;
  const out = new Map<number, Array<{ code: string; title: string }>>();
  for (const r of rows) {
    const id = Number(r.author_id);
    out.set(id, [...(out.get(id) ?? []), { code: r.code, title: r.title }]);
  }
  return out;
}
