import { THEMES } from '../content/general';
import { AMBASSADORS, APPLICATION_MOTIVATIONS, DECLINE_COMMENTS } from '../people';
import { between } from './calendar';
import type { PlanContext } from './context';
import type { ApplicationPlan, Person } from './types';

/** Two ambassadors (by their place in AMBASSADORS) preferred not to be named in the white paper. */
const NOT_NAMED = [4, 10];
const SELECTED = 'Candidature retenue : bienvenue dans le collectif des ambassadeurs SI !';

/** The call for ambassadors (June 2023): the 14 selected, then ten staff members who were not. */
export function planApplications(ctx: PlanContext, ambassadors: Person[], participants: Person[], themeIds: number[], decidedBy: number): ApplicationPlan[] {
  const { rng } = ctx;
  const decided = () => between(rng, '2023-06-27T08:00:00.000Z', '2023-06-29T17:00:00.000Z');
  const applied = () => between(rng, '2023-06-01T08:00:00.000Z', '2023-06-23T17:00:00.000Z');
  const applications: ApplicationPlan[] = ambassadors.map((person, i) => {
    const seed = AMBASSADORS[i]!;
    const decidedAt = decided();
    return {
      id: ctx.nextId('ambassador_applications'),
      person,
      motivation: seed.motivation,
      themeIds: seed.themes.map((code) => themeIds[THEMES.findIndex((t) => t.code === code)]!),
      status: 'retenue',
      decisionComment: SELECTED,
      decidedBy,
      decidedAt,
      createdAt: applied(),
      whitepaperConsent: !NOT_NAMED.includes(i),
      whitepaperConsentAt: '2024-02-28T10:00:00.000Z',
    };
  });
  const applicants = rng.sample(participants.filter((p) => !p.demo), 10);
  applicants.forEach((person, i) => {
    const known = rng.sample(themeIds, rng.int(1, 3)).sort((a, b) => a - b);
    const decisionComment = rng.pick(DECLINE_COMMENTS);
    const decidedAt = decided();
    applications.push({
      id: ctx.nextId('ambassador_applications'),
      person,
      motivation: APPLICATION_MOTIVATIONS[i % APPLICATION_MOTIVATIONS.length]!,
      themeIds: known,
      status: 'non_retenue',
      decisionComment,
      decidedBy,
      decidedAt,
      createdAt: applied(),
      whitepaperConsent: false,
      whitepaperConsentAt: null,
    });
  });
  return applications;
}
