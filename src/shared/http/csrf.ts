import type { Request, RequestHandler } from 'express';
import { csrfSync } from 'csrf-sync';

/**
 * Synchroniser-token CSRF protection on every unsafe request (token kept in the database session).
 * Forms post `_csrf`; fetch() sends `x-csrf-token`. A multipart form (an upload) posts `_csrf` as a
 * field too, never in its address (where it showed in the address bar and the history): its body
 * is parsed by the upload middleware, so the check runs there, once the fields are read
 * (checkCsrfAfterUpload). Only the routes declared with uploadRoute() defer it; any other multipart
 * request is checked here, before any handler, and so refused without a token in a header.
 */
const { csrfSynchronisedProtection, generateToken } = csrfSync({
  getTokenFromRequest: (req: Request) => {
    const fromBody = (req.body as Record<string, unknown> | undefined)?._csrf;
    if (typeof fromBody === 'string') return fromBody;
    const header = req.headers['x-csrf-token'];
    if (typeof header === 'string') return header;
    return undefined;
  },
});

const uploadPaths: RegExp[] = [];

/** Declares an upload route's path (Express pattern with `:params`): its CSRF check waits for its fields. */
export function uploadRoute(pattern: string): string {
  const source = pattern.split('/').map((part) => (part.startsWith(':') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('/');
  uploadPaths.push(new RegExp(`^${source}/?$`));
  return pattern;
}

const isDeferredUpload = (req: Request) => req.method === 'POST' && req.is('multipart/form-data') && uploadPaths.some((p) => p.test(req.path));

export const csrfProtection: RequestHandler = (req, res, next) => (isDeferredUpload(req) ? next() : csrfSynchronisedProtection(req, res, next));

/** The upload middleware's check, once multer has read the form's fields (the token comes first in the form). */
export const checkCsrfAfterUpload: RequestHandler = csrfSynchronisedProtection;

/** Views call `csrfToken()` only where they render a form, so that visitors who only read get no session. */
export const exposeCsrf: RequestHandler = (req, res, next) => {
  let token: string | undefined;
  res.locals.csrfToken = () => (token ??= generateToken(req));
  next();
};
