import { z } from 'zod';
import { optionalId, text } from '../../shared/validation';

export const MOTIVATION_MIN = 50;
export const MOTIVATION_MAX = 3000;
export const COMMENT_MAX = 1000;
const MAX_THEMES = 100;

/** Checkboxes arrive as nothing, one string or several: always a list of ids. */
const idList = (message: string) =>
  z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]))
    .refine((list) => list.length <= MAX_THEMES && list.every((s) => /^[1-9]\d{0,9}$/.test(s)), { message })
    .transform((list) => [...new Set(list.map(Number))]);

export const applySchema = z.object({
  motivation: text('La motivation', MOTIVATION_MIN, MOTIVATION_MAX),
  structureId: optionalId('La structure'),
  knownThemes: idList('Les thématiques cochées ne sont pas valides.'),
});
export type ApplyInput = z.infer<typeof applySchema>;

export const decisionSchema = z
  .object({
    decision: z.enum(['retenue', 'non_retenue'], { error: 'Choisissez de retenir ou non la candidature.' }),
    themeIds: idList('Les thématiques cochées ne sont pas valides.'),
    comment: z
      .string({ error: 'Le commentaire doit être un texte.' })
      .trim()
      .max(COMMENT_MAX, `Le commentaire ne doit pas dépasser ${COMMENT_MAX} caractères.`)
      .optional()
      .transform((v) => v ?? ''),
    seen: z.string().max(100).optional().transform((v) => v ?? ''),
  })
  .refine((v) => v.decision !== 'retenue' || v.themeIds.length > 0, {
    path: ['themeIds'],
    message: 'Pour retenir la candidature, cochez au moins une thématique à confier à l’ambassadeur.',
  });
export type DecisionInput = z.infer<typeof decisionSchema>;
