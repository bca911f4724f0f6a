import type { ErrorRequestHandler, RequestHandler } from 'express';
import { AppError, NotFoundError } from './errors';
import { t } from '../i18n';

export const notFound: RequestHandler = (_req, _res, next) => next(new NotFoundError());

interface HttpishError {
  status?: number;
  statusCode?: number;
  type?: string;
  code?: string;
}

/** Maps every error to a French page (or JSON for API calls); stacks go to the log, never to the user. */
export const errorHandler: ErrorRequestHandler = (err, req, res, _next) => {
  const e = err as HttpishError & Error;
  let status = 500;
  let titleKey = 'error.500.title';
  let bodyKey = 'error.500.body';
  let detail: string | undefined;
  if (err instanceof AppError) {
    status = err.status;
    titleKey = err.titleKey;
    bodyKey = err.bodyKey;
    if (err.message !== err.titleKey && status < 500) detail = err.message;
  } else if (e.code === 'EBADCSRFTOKEN' || e.code === 'ERR_BAD_CSRF_TOKEN' || /csrf/i.test(e.message ?? '')) {
    status = 403;
    titleKey = 'error.csrf.title';
    bodyKey = 'error.csrf.body';
  } else if (e.type === 'entity.too.large' || e.code === 'LIMIT_FILE_SIZE' || e.code === 'LIMIT_FIELD_VALUE') {
    status = 413;
    titleKey = 'error.413.title';
    bodyKey = 'error.413.body';
  } else if ((e.status ?? e.statusCode ?? 500) < 500) {
    // body-parser and multer errors on malformed input are the client's, not ours.
    status = e.status ?? e.statusCode ?? 400;
    titleKey = status === 404 ? 'error.404.title' : 'error.400.title';
    bodyKey = status === 404 ? 'error.404.body' : 'error.400.body';
  } else if (typeof e.code === 'string' && e.code.startsWith('LIMIT_')) {
    status = 400;
    titleKey = 'error.400.title';
    bodyKey = 'error.400.body';
  }
  if (status >= 500) req.log?.error({ err }, 'erreur non gérée');
  else req.log?.info({ status, reason: e.message }, 'requête refusée');

  if (res.headersSent) return;
  res.status(status);
  if (req.accepts(['html', 'json']) === 'json' && !req.accepts('html')) {
    res.json({ error: t(titleKey), status });
    return;
  }
  res.render('errors/error', { status, title: t(titleKey), message: t(bodyKey), detail }, (renderErr: Error | null, html?: string) => {
    if (renderErr) {
      // Even a broken view must not leak a stack trace: fall back to a minimal French page.
      req.log?.error({ err: renderErr }, "échec du rendu de la page d'erreur");
      res.type('html').send(`<!doctype html><html lang="fr"><title>${t(titleKey)}</title><h1>${t(titleKey)}</h1><p>${t(bodyKey)}</p></html>`);
      return;
    }
    res.send(html);
  });
};
