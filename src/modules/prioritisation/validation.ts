import { z } from 'zod';
import { parisToUtc } from '../../shared/paris-time';
import { text, version } from '../../shared/validation';
import { parseIdOrNull } from '../../shared/http/params';
import type { Parser } from '../../shared/http/form-action';
import { BUDGET_DEFAULT, BUDGET_MAX, checkStepDates, type TypedBallot } from './rules';

/** 'JJ/MM/AAAA' (typed where the browser has no date picker) is read as 'AAAA-MM-JJ'. */
const day = (label: string) =>
  z.preprocess(
    (v) => {
      if (typeof v !== 'string') return v;
      const fr = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})\s*$/.exec(v);
      return fr ? `${fr[3]}-${fr[2]!.padStart(2, '0')}-${fr[1]!.padStart(2, '0')}` : v.trim();
    },
    z.string({ error: `${label} est obligatoire.` }).min(1, `${label} est obligatoire.`).regex(/^\d{4}-\d{2}-\d{2}$/, `${label} : saisissez la date au format JJ/MM/AAAA.`),
  );

/** '9h30', '09:30', '14h' → 'HH:MM'. */
const time = (label: string) =>
  z.preprocess(
    (v) => {
      if (typeof v !== 'string') return v;
      const m = /^\s*(\d{1,2})\s*[h:]\s*(\d{2})?\s*$/i.exec(v);
      return m ? `${m[1]!.padStart(2, '0')}:${m[2] ?? '00'}` : v.trim();
    },
    z.string({ error: `${label} est obligatoire.` }).min(1, `${label} est obligatoire.`).regex(/^([01]\d|2[0-3]):[0-5]\d$/, `${label} doit être au format HH:MM (exemple : 09:30).`),
  );

const checkbox = z.unknown().optional().transform((v) => v === 'on' || v === '1' || v === 'true' || v === true);

const budget = z.preprocess(
  (v) => (typeof v === 'string' ? (v.trim() === '' ? String(BUDGET_DEFAULT) : v.trim()) : v === undefined ? String(BUDGET_DEFAULT) : v),
  z
    .string()
    .regex(/^\d+$/, `Le nombre de points doit être un nombre entier de 1 à ${BUDGET_MAX}.`)
    .transform(Number)
    .refine((n) => n >= 1 && n <= BUDGET_MAX, `Le nombre de points doit être un nombre entier de 1 à ${BUDGET_MAX}.`),
);

/** The DSI's form for a step: title, start and end (Paris time), points per person, the white paper's order. */
const stepFields = z
  .object({
    title: text('Le titre', 3, 200),
    startDay: day('La date de début'),
    startTime: time('L’heure de début'),
    endDay: day('La date de fin'),
    endTime: time('L’heure de fin'),
    budget,
    whitepaperOrder: checkbox,
    /** The version the DSI saw (editing only). */
    version: z.union([z.literal(''), version()]).optional(),
  })
  .superRefine((v, ctx) => {
    const start = parisToUtc(v.startDay, v.startTime);
    const end = parisToUtc(v.endDay, v.endTime);
    if (!start) return ctx.addIssue({ code: 'custom', path: ['startDay'], message: 'Cette date de début n’existe pas.' });
    if (!end) return ctx.addIssue({ code: 'custom', path: ['endDay'], message: 'Cette date de fin n’existe pas.' });
    for (const [key, v2] of [['startDay', start], ['endDay', end]] as const) {
      const y = v2.getUTCFullYear();
      if (y < 2000 || y > 2100) ctx.addIssue({ code: 'custom', path: [key], message: 'Saisissez une date entre 2000 et 2100.' });
    }
    for (const [key, message] of Object.entries(checkStepDates(start, end))) ctx.addIssue({ code: 'custom', path: [key], message });
  })
  .transform((v) => ({
    title: v.title,
    startsAt: parisToUtc(v.startDay, v.startTime)!.toISOString(),
    endsAt: parisToUtc(v.endDay, v.endTime)!.toISOString(),
    budget: v.budget,
    whitepaperOrder: v.whitepaperOrder,
    version: typeof v.version === 'number' ? v.version : null,
  }));

export const stepSchema = stepFields;
export type StepInput = z.output<typeof stepSchema>;

const FIELD = /^points_(.+)$/;

/**
 * The ballot form: every `points_<need id>` field, as typed (checked against the step's needs and
 * budget by the use case, which knows them: rules.ts checkBallot). A field whose id is not a canonical
 * id is an unknown need (id 0, refused there with the others).
 */
export const ballotFields: Parser<TypedBallot> = {
  safeParse: (input) => {
    const typed = new Map<number, string>();
    for (const [key, value] of Object.entries((input ?? {}) as Record<string, unknown>)) {
      const m = FIELD.exec(key);
      if (!m) continue;
      const id = parseIdOrNull(m[1]) ?? 0;
      // A repeated field (points_7=1&points_7=2) reads as text that is not a number.
      typed.set(id, typeof value === 'string' ? value : Array.isArray(value) ? value.join(',') : '');
    }
    return { success: true, data: typed };
  },
};

/** Values to show again in the ballot form: the fields as typed. */
export function typedValues(typed: TypedBallot): Record<string, string> {
  return Object.fromEntries([...typed].map(([id, v]) => [`points_${id}`, v]));
}
