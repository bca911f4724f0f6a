import { Router, type Request, type Response } from 'express';
import type { AppDeps } from '../../shared/http/context';
import { authorize, currentActor, requireLogin } from '../../shared/http/guards';
import { formAction, found, type FormActor } from '../../shared/http/form-action';
import type { FieldErrors } from '../../shared/http/errors';
import { parseId } from '../../shared/http/params';
import { parisDay } from '../../shared/paris-time';
import { t } from '../../shared/i18n';
import type { MaybeActor } from '../../shared/actor';
import { rankNeeds } from '../stats';
import { adminRoutes } from './admin-routes';
import { prioritisationPolicy } from './policy';
import { ballotForm, remainingOf, resultsCsv, resultsJson, savedValues } from './present';
import { ballotLines, findBallot, findStep, listAllSteps, type StepWithConsultation } from './queries';
import { priorityNeeds, rankingWithAndWithout, resultsOf, stepData } from './results';
import { movements, stepState } from './rules';
import { saveBallot } from './save-ballot';
import { ballotFields, typedValues } from './validation';

const TOP = 10;

/** The prioritisation pages of staff: the steps, the ballot (one per person and step), the results and their exports. */
export function prioritisationRoutes(deps: AppDeps): Router {
  const { db } = deps;
  const r = Router();

  const loadStep = async (req: Request): Promise<StepWithConsultation> => found(await findStep(db, parseId(req.params.id)));
  const stateOf = (step: StepWithConsultation) => stepState(step, new Date());

  r.get('/priorisation', requireLogin, async (req, res) => {
    const actor = currentActor(req)!;
    authorize(prioritisationPolicy.canRead(actor));
    const steps = (await listAllSteps(db)).map((s) => ({ ...s, state: stateOf(s) }));
    res.render('prioritisation/list', {
      title: 'Priorisation des besoins',
      steps: steps.map((s) => ({ ...s, canVote: s.state === 'ouverte' && prioritisationPolicy.canVote(actor, s), canSeeResults: prioritisationPolicy.canSeeResults(actor, s.state) })),
      canManage: prioritisationPolicy.canManage(actor),
    });
  });

  /** The ballot page: the form while the step is open, one's ranking and (after voting) the overall one. */
  async function renderBallot(res: Response, actor: FormActor, step: StepWithConsultation, state: { values?: Record<string, unknown>; errors?: FieldErrors; status?: number } = {}) {
    const now = stateOf(step);
    const data = await stepData(db, step);
    const mine = await findBallot(db, step.id, actor.id);
    const saved = mine ? await ballotLines(db, mine.id) : new Map<number, number>();
    const values = state.values ?? savedValues(saved);
    const needs = priorityNeeds(data.needs);
    const myRanking = mine ? rankNeeds(needs, [{ voterRole: actor.role, voterRegion: null, lines: [...saved].map(([needId, points]) => ({ needId, points })) }]).filter((l) => l.points > 0) : [];
    const live = prioritisationPolicy.canSeeLiveRanking(actor, now, !!mine);
    let overall: Array<ReturnType<typeof rankNeeds>[number] & { moved: number }> = [];
    if (live) {
      const { before, after } = rankingWithAndWithout(data, actor.id);
      const moved = mine ? movements(before, after) : new Map<number, number>();
      overall = after.slice(0, TOP).map((l) => ({ ...l, moved: moved.get(l.needId) ?? 0 }));
    }
    res.status(state.status ?? 200).render('prioritisation/ballot', {
      title: `${step.title} — ${step.consultation_title}`,
      step,
      state: now,
      stateLabel: t(`prioritisation.state.${now}`),
      themes: ballotForm(data.needs, values),
      needCount: data.needs.length,
      remaining: remainingOf(values, step.budget),
      voters: data.ballots.length,
      mine,
      myRanking,
      overall,
      errors: state.errors ?? {},
      can: {
        vote: now === 'ouverte' && prioritisationPolicy.canVote(actor, step),
        results: prioritisationPolicy.canSeeResults(actor, now),
        live,
        manage: prioritisationPolicy.canManage(actor),
      },
      dsiNote: actor.role === 'dsi' ? t('prioritisation.dsiDoesNotVote') : null,
    });
  }

  r.get('/priorisations/:id', requireLogin, async (req, res) => {
    const actor = currentActor(req)!;
    const step = await loadStep(req);
    authorize(prioritisationPolicy.canRead(actor));
    await renderBallot(res, actor, step);
  });

  r.post('/priorisations/:id', formAction({
    load: loadStep,
    allowed: (actor, step) => prioritisationPolicy.canVote(actor, step),
    schema: ballotFields,
    run: (typed, { req, actor, object: step }) => saveBallot(db, actor, step.id, typed, req.id as string),
    // The form again with every value as typed, each message next to its field; nothing was stored.
    failed: ({ status, errors }, { req, res, actor, object: step }) => {
      const typed = ballotFields.safeParse(req.body);
      return renderBallot(res, actor, step, { values: typed.success ? typedValues(typed.data) : {}, errors, status });
    },
    done: (v, { object: step }) => ({
      to: `/priorisations/${step.id}#classement`,
      flash: v.total > 0 ? t('prioritisation.saved', { total: v.total, budget: v.budget, needs: v.needs }) : t('prioritisation.cleared'),
    }),
  }));

  /** The results: the DSI at any time, everyone logged in once the step is closed. */
  async function resultsFor(req: Request) {
    const actor = currentActor(req) as MaybeActor;
    const step = await loadStep(req);
    const state = stateOf(step);
    authorize(prioritisationPolicy.canSeeResults(actor, state));
    const data = await stepData(db, step);
    return { step, state, results: resultsOf(data) };
  }

  r.get('/priorisations/:id/resultats', requireLogin, async (req, res) => {
    const { step, state, results } = await resultsFor(req);
    res.render('prioritisation/results', {
      title: `Résultats — ${step.title}`,
      step,
      state,
      stateLabel: t(`prioritisation.state.${state}`),
      results,
      top: 5,
      canManage: prioritisationPolicy.canManage(currentActor(req)),
    });
  });

  r.get('/priorisations/:id/resultats.csv', requireLogin, async (req, res) => {
    const { step, results } = await resultsFor(req);
    res.setHeader('Content-Disposition', `attachment; filename="priorisation-${step.consultation_slug}-${step.id}-${parisDay(new Date())}.csv"`);
    res.type('text/csv; charset=utf-8').send(resultsCsv(results));
  });

  r.get('/priorisations/:id/resultats.json', requireLogin, async (req, res) => {
    const { step, results } = await resultsFor(req);
    const body = resultsJson(step, { slug: step.consultation_slug, title: step.consultation_title }, results);
    res.setHeader('Content-Disposition', `attachment; filename="priorisation-${step.consultation_slug}-${step.id}.json"`);
    res.type('application/json').send(JSON.stringify(body, null, 2));
  });

  r.use(adminRoutes(deps));
  return r;
}
