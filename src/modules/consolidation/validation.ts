import { z } from 'zod';
import { text, version, cleanText } from '../../shared/validation';
import { MAX_SELECTION, uniqueIds } from './rules';

const ids = (message: string) =>
  z
    .unknown()
    .transform((v) => uniqueIds(v))
    .pipe(z.array(z.number()).min(1, message).max(MAX_SELECTION, `Sélectionnez au plus ${MAX_SELECTION} contributions à la fois.`));

const themeId = z.coerce.number({ error: 'Choisissez une thématique.' }).int('Choisissez une thématique.').positive('Choisissez une thématique.');
const bodyMd = z
  .string()
  .optional()
  .transform((v) => (v ?? '').trim())
  .pipe(z.string().max(20000, 'La synthèse ne doit pas dépasser 20 000 caractères.').superRefine(cleanText('La synthèse')));

export const consolidatedFields = {
  title: text('Le titre', 1, 200),
  bodyMd,
  themeId,
};

export const createSchema = z.object({ ids: ids('Cochez au moins une contribution brute.'), ...consolidatedFields });
export type CreateInput = z.infer<typeof createSchema>;

export const attachSchema = z.object({
  ids: ids('Cochez au moins une contribution brute.'),
  targetId: z.coerce.number({ error: 'Choisissez une contribution consolidée.' }).int().positive('Choisissez une contribution consolidée.'),
});
export type AttachInput = z.infer<typeof attachSchema>;

export const updateSchema = z.object({ ...consolidatedFields, version: version() });
export type UpdateInput = z.infer<typeof updateSchema>;

export const splitSchema = z.object({ linkIds: ids('Cochez au moins un lien à déplacer.'), ...consolidatedFields, version: version() });
export type SplitInput = z.infer<typeof splitSchema>;

export const outOfScopeSchema = z.object({ reason: text('Le motif', 1, 2000) });

export const classifySchema = z.object({ themeId });

const offset = z
  .union([z.literal(''), z.coerce.number().int('Indiquez un nombre entier.').min(0, 'Indiquez un nombre positif.')])
  .optional()
  .transform((v) => (v === '' || v === undefined ? null : v));

export const extractSchema = z.object({
  start: offset,
  end: offset,
  quote: z.string().max(20000, 'Le passage est trop long.').superRefine(cleanText('Le passage')).optional().transform((v) => v ?? ''),
  targetId: z.coerce.number({ error: 'Choisissez une contribution consolidée.' }).int().positive('Choisissez une contribution consolidée.'),
});
export type ExtractFormInput = z.infer<typeof extractSchema>;
