import { formatDate } from '../../shared/i18n';
import type { FeedEntryRow } from './reads';
import { statusLabel, streamLabel } from './rules';

/**
 * Atom feeds (RFC 4287) of the status changes: per consultation and per need. Ids are tag URIs
 * (RFC 4151) built from the site's host name, the day the consultation was created and stable
 * database ids, so an entry keeps its id forever on a given site; every text is XML-escaped.
 */

export const FEED_ENTRIES = 50;

/** Escapes text for XML content and attributes, and drops the characters XML 1.0 forbids. */
export function xmlText(s: string): string {
  return s
    .replace(/[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** A tag URI's authority: the host name only (no port), lower case; `localhost` when unusable. */
export function tagAuthority(host: string): string {
  const name = host.replace(/:\d+$/, '').replace(/^\[|\]$/g, '').toLowerCase();
  return /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/.test(name) ? name : 'localhost';
}

const rfc3339 = (v: Date | string): string => {
  const d = v instanceof Date ? v : new Date(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(v) ? `${v.replace(' ', 'T')}Z` : v);
  return Number.isNaN(d.getTime()) ? new Date(0).toISOString() : d.toISOString();
};

export interface FeedSpec {
  /** e.g. https://ensemble.example.org */
  origin: string;
  host: string;
  consultation: { id: number; slug: string; createdDay: string };
  title: string;
  /** The page this feed follows (the public follow-up, or a need's page), relative to origin. */
  pagePath: string;
  /** This feed's own path, relative to origin. */
  selfPath: string;
  /** The feed's id's last part: 'suivi' or 'suivi/besoin/12'. */
  key: string;
  /** When nothing changed yet: the feed's updated (the edition's publication). */
  since: Date | string;
  entries: readonly FeedEntryRow[];
  /** Where each entry links: the need's public page (and the proposal's anchor). */
  entryPath: (e: FeedEntryRow) => string;
}

export function atomFeed(spec: FeedSpec): string {
  const tag = `tag:${tagAuthority(spec.host)},${spec.consultation.createdDay}:consultation-${spec.consultation.id}`;
  const url = (p: string) => xmlText(spec.origin + p);
  const updated = spec.entries.length ? spec.entries.reduce((m, e) => (rfc3339(e.createdAt) > m ? rfc3339(e.createdAt) : m), '') : rfc3339(spec.since);
  const out = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr">',
    `  <id>${xmlText(`${tag}/${spec.key}`)}</id>`,
    `  <title type="text">${xmlText(spec.title)}</title>`,
    `  <updated>${updated}</updated>`,
    `  <author><name>${xmlText('DSI des Missions Locales')}</name></author>`,
    `  <link rel="self" type="application/atom+xml" href="${url(spec.selfPath)}"/>`,
    `  <link rel="alternate" type="text/html" href="${url(spec.pagePath)}"/>`,
    '  <generator>Ensemble</generator>',
  ];
  for (const e of spec.entries) {
    const stream = streamLabel(e.stream);
    const lines = [
      `${e.proposalCode} (${e.needCode} — ${e.needTitle}) : ${statusLabel(e.status)} le ${formatDate(e.effectiveOn)}.`,
      stream ? `Chantier du SI partagé : ${stream}.` : '',
      e.comment ? `Commentaire : ${e.comment}` : '',
      e.links.length ? `Éléments du backlog : ${e.links.join(' ')}` : '',
    ].filter(Boolean);
    out.push(
      '  <entry>',
      `    <id>${xmlText(`${tag}/suivi/changement-${e.id}`)}</id>`,
      `    <title type="text">${xmlText(`${e.proposalCode} — ${statusLabel(e.status)} : ${e.proposalTitle}`)}</title>`,
      `    <updated>${rfc3339(e.createdAt)}</updated>`,
      `    <published>${rfc3339(e.createdAt)}</published>`,
      `    <link rel="alternate" type="text/html" href="${url(spec.entryPath(e))}"/>`,
      `    <category term="${xmlText(e.status)}" label="${xmlText(statusLabel(e.status))}"/>`,
      `    <content type="text">${xmlText(lines.join('\n'))}</content>`,
      '  </entry>',
    );
  }
  out.push('</feed>', '');
  return out.join('\n');
}
