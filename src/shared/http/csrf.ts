import type { Request, RequestHandler } from 'express';
import { csrfSync } from 'csrf-sync';

/**
 * Synchroniser-token CSRF protection on every unsafe request (token kept in the database session).
 * Forms post `_csrf`; fetch() sends `x-csrf-token`. Multipart forms (uploads) carry the token in the
 * query string, because the body is parsed only after this check; the logger strips it from URLs.
 */
const { csrfSynchronisedProtection, generateToken } = csrfSync({
  getTokenFromRequest: (req: Request) => {
    const fromBody = (req.body as Record<string, unknown> | undefined)?._csrf;
    if (typeof fromBody === 'string') return fromBody;
    const header = req.headers['x-csrf-token'];
    if (typeof header === 'string') return header;
    if (req.is('multipart/form-data') && typeof req.query._csrf === 'string') return req.query._csrf;
    return undefined;
  },
});

export const csrfProtection: RequestHandler = csrfSynchronisedProtection;

/** Views call `csrfToken()` only where they render a form, so that visitors who only read get no session. */
export const exposeCsrf: RequestHandler = (req, res, next) => {
  let token: string | undefined;
  res.locals.csrfToken = () => (token ??= generateToken(req));
  next();
};
