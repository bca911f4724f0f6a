/** What replaces an erased value in stored texts (audit entries). */
export const ERASED = '[effacé]';
/** What replaces a purged free-text field (motivation, decision comment). */
export const PURGED = '[purgé]';

/**
 * Replaces every occurrence of the given secrets (an e-mail, a name) inside a JSON value, at any
 * depth, in values only (the keys say WHICH field was there, which the audit keeps); the values of
 * `identityKeys` (e.g. email, displayName) are erased whole, whatever they were at the time. Pure.
 */
export function redactValue(value: unknown, secrets: readonly string[], identityKeys: readonly string[] = []): unknown {
  const needles = secrets.filter((s) => s.trim().length >= 2);
  const walk = (v: unknown, key?: string): unknown => {
    if (key !== undefined && identityKeys.includes(key) && v != null && v !== '') return ERASED;
    if (typeof v === 'string') {
      let out = v;
      for (const s of needles) if (out.toLowerCase().includes(s.toLowerCase())) out = replaceAllInsensitive(out, s, ERASED);
      return out;
    }
    if (Array.isArray(v)) return v.map((x) => walk(x));
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x, k)]));
    return v;
  };
  return walk(value);
}

function replaceAllInsensitive(text: string, needle: string, by: string): string {
  const escaped = needle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return text.replace(new RegExp(escaped, 'gi'), by);
}

/** A stored JSON text with the secrets redacted; null stays null, a text that is not JSON is redacted as text. */
export function redactJsonText(text: string | null, secrets: readonly string[], identityKeys: readonly string[] = []): string | null {
  if (text == null) return null;
  try {
    return JSON.stringify(redactValue(JSON.parse(text), secrets, identityKeys));
  } catch {
    return redactValue(text, secrets) as string;
  }
}

/** Keys under which the audit stores who a person is (current or former values). */
export const IDENTITY_KEYS = ['email', 'displayName', 'display_name', 'name', 'nom'] as const;

/** Every identity value (former names and addresses) written under those keys in a JSON text. */
export function identityValues(text: string | null): string[] {
  if (text == null) return [];
  const found: string[] = [];
  const walk = (v: unknown, key?: string) => {
    if (typeof v === 'string' && key !== undefined && (IDENTITY_KEYS as readonly string[]).includes(key)) found.push(v);
    else if (Array.isArray(v)) v.forEach((x) => walk(x));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, k);
  };
  try {
    walk(JSON.parse(text));
  } catch {
    // Not JSON: nothing structured to collect.
  }
  return found;
}
