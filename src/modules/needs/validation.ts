import { z } from 'zod';
import { text, version } from '../../shared/validation';
import { t } from '../../shared/i18n';
import { PRIORITIES } from './rules';

const markdown = (label: string) =>
  z
    .string()
    .max(20000, `${label} ne doit pas dépasser 20 000 caractères.`)
    .optional()
    .transform((v) => (v ?? '').trim());

const id = (message: string) => z.coerce.number({ error: message }).int(message).positive(message);

export const needSchema = z.object({
  title: text('Le titre', 1, 200),
  descriptionMd: markdown('La description'),
  themeId: id('Choisissez un thème.'),
});
export type NeedInput = z.infer<typeof needSchema>;

export const updateNeedSchema = needSchema.extend({ version: version() });
export type UpdateNeedInput = z.infer<typeof updateNeedSchema>;

export const proposalSchema = z.object({
  title: text('Le titre', 1, 200),
  descriptionMd: markdown('La description'),
  priority: z.enum(PRIORITIES, { error: 'Choisissez une priorité : haute, moyenne ou basse.' }),
  targetStream: z
    .string()
    .trim()
    .max(120, 'Le flux cible ne doit pas dépasser 120 caractères.')
    .optional()
    .transform((v) => v ?? ''),
});
export type ProposalInput = z.infer<typeof proposalSchema>;
export const updateProposalSchema = proposalSchema.extend({ version: version() });
export type UpdateProposalInput = z.infer<typeof updateProposalSchema>;

/** Checkbox lists arrive as one value or an array; bounded. */
export const idList = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v): unknown[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]))
  .pipe(z.array(z.coerce.number().int().positive()).max(1000, 'Trop de contributions cochées à la fois (1 000 au plus).'));

export const commentSchema = z.object({ body: text('Le commentaire', 1, 4000) });
export const returnSchema = z.object({ comment: text('Le commentaire de renvoi', 1, 4000) });

/**
 * Fields that never fail the form: a missing or odd value becomes 0 (or null), which names nothing,
 * and the use case answers for it as for any stale page (a version conflict, an unknown need).
 */
const positiveOrZero = z.unknown().optional().transform((v) => (Number.isInteger(Number(v)) && Number(v) > 0 ? Number(v) : 0));
const numberOrZero = z.unknown().optional().transform((v) => Number(v) || 0);
const direction = z.unknown().optional().transform((v): 'up' | 'down' => (v === 'up' || v === 'monter' ? 'up' : 'down'));

/** Submit and validate buttons carry the version the reviewer saw. */
export const versionField = z.object({ version: positiveOrZero });
export const returnWithVersionSchema = returnSchema.extend({ version: positiveOrZero });
export const moveSchema = z.object({ direction });
export const mergeSchema = z.object({ fromId: positiveOrZero });
export const transferSchema = z.object({ needId: numberOrZero });

/** A quote names the raw contribution behind the need, and one of its extracts or none. */
const notBehind = { error: () => t('needs.notBehind') };
export const quoteSchema = z.object({
  rawId: z.coerce.number(notBehind).int(notBehind).positive(notBehind),
  extractId: z.unknown().optional().transform((v) => Number(v) || null),
});


/** Query strings: an odd value is treated as absent, as a link typed by hand should not fail the page. */
const queryId = z.string().regex(/^[1-9][0-9]{0,9}$/).catch('');
/** ?theme=<id> preselects the theme of a new need. */
export const newNeedQuery = z.object({ theme: queryId.optional().default('') }).catch({ theme: '' });
/** ?q= searches the theme's consolidated contributions to link, on the need's page. */
export const needPageQuery = z
  .object({
    q: z.string().catch('').optional().default('').transform((s) => s.trim().slice(0, 100)),
    /** The page of the raw contributions' list (`?brutes=<n>`); absent, the list stays folded. */
    brutes: z.coerce.number().int().min(1).max(100_000).optional().catch(undefined),
  })
  .catch({ q: '', brutes: undefined });
