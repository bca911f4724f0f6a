import { INTAKE } from '../content/intake';
import { Random, splitTotal } from '../random';
import { ALL_STRUCTURES } from '../structures';
import { DAY, utc, workingTime } from './calendar';
import type { PlanContext } from './context';
import type { AnglePlan, BallotPlan, IntakePlan, NeedPlan, Person, PrioritisationPlan } from './types';

/**
 * Issue 12 in the demo: the continuous intake after publication and the 2025 prioritisation. Drawn
 * from their own generator (seeded, like the main one) so that the steps before them, and therefore
 * every row the demo wrote before, stay exactly as they were.
 */
const SEED = 20250303;

/** The 2025 prioritisation: 3 to 28 March 2025, 9:00 to 18:00 Paris time (CET: UTC+1). */
export const PRIORITISATION_2025 = {
  title: 'Priorisation des besoins du livre blanc 2025',
  startsAt: utc('2025-03-03T08:00:00.000Z'),
  endsAt: utc('2025-03-28T17:00:00.000Z'),
  createdAt: utc('2025-02-24T10:15:00.000Z'),
  budget: 10,
  voters: 420,
} as const;

/** A few hundred staff vote: each spreads the points over 1 to 5 needs, the well-supported ones more often. */
export function planPrioritisation(ctx: PlanContext, needs: NeedPlan[], angles: AnglePlan[], themeAmbassadors: Person[][], dsiId: number): PrioritisationPlan {
  const rng = new Random(SEED);
  const p = PRIORITISATION_2025;
  const step = { id: ctx.nextId('prioritisation_steps'), ...p, createdBy: dsiId };
  const support = new Map<number, number>();
  for (const a of angles) support.set(a.need, (support.get(a.need) ?? 0) + a.rawIds.length);
  const weights = needs.map((_, i) => 1 + Math.pow(support.get(i) ?? 0, 1.3) / 4);
  const ambassadorThemes = new Map<number, number[]>();
  themeAmbassadors.forEach((list, theme) => list.forEach((a) => ambassadorThemes.set(a.id, [...(ambassadorThemes.get(a.id) ?? []), theme])));

  const staff = ctx.people.filter((x) => (x.role === 'contributeur' || x.role === 'ambassadeur') && !x.demo);
  const voters = rng.sample(staff, p.voters).sort((a, b) => a.id - b.id);
  const ballots: BallotPlan[] = voters.map((person) => {
    // Regions lean towards a few needs of their own (a weight per region and need).
    const region = ctx.regionOf(person.structureId);
    const own = ambassadorThemes.get(person.id) ?? [];
    const w = needs.map((n, i) => weights[i]! * (own.includes(n.theme) ? 3 : 1) * (1 + ((hash(region) + i * 7) % 5 === 0 ? 1.5 : 0)));
    const count = rng.weightedIndex([2, 4, 5, 3, 2]) + 1;
    const spent = rng.chance(0.12) ? rng.int(Math.max(count, 5), 9) : p.budget;
    const chosen: number[] = [];
    while (chosen.length < count) {
      const i = rng.weightedIndex(w.map((x, k) => (chosen.includes(k) ? 0 : x)));
      chosen.push(i);
    }
    const points = splitTotal(rng, spent, count, 1, spent);
    const createdAt = workingTime(rng, p.startsAt, new Date(p.endsAt.getTime() - DAY));
    const changed = rng.chance(0.2);
    return {
      id: ctx.nextId('prioritisation_ballots'),
      voter: person,
      region: region || null,
      lines: chosen.map((i, k) => ({ needId: needs[i]!.id, points: points[k]! })).sort((a, b) => a.needId - b.needId),
      createdAt,
      updatedAt: changed ? new Date(Math.min(createdAt.getTime() + rng.int(1, 9) * DAY, p.endsAt.getTime() - 3_600_000)) : createdAt,
      version: changed ? 2 : 1,
    };
  });
  return { step, ballots };
}

/** The remontées continues: staff (and, for some, a regional association) writing in after March 2024. */
export function planIntake(ctx: PlanContext): IntakePlan[] {
  const rng = new Random(SEED + 1);
  const regionalIds = new Set(ALL_STRUCTURES.filter((s) => s.kind === 'arml').map((s) => ctx.sid(s.name)));
  const staff = ctx.people.filter((x) => x.role === 'contributeur' && !x.demo);
  const regional = staff.filter((x) => regionalIds.has(x.structureId));
  const from = utc('2024-03-20');
  const span = utc('2026-10-30').getTime() - from.getTime();
  return INTAKE.map((seed, i) => {
    const author = seed.regional && regional.length ? rng.pick(regional) : rng.pick(staff);
    // Spread over the follow-up phase, in order.
    const day = new Date(from.getTime() + Math.floor((span * (i + rng.next() * 0.8)) / INTAKE.length));
    return {
      id: ctx.nextId('raw_contributions'),
      theme: seed.theme,
      author,
      body: seed.body,
      anonymous: rng.chance(0.15),
      submittedAt: workingTime(rng, day, new Date(day.getTime() + 3 * DAY)),
    };
  });
}

function hash(s: string): number {
  let h = 0;
  for (const ch of s) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return h;
}
