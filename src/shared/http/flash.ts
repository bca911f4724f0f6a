import type { Request, RequestHandler } from 'express';

export type FlashKind = 'success' | 'info' | 'error';
export interface FlashMessage {
  kind: FlashKind;
  message: string;
}

declare module 'express-session' {
  interface SessionData {
    flash?: FlashMessage[];
    returnTo?: string;
  }
}

/** One-shot messages carried across the redirect that follows a form (post/redirect/get). */
export function flash(req: Request, kind: FlashKind, message: string): void {
  req.session.flash = [...(req.session.flash ?? []), { kind, message }];
}

export const exposeFlash: RequestHandler = (req, res, next) => {
  res.locals.flash = req.session?.flash ?? [];
  if (req.session?.flash) delete req.session.flash;
  next();
};
