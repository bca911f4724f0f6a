import crypto from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';

export type FlashKind = 'success' | 'info' | 'error';
export interface FlashMessage {
  kind: FlashKind;
  message: string;
}

declare module 'express-session' {
  interface SessionData {
    /** Only requireLogin still carries its message here (it writes returnTo anyway); see below. */
    flash?: FlashMessage[];
    returnTo?: string;
  }
}

/**
 * One-shot messages carried across the redirect that follows a form (post/redirect/get).
 *
 * They travel in a short-lived signed cookie (`ensemble.flash`, HttpOnly, SameSite=Lax, HMAC-SHA256
 * with the session secret), not in the session: a message then costs no session write at all, neither
 * when the form sets it nor when the next page shows and clears it (issue 13: one submission used to
 * rewrite the session twice). A page with no message to show reads nothing and writes nothing. The
 * signature keeps anyone from planting a message; the text is escaped by the views like any other.
 * Messages kept in the session (requireLogin's, or sessions from before this change) are still shown
 * and cleared — that removal is a session write, but only when there was a message.
 */
export const FLASH_COOKIE = 'ensemble.flash';
/** A cookie stays well under browsers' 4 kB: the oldest messages give way. */
const MAX_COOKIE_CHARS = 3000;

interface FlashContext {
  secret: string;
  secure: boolean;
  pending: FlashMessage[];
}
const CONTEXT = Symbol('flash');
type WithFlash = Request & { [CONTEXT]?: FlashContext };

function sign(payload: string, secret: string): string {
  return crypto.createHmac('sha256', secret).update(payload).digest('base64url');
}

export function encodeFlash(messages: FlashMessage[], secret: string): string {
  let list = messages;
  for (;;) {
    const payload = Buffer.from(JSON.stringify(list), 'utf8').toString('base64url');
    const value = `${payload}.${sign(payload, secret)}`;
    if (value.length <= MAX_COOKIE_CHARS || list.length <= 1) return value.length <= MAX_COOKIE_CHARS ? value : '';
    list = list.slice(1);
  }
}

export function decodeFlash(value: string, secret: string): FlashMessage[] {
  const dot = value.lastIndexOf('.');
  if (dot <= 0) return [];
  const payload = value.slice(0, dot);
  const given = Buffer.from(value.slice(dot + 1));
  const expected = Buffer.from(sign(payload, secret));
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) return [];
  try {
    const list: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    if (!Array.isArray(list)) return [];
    return list.filter(
      (m): m is FlashMessage => !!m && typeof m.message === 'string' && (m.kind === 'success' || m.kind === 'info' || m.kind === 'error'),
    );
  } catch {
    return [];
  }
}

function readCookie(req: Request, name: string): string | null {
  const header = req.headers.cookie;
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return null;
      }
    }
  }
  return null;
}

const cookieOptions = (secure: boolean) => ({ httpOnly: true, sameSite: 'lax' as const, secure, path: '/' });

export function flash(req: Request, kind: FlashKind, message: string): void {
  const ctx = (req as WithFlash)[CONTEXT];
  const res = req.res as Response | undefined;
  if (!ctx || !res || res.headersSent) {
    // Outside the app's pipeline (no context): the session still carries it.
    req.session.flash = [...(req.session.flash ?? []), { kind, message }];
    return;
  }
  ctx.pending.push({ kind, message });
  // One Set-Cookie for the flash per response: drop this request's clearing (or earlier value) first.
  const previous = res.getHeader('Set-Cookie');
  if (previous !== undefined) {
    const kept = (Array.isArray(previous) ? previous : [String(previous)]).filter((c) => !c.startsWith(`${FLASH_COOKIE}=`));
    if (kept.length) res.setHeader('Set-Cookie', kept);
    else res.removeHeader('Set-Cookie');
  }
  const value = encodeFlash(ctx.pending, ctx.secret);
  if (value) res.cookie(FLASH_COOKIE, value, { ...cookieOptions(ctx.secure), maxAge: 5 * 60 * 1000 });
}

/** Shows the messages left by the previous request, then clears them (the cookie, or the session's if any). */
export function exposeFlash(options: { secret: string; secure: boolean }): RequestHandler {
  return (req, res, next) => {
    const ctx: FlashContext = { secret: options.secret, secure: options.secure, pending: [] };
    (req as WithFlash)[CONTEXT] = ctx;
    const shown: FlashMessage[] = [];
    const fromCookie = readCookie(req, FLASH_COOKIE);
    if (fromCookie !== null) {
      shown.push(...decodeFlash(fromCookie, options.secret));
      res.clearCookie(FLASH_COOKIE, cookieOptions(options.secure));
    }
    // Only when there is something to remove: deleting an absent key would not change the session anyway.
    if (req.session?.flash) {
      shown.unshift(...req.session.flash);
      delete req.session.flash;
    }
    res.locals.flash = shown;
    next();
  };
}

/**
 * Mounted BEFORE the session middleware: when the headers go out, the session's cookie is put before
 * the message's, so that a client that keeps only the first Set-Cookie (a script, a probe) keeps the
 * session as it did before messages moved to their own cookie. express-session sets its cookie as the
 * headers are written, in a hook that runs before this one's.
 */
export function sessionCookieFirst(sessionCookie: string): RequestHandler {
  return (_req, res, next) => {
    const writeHead = res.writeHead;
    res.writeHead = function (this: Response, ...args: unknown[]) {
      const set = this.getHeader('Set-Cookie');
      if (Array.isArray(set) && set.length > 1) {
        const first = set.filter((c) => c.startsWith(`${sessionCookie}=`));
        if (first.length) this.setHeader('Set-Cookie', [...first, ...set.filter((c) => !c.startsWith(`${sessionCookie}=`))]);
      }
      return (writeHead as (...a: unknown[]) => Response).apply(this, args);
    } as typeof res.writeHead;
    next();
  };
}
