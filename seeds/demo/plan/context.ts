import { THEMES } from '../content/general';
import { AMBASSADORS, DSI_STAFF } from '../people';
import { Random } from '../random';
import { ALL_STRUCTURES, DSI_STRUCTURE } from '../structures';
import { utc, workingTime } from './calendar';
import type { Person, StructurePlan } from './types';

/** The generator's seed: the same plan on every run and on both engines. */
const SEED = 20230923;

/** Tables whose rows carry an id chosen by the plan (the others have composite keys). */
export const ID_TABLES = [
  'structures', 'users', 'consultations', 'consultation_phases', 'themes', 'ambassador_applications', 'workshops',
  'workshop_registrations', 'raw_contributions', 'contribution_extracts', 'consolidated_contributions',
  'consolidation_links', 'needs', 'functional_proposals', 'representative_quotes', 'need_comments',
  'followup_changes', 'followup_capacities',
  'prioritisation_steps', 'prioritisation_ballots',
] as const;
export type IdTable = (typeof ID_TABLES)[number];

export interface PlanInput {
  /** The consultation's slug (DEMO_SLUG). */
  slug: string;
  /** Structures already in the database, by name: reused rather than inserted again. */
  existingStructures: ReadonlyMap<string, number>;
  /** Highest id already used per table (0 when empty): the demo's ids start after it. */
  maxIds: Readonly<Record<string, number>>;
}

/**
 * What every step of the plan shares: the one generator (the steps draw from it in a fixed order, so
 * the order of the steps is part of the demo), the id counters, the structures and the people.
 */
export class PlanContext {
  readonly rng = new Random(SEED);
  readonly people: Person[] = [];
  readonly structures: StructurePlan[] = [];
  private readonly counters = new Map<IdTable, number>();
  private readonly structureIds = new Map<string, number>();

  constructor(input: PlanInput) {
    for (const t of ID_TABLES) this.counters.set(t, input.maxIds[t] ?? 0);
    for (const s of ALL_STRUCTURES) {
      const existing = input.existingStructures.get(s.name);
      if (existing !== undefined) {
        this.structureIds.set(s.name, existing);
        continue;
      }
      const id = this.nextId('structures');
      this.structureIds.set(s.name, id);
      this.structures.push({ id, seed: s });
    }
  }

  nextId(table: IdTable): number {
    const id = (this.counters.get(table) ?? 0) + 1;
    this.counters.set(table, id);
    return id;
  }

  /** The id of a structure of the demo, by name. */
  sid(name: string): number {
    const id = this.structureIds.get(name);
    if (id === undefined) throw new Error(`Structure inconnue : ${name}`);
    return id;
  }

  regionOf(structureId: number): string {
    return ALL_STRUCTURES.find((s) => this.structureIds.get(s.name) === structureId)?.region ?? '';
  }

  addPerson(p: Omit<Person, 'id'>): Person {
    const person = { ...p, id: this.nextId('users') };
    this.people.push(person);
    return person;
  }
}

/** The DSI's staff (Claire first, who validates) and the 14 ambassadors, with the themes each follows. */
export function planStaff(ctx: PlanContext): { dsiStaff: Person[]; ambassadors: Person[]; themeAmbassadors: Person[][] } {
  const dsiStaff = DSI_STAFF.map((d) =>
    ctx.addPerson({
      email: d.email,
      name: d.name,
      role: 'dsi',
      structureId: ctx.sid(DSI_STRUCTURE),
      createdAt: utc('2023-05-02T08:30:00.000Z'),
      updatedAt: utc('2023-05-02T08:30:00.000Z'),
      demo: d.demo,
    }),
  );
  const ambassadors = AMBASSADORS.map((a) =>
    ctx.addPerson({
      email: a.email,
      name: a.name,
      role: 'ambassadeur',
      structureId: ctx.sid(a.structure),
      createdAt: workingTime(ctx.rng, '2023-05-15', '2023-05-31'),
      updatedAt: utc('2023-06-29T14:00:00.000Z'),
      demo: a.demo === true,
    }),
  );
  const themeAmbassadors = THEMES.map((t) => ambassadors.filter((_, i) => AMBASSADORS[i]!.themes.includes(t.code)));
  themeAmbassadors.forEach((list, t) => {
    if (list.length < 2) throw new Error(`Le thème ${THEMES[t]!.code} a moins de deux ambassadeurs`);
  });
  return { dsiStaff, ambassadors, themeAmbassadors };
}
