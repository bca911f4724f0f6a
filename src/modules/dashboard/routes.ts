import { Router } from 'express';
import type { AppDeps } from '../../shared/http/context';
import { allow, currentActor } from '../../shared/http/guards';
import { found } from '../../shared/http/form-action';
import { listAudit, presentAuditEntries } from '../audit';
import { ambassadorThemes, findConsultationBySlug, listConsultations, listPhases, currentPhase, openings, parisDay } from '../consultations';
import { countUsersByRole } from '../users';
import { consultationBoard } from './consultation-board';
import { dashboardPolicy } from './policy';
import { pendingByTheme, personalActivity } from './queries';

/** The home page: one per role, each showing what that person has to do next. */
export function dashboardRoutes({ db, config, logger }: AppDeps): Router {
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
      const [usersByRole, latest] = await Promise.all([countUsersByRole(db), listAudit(db, { limit: 10 })]);
      const recent = await presentAuditEntries(db, latest);
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

  // The DSI's dashboard of one consultation: every figure from the module that computes it.
  r.get('/admin/consultations/:slug/tableau-de-bord', allow(dashboardPolicy.canViewConsultationDashboard), async (req, res) => {
    const consultation = found(await findConsultationBySlug(db, String(req.params.slug).slice(0, 100)));
    const board = await consultationBoard({ db, logger, cloudSyncLimit: config.wordCloud.syncLimit }, consultation);
    res.render('dashboard/consultation', { title: `Tableau de bord — ${consultation.title}`, consultation, tab: 'tableau-de-bord', ...board });
  });
  return r;
}
