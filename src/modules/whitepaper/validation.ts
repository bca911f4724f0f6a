import { z } from 'zod';
import { text, cleanText } from '../../shared/validation';
import { unknownFiguresMessage } from './rules';

/** Bounds of the editorial texts: a chapter of a printed document, not a book. */
export const SECTION_MAX = 12_000;
export const INTRO_MAX = 4_000;

const markdown = (label: string, max: number) =>
  z
    .string()
    .optional()
    .transform((v) => (v ?? '').replace(/\r\n/g, '\n').trim())
    .pipe(
      z
        .string()
        .max(max, `${label} ne doit pas dépasser ${max.toLocaleString('fr-FR')} caractères.`)
        .superRefine(cleanText(label))
        // A figure is named ({{ateliers}}) from the list shown on the page; a misspelt name would print its braces.
        .superRefine((v, ctx) => {
          const unknown = unknownFiguresMessage(label, v);
          if (unknown) ctx.addIssue({ code: 'custom', message: unknown });
        }),
    );

/**
 * The editorial form. Every section may be saved empty (the DSI writes over several days);
 * publishing is what requires them (rules.missingForPublication). Theme introductions come as
 * intro_<themeId> fields, read by readIntros.
 */
export const contentSchema = z.object({
  title: text('Le titre', 0, 200),
  subtitle: text('Le sous-titre', 0, 300).optional().default(''),
  foreword_md: markdown('L’avant-propos', SECTION_MAX),
  method_md: markdown('La méthode', SECTION_MAX),
  conclusion_md: markdown('La conclusion', SECTION_MAX),
  acknowledgements_md: markdown('Les remerciements', SECTION_MAX),
  // The word cloud of the white paper: « aucun », « tout » (the whole consultation) or a theme's id.
  word_cloud: z
    .unknown()
    .optional()
    .transform((v) => (typeof v === 'string' ? v.trim() : 'aucun'))
    .pipe(z.string().regex(/^(aucun|tout|\d{1,12})$/, 'Choisissez un nuage de mots dans la liste.'))
    .transform((v): string | null => (v === 'aucun' ? null : v === 'tout' ? '' : `theme=${v}`)),
  // The version shown in the form; 0 while nothing has been saved yet.
  version: z.coerce.number({ error: 'Version manquante.' }).int().min(0),
});
export type ContentInput = z.infer<typeof contentSchema>;

/** intro_<themeId> fields for the consultation's themes only; a too-long one is an error on its own field. */
export function readIntros(body: Record<string, unknown>, themeIds: number[]): { intros: Map<number, string>; errors: Record<string, string> } {
  const intros = new Map<number, string>();
  const errors: Record<string, string> = {};
  for (const id of themeIds) {
    const raw = body[`intro_${id}`];
    const value = typeof raw === 'string' ? raw.replace(/\r\n/g, '\n').trim() : '';
    const unknown = unknownFiguresMessage('L’introduction', value);
    if (value.length > INTRO_MAX) errors[`intro_${id}`] = `L’introduction ne doit pas dépasser ${INTRO_MAX.toLocaleString('fr-FR')} caractères.`;
    else if (unknown) errors[`intro_${id}`] = unknown;
    else if (value) intros.set(id, value);
  }
  return { intros, errors };
}

/** ?de=1&vers=2 on the changelog page. */
export const changelogQuery = z.object({
  de: z.coerce.number().int().min(1).max(100_000),
  vers: z.coerce.number().int().min(1).max(100_000),
});

/** The consent form's two buttons: « oui » gives it, anything else withdraws it. */
export const consentSchema = z.object({ consent: z.unknown().optional().transform((v) => v === 'oui') });

/**
 * The publish button carries the content version the DSI read; an odd one names no version (-1), which
 * the use case refuses. `confirmer` lists the numbers from the previous edition the DSI keeps on purpose
 * (StaleNumber keys, « method_md:84 »), each a ticked box.
 */
export const publishSchema = z.object({
  version: z.unknown().optional().transform((v) => (Number.isInteger(Number(v)) ? Number(v) : -1)),
  confirmer: z
    .unknown()
    .optional()
    .transform((v) => (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter((x): x is string => typeof x === 'string' && /^[a-z0-9_]{1,40}:\d{1,12}$/.test(x)).slice(0, 200)),
});
