import { isPartnerVoice, PARTNER_MARK } from '../compose';
import { THEMES } from '../content/general';
import type { Angle, NeedSeed } from '../content/types';
import { pad, workingTime } from './calendar';
import type { PlanContext } from './context';
import type { AnglePlan, NeedPlan, Person } from './types';

export interface NeedOutline {
  theme: number;
  seed: NeedSeed;
  angles: Angle[];
}

/**
 * The needs of the content, each with its angles (one angle = one consolidated contribution). The
 * content has more facets than the 300 of the seminar: the excess is trimmed from the needs that have
 * the most, so that no need loses its voice.
 */
export function outlineNeeds(figures: { needs: number; consolidated: number }): NeedOutline[] {
  const outline: NeedOutline[] = [];
  THEMES.forEach((theme, t) => theme.needs.forEach((seed) => outline.push({ theme: t, seed, angles: [...seed.angles] })));
  if (outline.length !== figures.needs) throw new Error(`Le contenu compte ${outline.length} besoins au lieu de ${figures.needs}`);
  let angleTotal = outline.reduce((n, s) => n + s.angles.length, 0);
  if (angleTotal < figures.consolidated) throw new Error(`Le contenu ne compte que ${angleTotal} contributions consolidées`);
  while (angleTotal > figures.consolidated) {
    let widest = 0;
    outline.forEach((s, i) => {
      if (s.angles.length >= outline[widest]!.angles.length) widest = i;
    });
    outline[widest]!.angles.pop();
    angleTotal--;
  }
  return outline;
}

/** Consolidated contributions per theme: how much each theme weighs when workshops pick theirs. */
export function themeWeights(outline: NeedOutline[]): number[] {
  return THEMES.map((_, t) => outline.filter((s) => s.theme === t).reduce((n, s) => n + s.angles.length, 0));
}

/** Each need and its angles: codes, the ambassador who wrote each, and when. */
export function planNeedsAndAngles(ctx: PlanContext, outline: NeedOutline[], themeAmbassadors: Person[][]): { needs: NeedPlan[]; angles: AnglePlan[] } {
  const { rng } = ctx;
  const needs: NeedPlan[] = [];
  const angles: AnglePlan[] = [];
  const themeCcCount = THEMES.map(() => 0);
  outline.forEach((s, n) => {
    const creatorId = rng.pick(themeAmbassadors[s.theme]!).id;
    const createdAt = workingTime(rng, '2023-11-13', '2023-12-08');
    const need: NeedPlan = {
      theme: s.theme,
      seed: s.seed,
      id: 0,
      code: `B-${pad(n + 1)}`,
      position: needs.filter((x) => x.theme === s.theme).length + 1,
      creatorId,
      createdAt,
      validatedAt: workingTime(rng, '2023-12-18', '2024-01-12'),
      angles: [],
      supports: [],
      supportedAt: [],
      proposals: [],
      quotes: [],
    };
    for (const [title, ...all] of s.angles) {
      themeCcCount[s.theme]!++;
      const angleCreatedAt = workingTime(rng, '2023-10-02', '2023-12-01');
      const angle: AnglePlan = {
        theme: s.theme,
        need: n,
        title,
        voices: all.filter((v) => !isPartnerVoice(v)),
        partnerVoices: all.filter(isPartnerVoice).map((v) => ({ partner: v.startsWith('§IBS') ? 'IBS' : 'E2C', text: v.replace(PARTNER_MARK, '') })),
        id: ctx.nextId('consolidated_contributions'),
        code: `CC-${THEMES[s.theme]!.prefix}-${pad(themeCcCount[s.theme]!, 3)}`,
        creatorId: rng.pick(themeAmbassadors[s.theme]!).id,
        createdAt: angleCreatedAt,
        lastLinkAt: angleCreatedAt,
        rawIds: [],
        bodyMd: '',
      };
      if (!angle.voices.length) throw new Error(`« ${title} » n'a aucune formulation de professionnel`);
      need.angles.push(angle);
      need.supports.push(angle);
      angles.push(angle);
    }
    needs.push(need);
  });
  return { needs, angles };
}
