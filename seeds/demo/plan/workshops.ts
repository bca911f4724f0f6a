import { DEMO_CONTRIBUTOR, FIRST_NAMES, LAST_NAMES } from '../people';
import { slugify } from '../compose';
import { splitTotal } from '../random';
import { MISSIONS_LOCALES, type StructureSeed } from '../structures';
import { DAY, utc, workingTime } from './calendar';
import type { PlanContext } from './context';
import type { Person, RegistrationPlan, WorkshopPlan } from './types';

/** What the workshops step needs from the figures and the outline. */
export interface WorkshopTargets {
  workshops: number;
  participants: number;
  /** Consolidated contributions per theme: a theme with more to say is worked on in more workshops. */
  themeWeights: number[];
}

/** Every Mission Locale hosts one workshop, the larger ones a second or third; each has its facilitator. */
export function planWorkshops(ctx: PlanContext, targets: WorkshopTargets, staff: { dsiStaff: Person[]; ambassadors: Person[] }): WorkshopPlan[] {
  const { rng } = ctx;
  const hosts: StructureSeed[] = [...MISSIONS_LOCALES];
  const extraHosts = new Map<string, number>();
  while (hosts.length < targets.workshops) {
    const s = MISSIONS_LOCALES[rng.weightedIndex(MISSIONS_LOCALES.map((m) => m.weight * m.weight))]!;
    if ((extraHosts.get(s.name) ?? 0) >= 2) continue;
    extraHosts.set(s.name, (extraHosts.get(s.name) ?? 0) + 1);
    hosts.push(s);
  }
  const weekdays: string[] = [];
  for (let d = 4; d <= 29; d++) {
    const day = new Date(Date.UTC(2023, 8, d));
    if (day.getUTCDay() !== 0 && day.getUTCDay() !== 6) weekdays.push(day.toISOString().slice(0, 10));
  }
  const attendance = splitTotal(rng, targets.participants, targets.workshops, 5, 15);
  const draft = hosts.map((structure, i) => {
    const [h, m] = rng.pick([[9, 0], [9, 30], [10, 0], [13, 30], [14, 0]] as const);
    const day = rng.pick(weekdays);
    const startsAt = new Date(utc(day).getTime() + ((h - structure.utcOffset) * 60 + m) * 60_000);
    const themeCount = rng.pick([1, 2, 2, 2, 3, 3]);
    const themes: number[] = [];
    while (themes.length < themeCount) {
      const t = rng.weightedIndex(targets.themeWeights);
      if (!themes.includes(t)) themes.push(t);
    }
    themes.sort((a, b) => a - b);
    return { structure, startsAt, themes, attendance: attendance[i]!, distanciel: rng.chance(0.14) };
  });
  draft.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime() || a.structure.name.localeCompare(b.structure.name));
  const { dsiStaff, ambassadors } = staff;
  return draft.map((d, i) => {
    const local = ambassadors.filter((a) => ctx.regionOf(a.structureId) === d.structure.region);
    const facilitator =
      !d.distanciel && local.length && rng.chance(0.75) ? rng.pick(local) : rng.chance(0.6) ? rng.pick(dsiStaff) : rng.pick(ambassadors);
    const endsAt = new Date(d.startsAt.getTime() + 150 * 60_000);
    const id = ctx.nextId('workshops');
    return {
      id,
      no: i + 1,
      structure: d.structure,
      structureId: ctx.sid(d.structure.name),
      themes: d.themes,
      attendance: d.attendance,
      capacity: 0,
      mode: d.distanciel ? 'distanciel' : 'presentiel',
      startsAt: d.startsAt,
      endsAt,
      closedAt: new Date(endsAt.getTime() + rng.int(1, 3) * DAY + rng.int(0, 180) * 60_000),
      facilitatorId: facilitator.id,
      attendees: [],
      contributions: 0,
      title: '',
      place: '',
      reportMd: '',
      createdAt: new Date(0),
    };
  });
}

/**
 * The 811 participants, each attending exactly one workshop (the demo contributor among them), and a
 * few people who registered and did not come, or cancelled: they are not participants. Registration
 * dates are drawn later (planReports), once the workshops' reports are written.
 */
export function planAttendance(ctx: PlanContext, workshops: WorkshopPlan[]): { registrations: RegistrationPlan[]; participants: Person[]; demoContributor: Person } {
  const { rng } = ctx;
  const sameRegion = (s: StructureSeed) => MISSIONS_LOCALES.filter((m) => m.region === s.region && m.name !== s.name);
  const demoWorkshop = workshops.find((w) => w.structure.name === DEMO_CONTRIBUTOR.structure && w.mode === 'presentiel') ?? workshops[0]!;
  let mailNo = 0;
  const newStaff = (structure: StructureSeed): Person => {
    const first = rng.pick(FIRST_NAMES);
    const last = rng.pick(LAST_NAMES);
    mailNo++;
    const createdAt = workingTime(rng, '2023-05-15', '2023-05-31');
    return ctx.addPerson({
      email: `${slugify(first)}.${slugify(last)}.${mailNo}@${structure.domain}.example`,
      name: `${first} ${last}`,
      role: 'contributeur',
      structureId: ctx.sid(structure.name),
      createdAt,
      updatedAt: createdAt,
      demo: false,
    });
  };
  const registrations: RegistrationPlan[] = [];
  const register = (w: WorkshopPlan, p: Person, status: 'inscrit' | 'annule', attended: boolean) =>
    registrations.push({ id: 0, w, p, status, attended, createdAt: new Date(0), updatedAt: new Date(0) });
  let demoContributor: Person | undefined;
  for (const w of workshops) {
    for (let seat = 0; seat < w.attendance; seat++) {
      let person: Person;
      if (w === demoWorkshop && seat === 0) {
        person = ctx.addPerson({
          email: DEMO_CONTRIBUTOR.email,
          name: DEMO_CONTRIBUTOR.name,
          role: 'contributeur',
          structureId: ctx.sid(DEMO_CONTRIBUTOR.structure),
          createdAt: utc('2023-05-22T08:00:00.000Z'),
          updatedAt: utc('2023-05-22T08:00:00.000Z'),
          demo: true,
        });
        demoContributor = person;
      } else {
        const neighbours = sameRegion(w.structure);
        const structure =
          w.mode === 'distanciel' && rng.chance(0.5)
            ? MISSIONS_LOCALES[rng.weightedIndex(MISSIONS_LOCALES.map((m) => m.weight))]!
            : neighbours.length && rng.chance(0.3)
              ? rng.pick(neighbours)
              : w.structure;
        person = newStaff(structure);
      }
      w.attendees.push(person);
      register(w, person, 'inscrit', true);
    }
  }
  for (const w of rng.sample(workshops, 22)) {
    const status = rng.chance(0.6) ? 'inscrit' : 'annule';
    register(w, newStaff(w.structure), status, false);
  }
  for (const w of workshops) {
    const expected = registrations.filter((r) => r.w === w && r.status === 'inscrit').length;
    w.capacity = Math.min(25, Math.max(12, expected + rng.int(0, 8)));
  }
  if (!demoContributor) throw new Error('Plan de démonstration incohérent : pas de compte contributeur de démonstration');
  const participants = ctx.people.filter((p) => p.role === 'contributeur' && registrations.some((r) => r.p === p && r.attended));
  return { registrations, participants, demoContributor };
}
