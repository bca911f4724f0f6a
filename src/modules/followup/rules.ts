/**
 * Pure rules of the follow-up (no database, unit-tested): the statuses and the shared system's streams,
 * what a status requires, how a need's status rolls up from its proposals, the history's order.
 */

export const STATUSES = ['a_etudier', 'retenue', 'planifiee', 'en_cours', 'livree', 'non_retenue'] as const;
export type FollowupStatus = (typeof STATUSES)[number];

export const STATUS_LABELS: Readonly<Record<FollowupStatus, string>> = {
  a_etudier: 'À étudier',
  retenue: 'Retenue',
  planifiee: 'Planifiée',
  en_cours: 'En cours',
  livree: 'Livrée',
  non_retenue: 'Non retenue',
};

/** A proposal followed but with nothing recorded yet reads « À étudier ». */
export const DEFAULT_STATUS: FollowupStatus = 'a_etudier';

/** Statuses whose change needs a comment: why it was not retained, what was delivered. */
export const COMMENT_REQUIRED: readonly FollowupStatus[] = ['non_retenue', 'livree'];
/** Statuses that need a target stream: the work is somewhere in the shared system. */
export const STREAM_REQUIRED: readonly FollowupStatus[] = ['retenue', 'planifiee', 'en_cours', 'livree'];

/** The eight streams of the shared information system (« chantiers » of the SI partagé). */
export const STREAMS = [
  { code: 'socle', label: 'Socle transverse' },
  { code: 'usagers', label: 'Usagers & offres de services' },
  { code: 'entreprises', label: 'Entreprise & intermédiation' },
  { code: 'pilotage', label: 'Décisionnel, pilotage & statistiques' },
  { code: 'outils', label: 'Outils supports & communication interne' },
  { code: 'securisation', label: 'Sécurisation financière des parcours' },
  { code: 'accompagnement', label: 'Accompagnement au changement & adoption' },
  { code: 'cohabitation', label: 'Cohabitation & migration' },
] as const;
export type StreamCode = (typeof STREAMS)[number]['code'];

export const isStatus = (v: unknown): v is FollowupStatus => typeof v === 'string' && (STATUSES as readonly string[]).includes(v);
export const isStream = (v: unknown): v is StreamCode => typeof v === 'string' && STREAMS.some((s) => s.code === v);
export const statusLabel = (s: string | null | undefined): string => (isStatus(s) ? STATUS_LABELS[s] : STATUS_LABELS[DEFAULT_STATUS]);
export const streamLabel = (s: string | null | undefined): string => STREAMS.find((x) => x.code === s)?.label ?? '';

const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/&/g, 'et').replace(/[^a-z0-9]+/g, ' ').trim();

/**
 * The stream a proposal's free-text « flux cible » names, if it names one of the eight (accents, case,
 * « & » / « et » and punctuation aside): the default offered when the DSI first records its follow-up.
 */
export function streamFromTarget(target: string | null | undefined): StreamCode | null {
  const t = fold(target ?? '');
  if (!t) return null;
  return STREAMS.find((s) => fold(s.label) === t || fold(s.label).startsWith(t) || t.startsWith(fold(s.label)))?.code ?? null;
}

/**
 * A need's status, rolled up from its proposals' current statuses: every proposal non retenue → non
 * retenue; otherwise, among the others: all livrées → livrée; some livrée or en cours → en cours; else
 * the furthest of planifiée, retenue; else à étudier. A need without proposals is à étudier.
 */
export function needStatusOf(statuses: ReadonlyArray<string | null>): FollowupStatus {
  const list = statuses.map((s) => (isStatus(s) ? s : DEFAULT_STATUS));
  if (!list.length) return DEFAULT_STATUS;
  const open = list.filter((s) => s !== 'non_retenue');
  if (!open.length) return 'non_retenue';
  if (open.every((s) => s === 'livree')) return 'livree';
  if (open.some((s) => s === 'livree' || s === 'en_cours')) return 'en_cours';
  if (open.includes('planifiee')) return 'planifiee';
  if (open.includes('retenue')) return 'retenue';
  return DEFAULT_STATUS;
}

/** A calendar day 'YYYY-MM-DD' that exists (no 31 February). */
export function isCalendarDay(v: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/** 'JJ/MM/AAAA' (as French people type it) or 'AAAA-MM-JJ' → 'AAAA-MM-JJ'; anything else unchanged. */
export function normaliseDay(v: string): string {
  const fr = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(v.trim());
  return fr ? `${fr[3]}-${fr[2]!.padStart(2, '0')}-${fr[1]!.padStart(2, '0')}` : v.trim();
}

/** Backlog links: http(s) URLs only, one per line; the first that is not one is reported. */
export function parseLinks(text: string): { links: string[]; bad: string | null } {
  const links: string[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line) continue;
    let url: URL | null = null;
    try {
      url = new URL(line);
    } catch {
      url = null;
    }
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || !url.hostname) return { links, bad: line };
    if (!links.includes(url.href)) links.push(url.href);
  }
  return { links, bad: null };
}

/** Stored JSON array of links → the links (anything unreadable or not http(s) dropped). */
export function readLinks(json: string | null | undefined): string[] {
  try {
    const v = JSON.parse(json ?? '[]') as unknown;
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && /^https?:\/\//i.test(x)) : [];
  } catch {
    return [];
  }
}
