import { z } from 'zod';
import { text } from '../../shared/validation';
import { parisDay } from '../../shared/paris-time';
import { MAX_ID } from '../../shared/http/params';
import { COMMENT_REQUIRED, STATUS_LABELS, isCalendarDay, isStatus, isStream, normaliseDay, parseLinks, type FollowupStatus, type StreamCode } from './rules';

const blankToEmpty = (v: unknown) => (v == null ? '' : v);
export const MAX_ESTIMATE = 100_000;

const status = z.preprocess(
  blankToEmpty,
  z.string().superRefine((v, ctx) => {
    if (v === '') ctx.addIssue({ code: 'custom', message: 'Choisissez le statut à enregistrer.' });
    else if (!isStatus(v)) ctx.addIssue({ code: 'custom', message: 'Statut inconnu : choisissez À étudier, Retenue, Planifiée, En cours, Livrée ou Non retenue.' });
  }),
) as unknown as z.ZodType<FollowupStatus>;

/** '' keeps each proposal's stream (or its default); otherwise one of the eight codes. */
const stream = z.preprocess(
  blankToEmpty,
  z.string().superRefine((v, ctx) => {
    if (v !== '' && !isStream(v)) ctx.addIssue({ code: 'custom', message: 'Chantier inconnu : choisissez un chantier du SI partagé dans la liste.' });
  }),
).transform((v) => (v === '' ? null : (v as StreamCode)));

const effectiveOn = z.preprocess(
  (v) => (typeof v === 'string' ? normaliseDay(v) : v == null ? '' : v),
  z.string().superRefine((v, ctx) => {
    if (v === '') ctx.addIssue({ code: 'custom', message: 'Indiquez la date du changement de statut.' });
    else if (!isCalendarDay(v)) ctx.addIssue({ code: 'custom', message: 'La date n’est pas une date valide : écrivez-la au format JJ/MM/AAAA (exemple : 14/03/2025).' });
    else if (v > parisDay(new Date())) ctx.addIssue({ code: 'custom', message: 'La date ne peut pas être postérieure à aujourd’hui.' });
    else if (v < '2000-01-01') ctx.addIssue({ code: 'custom', message: 'La date est trop ancienne.' });
  }),
);

const comment = z.preprocess(blankToEmpty, text('Le commentaire', 0, 4000));

const links = z.preprocess(
  blankToEmpty,
  z.string().superRefine((v, ctx) => {
    if (v.length > 8000) return void ctx.addIssue({ code: 'custom', message: 'Les liens ne doivent pas dépasser 8 000 caractères.' });
    const { links: list, bad } = parseLinks(v);
    if (bad) ctx.addIssue({ code: 'custom', message: `« ${bad.slice(0, 80)} » n’est pas une adresse web : chaque lien doit commencer par http:// ou https://.` });
    else if (list.length > 20) ctx.addIssue({ code: 'custom', message: 'Vingt liens au plus par proposition.' });
  }),
).transform((v) => parseLinks(v).links);

const estimate = z.preprocess(
  (v) => (typeof v === 'string' ? v.trim().replace(/\s/g, '') : v == null ? '' : v),
  z.string().superRefine((v, ctx) => {
    if (v !== '' && (!/^\d+$/.test(v) || Number(v) < 1 || Number(v) > MAX_ESTIMATE)) {
      ctx.addIssue({ code: 'custom', message: 'L’estimation doit être un nombre entier de jours-homme, entre 1 et 100 000.' });
    }
  }),
).transform((v) => (v === '' ? null : Number(v)));

/** A comment is required for « Non retenue » (why) and « Livrée » (what was delivered). */
function commentWhenRequired(v: { status: FollowupStatus; comment: string }, ctx: z.RefinementCtx) {
  if (COMMENT_REQUIRED.includes(v.status) && v.comment.trim() === '') {
    ctx.addIssue({
      code: 'custom',
      path: ['comment'],
      message: v.status === 'non_retenue'
        ? `Un commentaire est obligatoire pour le statut « ${STATUS_LABELS.non_retenue} » : expliquez pourquoi.`
        : `Un commentaire est obligatoire pour le statut « ${STATUS_LABELS.livree} » : dites ce qui a été livré.`,
    });
  }
}

/** One proposal's change (its page): every field, the links and the estimate as typed. */
export const changeSchema = z
  .object({ status, stream, effectiveOn, comment, links, estimate })
  .superRefine(commentWhenRequired);
export type ChangeInput = z.infer<typeof changeSchema>;

const ids = z.preprocess(
  (v) => (v == null || v === '' ? [] : Array.isArray(v) ? v : [v]),
  z.array(z.string()).superRefine((list, ctx) => {
    if (!list.length) ctx.addIssue({ code: 'custom', message: 'Cochez au moins une proposition.' });
    else if (list.length > 1000) ctx.addIssue({ code: 'custom', message: 'Mille propositions au plus à la fois.' });
    else if (list.some((s) => !/^[1-9]\d{0,9}$/.test(s) || Number(s) > MAX_ID)) ctx.addIssue({ code: 'custom', message: 'La sélection contient une proposition inconnue.' });
  }),
).transform((list) => [...new Set(list.map(Number))]);

/** Many proposals at once (the list): one status, one stream (or each keeps its own), one date, one comment. */
export const bulkSchema = z
  .object({ proposalIds: ids, status, stream, effectiveOn, comment })
  .superRefine(commentWhenRequired);
export type BulkInput = z.infer<typeof bulkSchema>;

const CAPACITY_FIELD = /^capacity_(\w+)$/;
const personDays = (raw: unknown) => String(raw ?? '').trim().replace(/\s/g, '');

/** The capacity reserved per stream for one year: one field per stream, in person-days (empty = none). */
export const capacitySchema = z
  .object({ year: z.preprocess((v) => (typeof v === 'string' ? v.trim() : v == null ? '' : String(v)), z.string()) })
  .catchall(z.unknown())
  .superRefine((v, ctx) => {
    if (!/^\d{4}$/.test(v.year) || Number(v.year) < 2020 || Number(v.year) > 2100) {
      ctx.addIssue({ code: 'custom', path: ['year'], message: 'L’année doit être une année à quatre chiffres, de 2020 à 2100 (exemple : 2025).' });
    }
    for (const [key, raw] of Object.entries(v)) {
      const m = CAPACITY_FIELD.exec(key);
      if (!m) continue;
      const s = personDays(raw);
      if (!isStream(m[1])) ctx.addIssue({ code: 'custom', path: [key], message: 'Chantier inconnu.' });
      else if (s !== '' && (!/^\d+$/.test(s) || Number(s) > 1_000_000)) ctx.addIssue({ code: 'custom', path: [key], message: 'La capacité doit être un nombre entier de jours-homme (0 à 1 000 000).' });
    }
  })
  .transform((v) => {
    const perStream: Record<string, number | null> = {};
    for (const [key, raw] of Object.entries(v)) {
      const m = CAPACITY_FIELD.exec(key);
      if (m) perStream[m[1]!] = personDays(raw) === '' ? null : Number(personDays(raw));
    }
    return { year: Number(v.year), perStream };
  });
export type CapacityInput = z.infer<typeof capacitySchema>;

const optionalCode = (check: (v: string) => boolean) =>
  z.preprocess((v) => (typeof v === 'string' ? v.trim().slice(0, 100) : ''), z.string()).transform((v) => (v && check(v) ? v : ''));

/** The filters of the lists (GET forms): unknown values are simply ignored. */
export const filtersSchema = z.object({
  theme: optionalCode((v) => /^[A-Za-z0-9_-]+$/.test(v)),
  stream: optionalCode((v) => isStream(v) || v === 'aucun'),
  status: optionalCode(isStatus),
  region: optionalCode(() => true),
  page: z.preprocess((v) => (typeof v === 'string' && /^\d{1,6}$/.test(v) ? Number(v) : 1), z.number()).transform((n) => Math.max(1, n)),
});
export type Filters = z.infer<typeof filtersSchema>;
