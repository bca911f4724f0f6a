import { lcFirst, variation } from '../compose';
import { PARTNER_REPORTING, THEMES } from '../content/general';
import { pad } from './calendar';
import type { PlanContext } from './context';
import { partnerOf } from './contributions';
import type { AnglePlan, Slot } from './types';

/** A raw contribution cut in two: which part feeds which angle (offsets in the body). */
export interface ExtractCut {
  slot: Slot;
  angle: AnglePlan;
  start: number;
  end: number;
}

/**
 * The words of each raw contribution: a partner's own sentence, a partner reporting what counsellors
 * said, two ideas in one (cut into extracts), an out-of-scope remark, or one person's wording of an
 * angle's voices. Bodies are kept distinct where the generator allows, as people rarely type the same.
 */
export function writeBodies(ctx: PlanContext, slots: Slot[]): ExtractCut[] {
  const { rng } = ctx;
  const used = new Set<string>();
  const unique = (make: () => string): string => {
    let text = make();
    for (let i = 0; i < 12 && used.has(text); i++) text = make();
    used.add(text);
    return text;
  };
  const outSeen = new Set<string>();
  const quoted = new Set<string>();
  const extracts: ExtractCut[] = [];
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
  return extracts;
}

/**
 * Ids follow the order in which contributions arrived; references number them per workshop
 * (ATL-07-03) or per partner (IBS-12). Returns the contributions in that order.
 */
export function numberContributions(ctx: PlanContext, slots: Slot[]): Slot[] {
  const ordered = slots
    .map((s, i) => ({ s, i }))
    .sort((x, y) => x.s.submittedAt.getTime() - y.s.submittedAt.getTime() || x.i - y.i)
    .map((x) => x.s);
  const perWorkshop = new Map<unknown, number>();
  let ibsNo = 0;
  let e2cNo = 0;
  for (const s of ordered) {
    s.id = ctx.nextId('raw_contributions');
    if (s.workshop) {
      const n = (perWorkshop.get(s.workshop) ?? 0) + 1;
      perWorkshop.set(s.workshop, n);
      s.reference = `ATL-${pad(s.workshop.no)}-${pad(n)}`;
    } else if (s.source === 'partenaire') {
      s.reference = partnerOf(s) === 'IBS' ? `IBS-${pad(++ibsNo)}` : `E2C-${pad(++e2cNo)}`;
    }
  }
  return ordered;
}
