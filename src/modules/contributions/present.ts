import { markdownToText } from '../../shared/markdown';
import { t } from '../../shared/i18n';
import type { MaybeActor } from '../../shared/actor';
import { contributionsPolicy, type ContributionTarget } from './policy';
import type { ContributionView } from './queries';

const EXCERPT = 280;

/** What decides who may see who wrote a contribution, with the name as stored. */
export type AuthoredContribution = ContributionTarget & { author_display_name?: string | null; author_name?: string | null };

/**
 * The author as this reader may see them (anonymity decided by the policy). The DSI sees an anonymous
 * author's name, marked as seen by the DSI alone; the author sees their own; everyone else « Anonyme ».
 */
export function authorLabel(actor: MaybeActor, c: AuthoredContribution): string {
  const name = c.author_display_name ?? c.author_name ?? null;
  if (!c.anonymous) return name ?? '—';
  if (!contributionsPolicy.canSeeAuthor(actor, c)) return t('contributions.anonymous');
  return t(actor?.role === 'dsi' && actor.id !== c.author_id ? 'contributions.anonymousForDsi' : 'contributions.anonymousOwn', { name: name ?? '—' });
}

/**
 * The author's structure as this reader may see it: hidden with the name, since in a small structure
 * it names the person. The region and the workshop stay (where it was said, not who said it).
 */
export function structureLabel(actor: MaybeActor, c: AuthoredContribution & { structure_name: string | null }): string | null {
  if (c.anonymous && !contributionsPolicy.canSeeAuthor(actor, c)) return null;
  return c.structure_name;
}

/** The start of a contribution as plain text, cut in characters as a person counts them. */
export function excerpt(body: string): string {
  const text = markdownToText(body).replace(/\s+/g, ' ').trim();
  const chars = [...text];
  return chars.length > EXCERPT ? `${chars.slice(0, EXCERPT).join('').trimEnd()}…` : text;
}

export const statusLabel = (s: string) => t(`contributions.status.${s}`);
export const sourceLabel = (s: string) => t(`contributions.source.${s}`);
