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
/** The list's attach: a target picked in the ranked list, or found by its code in the search field (« CC-USA-012 — titre »). */
export const attachByCodeSchema = z.object({
  ids: ids('Cochez au moins une contribution brute.'),
  targetId: z.unknown().optional().transform(parseIdOrNull),
  targetCode: z.unknown().optional().transform((v) => String(v ?? '').trim().split(/\s+[—-]\s+/)[0]!.slice(0, 30).toUpperCase()),
}).refine((v) => v.targetId !== null || v.targetCode !== '', { path: ['targetId'], message: 'Choisissez une contribution consolidée, dans la liste ou par son code.' });
export type AttachByCodeInput = z.infer<typeof attachByCodeSchema>;

/** Out of scope for a whole selection, with one reason. */
export const setAsideSchema = z.object({ ids: ids('Cochez au moins une contribution brute.'), reason: text('Le motif', 1, 2000) });
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
  .transform(({ operation }) => (operation === 'rattacher' || operation === 'choisir' || operation === 'hors_perimetre' ? operation : ('preparer' as const)));

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

// ---------- the consolidation plan (one submission for a whole page) ----------

export type PlanGroupAction = 'attach' | 'create' | 'out_of_scope';
/** Where a member goes: its group or another (g<n>), a new group (new1…new3), out of scope (the page's reason), or later. */
export type MemberDestination = `g${number}` | `new${1 | 2 | 3}` | 'out' | 'later';

export interface PlanGroupForm {
  n: number;
  key: string;
  apply: boolean;
  action: PlanGroupAction;
  targetId: number | null;
  /** A consolidated contribution typed or picked from the searchable list by its code (wins over targetId). */
  targetCode: string;
  title: string;
  reason: string;
  /** Merge this group into group n (its members follow). */
  into: number | null;
}

export interface PlanForm {
  themeId: number;
  groups: PlanGroupForm[];
  members: Array<{ rawId: number; to: MemberDestination }>;
  outReason: string;
  /** The version of each consolidated contribution the page showed (a target edited since is a conflict). */
  seen: Map<number, number>;
  /** « Appliquer seulement ce groupe »: the one group to apply. */
  only: number | null;
}

export const PLAN_MAX_GROUPS = 400;
export const PLAN_MAX_MEMBERS = MAX_SELECTION;
const ACTIONS: readonly PlanGroupAction[] = ['attach', 'create', 'out_of_scope'];
const titleField = text('Le titre', 1, 200);
const reasonField = text('Le motif', 1, 2000);
const posInt = (v: unknown): number | null => {
  const s = String(v ?? '');
  return /^[1-9]\d{0,8}$/.test(s) ? Number(s) : null;
};

/**
 * Reads the plan page's flat fields (g<n>_action, g<n>_title…, m_<raw id>, out_reason, seen): the
 * form works without JavaScript, so every adjustment is a plain field. A title or a reason is only
 * required for a ticked group that needs it; the errors are keyed by the field's name.
 */
export const planFormParser = {
  safeParse(input: unknown): { success: true; data: PlanForm } | { success: false; error: z.ZodError } {
    const body = (input ?? {}) as Record<string, unknown>;
    const issues: z.core.$ZodIssue[] = [];
    const fail = (field: string, message: string) => issues.push({ code: 'custom', path: [field], message, input: body[field] } as z.core.$ZodIssue);
    const str = (field: string) => (typeof body[field] === 'string' ? (body[field] as string) : '');
    const themeId = posInt(body.themeId);
    if (!themeId) fail('themeId', 'Thématique manquante.');
    const only = posInt(body.only);
    const numbers = Object.keys(body).map((k) => /^g([1-9]\d{0,3})_action$/.exec(k)?.[1]).filter((x): x is string => !!x).map(Number).sort((a, b) => a - b);
    if (numbers.length > PLAN_MAX_GROUPS) fail('_form', `Un plan compte au plus ${PLAN_MAX_GROUPS} groupes par envoi.`);
    const groups: PlanGroupForm[] = [];
    for (const n of numbers.slice(0, PLAN_MAX_GROUPS)) {
      const action = str(`g${n}_action`) as PlanGroupAction;
      if (!ACTIONS.includes(action)) {
        fail(`g${n}_action`, 'Choisissez une action : rattacher, créer ou hors périmètre.');
        continue;
      }
      const apply = only ? only === n : body[`g${n}_apply`] === 'on' || body[`g${n}_apply`] === '1';
      const g: PlanGroupForm = {
        n, key: str(`g${n}_key`).slice(0, 20000), apply, action, targetId: posInt(body[`g${n}_target`]),
        targetCode: str(`g${n}_code`).trim().split(/\s+[—-]\s+/)[0]!.slice(0, 30).toUpperCase(),
        title: str(`g${n}_title`), reason: str(`g${n}_reason`), into: posInt(body[`g${n}_into`]),
      };
      if (g.into === n) g.into = null;
      if (apply && action === 'create') {
        const r = titleField.safeParse(g.title);
        if (!r.success) fail(`g${n}_title`, r.error.issues[0]!.message);
        else g.title = r.data;
      }
      if (apply && action === 'out_of_scope') {
        const r = reasonField.safeParse(g.reason);
        if (!r.success) fail(`g${n}_reason`, r.error.issues[0]!.message);
        else g.reason = r.data;
      }
      if (apply && action === 'attach' && !g.targetId && !g.targetCode) fail(`g${n}_target`, 'Choisissez la contribution consolidée à laquelle rattacher ce groupe.');
      groups.push(g);
    }
    const members: PlanForm['members'] = [];
    for (const [k, v] of Object.entries(body)) {
      const id = /^m_([1-9]\d{0,11})$/.exec(k)?.[1];
      if (!id) continue;
      const to = String(v);
      if (!/^(g[1-9]\d{0,3}|new[123]|out|later)$/.test(to)) {
        fail(k, 'Destination inconnue.');
        continue;
      }
      members.push({ rawId: Number(id), to: to as MemberDestination });
    }
    if (members.length > PLAN_MAX_MEMBERS) fail('_form', `Un plan compte au plus ${PLAN_MAX_MEMBERS} contributions par envoi.`);
    let outReason = str('out_reason');
    if (members.some((m) => m.to === 'out')) {
      const r = reasonField.safeParse(outReason);
      if (!r.success) fail('out_reason', `${r.error.issues[0]!.message} Il s’applique aux contributions que vous avez mises hors périmètre.`);
      else outReason = r.data;
    }
    const seen = new Map<number, number>();
    for (const pair of str('seen').split(',').slice(0, 10000)) {
      const m = /^(\d{1,12}):(\d{1,9})$/.exec(pair);
      if (m) seen.set(Number(m[1]), Number(m[2]));
    }
    if (issues.length) return { success: false, error: new z.ZodError(issues) };
    return { success: true, data: { themeId: themeId!, groups, members, outReason, seen, only } };
  },
};
