import { NotFoundError } from './errors';

/** The largest id both engines store in an integer column (PostgreSQL's int4). */
export const MAX_ID = 2_147_483_647;
const CANONICAL_ID = /^[1-9][0-9]{0,9}$/;

/**
 * The one parser of ids in paths (and query strings): a canonical positive decimal integer, or 404.
 * `Number()` alone accepted "0x10", "1e2", " 16", "016" and "16.0" as other spellings of a page,
 * which makes caches, logs and audits disagree about what was asked.
 */
export function parseId(raw: unknown): number {
  const id = parseIdOrNull(raw);
  if (id === null) throw new NotFoundError();
  return id;
}

/** The same rule for an optional id (a filter): null when absent or not canonical. */
export function parseIdOrNull(raw: unknown): number | null {
  if (typeof raw !== 'string' || !CANONICAL_ID.test(raw)) return null;
  const id = Number(raw);
  return id <= MAX_ID ? id : null;
}
