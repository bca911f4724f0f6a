import { Router } from 'express';
import type { AppDeps } from '../../shared/http/context';
import { currentActor } from '../../shared/http/guards';
import { listAudit } from '../audit';
import { ambassadorThemes, listConsultations, listPhases, currentPhase, openings, parisDay } from '../consultations';
import { countUsersByRole } from '../users';
import { pendingByTheme, personalActivity } from './queries';

/** The home page: one per role, each showing what that person has to do next. */
export function dashboardRoutes({ db }: AppDeps): Router {
  const r = Router();
  r.get('/', async (req, res) => {
    const actor = currentActor(req);
    const today = parisDay(new Date());
    const consultations = await Promise.all(
      (await listConsultations(db)).map(async (c) => {
        const phases = await listPhases(db, c.id);
        return { ...c, current: currentPhase(phases, today), open: openings(phases, c, today) };
      }),
    );
    if (!actor) return res.render('dashboard/visitor', { title: 'Accueil', consultations });
    if (actor.role === 'dsi') {
      const [usersByRole, recent] = await Promise.all([countUsersByRole(db), listAudit(db, { limit: 10 })]);
      return res.render('dashboard/dsi', { title: 'Tableau de bord DSI', consultations, usersByRole, recent });
    }
    if (actor.role === 'ambassadeur') {
      const themes = await ambassadorThemes(db, actor.id);
      const progress = await pendingByTheme(db, themes.map((t) => t.id));
      return res.render('dashboard/ambassador', { title: 'Espace ambassadeur', consultations, themes, progress });
    }
    const activity = await personalActivity(db, actor.id);
    res.render('dashboard/contributor', { title: 'Mon espace', consultations, activity });
  });
  return r;
}
