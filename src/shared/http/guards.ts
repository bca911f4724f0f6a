import type { Request, RequestHandler } from 'express';
import { ForbiddenError } from './errors';
import type { Actor } from '../actor';
import { t } from '../i18n';

/** Returns the logged-in actor or null; the single place that reads req.user. */
export function currentActor(req: Request): Actor | null {
  return (req.user as Actor | undefined) ?? null;
}

/** Logged-in only: a visitor is sent to the login form and brought back afterwards. */
export const requireLogin: RequestHandler = (req, res, next) => {
  if (currentActor(req)) return next();
  if (req.method === 'GET' || req.method === 'HEAD') {
    req.session.returnTo = req.originalUrl;
    req.session.flash = [...(req.session.flash ?? []), { kind: 'info', message: t('auth.loginRequired') }];
    return res.redirect(303, '/connexion');
  }
  next(new ForbiddenError());
};

/**
 * Authorization visible at the call site: `authorize(policy.canX(actor, object))`.
 * Throws 403 when the policy says no; routes never decide by themselves.
 */
export function authorize(allowed: boolean): void {
  if (!allowed) throw new ForbiddenError();
}

/** Route-level gate from a policy predicate on the actor (object-level checks still happen in the route). */
export function allow(predicate: (actor: Actor | null) => boolean): RequestHandler {
  return (req, res, next) => {
    const actor = currentActor(req);
    if (!actor) return requireLogin(req, res, next);
    if (!predicate(actor)) return next(new ForbiddenError());
    next();
  };
}
