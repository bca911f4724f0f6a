import { z } from 'zod';
import { words } from '../../shared/text/french';

/** The glossary form: an expression and what it means, both required, neither made of stop words only. */
const side = (max: number, empty: string, stop: string) =>
  z
    .string({ error: empty })
    .transform((s) => s.trim().replace(/\s+/g, ' '))
    .pipe(
      z
        .string()
        .min(1, empty)
        .max(max, `${max} caractères au plus.`)
        .refine((s) => words(s).length > 0, stop),
    );

export const glossaryEntrySchema = z.object({
  expression: side(80, 'Indiquez l’expression (un mot, une abréviation, un nom local).', 'Ce mot est trop courant pour le glossaire (mot vide) : choisissez un mot qui porte le sens.'),
  meaning: side(120, 'Indiquez ce que l’expression veut dire.', 'Ce sens n’est fait que de mots vides : écrivez le mot qui porte le sens.'),
});

export type GlossaryEntryInput = z.infer<typeof glossaryEntrySchema>;

/** Field errors of a zod failure, first message per field. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? '_form');
    out[key] ??= issue.message;
  }
  return out;
}
