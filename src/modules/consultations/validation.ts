import { z } from 'zod';
import type { FieldErrors } from '../../shared/http/errors';
import { text, version, cleanText } from '../../shared/validation';
import { OVERRIDE_CHOICES, PHASE_KINDS, PHASE_LABELS, parseDay, type PhaseKind } from './phases';
import { RESERVED_SLUGS, SLUG_MAX, SLUG_PATTERN } from './slug';
import { characterLength, forbiddenCharacter, forbiddenCharacterMessage } from '../../shared/text/boundary';

export const MARKDOWN_MAX = 20_000;
export const THEME_DESCRIPTION_MAX = 5_000;
export const PHASE_TITLE_MAX = 200;

const markdown = (label: string, max: number) =>
  z
    .string({ error: `${label} doit être un texte.` })
    .max(max, `${label} ne doit pas dépasser ${max.toLocaleString('fr-FR')} caractères.`)
    .superRefine(cleanText(label))
    .optional()
    .transform((v) => (v ?? '').trim());

/** An empty slug means "make one from the title". */
const slug = z
  .string({ error: "L'adresse doit être un texte." })
  .trim()
  .toLowerCase()
  .max(SLUG_MAX, `L'adresse ne doit pas dépasser ${SLUG_MAX} caractères.`)
  .optional()
  .transform((v) => v ?? '')
  .refine((v) => v === '' || SLUG_PATTERN.test(v), {
    message: "L'adresse ne peut contenir que des lettres minuscules sans accent, des chiffres et des tirets (exemple : consultation-2027).",
  })
  .refine((v) => !RESERVED_SLUGS.has(v), { message: "Cette adresse est réservée par l'application ; choisissez-en une autre." });

export const consultationSchema = z.object({
  title: text('Le titre', 3, 200),
  slug,
  descriptionMd: markdown('La description', MARKDOWN_MAX),
  dataNoticeMd: markdown('La notice sur les données personnelles', MARKDOWN_MAX),
});
export type ConsultationInput = z.infer<typeof consultationSchema>;

export const updateConsultationSchema = consultationSchema.extend({ version: version() });
export type UpdateConsultationInput = z.infer<typeof updateConsultationSchema>;

export interface PhaseInput {
  kind: PhaseKind;
  title: string;
  starts_on: string;
  ends_on: string;
  position: number;
}

/** Form field names of a phase: one fieldset per kind. */
export const phaseField = (kind: PhaseKind, part: 'title' | 'startsOn' | 'endsOn') => `${kind}_${part}`;

/**
 * Reads the calendar form. A phase whose two dates are empty is not planned; otherwise both dates
 * must be real days and the end may not come before the start. An empty title takes the kind's label.
 */
export function readPhases(body: Record<string, unknown>): { ok: true; phases: PhaseInput[] } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const phases: PhaseInput[] = [];
  const field = (name: string) => {
    const v = body[name];
    return typeof v === 'string' ? v : '';
  };
  PHASE_KINDS.forEach((kind, i) => {
    const label = PHASE_LABELS[kind];
    const title = field(phaseField(kind, 'title')).trim();
    const rawStart = field(phaseField(kind, 'startsOn')).trim();
    const rawEnd = field(phaseField(kind, 'endsOn')).trim();
    if (!rawStart && !rawEnd) return;
    const bad = forbiddenCharacter(title);
    if (characterLength(title) > PHASE_TITLE_MAX) errors[phaseField(kind, 'title')] = `Le titre de l'étape « ${label} » ne doit pas dépasser ${PHASE_TITLE_MAX} caractères.`;
    else if (bad) errors[phaseField(kind, 'title')] = forbiddenCharacterMessage(`Le titre de l'étape « ${label} »`, bad);
    const start = rawStart ? parseDay(rawStart.slice(0, 20)) : null;
    const end = rawEnd ? parseDay(rawEnd.slice(0, 20)) : null;
    if (!rawStart) errors[phaseField(kind, 'startsOn')] = `La date de début de l'étape « ${label} » est obligatoire (ou videz les deux dates pour ne pas la prévoir).`;
    else if (!start) errors[phaseField(kind, 'startsOn')] = `La date de début de l'étape « ${label} » n'est pas une date valide (format JJ/MM/AAAA).`;
    if (!rawEnd) errors[phaseField(kind, 'endsOn')] = `La date de fin de l'étape « ${label} » est obligatoire (ou videz les deux dates pour ne pas la prévoir).`;
    else if (!end) errors[phaseField(kind, 'endsOn')] = `La date de fin de l'étape « ${label} » n'est pas une date valide (format JJ/MM/AAAA).`;
    if (start && end && end < start) errors[phaseField(kind, 'endsOn')] = `La date de fin de l'étape « ${label} » doit être égale ou postérieure à sa date de début.`;
    if (start && end) phases.push({ kind, title: title || label, starts_on: start, ends_on: end, position: i + 1 });
  });
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, phases };
}

const themeCode = z
  .string({ error: 'Le code est obligatoire.' })
  .trim()
  .toUpperCase()
  .min(1, 'Le code est obligatoire.')
  .max(20, 'Le code ne doit pas dépasser 20 caractères.')
  .regex(/^[A-Z0-9][A-Z0-9_-]*$/, 'Le code ne peut contenir que des lettres sans accent, des chiffres, « - » et « _ » (exemple : USAGERS).');

export const themeSchema = z.object({
  code: themeCode,
  title: text('Le titre', 2, 200),
  descriptionMd: markdown('La description', THEME_DESCRIPTION_MAX),
});
export type ThemeInput = z.infer<typeof themeSchema>;

const choice = (label: string) => z.enum(OVERRIDE_CHOICES, { error: `Choisissez une option pour « ${label} ».` });
export const openingsSchema = z.object({
  contributions: choice('Dépôt de contributions'),
  consolidation: choice('Consolidation'),
  ambassadorCall: choice('Appel à ambassadeurs'),
});
export type OpeningsInput = z.infer<typeof openingsSchema>;
