import { REPORT_CLOSINGS, REPORT_OPENINGS, THEMES } from '../content/general';
import { DAY, plural, workingTime } from './calendar';
import type { PlanContext } from './context';
import type { RegistrationPlan, Slot, WorkshopPlan } from './types';

const ROOMS = ['Salle de réunion', 'Salle polyvalente', 'Espace collectif', "Salle d'information collective"];

/**
 * What the workshops' pages show once they are closed: title, place, the facilitator's report (which
 * names the angles raised most), when each was announced; then when each person registered.
 */
export function planReports(ctx: PlanContext, workshops: WorkshopPlan[], ordered: Slot[], registrations: RegistrationPlan[]): void {
  const { rng } = ctx;
  for (const w of workshops) {
    const mine = ordered.filter((s) => s.workshop === w);
    const byAngle = new Map<string, number>();
    for (const s of mine) if (s.angle) byAngle.set(s.angle.title, (byAngle.get(s.angle.title) ?? 0) + 1);
    const highlights = [...byAngle.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, 3);
    const themeTitles = w.themes.map((t) => THEMES[t]!.title);
    w.reportMd =
      rng.pick(REPORT_OPENINGS).replace('%n', String(w.attendance)).replace('%s', w.structure.name) +
      `\n\nThèmes travaillés : ${themeTitles.join(', ')}. ${plural(mine.length, 'contribution recueillie', 'contributions recueillies')}.` +
      (highlights.length ? `\n\n**Points saillants**\n\n${highlights.map(([title]) => `- ${title}`).join('\n')}` : '') +
      `\n\n${rng.pick(REPORT_CLOSINGS)}`;
    const title = `${w.mode === 'distanciel' ? 'Atelier à distance' : 'Atelier'} ${w.structure.city} — ${themeTitles.join(' · ')}`;
    w.title = title.length > 200 ? title.slice(0, 199) + '…' : title;
    w.place = w.mode === 'distanciel' ? 'Visioconférence (lien envoyé aux inscrits)' : `${rng.pick(ROOMS)}, ${w.structure.name}, ${w.structure.city}`;
    w.createdAt = workingTime(rng, '2023-07-03', '2023-08-25');
  }
  for (const r of registrations) {
    r.createdAt = new Date(r.w.startsAt.getTime() - rng.int(3, 20) * DAY - rng.int(0, 600) * 60_000);
    r.id = ctx.nextId('workshop_registrations');
    r.updatedAt = r.status === 'annule' ? new Date(r.w.startsAt.getTime() - rng.int(1, 2) * DAY) : r.w.closedAt;
  }
}
