import { registerConsultationPanel } from '../consultations';
import { prioritisationPolicy } from './policy';
import { findBallot, listSteps } from './queries';
import { resultsOf, stepData } from './results';
import { stepState } from './rules';

/**
 * « Priorisation des besoins » on the consultation's page, for logged-in staff: the latest step, the
 * way to vote while it is open, and — for the DSI at any time, for everyone once it is closed — the
 * needs ordered by their points (the DSI's view of the consultation's needs by priority).
 */
registerConsultationPanel('prioritisation', async ({ db, actor, consultation }) => {
  if (!prioritisationPolicy.canRead(actor)) return null;
  const steps = await listSteps(db, consultation.id);
  const step = steps[0];
  if (!step && !prioritisationPolicy.canManage(actor)) return null;
  const state = step ? stepState(step, new Date()) : null;
  const seeResults = !!step && !!state && prioritisationPolicy.canSeeResults(actor, state);
  const results = seeResults ? resultsOf(await stepData(db, step!)) : null;
  return {
    view: 'prioritisation/_panel',
    locals: {
      consultation,
      step: step ?? null,
      state,
      voted: step && actor ? !!(await findBallot(db, step.id, actor.id)) : false,
      canVote: !!step && state === 'ouverte' && prioritisationPolicy.canVote(actor, step),
      canManage: prioritisationPolicy.canManage(actor),
      top: results ? results.overall.slice(0, 10) : null,
      ballots: results?.ballots ?? step?.ballots ?? 0,
    },
  };
});
