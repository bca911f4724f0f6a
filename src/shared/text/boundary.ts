/**
 * The one boundary every typed text crosses before it is validated or stored.
 *
 * - NFC normalisation: « é » typed on a Mac (e + combining accent) and on Windows (one code point)
 *   become the same string, so that searches, duplicates and lengths agree.
 * - Control characters are refused (tabs and line breaks excepted): PostgreSQL cannot store NUL at
 *   all (SQLite can), so accepting it on one engine and failing on the other is not an option, and the
 *   others are invisible on screen but break CSV, PDF and Markdown output. Unpaired surrogates (which
 *   no UTF-8 encoder can write) are refused for the same reason.
 */
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function normaliseText(value: string): string {
  return value.normalize('NFC');
}

/** The first forbidden character, as « U+0000 », or null when the text is clean. */
export function forbiddenCharacter(value: string): string | null {
  const m = FORBIDDEN.exec(value);
  return m ? `U+${m[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}` : null;
}

export function forbiddenCharacterMessage(label: string, code: string): string {
  return `${label} contient un caractère invisible non autorisé (${code}) : retirez-le, par exemple en retapant le texte, puis validez à nouveau.`;
}

/** Length as a person counts it (code points, not UTF-16 units): the limit PostgreSQL applies too. */
export function characterLength(value: string): number {
  let n = 0;
  for (const _ of value) n++;
  return n;
}

/** Fields never rewritten: a password is compared byte for byte with what was hashed. */
const VERBATIM = /password|_csrf/i;

/** NFC-normalises every string of a parsed form body (arrays included), in place. */
export function normaliseFields(body: unknown): void {
  if (!body || typeof body !== 'object') return;
  const record = body as Record<string, unknown>;
  for (const [key, value] of Object.entries(record)) {
    if (VERBATIM.test(key)) continue;
    if (typeof value === 'string') record[key] = normaliseText(value);
    else if (Array.isArray(value)) record[key] = value.map((v) => (typeof v === 'string' ? normaliseText(v) : v));
  }
}
