import { Router } from 'express';
import type { PassportStatic } from 'passport';
import { z } from 'zod';
import type { AppDeps } from '../../shared/http/context';
import { flash } from '../../shared/http/flash';
import { currentActor } from '../../shared/http/guards';
import { t } from '../../shared/i18n';
import { recordAudit } from '../audit';
import type { Actor } from '../../shared/actor';
import type { LoginThrottle } from './throttle';

const loginSchema = z.object({
  email: z.string().trim().max(254).default(''),
  password: z.string().max(200).default(''),
});

/** Only same-site paths are followed after login (no open redirect). */
function safeReturn(path: unknown): string {
  return typeof path === 'string' && path.startsWith('/') && !path.startsWith('//') && !path.startsWith('/\\') ? path : '/';
}

export function authRoutes({ db }: AppDeps, passport: PassportStatic, throttle: LoginThrottle): Router {
  const r = Router();

  r.get('/connexion', (req, res) => {
    if (currentActor(req)) return res.redirect(303, '/');
    res.render('auth/login', { title: 'Connexion', values: { email: '' }, error: null });
  });

  r.post('/connexion', async (req, res, next) => {
    const parsed = loginSchema.safeParse(req.body ?? {});
    const email = parsed.success ? parsed.data.email : '';
    const ip = req.ip ?? 'inconnue';
    const renderError = (status: number, error: string) => {
      res.status(status);
      res.render('auth/login', { title: 'Connexion', values: { email }, error });
    };
    if (!parsed.success || !email || !parsed.data.password) return renderError(401, t('auth.invalid'));
    // Counted before the password is checked: a burst cannot have more passwords evaluated than the limit.
    const wait = await throttle.attempt(email, ip);
    if (wait > 0) {
      res.setHeader('Retry-After', String(wait));
      return renderError(429, t('auth.throttled', { minutes: Math.ceil(wait / 60) }));
    }

    passport.authenticate('local', (err: unknown, user: Actor | false) => {
      if (err) return next(err);
      if (!user) return renderError(401, t('auth.invalid'));
      const returnTo = safeReturn(req.session.returnTo);
      // passport ≥ 0.6 regenerates the session on logIn: a new session id, no fixation.
      req.logIn(user, async (loginErr) => {
        if (loginErr) return next(loginErr);
        try {
          await throttle.succeed(email, ip);
          await db('users').where({ id: user.id }).update({ last_login_at: new Date().toISOString() });
          await recordAudit(db, { actorId: user.id, action: 'auth.login', objectType: 'user', objectId: user.id, requestId: req.id as string });
          flash(req, 'success', t('auth.welcome', { name: user.displayName }));
          res.redirect(303, returnTo);
        } catch (e) {
          next(e);
        }
      });
    })(req, res, next);
  });

  r.post('/deconnexion', (req, res, next) => {
    req.logout((err) => {
      if (err) return next(err);
      req.session.regenerate((err2) => {
        if (err2) return next(err2);
        flash(req, 'info', t('auth.loggedOut'));
        res.redirect(303, '/');
      });
    });
  });

  return r;
}
