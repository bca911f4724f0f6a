import type { Db } from '../../shared/db';
import type { Actor } from '../../shared/actor';
import type { Openings } from './phases';
import type { ConsultationRow, ThemeRow } from './queries';

/**
 * Sections that other modules add to a consultation's public page (e.g. the call for ambassadors),
 * without this module importing them: they register a provider, as stats/ gathers each module's
 * figures. A provider returns a view (path under views/) and its locals, or null to show nothing.
 */
export interface PanelContext {
  db: Db;
  actor: Actor | null;
  consultation: ConsultationRow;
  open: Openings;
  themes: ThemeRow[];
}
export interface ConsultationPanel {
  view: string;
  locals: Record<string, unknown>;
}
export type PanelProvider = (ctx: PanelContext) => Promise<ConsultationPanel | null>;

/**
 * Where a section stands on the page: `summary` right under the description (the figures), `sections`
 * after the calendar. Within a slot the page's own order applies, whatever order the modules happen to
 * be loaded in (that order depends on who imports whom first, which must not reshuffle the page).
 */
export type PanelSlot = 'summary' | 'sections';
// The order the running server has always shown (a test loading the demo seed first used to see another).
const PAGE_ORDER = ['figures', 'contributions', 'ambassadors', 'needs', 'whitepaper'];
const rank = (key: string) => (PAGE_ORDER.includes(key) ? PAGE_ORDER.indexOf(key) : PAGE_ORDER.length);

const providers = new Map<string, { slot: PanelSlot; provider: PanelProvider }>();

export function registerConsultationPanel(key: string, provider: PanelProvider, slot: PanelSlot = 'sections'): void {
  providers.set(key, { slot, provider });
}

export async function panelsFor(ctx: PanelContext): Promise<Record<PanelSlot, ConsultationPanel[]>> {
  const out: Record<PanelSlot, ConsultationPanel[]> = { summary: [], sections: [] };
  // Array.prototype.sort is stable: unlisted keys keep their registration order, after the listed ones.
  for (const [, { slot, provider }] of [...providers].sort(([a], [b]) => rank(a) - rank(b))) {
    const panel = await provider(ctx);
    if (panel) out[slot].push(panel);
  }
  return out;
}
