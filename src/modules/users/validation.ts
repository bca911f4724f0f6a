import { z } from 'zod';
import { ROLES } from '../../shared/actor';
import { PASSWORD_MIN_LENGTH } from '../auth';
import { email, optionalId, text, version, cleanText } from '../../shared/validation';

const role = z.enum(ROLES, { error: 'Choisissez un rôle parmi contributeur, ambassadeur ou DSI.' });

export const newPassword = z
  .string({ error: 'Le mot de passe est obligatoire.' })
  .min(PASSWORD_MIN_LENGTH, `Le mot de passe doit faire au moins ${PASSWORD_MIN_LENGTH} caractères.`)
  .max(200, 'Le mot de passe ne doit pas dépasser 200 caractères.');

export const createUserSchema = z.object({
  email: email(),
  displayName: text('Le nom', 2, 120),
  role,
  structureId: optionalId('La structure'),
});
export type CreateUserInput = z.infer<typeof createUserSchema>;

export const updateUserSchema = createUserSchema.extend({ version: version() });
export type UpdateUserInput = z.infer<typeof updateUserSchema>;

export const changePasswordSchema = z
  .object({
    currentPassword: z.string({ error: 'Saisissez votre mot de passe actuel.' }).min(1, 'Saisissez votre mot de passe actuel.'),
    newPassword,
    confirmPassword: z.string({ error: 'Confirmez le nouveau mot de passe.' }),
  })
  .refine((v) => v.newPassword === v.confirmPassword, {
    path: ['confirmPassword'],
    message: 'La confirmation ne correspond pas au nouveau mot de passe.',
  })
  .refine((v) => v.newPassword !== v.currentPassword, {
    path: ['newPassword'],
    message: "Le nouveau mot de passe doit être différent de l'actuel.",
  });

/** One row of a user import file (columns: email, nom, role, structure). */
export const importRowSchema = z.object({
  email: email(),
  displayName: text('Le nom', 2, 120),
  role: z
    .string()
    .trim()
    .toLowerCase()
    .transform((v) => (v === '' ? 'contributeur' : v))
    .pipe(role),
  structure: z.string().trim().max(200, 'Le nom de structure est trop long.').superRefine(cleanText('Le nom de structure')).optional(),
});

/** « Mot de passe oublié » : the address only. */
export const resetRequestSchema = z.object({ email: email() });

export const resetPasswordSchema = z
  .object({
    newPassword,
    confirmPassword: z.string({ error: 'Confirmez le nouveau mot de passe.' }),
  })
  .refine((v) => v.newPassword === v.confirmPassword, {
    path: ['confirmPassword'],
    message: 'La confirmation ne correspond pas au nouveau mot de passe.',
  });

/** The optional mails a person keeps: the ticked kinds (a checkbox absent means off). */
export const mailPreferencesSchema = z.object({
  kinds: z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v])),
});
