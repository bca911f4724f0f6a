import { markdownToText } from '../../shared/markdown';
import { t } from '../../shared/i18n';
import type { MaybeActor } from '../../shared/actor';
import { contributionsPolicy } from './policy';
import type { ContributionView } from './queries';

const EXCERPT = 280;

/** The author as this reader may see them (anonymity decided by the policy). */
export function authorLabel(actor: MaybeActor, c: ContributionView): string {
  const name = c.author_display_name ?? c.author_name ?? null;
  if (!c.anonymous) return name ?? '—';
  if (!contributionsPolicy.canSeeAuthor(actor, c)) return t('contributions.anonymous');
  return `${name ?? '—'} (${t('contributions.anonymous').toLowerCase()})`;
}

/** The start of a contribution as plain text, cut in characters as a person counts them. */
export function excerpt(body: string): string {
  const text = markdownToText(body).replace(/\s+/g, ' ').trim();
  const chars = [...text];
  return chars.length > EXCERPT ? `${chars.slice(0, EXCERPT).join('').trimEnd()}…` : text;
}

export const statusLabel = (s: string) => t(`contributions.status.${s}`);
export const sourceLabel = (s: string) => t(`contributions.source.${s}`);
