import { NEED_COMMENTS } from '../content/general';
import { DAY, later, workingTime } from './calendar';
import type { PlanContext } from './context';
import type { AnglePlan, CommentPlan, ExtractPlan, NeedPlan, Person, Slot } from './types';

/** Consolidated contributions that support a second need of their theme. */
const SECONDARY_SUPPORTS = 14;
const COMMENTED_NEEDS = 20;

/**
 * The needs as the DSI validated them: the consolidated contributions that support each (its angles,
 * and a few from a neighbouring need), its functional proposals, and two or three representative
 * quotes (named contributions first, one extract when the need has one).
 */
export function planNeeds(ctx: PlanContext, needs: NeedPlan[], angles: AnglePlan[], ordered: Slot[], extracts: ExtractPlan[]): void {
  const { rng } = ctx;
  for (const cc of rng.sample(angles, SECONDARY_SUPPORTS)) {
    const options = needs.filter((n) => n.theme === cc.theme && !n.supports.includes(cc) && n.supports.length < 6);
    if (options.length) rng.pick(options).supports.push(cc);
  }
  const slotById = new Map(ordered.map((s) => [s.id, s]));
  const extractsOf = new Map<AnglePlan, ExtractPlan[]>();
  for (const e of extracts) extractsOf.set(e.angle, [...(extractsOf.get(e.angle) ?? []), e]);
  for (const need of needs) {
    need.id = ctx.nextId('needs');
    need.supportedAt = need.supports.map((cc) => new Date(later(need.createdAt, cc.lastLinkAt).getTime() + 2 * 3_600_000));
    need.proposals = need.seed.proposals.map(([title, priority, description], i) => {
      const createdAt = new Date(need.createdAt.getTime() + rng.int(1, 10) * DAY);
      const validatedAt = workingTime(rng, '2024-01-15', '2024-02-20');
      return { id: ctx.nextId('functional_proposals'), code: `${need.code}.${i + 1}`, title, description, priority, position: i + 1, createdAt, validatedAt };
    });
    const candidates = need.supports.flatMap((cc) => cc.rawIds.map((id) => slotById.get(id)!));
    const preferred = [...rng.shuffle(candidates.filter((s) => !s.anonymous && s.body.length > 50)), ...rng.shuffle(candidates)];
    const chosen: Array<{ rawId: number; extractId: number | null }> = [];
    const fromExtract = need.supports.flatMap((cc) => extractsOf.get(cc) ?? [])[0];
    if (fromExtract) chosen.push({ rawId: fromExtract.slot.id, extractId: fromExtract.id });
    const wanted = rng.int(2, 3);
    for (const s of preferred) {
      if (chosen.length >= wanted) break;
      if (!chosen.some((c) => c.rawId === s.id)) chosen.push({ rawId: s.id, extractId: null });
    }
    need.quotes = chosen.map((c) => ({ id: ctx.nextId('representative_quotes'), ...c, createdAt: workingTime(rng, '2024-01-08', '2024-02-15') }));
  }
}

/** Twenty needs drew a comment during the review, from the DSI or one of the theme's ambassadors. */
export function planComments(ctx: PlanContext, needs: NeedPlan[], reviewer: Person, themeAmbassadors: Person[][]): CommentPlan[] {
  const { rng } = ctx;
  return rng.sample(needs, COMMENTED_NEEDS).map((need) => {
    const author = rng.chance(0.5) ? reviewer : rng.pick(themeAmbassadors[need.theme]!);
    const id = ctx.nextId('need_comments');
    const body = rng.pick(NEED_COMMENTS);
    return { id, need, authorId: author.id, body, createdAt: workingTime(rng, '2023-12-11', '2024-02-28') };
  });
}
