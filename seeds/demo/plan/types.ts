import type { PHASES } from '../content/general';
import type { NeedSeed, Priority } from '../content/types';
import type { StructureSeed } from '../structures';

/**
 * The demo's plan: who, in which structure, at which workshop, said what about which theme and angle,
 * how the ambassadors consolidated it, which needs and proposals came out of it. Pure data, decided by
 * the seeded generator before anything is written; ids are chosen here (after the highest id already
 * in each table) so that the plan's objects reference each other without reading the database back.
 */

export interface StructurePlan {
  id: number;
  seed: StructureSeed;
}

export interface Person {
  id: number;
  email: string;
  name: string;
  role: 'contributeur' | 'ambassadeur' | 'dsi';
  structureId: number;
  createdAt: Date;
  updatedAt: Date;
  /** One of the three demo accounts, which can log in with the demo password. */
  demo: boolean;
}

export interface ConsultationPlan {
  id: number;
  slug: string;
  createdBy: number;
  phases: Array<{ id: number; position: number; phase: (typeof PHASES)[number] }>;
  /** The themes' ids, in the order of THEMES. */
  themeIds: number[];
}

export interface ApplicationPlan {
  id: number;
  person: Person;
  motivation: string;
  themeIds: number[];
  /** Selected applicants follow their themes as ambassadors. */
  status: 'retenue' | 'non_retenue';
  decisionComment: string;
  decidedBy: number;
  decidedAt: Date;
  createdAt: Date;
  whitepaperConsent: boolean;
  whitepaperConsentAt: string | null;
}

export type Partner = 'IBS' | 'E2C';

/** One angle of a need = one consolidated contribution, and the voices of the people behind it. */
export interface AnglePlan {
  theme: number;
  need: number; // global index of its need
  title: string;
  voices: string[]; // what staff said (generic voices)
  partnerVoices: Array<{ partner: Partner; text: string }>;
  id: number;
  code: string;
  creatorId: number;
  createdAt: Date;
  lastLinkAt: Date;
  rawIds: number[];
  bodyMd: string;
}

export interface ProposalPlan {
  id: number;
  code: string;
  title: string;
  description: string;
  priority: Priority;
  position: number;
  createdAt: Date;
  validatedAt: Date;
}

export interface NeedPlan {
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
  supportedAt: Date[];
  proposals: ProposalPlan[];
  quotes: Array<{ id: number; rawId: number; extractId: number | null; createdAt: Date }>;
}

export interface WorkshopPlan {
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
  // Written once the contributions are known (the report names what was said).
  title: string;
  place: string;
  reportMd: string;
  createdAt: Date;
}

export interface RegistrationPlan {
  id: number;
  w: WorkshopPlan;
  p: Person;
  status: 'inscrit' | 'annule';
  attended: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export type SlotKind = 'linked' | 'extract' | 'pending' | 'out' | 'unclassified';

/** One raw contribution: what it is about, who said it where and when, and its words. */
export interface Slot {
  kind: SlotKind;
  theme: number | null;
  angle?: AnglePlan;
  partnerVoice?: { partner: Partner; text: string };
  quotingPartner?: Partner;
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
  /** Who typed it in: the facilitator during the workshop, the author, or the DSI for partners. */
  recordedBy: number;
}

export interface ExtractPlan {
  id: number;
  slot: Slot;
  angle: AnglePlan;
  start: number;
  end: number;
  quote: string;
  createdBy: number;
  createdAt: Date;
}

export interface LinkPlan {
  id: number;
  angleId: number;
  rawId: number;
  extractId: number | null;
  createdBy: number;
  createdAt: Date;
  undoneAt: Date | null;
}

export interface CommentPlan {
  id: number;
  need: NeedPlan;
  authorId: number;
  body: string;
  createdAt: Date;
}

export interface DemoSummary {
  workshops: number;
  participants: number;
  rawContributions: number;
  ambassadors: number;
  consolidated: number;
  needs: number;
  proposals: number;
}

/** One status recorded by the DSI for one proposal (followup_changes). */
export interface FollowupChangePlan {
  id: number;
  proposalId: number;
  status: string;
  stream: string | null;
  effectiveOn: string;
  comment: string;
  links: string[];
  estimate: number | null;
  changedBy: number;
  createdAt: Date;
}

export interface CapacityPlan {
  id: number;
  stream: string;
  year: number;
  personDays: number;
  updatedBy: number;
  updatedAt: Date;
}

/** A ballot of the demo's prioritisation: who, their region then, the points per need. */
export interface BallotPlan {
  id: number;
  voter: Person;
  region: string | null;
  lines: Array<{ needId: number; points: number }>;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

export interface PrioritisationPlan {
  step: { id: number; title: string; startsAt: Date; endsAt: Date; createdAt: Date; budget: number; createdBy: number };
  ballots: BallotPlan[];
}

/** A « remontée continue »: a contribution sent through the form after publication. */
export interface IntakePlan {
  id: number;
  theme: number;
  author: Person;
  body: string;
  anonymous: boolean;
  submittedAt: Date;
}
