import { searchableText } from '../../src/shared/text/french';
import { isPartnerVoice, lcFirst, PARTNER_MARK, slugify, variation } from './compose';
import {
  CONSULTATION_DESCRIPTION,
  CONSULTATION_TITLE,
  DATA_NOTICE,
  NEED_COMMENTS,
  OUT_OF_SCOPE,
  PARTNER_REPORTING,
  PHASES,
  REPORT_CLOSINGS,
  REPORT_OPENINGS,
  THEMES,
  UNCLASSIFIED,
} from './content/general';
import type { Angle, NeedSeed, ThemeSeed } from './content/types';
import { ACKNOWLEDGEMENTS_MD, CONCLUSION_MD, FOREWORD_MD, METHOD_MD, THEME_INTROS, WHITEPAPER_SUBTITLE, WHITEPAPER_TITLE } from './content/whitepaper';
import {
  AMBASSADORS,
  APPLICATION_MOTIVATIONS,
  DECLINE_COMMENTS,
  DEMO_CONTRIBUTOR,
  DSI_STAFF,
  FIRST_NAMES,
  LAST_NAMES,
} from './people';
import { Random, splitTotal } from './random';
import { ALL_STRUCTURES, DSI_STRUCTURE, E2C, IBS, MISSIONS_LOCALES, type StructureSeed } from './structures';

/** The figures of the consultation, as presented at the national seminar of 13 March 2024. */
export const FIGURES = {
  workshops: 84,
  participants: 811,
  rawContributions: 1091,
  ambassadors: 14,
  consolidated: 300,
  needs: 88,
} as const;

const SEED = 20230923;

/** Raw contributions that are not consolidated (the rest, 1091 − these, are). */
const UNCLASSIFIED_COUNT = 33; // « à classer »: no theme yet
const OUT_OF_SCOPE_COUNT = 40;
const PENDING_COUNT = 30; // themed, still to process
const EXTRACT_SOURCES = 6; // raw contributions cut into two extracts each
const PARTNER_COUNT = 55;
const INDIVIDUAL_COUNT = 109;
const SECONDARY_SUPPORTS = 14; // consolidated contributions that support a second need
const UNDONE_LINKS = 5;

/** Tables that receive rows, in the order foreign keys require. */
export const TABLES = [
  'structures',
  'users',
  'consultations',
  'consultation_phases',
  'themes',
  'ambassador_applications',
  'ambassador_themes',
  'workshops',
  'workshop_themes',
  'workshop_registrations',
  'raw_contributions',
  'contribution_extracts',
  'consolidated_contributions',
  'consolidation_links',
  'needs',
  'need_supports',
  'functional_proposals',
  'representative_quotes',
  'need_comments',
  'whitepaper_content',
  'whitepaper_theme_intros',
] as const;
export type Table = (typeof TABLES)[number];

/** Tables whose rows carry an `id` (the others have composite keys). */
export const ID_TABLES = TABLES.filter((t) => !['ambassador_themes', 'workshop_themes', 'need_supports', 'whitepaper_content', 'whitepaper_theme_intros'].includes(t));

export type Row = Record<string, string | number | boolean | null>;

export interface DemoSummary {
  workshops: number;
  participants: number;
  rawContributions: number;
  ambassadors: number;
  consolidated: number;
  needs: number;
  proposals: number;
}

export interface BuildInput {
  /** The consultation's slug (DEMO_SLUG). */
  slug: string;
  /** The hash of the demo password, computed once and shared by the three demo accounts. */
  passwordHash: string;
  /** Structures already in the database, by name: reused rather than inserted again. */
  existingStructures: ReadonlyMap<string, number>;
  /** Highest id already used per table (0 when empty): the demo's ids start after it. */
  maxIds: Readonly<Record<string, number>>;
}

export interface DemoData {
  rows: Record<Table, Row[]>;
  /** Every e-mail address the demo creates (checked against existing accounts before inserting). */
  emails: string[];
  consultationId: number;
  dsiUserId: number;
  summary: DemoSummary;
}

// ---------------------------------------------------------------------------------------------
// Dates. Everything is stored as ISO-8601 text (UTC); the calendar follows the deck.

const DAY = 86_400_000;
const iso = (d: Date) => d.toISOString();
const utc = (s: string) => new Date(s.length === 10 ? `${s}T00:00:00.000Z` : s);
function between(rng: Random, from: string | Date, to: string | Date): Date {
  const a = (typeof from === 'string' ? utc(from) : from).getTime();
  const b = (typeof to === 'string' ? utc(to) : to).getTime();
  const t = a + Math.floor(rng.next() * Math.max(0, b - a));
  return new Date(Math.floor(t / 60_000) * 60_000);
}
/** A time on a working day between 8:30 and 18:00 Paris time (CEST in autumn, CET in winter). */
function workingTime(rng: Random, from: string | Date, to: string | Date): Date {
  const day = between(rng, from, to);
  const d = new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate()));
  while (d.getUTCDay() === 0 || d.getUTCDay() === 6) d.setUTCDate(d.getUTCDate() + 1);
  const offset = d.getUTCMonth() >= 3 && d.getUTCMonth() <= 9 ? 2 : 1;
  return new Date(d.getTime() + ((8.5 - offset) * 60 + rng.int(0, 570)) * 60_000);
}
const later = (a: Date, b: Date) => (a > b ? a : b);
const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const plural = (n: number, one: string, many: string) => `${n} ${n > 1 ? many : one}`;

// ---------------------------------------------------------------------------------------------
// Plans: in-memory objects from which the rows are written.

interface Person {
  id: number;
  email: string;
  name: string;
  role: 'contributeur' | 'ambassadeur' | 'dsi';
  structureId: number;
  createdAt: Date;
  updatedAt: Date;
  demo: boolean;
}

interface AnglePlan {
  theme: number;
  need: number; // global index of its need
  title: string;
  voices: string[]; // what staff said (generic voices)
  partnerVoices: Array<{ partner: 'IBS' | 'E2C'; text: string }>;
  id: number;
  code: string;
  creatorId: number;
  createdAt: Date;
  lastLinkAt: Date;
  rawIds: number[];
}

interface NeedPlan {
  theme: number;
  seed: NeedSeed;
  id: number;
  code: string;
  position: number;
  creatorId: number;
  createdAt: Date;
  validatedAt: Date;
  angles: AnglePlan[];
  supports: AnglePlan[];
}

interface WorkshopPlan {
  id: number;
  no: number;
  structure: StructureSeed;
  structureId: number;
  themes: number[];
  attendance: number;
  capacity: number;
  mode: 'presentiel' | 'distanciel';
  startsAt: Date;
  endsAt: Date;
  closedAt: Date;
  facilitatorId: number;
  attendees: Person[];
  contributions: number;
}

type SlotKind = 'linked' | 'extract' | 'pending' | 'out' | 'unclassified';
interface Slot {
  kind: SlotKind;
  theme: number | null;
  angle?: AnglePlan;
  partnerVoice?: { partner: 'IBS' | 'E2C'; text: string };
  quotingPartner?: 'IBS' | 'E2C';
  extract?: { a: AnglePlan; b: AnglePlan; va: string; vb: string };
  outOfScope?: readonly [string, string];
  unclassified?: string;
  source: 'atelier' | 'individuelle' | 'partenaire';
  workshop?: WorkshopPlan;
  author?: Person;
  structureId: number | null;
  submittedAt: Date;
  anonymous: boolean;
  reference: string | null;
  body: string;
  id: number;
}

/**
 * Builds every row of the demo consultation in memory, deterministically: same input, same rows.
 * Ids are chosen here (after the highest existing id of each table) so that rows can reference
 * each other without reading anything back from the database.
 */
export function buildDemo(input: BuildInput): DemoData {
  const rng = new Random(SEED);
  const counters: Record<string, number> = {};
  for (const t of ID_TABLES) counters[t] = input.maxIds[t] ?? 0;
  const nextId = (t: Table) => ++counters[t]!;
  const rows = Object.fromEntries(TABLES.map((t) => [t, [] as Row[]])) as Record<Table, Row[]>;

  // --- Structures -------------------------------------------------------------------------
  const structureIds = new Map<string, number>();
  for (const s of ALL_STRUCTURES) {
    const existing = input.existingStructures.get(s.name);
    if (existing !== undefined) {
      structureIds.set(s.name, existing);
      continue;
    }
    const id = nextId('structures');
    structureIds.set(s.name, id);
    rows.structures.push({
      id,
      name: s.name,
      kind: s.kind,
      department_code: s.departmentCode,
      department_name: s.departmentName,
      region: s.region,
      created_at: '2023-05-02T08:00:00.000Z',
    });
  }
  const sid = (name: string) => {
    const id = structureIds.get(name);
    if (id === undefined) throw new Error(`Structure inconnue : ${name}`);
    return id;
  };

  // --- Content plan: themes, needs, angles (one angle = one consolidated contribution) ------
  const needSeeds: Array<{ theme: number; seed: NeedSeed; angles: Angle[] }> = [];
  THEMES.forEach((theme, t) => theme.needs.forEach((seed) => needSeeds.push({ theme: t, seed, angles: [...seed.angles] })));
  if (needSeeds.length !== FIGURES.needs) throw new Error(`Le contenu compte ${needSeeds.length} besoins au lieu de ${FIGURES.needs}`);
  // Trim the facets written in excess, from the needs that have the most, down to exactly 300.
  let angleTotal = needSeeds.reduce((n, s) => n + s.angles.length, 0);
  if (angleTotal < FIGURES.consolidated) throw new Error(`Le contenu ne compte que ${angleTotal} contributions consolidées`);
  while (angleTotal > FIGURES.consolidated) {
    let widest = 0;
    needSeeds.forEach((s, i) => {
      if (s.angles.length >= needSeeds[widest]!.angles.length) widest = i;
    });
    needSeeds[widest]!.angles.pop();
    angleTotal--;
  }

  // --- People -------------------------------------------------------------------------------
  const people: Person[] = [];
  const addPerson = (p: Omit<Person, 'id'>): Person => {
    const person = { ...p, id: nextId('users') };
    people.push(person);
    return person;
  };
  const dsiStaff = DSI_STAFF.map((d) =>
    addPerson({
      email: d.email,
      name: d.name,
      role: 'dsi',
      structureId: sid(DSI_STRUCTURE),
      createdAt: utc('2023-05-02T08:30:00.000Z'),
      updatedAt: utc('2023-05-02T08:30:00.000Z'),
      demo: d.demo,
    }),
  );
  const claire = dsiStaff[0]!;
  const ambassadors = AMBASSADORS.map((a) =>
    addPerson({
      email: a.email,
      name: a.name,
      role: 'ambassadeur',
      structureId: sid(a.structure),
      createdAt: workingTime(rng, '2023-05-15', '2023-05-31'),
      updatedAt: utc('2023-06-29T14:00:00.000Z'),
      demo: a.demo === true,
    }),
  );
  const themeAmbassadors = THEMES.map((t) => ambassadors.filter((_, i) => AMBASSADORS[i]!.themes.includes(t.code)));
  themeAmbassadors.forEach((list, t) => {
    if (list.length < 2) throw new Error(`Le thème ${THEMES[t]!.code} a moins de deux ambassadeurs`);
  });
  const regionOf = (structureId: number) => ALL_STRUCTURES.find((s) => structureIds.get(s.name) === structureId)?.region ?? '';

  // --- Consultation, phases, themes -------------------------------------------------------
  const consultationId = nextId('consultations');
  rows.consultations.push({
    id: consultationId,
    slug: input.slug,
    title: CONSULTATION_TITLE,
    description_md: CONSULTATION_DESCRIPTION,
    data_notice_md: DATA_NOTICE,
    contributions_open: null,
    consolidation_open: null,
    ambassador_call_open: null,
    personal_data_purged_at: null,
    version: 1,
    created_by: claire.id,
    created_at: '2023-05-10T08:00:00.000Z',
    updated_at: '2024-03-13T09:00:00.000Z',
  });
  PHASES.forEach((p, i) =>
    rows.consultation_phases.push({ id: nextId('consultation_phases'), consultation_id: consultationId, ...p, position: i + 1 }),
  );
  const themeIds = THEMES.map((theme, i) => {
    const id = nextId('themes');
    rows.themes.push({ id, consultation_id: consultationId, code: theme.code, title: theme.title, description_md: theme.description, position: i + 1 });
    return id;
  });

  // --- Workshops: every Mission Locale hosts one, the larger ones a second or third ---------
  const hosts: StructureSeed[] = [...MISSIONS_LOCALES];
  const extraHosts = new Map<string, number>();
  while (hosts.length < FIGURES.workshops) {
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
  const themeWeights = THEMES.map((_, t) => needSeeds.filter((s) => s.theme === t).reduce((n, s) => n + s.angles.length, 0));
  const attendance = splitTotal(rng, FIGURES.participants, FIGURES.workshops, 5, 15);
  const draft = hosts.map((structure, i) => {
    const [h, m] = rng.pick([[9, 0], [9, 30], [10, 0], [13, 30], [14, 0]] as const);
    const day = rng.pick(weekdays);
    const startsAt = new Date(utc(day).getTime() + ((h - structure.utcOffset) * 60 + m) * 60_000);
    const themeCount = rng.pick([1, 2, 2, 2, 3, 3]);
    const themes: number[] = [];
    while (themes.length < themeCount) {
      const t = rng.weightedIndex(themeWeights);
      if (!themes.includes(t)) themes.push(t);
    }
    themes.sort((a, b) => a - b);
    return { structure, startsAt, themes, attendance: attendance[i]!, distanciel: rng.chance(0.14) };
  });
  draft.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime() || a.structure.name.localeCompare(b.structure.name));
  const workshops: WorkshopPlan[] = draft.map((d, i) => {
    const region = d.structure.region;
    const local = ambassadors.filter((a) => regionOf(a.structureId) === region);
    const facilitator =
      !d.distanciel && local.length && rng.chance(0.75) ? rng.pick(local) : rng.chance(0.6) ? rng.pick(dsiStaff) : rng.pick(ambassadors);
    const endsAt = new Date(d.startsAt.getTime() + 150 * 60_000);
    return {
      id: nextId('workshops'),
      no: i + 1,
      structure: d.structure,
      structureId: sid(d.structure.name),
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
    };
  });

  // --- Participants: 811 staff, each attending exactly one workshop -------------------------
  const sameRegion = (s: StructureSeed) => MISSIONS_LOCALES.filter((m) => m.region === s.region && m.name !== s.name);
  const demoWorkshop = workshops.find((w) => w.structure.name === DEMO_CONTRIBUTOR.structure && w.mode === 'presentiel') ?? workshops[0]!;
  let mailNo = 0;
  const newStaff = (structure: StructureSeed): Person => {
    const first = rng.pick(FIRST_NAMES);
    const last = rng.pick(LAST_NAMES);
    mailNo++;
    const createdAt = workingTime(rng, '2023-05-15', '2023-05-31');
    return addPerson({
      email: `${slugify(first)}.${slugify(last)}.${mailNo}@${structure.domain}.example`,
      name: `${first} ${last}`,
      role: 'contributeur',
      structureId: sid(structure.name),
      createdAt,
      updatedAt: createdAt,
      demo: false,
    });
  };
  const registrations: Array<{ w: WorkshopPlan; p: Person; status: string; attended: boolean }> = [];
  let demoContributor: Person | undefined;
  for (const w of workshops) {
    for (let seat = 0; seat < w.attendance; seat++) {
      let person: Person;
      if (w === demoWorkshop && seat === 0) {
        person = addPerson({
          email: DEMO_CONTRIBUTOR.email,
          name: DEMO_CONTRIBUTOR.name,
          role: 'contributeur',
          structureId: sid(DEMO_CONTRIBUTOR.structure),
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
      registrations.push({ w, p: person, status: 'inscrit', attended: true });
    }
  }
  // A few people registered and did not come, or cancelled: they are not participants.
  for (const w of rng.sample(workshops, 22)) {
    const status = rng.chance(0.6) ? 'inscrit' : 'annule';
    registrations.push({ w, p: newStaff(w.structure), status, attended: false });
  }
  for (const w of workshops) {
    const expected = registrations.filter((r) => r.w === w && r.status === 'inscrit').length;
    w.capacity = Math.min(25, Math.max(12, expected + rng.int(0, 8)));
  }
  const participants = people.filter((p) => p.role === 'contributeur' && registrations.some((r) => r.p === p && r.attended));

  // --- Users -------------------------------------------------------------------------------
  for (const p of people) {
    rows.users.push({
      id: p.id,
      email: p.email,
      display_name: p.name,
      password_hash: p.demo ? input.passwordHash : null,
      role: p.role,
      structure_id: p.structureId,
      active: true,
      anonymised_at: null,
      last_login_at: null,
      password_changed_at: p.demo ? iso(p.createdAt) : null,
      version: 1,
      created_at: iso(p.createdAt),
      updated_at: iso(p.updatedAt),
    });
  }

  // --- Call for ambassadors (June 2023) ------------------------------------------------------
  const NOT_NAMED = [4, 10];
  ambassadors.forEach((a, i) => {
    const seed = AMBASSADORS[i]!;
    const themes = seed.themes.map((code) => themeIds[THEMES.findIndex((t) => t.code === code)]!);
    rows.ambassador_applications.push({
      id: nextId('ambassador_applications'),
      consultation_id: consultationId,
      user_id: a.id,
      structure_id: a.structureId,
      motivation: seed.motivation,
      known_themes: themes.join(','),
      status: 'retenue',
      decision_comment: 'Candidature retenue : bienvenue dans le collectif des ambassadeurs SI !',
      decided_by: claire.id,
      decided_at: iso(between(rng, '2023-06-27T08:00:00.000Z', '2023-06-29T17:00:00.000Z')),
      created_at: iso(between(rng, '2023-06-01T08:00:00.000Z', '2023-06-23T17:00:00.000Z')),
      // Two ambassadors preferred not to be named in the white paper.
      whitepaper_consent: !NOT_NAMED.includes(i),
      whitepaper_consent_at: '2024-02-28T10:00:00.000Z',
    });
    for (const theme_id of themes) rows.ambassador_themes.push({ consultation_id: consultationId, user_id: a.id, theme_id });
  });
  const applicants = rng.sample(participants.filter((p) => !p.demo), 10);
  applicants.forEach((p, i) => {
    const known = rng.sample(themeIds, rng.int(1, 3)).sort((a, b) => a - b);
    rows.ambassador_applications.push({
      id: nextId('ambassador_applications'),
      consultation_id: consultationId,
      user_id: p.id,
      structure_id: p.structureId,
      motivation: APPLICATION_MOTIVATIONS[i % APPLICATION_MOTIVATIONS.length]!,
      known_themes: known.join(','),
      status: 'non_retenue',
      decision_comment: rng.pick(DECLINE_COMMENTS),
      whitepaper_consent: false,
      whitepaper_consent_at: null,
      decided_by: claire.id,
      decided_at: iso(between(rng, '2023-06-27T08:00:00.000Z', '2023-06-29T17:00:00.000Z')),
      created_at: iso(between(rng, '2023-06-01T08:00:00.000Z', '2023-06-23T17:00:00.000Z')),
    });
  });

  // --- Needs and consolidated contributions (the angles) ------------------------------------
  const needs: NeedPlan[] = [];
  const angles: AnglePlan[] = [];
  const themeCcCount = THEMES.map(() => 0);
  needSeeds.forEach((s, n) => {
    const need: NeedPlan = {
      theme: s.theme,
      seed: s.seed,
      id: 0,
      code: `B-${pad(n + 1)}`,
      position: needs.filter((x) => x.theme === s.theme).length + 1,
      creatorId: rng.pick(themeAmbassadors[s.theme]!).id,
      createdAt: workingTime(rng, '2023-11-13', '2023-12-08'),
      validatedAt: new Date(0),
      angles: [],
      supports: [],
    };
    need.validatedAt = workingTime(rng, '2023-12-18', '2024-01-12');
    for (const [title, ...all] of s.angles) {
      themeCcCount[s.theme]!++;
      const createdAt = workingTime(rng, '2023-10-02', '2023-12-01');
      const angle: AnglePlan = {
        theme: s.theme,
        need: n,
        title,
        voices: all.filter((v) => !isPartnerVoice(v)),
        partnerVoices: all.filter(isPartnerVoice).map((v) => ({ partner: v.startsWith('§IBS') ? 'IBS' : 'E2C', text: v.replace(PARTNER_MARK, '') })),
        id: nextId('consolidated_contributions'),
        code: `CC-${THEMES[s.theme]!.prefix}-${pad(themeCcCount[s.theme]!, 3)}`,
        creatorId: rng.pick(themeAmbassadors[s.theme]!).id,
        createdAt,
        lastLinkAt: createdAt,
        rawIds: [],
      };
      if (!angle.voices.length) throw new Error(`« ${title} » n'a aucune formulation de professionnel`);
      need.angles.push(angle);
      need.supports.push(angle);
      angles.push(angle);
    }
    needs.push(need);
  });

  // --- Raw contributions: what each slot is about -------------------------------------------
  const slots: Slot[] = [];
  const blank = (kind: SlotKind, theme: number | null): Slot => ({
    kind,
    theme,
    source: 'atelier',
    structureId: null,
    submittedAt: new Date(0),
    anonymous: false,
    reference: null,
    body: '',
    id: 0,
  });
  // Extracts: one raw contribution carrying two ideas of the same theme, each feeding another need.
  const extractPairs: Array<[AnglePlan, AnglePlan]> = [];
  while (extractPairs.length < EXTRACT_SOURCES) {
    const a = rng.pick(angles);
    const b = rng.pick(angles.filter((x) => x.theme === a.theme && x.need !== a.need));
    if (extractPairs.some(([x, y]) => [x, y].includes(a) || [x, y].includes(b))) continue;
    extractPairs.push([a, b]);
  }
  const wholeLinked = FIGURES.rawContributions - UNCLASSIFIED_COUNT - OUT_OF_SCOPE_COUNT - PENDING_COUNT - EXTRACT_SOURCES;
  const base = angles.map((a) => Math.max(1, a.partnerVoices.length));
  const weights = angles.map(() => 0.3 + rng.next() * 2.4);
  const counts = [...base];
  for (let extra = wholeLinked - base.reduce((x, y) => x + y, 0); extra > 0; extra--) counts[rng.weightedIndex(weights)]!++;
  angles.forEach((angle, i) => {
    angle.partnerVoices.forEach((pv) => slots.push({ ...blank('linked', angle.theme), angle, partnerVoice: pv, source: 'partenaire' }));
    for (let k = angle.partnerVoices.length; k < counts[i]!; k++) slots.push({ ...blank('linked', angle.theme), angle });
  });
  for (const [a, b] of extractPairs) {
    slots.push({ ...blank('extract', a.theme), extract: { a, b, va: rng.pick(a.voices), vb: rng.pick(b.voices) } });
  }
  for (let i = 0; i < PENDING_COUNT; i++) {
    const angle = rng.pick(angles);
    slots.push({ ...blank('pending', angle.theme), angle });
  }
  for (let i = 0; i < OUT_OF_SCOPE_COUNT; i++) {
    slots.push({ ...blank('out', rng.int(0, THEMES.length - 1)), outOfScope: OUT_OF_SCOPE[i % OUT_OF_SCOPE.length]! });
  }
  for (let i = 0; i < UNCLASSIFIED_COUNT; i++) slots.push({ ...blank('unclassified', null), unclassified: UNCLASSIFIED[i % UNCLASSIFIED.length]! });

  // --- Sources: partners, individual contributions, workshops -------------------------------
  const partnerOwn = slots.filter((s) => s.partnerVoice).length;
  const quotable = rng.sample(
    slots.filter((s) => (s.kind === 'linked' || s.kind === 'pending') && !s.partnerVoice),
    PARTNER_COUNT - partnerOwn,
  );
  quotable.forEach((s, i) => {
    s.source = 'partenaire';
    s.quotingPartner = i % 3 === 2 ? 'E2C' : 'IBS';
  });
  for (const s of rng.sample(slots.filter((x) => x.source === 'atelier' && x.kind !== 'extract'), INDIVIDUAL_COUNT)) s.source = 'individuelle';

  const ratio = slots.filter((s) => s.source === 'atelier').length / FIGURES.participants;
  for (const s of rng.shuffle(slots)) {
    if (s.source !== 'atelier') continue;
    const pool = s.theme !== null && rng.chance(0.9) ? workshops.filter((w) => w.themes.includes(s.theme!)) : workshops;
    const w = pool[rng.weightedIndex(pool.map((x) => Math.max(0.05, x.attendance * ratio - x.contributions)))]!;
    s.workshop = w;
    w.contributions++;
  }
  // Every workshop produced something: move a contribution from the most productive if not.
  for (const w of workshops) {
    while (w.contributions === 0) {
      const richest = workshops.reduce((a, b) => (b.contributions > a.contributions ? b : a));
      const moved = slots.find((s) => s.workshop === richest)!;
      moved.workshop = w;
      richest.contributions--;
      w.contributions++;
    }
  }

  const anonymousPool = slots.filter((s) => s.source !== 'partenaire');
  for (const s of rng.sample(anonymousPool, Math.round(anonymousPool.length * 0.1))) s.anonymous = true;

  let ibsNo = 0;
  let e2cNo = 0;
  for (const s of slots) {
    if (s.source === 'atelier') {
      const w = s.workshop!;
      s.author = rng.pick(w.attendees);
      s.submittedAt = new Date(w.startsAt.getTime() + rng.int(20, 145) * 60_000);
    } else if (s.source === 'individuelle') {
      s.author = rng.pick(participants);
      s.submittedAt = workingTime(rng, '2023-09-01', '2023-09-30');
    } else {
      s.submittedAt = workingTime(rng, '2023-09-25', '2023-09-29');
    }
    s.structureId = s.author
      ? s.author.structureId
      : sid((s.partnerVoice?.partner ?? s.quotingPartner) === 'IBS' ? IBS : E2C);
  }

  // --- Bodies --------------------------------------------------------------------------------
  const used = new Set<string>();
  const unique = (make: () => string): string => {
    let text = make();
    for (let i = 0; i < 12 && used.has(text); i++) text = make();
    used.add(text);
    return text;
  };
  const outSeen = new Set<string>();
  const quoted = new Set<string>();
  const extracts: Array<{ slot: Slot; angle: AnglePlan; start: number; end: number }> = [];
  for (const s of slots) {
    const informal = s.source !== 'partenaire';
    const details = s.theme === null ? [] : THEMES[s.theme]!.details;
    if (s.partnerVoice) {
      s.body = s.partnerVoice.text;
      used.add(s.body);
    } else if (s.quotingPartner) {
      // A partner reports what counsellors told it; it does not quote the same sentence twice.
      const fresh = s.angle!.voices.filter((v) => !quoted.has(v));
      const voice = rng.pick(fresh.length ? fresh : s.angle!.voices);
      quoted.add(voice);
      s.body = unique(() => rng.pick(PARTNER_REPORTING).replace('%s', voice));
    } else if (s.extract) {
      const { a, b, va, vb } = s.extract;
      const second = lcFirst(vb);
      s.body = `${va} ${rng.pick(['Autre point : ', 'Par ailleurs, ', 'Et aussi : '])}${second}`;
      used.add(s.body);
      const at = s.body.lastIndexOf(second);
      extracts.push({ slot: s, angle: a, start: 0, end: va.length }, { slot: s, angle: b, start: at, end: at + second.length });
    } else if (s.outOfScope) {
      const [text] = s.outOfScope;
      s.body = outSeen.has(text) ? unique(() => variation(rng, [text], [], true)) : text;
      outSeen.add(text);
      used.add(s.body);
    } else if (s.unclassified) {
      s.body = s.unclassified;
      used.add(s.body);
    } else {
      s.body = unique(() => variation(rng, s.angle!.voices, details, informal));
    }
  }

  // Ids follow the order in which contributions arrived.
  const ordered = slots
    .map((s, i) => ({ s, i }))
    .sort((x, y) => x.s.submittedAt.getTime() - y.s.submittedAt.getTime() || x.i - y.i)
    .map((x) => x.s);
  const perWorkshop = new Map<WorkshopPlan, number>();
  for (const s of ordered) {
    s.id = nextId('raw_contributions');
    if (s.workshop) {
      const n = (perWorkshop.get(s.workshop) ?? 0) + 1;
      perWorkshop.set(s.workshop, n);
      s.reference = `ATL-${pad(s.workshop.no)}-${pad(n)}`;
    } else if (s.source === 'partenaire') {
      const partner = s.partnerVoice?.partner ?? s.quotingPartner;
      s.reference = partner === 'IBS' ? `IBS-${pad(++ibsNo)}` : `E2C-${pad(++e2cNo)}`;
    }
    rows.raw_contributions.push({
      id: s.id,
      consultation_id: consultationId,
      theme_id: s.theme === null ? null : themeIds[s.theme]!,
      workshop_id: s.workshop?.id ?? null,
      author_id: s.author?.id ?? null,
      author_name: s.source === 'partenaire' ? ((s.partnerVoice?.partner ?? s.quotingPartner) === 'IBS' ? IBS : E2C) : null,
      structure_id: s.structureId,
      anonymous: s.anonymous,
      source: s.source,
      reference: s.reference,
      body: s.body,
      search_text: searchableText(s.body),
      status: s.kind === 'linked' || s.kind === 'extract' ? 'consolidee' : s.kind === 'out' ? 'hors_perimetre' : 'a_traiter',
      out_of_scope_reason: s.outOfScope ? s.outOfScope[1] : null,
      import_key: null,
      submitted_at: iso(s.submittedAt),
      created_by: s.source === 'atelier' ? s.workshop!.facilitatorId : s.source === 'individuelle' ? s.author!.id : dsiStaff[1]!.id,
      version: 1,
      created_at: iso(s.submittedAt),
      updated_at: iso(s.kind === 'linked' || s.kind === 'extract' ? utc('2023-12-15T17:00:00.000Z') : s.submittedAt),
    });
  }

  // --- Consolidation links -------------------------------------------------------------------
  const linkDate = (angle: AnglePlan) => {
    const until = new Date(Math.min(angle.createdAt.getTime() + 12 * DAY, utc('2023-12-15T12:00:00.000Z').getTime()));
    let d = workingTime(rng, angle.createdAt, until);
    if (d <= angle.createdAt) d = new Date(angle.createdAt.getTime() + rng.int(5, 90) * 60_000);
    angle.lastLinkAt = later(angle.lastLinkAt, d);
    return d;
  };
  const linker = (angle: AnglePlan) => (rng.chance(0.8) ? angle.creatorId : rng.pick(themeAmbassadors[angle.theme]!).id);
  const linked = ordered.filter((s) => s.kind === 'linked');
  const undone = new Set(rng.sample(linked, UNDONE_LINKS));
  for (const s of linked) {
    const angle = s.angle!;
    const at = linkDate(angle);
    const by = linker(angle);
    if (undone.has(s)) {
      // First attached to a neighbouring consolidated contribution, then moved: the undone link stays.
      const wrong = rng.pick(angles.filter((a) => a.theme === angle.theme && a !== angle));
      rows.consolidation_links.push({
        id: nextId('consolidation_links'),
        consolidated_contribution_id: wrong.id,
        raw_contribution_id: s.id,
        extract_id: null,
        created_by: by,
        created_at: iso(new Date(at.getTime() - 2 * DAY)),
        undone_by: by,
        undone_at: iso(new Date(at.getTime() - 3_600_000)),
      });
    }
    angle.rawIds.push(s.id);
    rows.consolidation_links.push({
      id: nextId('consolidation_links'),
      consolidated_contribution_id: angle.id,
      raw_contribution_id: s.id,
      extract_id: null,
      created_by: by,
      created_at: iso(at),
      undone_by: null,
      undone_at: null,
    });
  }
  const extractIds = new Map<AnglePlan, Array<{ extractId: number; rawId: number }>>();
  for (const e of extracts) {
    const id = nextId('contribution_extracts');
    const at = linkDate(e.angle);
    const by = linker(e.angle);
    rows.contribution_extracts.push({
      id,
      raw_contribution_id: e.slot.id,
      start_offset: e.start,
      end_offset: e.end,
      quote: e.slot.body.slice(e.start, e.end),
      created_by: by,
      created_at: iso(at),
    });
    rows.consolidation_links.push({
      id: nextId('consolidation_links'),
      consolidated_contribution_id: e.angle.id,
      raw_contribution_id: e.slot.id,
      extract_id: id,
      created_by: by,
      created_at: iso(at),
      undone_by: null,
      undone_at: null,
    });
    extractIds.set(e.angle, [...(extractIds.get(e.angle) ?? []), { extractId: id, rawId: e.slot.id }]);
  }

  // --- Consolidated contributions --------------------------------------------------------------
  const slotById = new Map(ordered.map((s) => [s.id, s]));
  for (const angle of angles) {
    const behind = angle.rawIds.map((id) => slotById.get(id)!);
    const workshopCount = new Set(behind.filter((s) => s.workshop).map((s) => s.workshop)).size;
    const regions = [...new Set(behind.map((s) => (s.structureId ? regionOf(s.structureId) : '')).filter(Boolean))].sort((a, b) => a.localeCompare(b, 'fr'));
    const origin = [
      workshopCount ? plural(workshopCount, 'atelier', 'ateliers') : null,
      behind.some((s) => s.source === 'individuelle') ? 'contributions individuelles' : null,
      behind.some((s) => s.source === 'partenaire') ? 'partenaires' : null,
    ].filter(Boolean);
    const where = regions.length > 4 ? `${regions.length} régions` : regions.join(', ');
    rows.consolidated_contributions.push({
      id: angle.id,
      consultation_id: consultationId,
      theme_id: themeIds[angle.theme]!,
      code: angle.code,
      title: angle.title,
      body_md:
        `**Attendu** : ${angle.title}.\n\n` +
        `**Ce qu'en disent les professionnels** : « ${angle.voices[0]} »\n\n` +
        `Synthèse de ${plural(behind.length, 'contribution brute', 'contributions brutes')}` +
        (origin.length ? ` (${origin.join(', ')}${where ? ` — ${where}` : ''}).` : '.'),
      status: 'validee',
      split_from_id: null,
      created_by: angle.creatorId,
      version: 1,
      created_at: iso(angle.createdAt),
      updated_at: iso(angle.lastLinkAt),
    });
  }

  // --- Needs, supports, proposals, quotes, comments -----------------------------------------
  for (const cc of rng.sample(angles, SECONDARY_SUPPORTS)) {
    const options = needs.filter((n) => n.theme === cc.theme && !n.supports.includes(cc) && n.supports.length < 6);
    if (options.length) rng.pick(options).supports.push(cc);
  }
  let proposals = 0;
  for (const need of needs) {
    need.id = nextId('needs');
    rows.needs.push({
      id: need.id,
      consultation_id: consultationId,
      theme_id: themeIds[need.theme]!,
      code: need.code,
      title: need.seed.title,
      description_md: need.seed.description,
      position: need.position,
      status: 'valide',
      review_comment: null,
      merged_into_id: null,
      created_by: need.creatorId,
      validated_by: claire.id,
      validated_at: iso(need.validatedAt),
      version: 1,
      created_at: iso(need.createdAt),
      updated_at: iso(need.validatedAt),
    });
    for (const cc of need.supports) {
      rows.need_supports.push({
        need_id: need.id,
        consolidated_contribution_id: cc.id,
        created_by: need.creatorId,
        created_at: iso(new Date(later(need.createdAt, cc.lastLinkAt).getTime() + 2 * 3_600_000)),
      });
    }
    const stream = THEMES[need.theme]!.title;
    const needProposals = need.seed.proposals.map(([title, priority, description], i) => {
      proposals++;
      const createdAt = new Date(need.createdAt.getTime() + rng.int(1, 10) * DAY);
      const validatedAt = workingTime(rng, '2024-01-15', '2024-02-20');
      const code = `${need.code}.${i + 1}`;
      rows.functional_proposals.push({
        id: nextId('functional_proposals'),
        need_id: need.id,
        code,
        title,
        description_md: description,
        priority,
        target_stream: stream,
        position: i + 1,
        status: 'valide',
        review_comment: null,
        created_by: need.creatorId,
        validated_by: claire.id,
        validated_at: iso(validatedAt),
        version: 1,
        created_at: iso(createdAt),
        updated_at: iso(validatedAt),
      });
      return { code, title, description_md: description, priority, target_stream: stream };
    });
    // Representative quotes: named contributions first, one extract when the need has one.
    const candidates = need.supports.flatMap((cc) => cc.rawIds.map((id) => slotById.get(id)!));
    const preferred = [...rng.shuffle(candidates.filter((s) => !s.anonymous && s.body.length > 50)), ...rng.shuffle(candidates)];
    const chosen: Array<{ rawId: number; extractId: number | null; quote: string }> = [];
    const fromExtract = need.supports.flatMap((cc) => extractIds.get(cc) ?? [])[0];
    if (fromExtract) {
      const row = rows.contribution_extracts.find((r) => r.id === fromExtract.extractId)!;
      chosen.push({ rawId: fromExtract.rawId, extractId: fromExtract.extractId, quote: String(row.quote) });
    }
    const wanted = rng.int(2, 3);
    for (const s of preferred) {
      if (chosen.length >= wanted) break;
      if (!chosen.some((c) => c.rawId === s.id)) chosen.push({ rawId: s.id, extractId: null, quote: s.body });
    }
    for (const c of chosen) {
      rows.representative_quotes.push({
        id: nextId('representative_quotes'),
        need_id: need.id,
        raw_contribution_id: c.rawId,
        extract_id: c.extractId,
        created_by: need.creatorId,
        created_at: iso(workingTime(rng, '2024-01-08', '2024-02-15')),
      });
    }
  }
  for (const need of rng.sample(needs, 20)) {
    const author = rng.chance(0.5) ? claire : rng.pick(themeAmbassadors[need.theme]!);
    rows.need_comments.push({
      id: nextId('need_comments'),
      need_id: need.id,
      author_id: author.id,
      body: rng.pick(NEED_COMMENTS),
      created_at: iso(workingTime(rng, '2023-12-11', '2024-02-28')),
    });
  }

  // --- Workshops and their registrations (reports need the contributions) --------------------
  for (const w of workshops) {
    const mine = ordered.filter((s) => s.workshop === w);
    const byAngle = new Map<string, number>();
    for (const s of mine) if (s.angle) byAngle.set(s.angle.title, (byAngle.get(s.angle.title) ?? 0) + 1);
    const highlights = [...byAngle.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, 3);
    const themeTitles = w.themes.map((t) => THEMES[t]!.title);
    const report =
      rng.pick(REPORT_OPENINGS).replace('%n', String(w.attendance)).replace('%s', w.structure.name) +
      `\n\nThèmes travaillés : ${themeTitles.join(', ')}. ${plural(mine.length, 'contribution recueillie', 'contributions recueillies')}.` +
      (highlights.length ? `\n\n**Points saillants**\n\n${highlights.map(([title]) => `- ${title}`).join('\n')}` : '') +
      `\n\n${rng.pick(REPORT_CLOSINGS)}`;
    const title = `${w.mode === 'distanciel' ? 'Atelier à distance' : 'Atelier'} ${w.structure.city} — ${themeTitles.join(' · ')}`;
    rows.workshops.push({
      id: w.id,
      consultation_id: consultationId,
      title: title.length > 200 ? title.slice(0, 199) + '…' : title,
      starts_at: iso(w.startsAt),
      ends_at: iso(w.endsAt),
      mode: w.mode,
      place:
        w.mode === 'distanciel'
          ? 'Visioconférence (lien envoyé aux inscrits)'
          : `${rng.pick(['Salle de réunion', 'Salle polyvalente', 'Espace collectif', "Salle d'information collective"])}, ${w.structure.name}, ${w.structure.city}`,
      structure_id: w.structureId,
      facilitator_id: w.facilitatorId,
      capacity: w.capacity,
      status: 'clos',
      anonymous_attendees: 0,
      report_md: report,
      closed_at: iso(w.closedAt),
      version: 1,
      created_by: w.facilitatorId,
      created_at: iso(workingTime(rng, '2023-07-03', '2023-08-25')),
      updated_at: iso(w.closedAt),
    });
    for (const t of w.themes) rows.workshop_themes.push({ workshop_id: w.id, theme_id: themeIds[t]! });
  }
  for (const r of registrations) {
    const created = new Date(r.w.startsAt.getTime() - rng.int(3, 20) * DAY - rng.int(0, 600) * 60_000);
    rows.workshop_registrations.push({
      id: nextId('workshop_registrations'),
      workshop_id: r.w.id,
      user_id: r.p.id,
      status: r.status,
      attended: r.attended,
      created_at: iso(created),
      updated_at: iso(r.status === 'annule' ? new Date(r.w.startsAt.getTime() - rng.int(1, 2) * DAY) : r.w.closedAt),
    });
  }

  // --- The white paper -----------------------------------------------------------------------
  const summary: DemoSummary = {
    workshops: workshops.length,
    participants: participants.length,
    rawContributions: slots.length,
    ambassadors: ambassadors.length,
    consolidated: angles.length,
    needs: needs.length,
    proposals,
  };
  // The editorial content the DSI wrote; the edition itself is published by seedDemo through the real use case.
  rows.whitepaper_content.push({
    consultation_id: consultationId,
    title: WHITEPAPER_TITLE,
    subtitle: WHITEPAPER_SUBTITLE,
    foreword_md: FOREWORD_MD,
    method_md: METHOD_MD,
    conclusion_md: CONCLUSION_MD,
    acknowledgements_md: ACKNOWLEDGEMENTS_MD,
    version: 1,
    updated_by: claire.id,
    updated_at: '2024-03-12T17:30:00.000Z',
  });
  THEMES.forEach((theme, i) => {
    const intro = THEME_INTROS[theme.code];
    if (intro) rows.whitepaper_theme_intros.push({ theme_id: themeIds[i]!, consultation_id: consultationId, intro_md: intro });
  });

  if (!demoContributor) throw new Error('Plan de démonstration incohérent : pas de compte contributeur de démonstration');
  return { rows, emails: people.map((p) => p.email), consultationId, dsiUserId: claire.id, summary };
}
