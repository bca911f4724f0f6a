import { z } from 'zod';
import type { FieldErrors } from './http/errors';
import { characterLength, forbiddenCharacter, forbiddenCharacterMessage } from './text/boundary';

/** Zod issues → one French message per field (the first), keyed by the field name used in the form. */
export function fieldErrors(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? String(issue.path[0]) : '_form';
    out[key] ??= issue.message;
  }
  return out;
}

/** Refuses control characters (see shared/text/boundary): add it to any free-text field's schema. */
export const cleanText =
  (label: string) =>
  (value: string, ctx: z.RefinementCtx): void => {
    const code = forbiddenCharacter(value);
    if (code) ctx.addIssue({ code: 'custom', message: forbiddenCharacterMessage(label, code) });
  };

/**
 * Form text: trimmed, clean, and bounded in characters as a person counts them (and as PostgreSQL
 * does), so that the same text is accepted or refused on both engines.
 */
export const text = (label: string, min: number, max: number) =>
  z
    .string({ error: `${label} est obligatoire.` })
    .trim()
    .superRefine((value, ctx) => {
      const n = characterLength(value);
      if (n < min) ctx.addIssue({ code: 'custom', message: min <= 1 ? `${label} est obligatoire.` : `${label} doit faire au moins ${min} caractères.` });
      else if (n > max) ctx.addIssue({ code: 'custom', message: `${label} ne doit pas dépasser ${max} caractères.` });
      else cleanText(label)(value, ctx);
    });

export const optionalId = (label: string) =>
  z
    .union([z.literal(''), z.coerce.number().int().positive(`${label} est invalide.`)])
    .optional()
    .transform((v) => (v === '' || v === undefined ? null : v));

export const email = () =>
  z
    .string({ error: "L'adresse électronique est obligatoire." })
    .trim()
    .toLowerCase()
    .min(1, "L'adresse électronique est obligatoire.")
    .max(254, "L'adresse électronique est trop longue.")
    .pipe(z.email("L'adresse électronique n'est pas valide (exemple : prenom.nom@mission-locale.fr)."));

export const version = () => z.coerce.number({ error: 'Version manquante.' }).int().min(1);

/**
 * Why a form failed, whichever step refused it: the schema (422 with field errors) or the use case
 * (its own status — 409 for a conflict — and errors). Routes call it inside their failure branch.
 */
export function failureOf(
  parsed: { success: true } | { success: false; error: z.ZodError },
  result: { ok: true } | { ok: false; errors: FieldErrors; status?: number } | null | undefined,
): { status: number; errors: FieldErrors } {
  if (!parsed.success) return { status: 422, errors: fieldErrors(parsed.error) };
  if (result && !result.ok) return { status: result.status ?? 422, errors: result.errors };
  return { status: 422, errors: {} };
}
