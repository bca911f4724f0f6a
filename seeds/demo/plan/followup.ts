import { STREAMS, streamFromTarget } from '../../../src/modules/followup';
import { THEMES } from '../content/general';
import { utc } from './calendar';
import type { PlanContext } from './context';
import type { CapacityPlan, FollowupChangePlan, NeedPlan, Person } from './types';

/**
 * The follow-up since the white paper's publication (13 March 2024): the DSI first records every
 * proposal « à étudier », then the shared system's steering committees retain, plan, start and deliver
 * some of them, and set others aside with a reason. About 40 % of the proposals end up retained or
 * further, a dozen delivered; the capacity reserved per stream for 2024–2026.
 */

/** The steering committees of the shared system (« comités de pilotage Convergence »), and their hour. */
const COMMITTEES = [
  '2024-06-20', '2024-10-17', '2025-01-23', '2025-04-17', '2025-07-03', '2025-10-16', '2026-01-22', '2026-04-16', '2026-07-02', '2026-10-15',
];
const FIRST_DAY = '2024-03-28';
const RETAINED = 64;
const PLANNED = 40;
const STARTED = 26;
const DELIVERED = 12;
const REJECTED = 15;

const REJECTION_REASONS = [
  'Couvert par le socle commun du SI partagé avec France Travail : aucun développement spécifique prévu.',
  'Relève des outils locaux des Missions Locales, hors du périmètre du SI partagé.',
  'Contrainte réglementaire : l’échange de données demandé n’est pas autorisé en l’état (avis du DPO).',
  'Redondant avec une autre proposition retenue, qui répond au même besoin.',
  'Coût disproportionné au regard de l’usage attendu ; à réexaminer après la migration.',
  'Dépend d’un partenaire national qui n’a pas prévu l’interface nécessaire.',
];
const RETAINED_COMMENTS = [
  'Retenue par le comité de pilotage Convergence.',
  'Retenue : intégrée à la feuille de route du SI partagé.',
  'Retenue après instruction avec les ambassadeurs du thème.',
];
const PLANNED_COMMENTS = ['Planifiée dans la prochaine version du SI partagé.', 'Planifiée au prochain incrément du chantier.', 'Planifiée : spécifications validées avec le réseau.'];
const STARTED_COMMENTS = ['Développement en cours.', 'En cours : recette prévue avec des Missions Locales pilotes.', 'En cours de réalisation par l’équipe du chantier.'];

export function planFollowup(ctx: PlanContext, needs: NeedPlan[], dsi: Person): { changes: FollowupChangePlan[]; capacities: CapacityPlan[] } {
  const { rng } = ctx;
  const proposals = needs.flatMap((n) => n.proposals.map((p) => ({ p, stream: streamFromTarget(THEMES[n.theme]!.title) })));
  const changes: FollowupChangePlan[] = [];
  const at = (day: string, hour: number) => new Date(utc(day).getTime() + (hour - 1) * 3_600_000 + rng.int(0, 50) * 60_000);
  const add = (proposalId: number, status: string, stream: string | null, day: string, comment: string, extra: { links?: string[]; estimate?: number | null } = {}) =>
    changes.push({ id: 0, proposalId, status, stream, effectiveOn: day, comment, links: extra.links ?? [], estimate: extra.estimate ?? null, changedBy: dsi.id, createdAt: at(day, 17) });

  // Everything published starts « à étudier », in one bulk change a fortnight after the seminar.
  for (const { p, stream } of proposals) add(p.id, 'a_etudier', stream, FIRST_DAY, 'Proposition du livre blanc transmise au chantier Convergence pour étude.');

  // High priority first when the committees choose; a few retained proposals go to the migration stream.
  const weighted = proposals.map((x) => ({ ...x, key: rank(x.p.priority) + rng.next() * 1.6 })).sort((a, b) => a.key - b.key || a.p.id - b.p.id);
  const retained = weighted.slice(0, RETAINED);
  const rejected = weighted.slice(RETAINED).slice(-REJECTED);
  retained.forEach(({ p, stream }, i) => {
    const chosen = rng.chance(0.1) ? 'cohabitation' : stream;
    const estimate = rng.int(1, 16) * 5;
    const link = `https://backlog.si-partage.example/CONV-${1000 + i * 7 + rng.int(0, 6)}`;
    // Those delivered were retained at the first committees, so that they had time to be built.
    let step = i < DELIVERED ? rng.int(0, 1) : i < STARTED ? rng.int(0, 4) : i < PLANNED ? rng.int(1, 6) : rng.int(2, 9);
    add(p.id, 'retenue', chosen, COMMITTEES[step]!, rng.pick(RETAINED_COMMENTS), { estimate, links: [link] });
    if (i >= PLANNED) return;
    step += rng.int(1, 2);
    add(p.id, 'planifiee', chosen, COMMITTEES[Math.min(step, 8)]!, rng.pick(PLANNED_COMMENTS), { estimate, links: [link] });
    if (i >= STARTED) return;
    step = Math.min(step, 8) + 1;
    add(p.id, 'en_cours', chosen, COMMITTEES[Math.min(step, 9)]!, rng.pick(STARTED_COMMENTS), { estimate, links: [link] });
    if (i >= DELIVERED) return;
    step = Math.min(step, 9) + rng.int(1, 2);
    add(p.id, 'livree', chosen, COMMITTEES[Math.min(step, 9)]!, `Livrée dans la version ${Math.min(step, 9) - 1}.0 du SI partagé ; présentée aux ambassadeurs du thème.`, { estimate, links: [link, `https://backlog.si-partage.example/versions/${Math.min(step, 9) - 1}.0`] });
  });
  for (const { p, stream } of rejected) add(p.id, 'non_retenue', stream, COMMITTEES[rng.int(0, 7)]!, rng.pick(REJECTION_REASONS));

  // In the order the DSI recorded them: by day, then as planned.
  const ordered = changes.map((c, i) => ({ c, i })).sort((a, b) => (a.c.effectiveOn < b.c.effectiveOn ? -1 : a.c.effectiveOn > b.c.effectiveOn ? 1 : a.i - b.i)).map(({ c }) => c);
  for (const c of ordered) c.id = ctx.nextId('followup_changes');

  const capacities: CapacityPlan[] = [];
  for (const year of [2024, 2025, 2026]) {
    for (const s of STREAMS) {
      capacities.push({ id: ctx.nextId('followup_capacities'), stream: s.code, year, personDays: rng.int(6, 30) * 10, updatedBy: dsi.id, updatedAt: at(year === 2024 ? '2024-03-20' : `${year - 1}-12-10`, 10) });
    }
  }
  return { changes: ordered, capacities };
}

const rank = (priority: string) => (priority === 'haute' ? 0 : priority === 'moyenne' ? 1 : 2);
