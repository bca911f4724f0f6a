import { z } from 'zod';
import { text, version } from '../../shared/validation';
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
