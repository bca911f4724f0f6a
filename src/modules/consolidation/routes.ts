import { Router } from 'express';
import type { AppDeps } from '../../shared/http/context';
import { inboxRoutes } from './inbox-routes';
import { consolidatedRoutes } from './consolidated-routes';
import { rawRoutes } from './raw-routes';
import { planRoutes } from './plan-routes';

/**
 * Consolidation, mounted by app.ts: a consultation's plan per theme, inbox, list to process, coverage and
 * suggested groups; one consolidated contribution's page; one raw contribution's working page — each in its router.
 */
export function consolidationRoutes(deps: AppDeps): Router {
  const r = Router();
  r.use(planRoutes(deps));
  r.use(inboxRoutes(deps));
  r.use(consolidatedRoutes(deps));
  r.use(rawRoutes(deps));
  return r;
}
