import { numberContributions, writeBodies } from './bodies';
import { planApplications } from './ambassadors';
import { planConsolidation, type ConsolidationPlan } from './consolidation';
import { planSlots, planSources } from './contributions';
import { PlanContext, planStaff, type PlanInput } from './context';
import { planFollowup } from './followup';
import { planComments, planNeeds } from './needs';
import { outlineNeeds, planNeedsAndAngles, themeWeights } from './outline';
import { planReports } from './reports';
import { planIntake, planPrioritisation } from './prioritisation';
import { planAttendance, planWorkshops } from './workshops';
import { PHASES, THEMES } from '../content/general';
import type {
  AnglePlan, ApplicationPlan, CapacityPlan, CommentPlan, FollowupChangePlan, ConsultationPlan, DemoSummary, IntakePlan, NeedPlan, Person, PrioritisationPlan, RegistrationPlan, Slot, StructurePlan, WorkshopPlan,
} from './types';

export { ID_TABLES, type PlanInput } from './context';
export type * from './types';

/** The figures of the consultation, as presented at the national seminar of 13 March 2024. */
export const FIGURES = {
  workshops: 84,
  participants: 811,
  rawContributions: 1091,
  ambassadors: 14,
  consolidated: 300,
  needs: 88,
} as const;

export interface DemoPlan extends ConsolidationPlan {
  structures: StructurePlan[];
  people: Person[];
  /** Claire, of the DSI: she created the consultation, validated the needs and publishes the paper. */
  dsiUserId: number;
  consultation: ConsultationPlan;
  applications: ApplicationPlan[];
  workshops: WorkshopPlan[];
  registrations: RegistrationPlan[];
  /** The raw contributions, in id order. */
  contributions: Slot[];
  angles: AnglePlan[];
  needs: NeedPlan[];
  comments: CommentPlan[];
  /** The follow-up since the publication: statuses recorded and capacity reserved (drawn last). */
  followup: { changes: FollowupChangePlan[]; capacities: CapacityPlan[] };
  /** After publication: the continuous intake (March 2024 onward) and the 2025 prioritisation. */
  intake: IntakePlan[];
  prioritisation: PrioritisationPlan;
  summary: DemoSummary;
}

/**
 * The whole demo, decided in memory without touching the database: same input, same plan. The steps
 * draw from one generator in this order, which is therefore part of the demo's content: reordering
 * them changes every text and date that follows.
 */
export function planDemo(input: PlanInput): DemoPlan {
  const ctx = new PlanContext(input);
  const outline = outlineNeeds(FIGURES);
  const { dsiStaff, ambassadors, themeAmbassadors } = planStaff(ctx);
  const claire = dsiStaff[0]!;

  const consultation: ConsultationPlan = {
    id: ctx.nextId('consultations'),
    slug: input.slug,
    createdBy: claire.id,
    phases: PHASES.map((phase, i) => ({ id: ctx.nextId('consultation_phases'), position: i + 1, phase })),
    themeIds: THEMES.map(() => ctx.nextId('themes')),
  };

  const targets = { workshops: FIGURES.workshops, participants: FIGURES.participants, themeWeights: themeWeights(outline) };
  const workshops = planWorkshops(ctx, targets, { dsiStaff, ambassadors });
  const { registrations, participants } = planAttendance(ctx, workshops);
  const applications = planApplications(ctx, ambassadors, participants, consultation.themeIds, claire.id);

  const { needs, angles } = planNeedsAndAngles(ctx, outline, themeAmbassadors);
  const slots = planSlots(ctx, angles, FIGURES.rawContributions);
  planSources(ctx, slots, workshops, participants);
  const cuts = writeBodies(ctx, slots);
  const contributions = numberContributions(ctx, slots);
  // Partners' contributions were typed in by the DSI's second member, who received them.
  for (const s of contributions) s.recordedBy = s.source === 'atelier' ? s.workshop!.facilitatorId : s.source === 'individuelle' ? s.author!.id : dsiStaff[1]!.id;

  const consolidation = planConsolidation(ctx, contributions, cuts, angles, themeAmbassadors);
  planNeeds(ctx, needs, angles, contributions, consolidation.extracts);
  const comments = planComments(ctx, needs, claire, themeAmbassadors);
  planReports(ctx, workshops, contributions, registrations);
  const followup = planFollowup(ctx, needs, claire);
  // Last, with their own generator: what came after the white paper leaves everything above unchanged.
  const intake = planIntake(ctx);
  const prioritisation = planPrioritisation(ctx, needs, angles, themeAmbassadors, claire.id);

  const summary: DemoSummary = {
    workshops: workshops.length,
    participants: participants.length,
    rawContributions: slots.length,
    ambassadors: ambassadors.length,
    consolidated: angles.length,
    needs: needs.length,
    proposals: needs.reduce((n, need) => n + need.proposals.length, 0),
  };
  return {
    structures: ctx.structures,
    people: ctx.people,
    dsiUserId: claire.id,
    consultation,
    applications,
    workshops,
    registrations,
    contributions,
    ...consolidation,
    angles,
    needs,
    comments,
    followup,
    intake,
    prioritisation,
    summary,
  };
}
