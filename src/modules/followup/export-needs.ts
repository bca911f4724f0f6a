import type { Response } from 'express';
import ExcelJS from 'exceljs';
import { BOM, csvLine, neutraliseCell } from '../../shared/csv';
import type { Db } from '../../shared/db';
import { listNeeds, needTraces, proposalsOf, NEED_STATUS_LABELS, PROPOSAL_STATUS_LABELS, PRIORITY_LABELS } from '../needs';
import { latestPriorities } from '../prioritisation';
import { followupSummary } from './summary';
import { needStatusOf, statusLabel, streamLabel } from './rules';

/**
 * The needs and their functional proposals as one table, for the DSI (« exports des besoins et
 * propositions »): one line per proposal (a need without proposal has one line, its proposal columns
 * empty), in the needs' order. Each line carries the need's review status, the proposal's validation
 * status and follow-up status (followed proposals only: the white paper's set once published), the
 * need's priority points (the latest prioritisation that has started, as its results page computes
 * them) and its traceability counts (needs' `needTraces`, as the need's page). ONE function builds
 * the lines; CSV, XLSX and JSON only write them.
 */

type Cell = string | number | null;
export interface NeedsExportColumn {
  header: string;
  /** Key in the JSON export. */
  key: string;
}

export const NEEDS_EXPORT_COLUMNS: readonly NeedsExportColumn[] = [
  { header: 'Thématique', key: 'thematique' },
  { header: 'Code du besoin', key: 'besoin_code' },
  { header: 'Besoin', key: 'besoin' },
  { header: 'Statut du besoin', key: 'besoin_statut' },
  { header: 'Suivi du besoin', key: 'besoin_suivi' },
  { header: 'Points de priorité', key: 'points_priorite' },
  { header: 'Rang de priorité', key: 'rang_priorite' },
  { header: 'Contributions consolidées', key: 'contributions_consolidees' },
  { header: 'Contributions brutes', key: 'contributions_brutes' },
  { header: 'Ateliers', key: 'ateliers' },
  { header: 'Régions', key: 'regions' },
  { header: 'Code de la proposition', key: 'proposition_code' },
  { header: 'Proposition fonctionnelle', key: 'proposition' },
  { header: 'Priorité de la proposition', key: 'proposition_priorite' },
  { header: 'Statut de la proposition', key: 'proposition_statut' },
  { header: 'Statut de suivi', key: 'suivi_statut' },
  { header: 'Chantier', key: 'chantier' },
  { header: 'Statut de suivi depuis le', key: 'suivi_depuis' },
];

export type NeedsExportRow = Record<(typeof NEEDS_EXPORT_COLUMNS)[number]['key'], Cell>;

export interface NeedsExport {
  consultation: { slug: string; title: string };
  computedAt: Date;
  prioritisation: { title: string; state: string; ballots: number } | null;
  published: boolean;
  rows: NeedsExportRow[];
}

export async function needsExport(db: Db, consultation: { id: number; slug: string; title: string }, at: Date = new Date()): Promise<NeedsExport> {
  const needs = await listNeeds(db, consultation.id);
  const ids = needs.map((n) => n.id);
  const [proposals, traces, priorities, followup] = [
    await proposalsOf(db, ids),
    await needTraces(db, ids),
    await latestPriorities(db, consultation.id, at),
    await followupSummary(db, consultation.id),
  ];
  const followed = new Map((followup.overview?.rows ?? []).map((p) => [p.id, p]));
  const ranked = new Map((priorities?.results.overall ?? []).map((l) => [l.needId, l]));
  const rows: NeedsExportRow[] = [];
  for (const n of needs) {
    const counts = traces.get(n.id)!.counts;
    const props = proposals.get(n.id) ?? [];
    const followedOfNeed = props.map((p) => followed.get(p.id)).filter((p) => p !== undefined);
    const priority = ranked.get(n.id);
    const need = {
      thematique: n.theme_title,
      besoin_code: n.code,
      besoin: n.title,
      besoin_statut: NEED_STATUS_LABELS[n.status as keyof typeof NEED_STATUS_LABELS] ?? n.status,
      besoin_suivi: followedOfNeed.length ? statusLabel(needStatusOf(followedOfNeed.map((p) => p.status))) : '',
      points_priorite: priority ? priority.points : null,
      rang_priorite: priority ? priority.rank : null,
      contributions_consolidees: counts.consolidated,
      contributions_brutes: counts.raw,
      ateliers: counts.workshops,
      regions: counts.regions,
    };
    if (!props.length) {
      rows.push({ ...need, proposition_code: '', proposition: '', proposition_priorite: '', proposition_statut: '', suivi_statut: '', chantier: '', suivi_depuis: '' });
      continue;
    }
    for (const p of props) {
      const f = followed.get(p.id);
      rows.push({
        ...need,
        proposition_code: p.code,
        proposition: p.title,
        proposition_priorite: PRIORITY_LABELS[p.priority as keyof typeof PRIORITY_LABELS] ?? p.priority,
        proposition_statut: PROPOSAL_STATUS_LABELS[p.status as keyof typeof PROPOSAL_STATUS_LABELS] ?? p.status,
        suivi_statut: f ? statusLabel(f.status) : '',
        chantier: f ? streamLabel(f.stream) : '',
        suivi_depuis: f?.effectiveOn ?? '',
      });
    }
  }
  return {
    consultation: { slug: consultation.slug, title: consultation.title },
    computedAt: at,
    prioritisation: priorities ? { title: priorities.step.title, state: priorities.step.state, ballots: priorities.results.ballots } : null,
    published: followup.published,
    rows,
  };
}

// ---- The three formats, written from the same lines -------------------------------------------

/** French Excel: UTF-8 with BOM, semicolons, CRLF, every text cell neutralised (shared/csv). */
export function needsCsv(e: NeedsExport): string {
  const lines = [NEEDS_EXPORT_COLUMNS.map((c) => c.header), ...e.rows.map((r) => NEEDS_EXPORT_COLUMNS.map((c) => r[c.key]))];
  return BOM + lines.map(csvLine).join('\r\n') + '\r\n';
}

/** Open data: the same lines with the JSON keys (numbers as numbers, null where there is none). */
export function needsJson(e: NeedsExport) {
  return {
    consultation: { slug: e.consultation.slug, titre: e.consultation.title },
    calcule_le: e.computedAt.toISOString(),
    livre_blanc_publie: e.published,
    priorisation: e.prioritisation ? { titre: e.prioritisation.title, etat: e.prioritisation.state, votes: e.prioritisation.ballots } : null,
    colonnes: NEEDS_EXPORT_COLUMNS.map((c) => ({ cle: c.key, libelle: c.header })),
    lignes: e.rows,
  };
}

/** The XLSX workbook, written as a stream as the other XLSX exports (exceljs WorkbookWriter). */
export async function writeNeedsXlsx(res: Response, e: NeedsExport): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: res, useStyles: false, useSharedStrings: false });
  const sheet = workbook.addWorksheet('Besoins et propositions');
  sheet.columns = NEEDS_EXPORT_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.key === 'besoin' || c.key === 'proposition' ? 60 : 16 }));
  for (const r of e.rows) sheet.addRow(NEEDS_EXPORT_COLUMNS.map((c) => neutraliseCell(r[c.key]) ?? '')).commit();
  sheet.commit();
  await workbook.commit();
}
