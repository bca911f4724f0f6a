import { DAY, later, plural, utc, workingTime } from './calendar';
import type { PlanContext } from './context';
import type { ExtractCut } from './bodies';
import type { AnglePlan, ExtractPlan, LinkPlan, Person, Slot } from './types';

/** Links first made to a neighbouring consolidated contribution, then moved: the undone link stays. */
const UNDONE_LINKS = 5;

export interface ConsolidationPlan {
  links: LinkPlan[];
  extracts: ExtractPlan[];
}

/**
 * How the theme's ambassadors attached each raw contribution (or extract) to its consolidated
 * contribution, mostly its author, within twelve days of creating it and before mid-December.
 */
export function planConsolidation(ctx: PlanContext, ordered: Slot[], cuts: ExtractCut[], angles: AnglePlan[], themeAmbassadors: Person[][]): ConsolidationPlan {
  const { rng } = ctx;
  const links: LinkPlan[] = [];
  const extracts: ExtractPlan[] = [];
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
      const wrong = rng.pick(angles.filter((a) => a.theme === angle.theme && a !== angle));
      const id = ctx.nextId('consolidation_links');
      links.push({ id, angleId: wrong.id, rawId: s.id, extractId: null, createdBy: by, createdAt: new Date(at.getTime() - 2 * DAY), undoneAt: new Date(at.getTime() - 3_600_000) });
    }
    angle.rawIds.push(s.id);
    links.push({ id: ctx.nextId('consolidation_links'), angleId: angle.id, rawId: s.id, extractId: null, createdBy: by, createdAt: at, undoneAt: null });
  }
  for (const cut of cuts) {
    const id = ctx.nextId('contribution_extracts');
    const at = linkDate(cut.angle);
    const by = linker(cut.angle);
    const quote = cut.slot.body.slice(cut.start, cut.end);
    extracts.push({ id, slot: cut.slot, angle: cut.angle, start: cut.start, end: cut.end, quote, createdBy: by, createdAt: at });
    links.push({ id: ctx.nextId('consolidation_links'), angleId: cut.angle.id, rawId: cut.slot.id, extractId: id, createdBy: by, createdAt: at, undoneAt: null });
  }
  writeConsolidatedBodies(ordered, angles, (id) => ctx.regionOf(id));
  return { links, extracts };
}

/** Each consolidated contribution's text: what is expected, a voice, and what it sums up from where. */
function writeConsolidatedBodies(ordered: Slot[], angles: AnglePlan[], regionOf: (structureId: number) => string): void {
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
    angle.bodyMd =
      `**Attendu** : ${angle.title}.\n\n` +
      `**Ce qu'en disent les professionnels** : « ${angle.voices[0]} »\n\n` +
      `Synthèse de ${plural(behind.length, 'contribution brute', 'contributions brutes')}` +
      (origin.length ? ` (${origin.join(', ')}${where ? ` — ${where}` : ''}).` : '.');
  }
}
