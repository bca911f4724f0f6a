import crypto from 'node:crypto';
import path from 'node:path';
import express, { type Express, type RequestHandler } from 'express';
import session from 'express-session';
import helmet from 'helmet';
import pinoHttp from 'pino-http';
import { PROJECT_ROOT } from './config';
import type { AppDeps, AppInput } from './shared/http/context';
import { readsFirst, readsRouted, routedDb, writesAfter } from './shared/read-routing';
import { createWriteBatcher } from './shared/write-batcher';
import { csrfProtection, exposeCsrf } from './shared/http/csrf';
import { exposeFlash, sessionCookieFirst } from './shared/http/flash';
import { SessionStore } from './shared/session-store';
import { createHealthProbe, type HealthOptions } from './shared/health';
import { currentActor } from './shared/http/guards';
import { errorHandler, notFound } from './shared/http/error-handler';
import { viewHelpers } from './shared/i18n';
import { normaliseFields } from './shared/text/boundary';
import { configurePassport, createLoginThrottle, type LoginThrottle } from './modules/auth';
// A module's index registers its French messages and the sections it adds to other modules' pages;
// its HTTP layer (routes.ts) is imported here only, so that using a module's functions never loads a router.
import './modules/ambassadors';
import './modules/consolidation';
import { enableConsultationCache } from './modules/consultations';
import './modules/contributions';
import './modules/imports';
import './modules/needs';
import './modules/similarity';
import './modules/privacy';
import './modules/prioritisation';
import './modules/stats';
import './modules/users';
import './modules/whitepaper';
import './modules/workshops';
import './modules/followup';
import { configureNotifications } from './modules/notifications';
import { authRoutes } from './modules/auth/routes';
import { usersRoutes } from './modules/users/routes';
import { auditRoutes } from './modules/audit/routes';
import { consultationsRoutes } from './modules/consultations/routes';
import { ambassadorsRoutes } from './modules/ambassadors/routes';
import { dashboardRoutes } from './modules/dashboard/routes';
import { contributionsRoutes } from './modules/contributions/routes';
import { statsRoutes } from './modules/stats/routes';
import { privacyRoutes } from './modules/privacy/routes';
import { importsRoutes } from './modules/imports/routes';
import { workshopsRoutes } from './modules/workshops/routes';
import { needsRoutes } from './modules/needs/routes';
import { consolidationRoutes } from './modules/consolidation/routes';
import { whitepaperRoutes } from './modules/whitepaper/routes';
import { similarityRoutes } from './modules/similarity/routes';
import { followupRoutes } from './modules/followup/routes';
import { prioritisationRoutes } from './modules/prioritisation/routes';
import { notificationsRoutes } from './modules/notifications/routes';
import { legalRoutes } from './modules/legal/routes';
import { currentEntry, navigationFor } from './navigation';

export interface CreateAppOptions {
  /** Interval of expired-session cleanup (ms); 0 disables it (tests, CLI). */
  sessionCleanupMs?: number;
  throttle?: LoginThrottle;
  /** The health probe's bounds (tests): ping timeout, reuse of a result, how long a success counts. */
  health?: HealthOptions;
}

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

/** Renders every view inside the base layout (EJS has no layouts of its own). */
const withLayout: RequestHandler = (_req, res, next) => {
  const render = res.render.bind(res);
  res.render = ((view: string, locals?: object, done?: (err: Error | null, html?: string) => void) => {
    const finish = done ?? ((err: Error | null, html?: string) => (err ? next(err) : res.send(html)));
    render(view, locals ?? {}, (err: Error | null, body?: string) => {
      if (err) return finish(err);
      render('layouts/main', { ...(locals ?? {}), body }, finish);
    });
  }) as typeof res.render;
  next();
};

export function createApp(input: AppInput, options: CreateAppOptions = {}): Express {
  const { config, logger } = input;
  const readDb = input.readDb ?? input.db;
  // The routes' knex: the readers' pool while answering a GET or HEAD, the writer otherwise.
  const db = routedDb(input.db, readDb);
  const deps: AppDeps = { config, db, logger, writer: input.writer ?? createWriteBatcher(input.db, { windowMs: config.writeBatch.windowMs, maxBatch: config.writeBatch.max }) };
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);
  app.set('views', path.join(PROJECT_ROOT, 'views'));
  app.set('view engine', 'ejs');
  // Compiled templates are cached everywhere but in development, where views are edited live.
  app.set('view cache', config.env !== 'development');
  app.locals.h = viewHelpers;
  app.locals.appName = 'Ensemble';
  // The footer's legal links and source-code address (AGPL: offered to every network user).
  app.locals.site = config.site;
  // Defaults for pages rendered before the session is known (early errors such as 413).
  app.locals.actor = null;
  app.locals.nav = navigationFor(null);
  app.locals.flash = [];
  app.locals.currentPath = '';
  app.locals.currentNav = null;
  app.locals.csrfToken = () => '';
  app.use(withLayout);
  app.use(readsRouted);

  app.use(
    pinoHttp({
      logger,
      genReqId: (req, res) => {
        const incoming = req.headers['x-request-id'];
        const id = typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : crypto.randomUUID();
        res.setHeader('X-Request-Id', id);
        return id;
      },
      serializers: {
        // Tokens in query strings (multipart CSRF) never reach the log.
        req: (req) => ({ id: req.id, method: req.method, url: String(req.url).replace(/([?&]_csrf=)[^&]*/g, '$1[masqué]') }),
        res: (res) => ({ statusCode: res.statusCode }),
      },
      customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : 'info'),
    }),
  );

  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          'default-src': ["'self'"],
          'script-src': ["'self'"],
          'style-src': ["'self'"],
          'img-src': ["'self'", 'data:'],
          'font-src': ["'self'"],
          'connect-src': ["'self'"],
          'form-action': ["'self'"],
          'frame-ancestors': ["'none'"],
          'object-src': ["'none'"],
          'base-uri': ["'self'"],
          ...(config.secureCookies ? { 'upgrade-insecure-requests': [] } : {}),
        },
      },
      strictTransportSecurity: config.secureCookies ? undefined : false,
      referrerPolicy: { policy: 'same-origin' },
    }),
  );

  app.use('/static', express.static(path.join(PROJECT_ROOT, 'public'), { maxAge: config.env === 'production' ? '7d' : 0, index: false }));

  // A consultation, its phases and its themes are read from memory, checked against cache_versions.
  enableConsultationCache(input.db, { checkMs: config.consultationCacheCheckMs, readers: readDb });
  // Mails are written by use cases, which know no configuration: their links' base and signing secret.
  configureNotifications({ publicUrl: config.mail.publicUrl, secret: config.sessionSecret });

  // Health first: probes must not create sessions. Answered from memory plus a bounded ping on a
  // reader (shared/health), which no write holds.
  const health = createHealthProbe(readDb, options.health);
  app.get('/healthz', async (_req, res) => {
    const { httpStatus, body } = await health.report();
    res.status(httpStatus).json(body);
  });

  app.use(express.urlencoded({ extended: false, limit: '200kb', parameterLimit: 2000 }));
  app.use(express.json({ limit: '200kb' }));
  // The text boundary (shared/text/boundary): every typed string is NFC before any schema sees it.
  app.use((req, _res, next) => {
    normaliseFields(req.body);
    next();
  });

  app.use(sessionCookieFirst('ensemble.sid'));
  app.use(readsFirst);
  app.use(
    session({
      name: 'ensemble.sid',
      secret: config.sessionSecret,
      resave: false,
      saveUninitialized: false,
      rolling: true,
      // Written only when the session changes; its expiry moved at most every few minutes (shared/session-store).
      store: new SessionStore({ knex: db, cleanupInterval: options.sessionCleanupMs ?? 15 * 60 * 1000, maxAgeMs: config.sessionMaxAgeMs }),
      cookie: { httpOnly: true, sameSite: 'lax', secure: config.secureCookies, maxAge: config.sessionMaxAgeMs },
    }),
  );

  const passport = configurePassport(db);
  app.use(passport.initialize());
  app.use(passport.session());
  app.use(writesAfter);
  app.use(exposeFlash({ secret: config.sessionSecret, secure: config.secureCookies }));
  app.use(exposeCsrf);
  app.use((req, res, next) => {
    const actor = currentActor(req);
    res.locals.actor = actor;
    res.locals.nav = navigationFor(actor);
    res.locals.currentNav = currentEntry(res.locals.nav, req.path);
    res.locals.currentPath = req.path;
    next();
  });
  app.use(csrfProtection);

  app.use(authRoutes(deps, passport, options.throttle ?? createLoginThrottle(db, config.login)));
  app.use(dashboardRoutes(deps));
  app.use(consultationsRoutes(deps));
  app.use(ambassadorsRoutes(deps));
  app.use(workshopsRoutes(deps));
  app.use(contributionsRoutes(deps));
  app.use(usersRoutes(deps));
  app.use(auditRoutes(deps));
  app.use(statsRoutes(deps));
  app.use(privacyRoutes(deps));
  app.use(importsRoutes(deps));
  app.use(needsRoutes(deps));
  app.use(consolidationRoutes(deps));
  app.use(whitepaperRoutes(deps));
  app.use(similarityRoutes(deps));
  app.use(followupRoutes(deps));
  app.use(prioritisationRoutes(deps));
  app.use(notificationsRoutes(deps));
  app.use(legalRoutes(deps));

  app.use(notFound);
  app.use(errorHandler);
  return app;
}
