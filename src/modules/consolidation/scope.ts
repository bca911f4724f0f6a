import type { Db } from '../../shared/db';
import { ForbiddenError, invalid, type Result } from '../../shared/http/errors';
import { plural, t } from '../../shared/i18n';
import type { Actor } from '../../shared/actor';
import { listPhases, openings, parisDay, type ConsultationRow } from '../consultations';
import { consolidationPolicy, type WorkScope } from './policy';
import { activeWholeLinks, assignedThemeIds, rawByIds, themesOf, type RawRow, type ThemeLite } from './queries';

/** The actor's scope in one consultation: is the step open today (or forced open), and their themes. */
export async function loadWorkScope(db: Db, actor: Actor, consultation: ConsultationRow, today = parisDay(new Date())): Promise<WorkScope> {
  const open = openings(await listPhases(db, consultation.id), consultation, today).consolidation;
  const themeIds = consolidationPolicy.consolidatesEverything(actor) ? 'all' : new Set(await assignedThemeIds(db, consultation.id, actor.id));
  return { consultationId: consultation.id, open, themeIds };
}

/** What every consolidation page of one consultation starts from: who asks, their scope, the themes. */
export interface WorkPage {
  actor: Actor;
  consultation: ConsultationRow;
  scope: WorkScope;
  themes: ThemeLite[];
}

export async function loadWorkPage(db: Db, actor: Actor, consultation: ConsultationRow): Promise<WorkPage> {
  const scope = await loadWorkScope(db, actor, consultation);
  return { actor, consultation, scope, themes: await themesOf(db, consultation.id) };
}

/** Themes one may consolidate, for the pickers (the « à classer » list is everyone's). */
export const workableThemes = ({ actor, scope, themes }: WorkPage): ThemeLite[] => themes.filter((th) => consolidationPolicy.canWorkOn(actor, scope, th.id));

/** The actor's own themes (every theme for the DSI), for the inbox's progress rows. */
export const myThemes = ({ actor, scope, themes }: WorkPage): ThemeLite[] =>
  scope.themeIds === 'all' || consolidationPolicy.consolidatesEverything(actor) ? themes : themes.filter((th) => (scope.themeIds as ReadonlySet<number>).has(th.id));

/** Authorization on the object, inside the use case: a closed step or a theme that is not theirs is a 403. */
export function requireWork(actor: Actor, scope: WorkScope, themeId: number | null): void {
  if (!scope.open) throw new ForbiddenError(t('consolidation.closed'));
  if (!consolidationPolicy.canWorkOn(actor, scope, themeId)) throw new ForbiddenError(t('consolidation.notYourTheme'));
}

export const rawLabel = (r: { id: number; reference: string | null }) => r.reference || `n° ${r.id}`;
const list = (items: string[]) => (items.length > 20 ? `${items.slice(0, 20).join(', ')} et ${plural(items.length - 20, '# autre', '# autres')}` : items.join(', '));

/**
 * A bulk selection of raw contributions about to be consolidated whole: they exist, belong to this
 * consultation, are neither withdrawn nor set aside, are in the actor's themes (or « à classer »),
 * and none is already attached. Read in batches: a few queries for hundreds of rows.
 */
export async function checkSelection(db: Db, actor: Actor, scope: WorkScope, ids: number[]): Promise<Result<RawRow[]>> {
  const raws = await rawByIds(db, ids);
  const found = new Set(raws.map((r) => r.id));
  const missing = ids.filter((id) => !found.has(id));
  if (missing.length) return invalid({ ids: t('consolidation.unknownRaw', { refs: list(missing.map((id) => `n° ${id}`)) }) });
  const foreign = raws.filter((r) => r.consultation_id !== scope.consultationId);
  if (foreign.length) return invalid({ ids: t('consolidation.otherConsultation', { refs: list(foreign.map(rawLabel)) }) });
  const unavailable = raws.filter((r) => r.status === 'retiree' || r.status === 'hors_perimetre');
  if (unavailable.length) return invalid({ ids: t('consolidation.notAvailable', { refs: list(unavailable.map(rawLabel)) }) });
  for (const themeId of new Set(raws.map((r) => r.theme_id))) requireWork(actor, scope, themeId);
  const taken = await alreadyTaken(db, ids);
  return taken ?? { ok: true, value: raws };
}

/** 409 listing the contributions of the selection that another consolidated contribution holds, or null. */
export async function alreadyTaken(db: Db, ids: number[]): Promise<Result<never> | null> {
  const links = await activeWholeLinks(db, ids);
  if (!links.length) return null;
  const refs = links.map((l) => `${rawLabel({ id: l.raw_contribution_id, reference: l.reference })}${l.code ? ` (dans ${l.code})` : ''}`);
  return invalid({ ids: t('consolidation.alreadyTaken', { refs: list(refs) }) }, 409);
}
