import { z } from 'zod';
import { formatNumber } from '../../shared/i18n';
import { optionalId, text, version, cleanText } from '../../shared/validation';
import { parseIdOrNull } from '../../shared/http/params';
import { CAPACITY_MAX, CAPACITY_MIN, MODES, parisToUtc } from './rules';
import { characterLength } from '../../shared/text/boundary';

const asList = (v: unknown): unknown[] => (v == null || v === '' ? [] : Array.isArray(v) ? v : [v]);
const checkbox = z.unknown().optional().transform((v) => v === 'on' || v === '1' || v === 'true' || v === true);

/** 'JJ/MM/AAAA' (typed where the browser has no date picker) is read as 'AAAA-MM-JJ'. */
const day = z.preprocess(
  (v) => {
    if (typeof v !== 'string') return v;
    const fr = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})\s*$/.exec(v);
    return fr ? `${fr[3]}-${fr[2]!.padStart(2, '0')}-${fr[1]!.padStart(2, '0')}` : v.trim();
  },
  z.string({ error: 'La date est obligatoire.' }).min(1, 'La date est obligatoire.').regex(/^\d{4}-\d{2}-\d{2}$/, 'Saisissez la date au format JJ/MM/AAAA.'),
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

const capacityMessage = `La capacité doit être un nombre entier de ${CAPACITY_MIN} à ${CAPACITY_MAX} places.`;

export const workshopSchema = z
  .object({
    consultationId: z.coerce.number({ error: 'Choisissez une consultation.' }).int().positive('Choisissez une consultation.'),
    title: text('Le titre', 3, 200),
    day,
    startTime: time('L’heure de début'),
    endTime: time('L’heure de fin'),
    mode: z.enum(MODES, { error: 'Choisissez « en présentiel » ou « à distance ».' }),
    place: z.string().trim().max(300, 'Le lieu ne doit pas dépasser 300 caractères.').superRefine(cleanText('Le lieu')).optional().default(''),
    structureId: z.coerce.number({ error: 'Choisissez la structure organisatrice.' }).int().positive('Choisissez la structure organisatrice.'),
    facilitatorId: optionalId('L’animateur'),
    facilitatorEmail: z
      .string()
      .trim()
      .toLowerCase()
      .max(254, 'L’adresse électronique est trop longue.')
      .optional()
      .default('')
      .pipe(z.union([z.literal(''), z.email('L’adresse électronique n’est pas valide (exemple : prenom.nom@mission-locale.fr).')])),
    capacity: z.coerce.number({ error: capacityMessage }).int(capacityMessage).min(CAPACITY_MIN, capacityMessage).max(CAPACITY_MAX, capacityMessage),
    themeIds: z.preprocess(
      asList,
      z.array(z.coerce.number().int().positive('Thématique invalide.')).min(1, 'Cochez au moins une thématique traitée.').max(50, 'Trop de thématiques cochées.'),
    ),
  })
  .superRefine((v, ctx) => {
    if (v.mode === 'presentiel' && !v.place) ctx.addIssue({ code: 'custom', path: ['place'], message: 'Indiquez le lieu de l’atelier en présentiel.' });
    const start = parisToUtc(v.day, v.startTime);
    const end = parisToUtc(v.day, v.endTime);
    if (!start) return ctx.addIssue({ code: 'custom', path: ['day'], message: 'Cette date n’existe pas.' });
    const year = Number(v.day.slice(0, 4));
    if (year < 2000 || year > 2100) ctx.addIssue({ code: 'custom', path: ['day'], message: 'Saisissez une date entre 2000 et 2100.' });
    if (end && end.getTime() <= start.getTime()) ctx.addIssue({ code: 'custom', path: ['endTime'], message: 'L’heure de fin doit être après l’heure de début.' });
  })
  .transform((v) => ({
    ...v,
    startsAt: parisToUtc(v.day, v.startTime)!.toISOString(),
    endsAt: parisToUtc(v.day, v.endTime)!.toISOString(),
    facilitatorEmail: v.facilitatorEmail || null,
  }));
export type WorkshopInput = z.output<typeof workshopSchema>;

/** The edit form also carries the version the editor saw (optimistic locking). */
export const versionSchema = z.object({ version: version() });

export const registrationSchema = z.object({ waitingList: checkbox });

export const attendanceSchema = z.object({
  attended: z.preprocess(asList, z.array(z.coerce.number().int().positive()).max(CAPACITY_MAX, 'Trop de personnes cochées.')),
  anonymousAttendees: z.preprocess(
    (v) => (v === '' || v == null ? 0 : v),
    z.coerce
      .number({ error: 'Le nombre de participants sans compte doit être un nombre entier de 0 à 1 000.' })
      .int('Le nombre de participants sans compte doit être un nombre entier de 0 à 1 000.')
      .min(0, 'Le nombre de participants sans compte doit être un nombre entier de 0 à 1 000.')
      .max(1000, 'Le nombre de participants sans compte doit être un nombre entier de 0 à 1 000.'),
  ),
  reportMd: z.string().max(20_000, 'Le compte rendu ne doit pas dépasser 20 000 caractères.').superRefine(cleanText('Le compte rendu')).optional().default(''),
  version: version(),
});
export type AttendanceInput = z.output<typeof attendanceSchema>;

export const CAPTURE_MIN = 10;
export const CAPTURE_MAX = 5000;

/** The note is validated on its trimmed length but stored exactly as typed (accents, line breaks, emoji). */
export const captureSchema = z.object({
  body: z.string({ error: 'Le texte de la contribution est obligatoire.' }).superRefine((v, ctx) => {
    const n = characterLength(v.trim());
    if (n === 0) ctx.addIssue({ code: 'custom', message: 'Le texte de la contribution est obligatoire.' });
    else if (n < CAPTURE_MIN) ctx.addIssue({ code: 'custom', message: `Le texte doit faire au moins ${CAPTURE_MIN} caractères (actuellement ${n}).` });
    else if (n > CAPTURE_MAX)
      ctx.addIssue({ code: 'custom', message: `Le texte ne doit pas dépasser ${formatNumber(CAPTURE_MAX)} caractères (actuellement ${formatNumber(n)}).` });
    else cleanText('Le texte')(v, ctx);
  }),
  themeId: optionalId('La thématique'),
  participantId: optionalId('La personne'),
  clientKey: z
    .string({ error: 'Le formulaire de saisie est incomplet : rechargez la page puis recommencez.' })
    .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'Le formulaire de saisie est incomplet : rechargez la page puis recommencez.')
    .transform((v) => v.toLowerCase()),
});
export type CaptureInput = z.output<typeof captureSchema>;

/** The edit form: the workshop's fields and the version the editor saw, errors of both reported. */
export const editWorkshopSchema = z.intersection(versionSchema, workshopSchema);

/**
 * Query strings. A value repeated takes its first occurrence; an odd value is treated as absent
 * (a link typed by hand or cut short should show the list, not an error).
 */
const first = (v: unknown): string => (typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : '').trim();
const queryText = z.unknown().optional().transform(first);
const queryId = queryText.transform(parseIdOrNull);
const queryDay = queryText.transform((v) => (/^\d{4}-\d{2}-\d{2}$/.test(v) && parisToUtc(v, '00:00') ? v : null));
export const LIST_MAX_PAGE = 1000;

export const workshopListQuery = z
  .object({
    consultation: queryId,
    region: queryText.transform((v) => v.slice(0, 80) || null),
    theme: queryId,
    du: queryDay,
    au: queryDay,
    quand: queryText,
    page: queryId.transform((n) => Math.min(LIST_MAX_PAGE, Math.max(1, n ?? 1))),
  })
  // Dates typed in the filter are more precise than the period: they take over.
  .transform((q) => ({
    ...q,
    quand: q.du || q.au ? 'tous' : (q.quand === 'passes' ? 'passes' : q.quand === 'tous' ? 'tous' : 'a_venir') as 'a_venir' | 'passes' | 'tous',
    // No period asked for: the list may fall back on the most recent workshops when none is to come.
    quandChosen: Boolean(q.du || q.au || ['a_venir', 'passes', 'tous'].includes(q.quand)),
  }));

/** ?consultation=<id> on the planning form, when there are several consultations. */
export const planQuery = z.object({ consultation: queryId });

/** ?theme=<id> or ?theme=a_classer keeps the theme of the last note for the next one. */
export const captureQuery = z.object({ theme: queryText.transform((v) => (v === 'a_classer' ? ('a_classer' as const) : parseIdOrNull(v))) });

/** The attendance form's two buttons: save, or save and close the workshop. */
export const attendanceStep = (body: Record<string, unknown>): 'clore' | 'enregistrer' => (first(body.action) === 'clore' ? 'clore' : 'enregistrer');
