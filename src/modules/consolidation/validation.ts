import { z } from 'zod';
import { text, version, cleanText } from '../../shared/validation';
import { parseIdOrNull } from '../../shared/http/params';
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

/** The selection form's buttons: attach to a consolidated contribution, choose again, or (any other value) prepare a new one. */
export const selectionOperation = z
  .object({ operation: z.unknown().optional().transform((v) => String(v ?? '')) })
  .transform(({ operation }) => (operation === 'rattacher' || operation === 'choisir' ? operation : ('preparer' as const)));

/**
 * Query strings. An odd value is treated as absent (a link typed by hand should not fail the page);
 * the route then decides whether a theme that is absent, or not of this consultation, is a 404.
 */
const queryId = z.unknown().optional().transform(parseIdOrNull);
/** ?theme=12 or ?theme=a_classer (the contributions without a theme). */
const themeKey = z.unknown().optional().transform((v) => (v === 'a_classer' ? ('a_classer' as const) : parseIdOrNull(v)));

export const themeQuery = z.object({ theme: themeKey });
/** The coverage page: by theme, or by ambassador (0: every ambassador, for the DSI). */
export const coverageQuery = z.object({ theme: themeKey, ambassadeur: queryId });
/** The suggested groups of a theme, without those the ambassador set aside (?ignorer=3-7,12-15). */
export const suggestionsQuery = z.object({
  theme: themeKey,
  ignorer: z.unknown().optional().transform((v) => new Set(String(v ?? '').split(',').filter((s) => /^\d+(-\d+)*$/.test(s)).slice(0, 200))),
});
