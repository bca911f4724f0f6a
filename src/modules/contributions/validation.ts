import { z } from 'zod';
import { formatNumber } from '../../shared/i18n';
import { optionalId, version, cleanText } from '../../shared/validation';
import { SOURCES, STATUSES, type ContributionStatus, type SelectionFilter, type Source } from './queries';
import { parseIdOrNull } from '../../shared/http/params';
import { characterLength } from '../../shared/text/boundary';

export const BODY_MIN = 10;
export const BODY_MAX = 5000;

/** Characters as a person counts them (an emoji is one), not UTF-16 code units. */
/** Characters as a person counts them: the text boundary's one rule. */
export const characterCount = characterLength;

/**
 * The body is validated on its trimmed length but stored exactly as typed (accents, line breaks,
 * emoji): nothing is rewritten. NUL is refused (PostgreSQL text cannot hold it).
 */
const body = z
  .string({ error: 'Le texte de la contribution est obligatoire.' })
  .superRefine((v, ctx) => {
    const n = characterCount(v.trim());
    if (n === 0) ctx.addIssue({ code: 'custom', message: 'Le texte de la contribution est obligatoire.' });
    else if (n < BODY_MIN) ctx.addIssue({ code: 'custom', message: `Le texte doit faire au moins ${BODY_MIN} caractères (actuellement ${n}).` });
    else if (n > BODY_MAX)
      ctx.addIssue({ code: 'custom', message: `Le texte ne doit pas dépasser ${formatNumber(BODY_MAX)} caractères (actuellement ${formatNumber(n)}).` });
    else cleanText('Le texte')(v, ctx);
  });

/** An HTML checkbox: present (any value) means ticked. */
const checkbox = z.unknown().optional().transform((v) => v === 'on' || v === '1' || v === 'true' || v === true);

export const contributionSchema = z.object({
  themeId: optionalId('La thématique'),
  body,
  anonymous: checkbox,
});
export type ContributionInput = z.infer<typeof contributionSchema>;

export const editContributionSchema = contributionSchema.extend({ version: version() });
export type EditContributionInput = z.infer<typeof editContributionSchema>;

export const withdrawSchema = z.object({ version: version() });

/** The selection an ambassador browses and exports; every value is optional and bounded. */
export type ContributionFilter = SelectionFilter;

const DAY = /^\d{4}-\d{2}-\d{2}$/;
/**
 * A query value: its first occurrence when repeated, control characters dropped (PostgreSQL refuses a
 * NUL in text), trimmed; anything else reads as empty.
 */
const one = (v: unknown): string =>
  (typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : '').replace(/[\u0000-\u001f\u007f]/g, '').trim();
const validDay = (v: string): string | null => (DAY.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) ? v : null);
const queryText = z.unknown().optional().transform(one);
const queryId = queryText.transform(parseIdOrNull);
const oneOf = <T extends string>(values: readonly T[]) => queryText.transform((v) => ((values as readonly string[]).includes(v) ? (v as T) : null));

/** The filter of the browse page and the exports. Unknown or malformed values are ignored, never an error page. */
export const selectionQuery = z
  .object({
    theme: queryText.transform((v) => (v === 'a_classer' ? ('a_classer' as const) : parseIdOrNull(v))),
    atelier: queryId,
    region: queryText.transform((v) => v.slice(0, 80) || null),
    statut: oneOf<ContributionStatus>(STATUSES),
    source: oneOf<Source>(SOURCES),
    du: queryText.transform(validDay),
    au: queryText.transform(validDay),
    q: queryText.transform((v) => v.slice(0, 200) || null),
    remontee: queryText.transform((v) => (v === 'oui' ? true : v === 'non' ? false : null)),
  })
  .transform((q): ContributionFilter => ({
    theme: q.theme, workshop: q.atelier, region: q.region, status: q.statut, source: q.source, from: q.du, to: q.au, q: q.q, continuous: q.remontee,
  }));

export const parseFilter = (query: Record<string, unknown>): ContributionFilter => selectionQuery.parse(query);

/** The keyset cursor (`?avant=<id>`): the page shows contributions with a smaller id. */
export const cursorQuery = z.object({ avant: queryId });

/** A search's page (`?rang=<n>`): the position in its ranked results where the page starts. */
export const rankQuery = z.object({ rang: queryId });

export const parseCursor = (query: Record<string, unknown>): number | null => cursorQuery.parse(query).avant;

/** The filter as a query string (for pagination and export links), empty values left out. */
export function filterQuery(f: ContributionFilter): string {
  const params = new URLSearchParams();
  if (f.q) params.set('q', f.q);
  if (f.theme !== null) params.set('theme', String(f.theme));
  if (f.workshop !== null) params.set('atelier', String(f.workshop));
  if (f.region) params.set('region', f.region);
  if (f.status) params.set('statut', f.status);
  if (f.source) params.set('source', f.source);
  if (f.from) params.set('du', f.from);
  if (f.to) params.set('au', f.to);
  if (f.continuous !== null) params.set('remontee', f.continuous ? 'oui' : 'non');
  return params.toString();
}
