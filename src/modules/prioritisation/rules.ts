import { formatNumber, t } from '../../shared/i18n';
import type { FieldErrors } from '../../shared/http/errors';

/**
 * The prioritisation's pure rules (unit-tested): when a step is open, what a ballot may hold. No
 * database; the results themselves are stats' (stats/priorities.ts).
 */

export const BUDGET_DEFAULT = 10;
export const BUDGET_MAX = 1000;

/** a_venir → ouverte (starts_at ≤ now < ends_at) → close. */
export type StepState = 'a_venir' | 'ouverte' | 'close';

export function stepState(step: { starts_at: Date; ends_at: Date }, now: Date): StepState {
  if (now.getTime() < step.starts_at.getTime()) return 'a_venir';
  if (now.getTime() < step.ends_at.getTime()) return 'ouverte';
  return 'close';
}

/** The field of a need's points in the ballot form. */
export const pointsField = (needId: number) => `points_${needId}`;

/** A ballot as typed: need id → the text of its field (kept to show the form again as typed). */
export type TypedBallot = ReadonlyMap<number, string>;

export interface CheckedBallot {
  lines: Array<{ needId: number; points: number }>;
  total: number;
}

const INTEGER = /^\d+$/;

/**
 * Checks a typed ballot against the needs put to the vote and the budget. Each field: empty (0) or a
 * whole number ≥ 0; a need of the step only; the total at most the budget. Errors are keyed by the
 * field (`points_<id>`) so that each message stands next to its input; an overspent budget stands next
 * to the points left (`total`); an unknown need, which has no field on the page, is the form's (`_form`).
 */
export function checkBallot(typed: TypedBallot, needIds: ReadonlySet<number>, budget: number): { ok: true; value: CheckedBallot } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const lines: CheckedBallot['lines'] = [];
  const unknown: number[] = [];
  for (const [needId, raw] of typed) {
    if (!needIds.has(needId)) {
      unknown.push(needId);
      continue;
    }
    const text = raw.trim().replace(/\s/g, '');
    if (text === '') continue;
    if (/^-/.test(text)) {
      errors[pointsField(needId)] = t('prioritisation.negative');
      continue;
    }
    if (!INTEGER.test(text)) {
      errors[pointsField(needId)] = /^\d+[.,]\d+$/.test(text) ? t('prioritisation.fractional') : t('prioritisation.notANumber');
      continue;
    }
    const points = Number(text);
    if (points > budget) {
      errors[pointsField(needId)] = t('prioritisation.overBudgetOne', { budget: formatNumber(budget) });
      continue;
    }
    if (points > 0) lines.push({ needId, points });
  }
  if (unknown.length) errors._form = t('prioritisation.unknownNeed', { ids: unknown.sort((a, b) => a - b).join(', ') });
  const total = lines.reduce((n, l) => n + l.points, 0);
  // Next to the points left, which the error summary links to.
  if (!Object.keys(errors).length && total > budget) errors.total = t('prioritisation.overBudget', { total: formatNumber(total), budget: formatNumber(budget) });
  if (Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, value: { lines, total } };
}

/** What is left of the budget for a ballot as typed (what the page shows, also without JavaScript). */
export function remainingPoints(typed: TypedBallot, budget: number): number {
  let spent = 0;
  for (const raw of typed.values()) {
    const text = raw.trim();
    if (INTEGER.test(text)) spent += Number(text);
  }
  return budget - spent;
}

/** A step's dates must make sense: it ends after it starts. */
export function checkStepDates(startsAt: Date, endsAt: Date): FieldErrors {
  return endsAt.getTime() > startsAt.getTime() ? {} : { endDay: t('prioritisation.endBeforeStart') };
}

/** Two steps of one consultation never overlap (one ballot per person at a time). */
export function overlaps(a: { starts_at: Date; ends_at: Date }, b: { starts_at: Date; ends_at: Date }): boolean {
  return a.starts_at.getTime() < b.ends_at.getTime() && b.starts_at.getTime() < a.ends_at.getTime();
}

/**
 * How each need moved in the overall ranking because of one ballot: rank without it minus rank with
 * it (positive: it went up). Needs absent from either ranking are left out.
 */
export function movements(before: ReadonlyArray<{ needId: number; rank: number }>, after: ReadonlyArray<{ needId: number; rank: number }>): Map<number, number> {
  const was = new Map(before.map((l) => [l.needId, l.rank]));
  const out = new Map<number, number>();
  for (const l of after) {
    const r = was.get(l.needId);
    if (r !== undefined) out.set(l.needId, r - l.rank);
  }
  return out;
}
