import { OUT_OF_SCOPE, THEMES, UNCLASSIFIED } from '../content/general';
import { E2C, IBS } from '../structures';
import { workingTime } from './calendar';
import type { PlanContext } from './context';
import type { AnglePlan, Person, Slot, SlotKind, WorkshopPlan } from './types';

/** How the 1 091 raw contributions divide: what is not consolidated, and where they came from. */
export const SHARES = {
  unclassified: 33, // « à classer »: no theme yet
  outOfScope: 40,
  pending: 30, // themed, still to process
  extractSources: 6, // raw contributions cut into two extracts each
  partner: 55,
  individual: 109,
} as const;

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
  recordedBy: 0,
});

/**
 * What each raw contribution is about: most echo one angle (the near-duplicates consolidation groups),
 * six carry two ideas cut into extracts, and the rest are pending, out of scope or still to classify.
 */
export function planSlots(ctx: PlanContext, angles: AnglePlan[], total: number): Slot[] {
  const { rng } = ctx;
  const slots: Slot[] = [];
  // Extracts: one raw contribution carrying two ideas of the same theme, each feeding another need.
  const extractPairs: Array<[AnglePlan, AnglePlan]> = [];
  while (extractPairs.length < SHARES.extractSources) {
    const a = rng.pick(angles);
    const b = rng.pick(angles.filter((x) => x.theme === a.theme && x.need !== a.need));
    if (extractPairs.some(([x, y]) => [x, y].includes(a) || [x, y].includes(b))) continue;
    extractPairs.push([a, b]);
  }
  const wholeLinked = total - SHARES.unclassified - SHARES.outOfScope - SHARES.pending - SHARES.extractSources;
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
  for (let i = 0; i < SHARES.pending; i++) {
    const angle = rng.pick(angles);
    slots.push({ ...blank('pending', angle.theme), angle });
  }
  for (let i = 0; i < SHARES.outOfScope; i++) {
    slots.push({ ...blank('out', rng.int(0, THEMES.length - 1)), outOfScope: OUT_OF_SCOPE[i % OUT_OF_SCOPE.length]! });
  }
  for (let i = 0; i < SHARES.unclassified; i++) slots.push({ ...blank('unclassified', null), unclassified: UNCLASSIFIED[i % UNCLASSIFIED.length]! });
  return slots;
}

/**
 * Where each contribution came from (partners, individual contributions, workshops), who wrote it and
 * when; every workshop produced something, and one contribution in ten is anonymous.
 */
export function planSources(ctx: PlanContext, slots: Slot[], workshops: WorkshopPlan[], participants: Person[]): void {
  const { rng } = ctx;
  const partnerOwn = slots.filter((s) => s.partnerVoice).length;
  const quotable = rng.sample(
    slots.filter((s) => (s.kind === 'linked' || s.kind === 'pending') && !s.partnerVoice),
    SHARES.partner - partnerOwn,
  );
  quotable.forEach((s, i) => {
    s.source = 'partenaire';
    s.quotingPartner = i % 3 === 2 ? 'E2C' : 'IBS';
  });
  for (const s of rng.sample(slots.filter((x) => x.source === 'atelier' && x.kind !== 'extract'), SHARES.individual)) s.source = 'individuelle';

  const ratio = slots.filter((s) => s.source === 'atelier').length / participants.length;
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
    s.structureId = s.author ? s.author.structureId : ctx.sid(partnerOf(s) === 'IBS' ? IBS : E2C);
  }
}

/** The partner a partner's contribution comes from: its own voice, or the counsellors it reports. */
export function partnerOf(s: Slot): 'IBS' | 'E2C' | undefined {
  return s.partnerVoice?.partner ?? s.quotingPartner;
}
