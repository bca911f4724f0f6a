import type { Db } from '../../shared/db';
import type { Actor } from '../auth/roles';
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

const providers = new Map<string, PanelProvider>();

export function registerConsultationPanel(key: string, provider: PanelProvider): void {
  providers.set(key, provider);
}

export async function panelsFor(ctx: PanelContext): Promise<ConsultationPanel[]> {
  const out: ConsultationPanel[] = [];
  for (const provider of providers.values()) {
    const panel = await provider(ctx);
    if (panel) out.push(panel);
  }
  return out;
}
