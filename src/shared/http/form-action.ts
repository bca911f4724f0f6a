import type { Request, RequestHandler, Response } from 'express';
import type { z } from 'zod';
import { authorize, currentActor, requireLogin } from './guards';
import { flash } from './flash';
import { NotFoundError, type FieldErrors } from './errors';
import { failureOf } from '../validation';

/** The logged-in actor, typed from the guard so that `shared/` names no module. */
export type FormActor = NonNullable<ReturnType<typeof currentActor>>;
export type FormValues = Record<string, unknown>;

/** What a use case answers: its value, or errors keyed by field with its status (409 for a conflict) and any extra it reports. */
export type Outcome<V = unknown> = { ok: true; value: V } | { ok: false; errors: FieldErrors; status?: number };

/** Anything that parses like a zod schema (a schema, or a small reader of prefixed fields). */
export interface Parser<I> {
  safeParse(input: unknown): { success: true; data: I } | { success: false; error: z.ZodError };
}

/** What every step after the loading sees. */
export interface FormContext<O> {
  req: Request;
  res: Response;
  actor: FormActor;
  object: O;
  /** The body as typed, shown again when the form fails. */
  values: FormValues;
}

/** Why the form failed, whichever step refused it, with the use case's own answer when it ran (its `current` after a conflict). */
export interface FormFailure<R> {
  status: number;
  errors: FieldErrors;
  result: R | null;
}

export interface Redirect {
  to: string;
  flash?: string | null;
}

/** The object a URL names, or 404: the first step of every handler about one object. */
export function found<T>(row: T | null | undefined): T {
  if (row === null || row === undefined) throw new NotFoundError();
  return row;
}

/** For actions whose URL says everything (a button without fields): nothing to parse, nothing refused. */
export const noFields: Parser<unknown> = { safeParse: (input) => ({ success: true, data: input }) };

export interface FormAction<O, I, R extends Outcome> {
  /** The object the URL names (404 when absent): loaded first, so that the policy is asked about it. */
  load: (req: Request, actor: FormActor) => Promise<O>;
  /** The policy's answer about that object: the one authorization of the action (403 when false). */
  allowed: (actor: FormActor, object: O) => boolean;
  /** The body's schema; the field errors it reports are shown next to the fields (422). */
  schema: Parser<I>;
  /** What the schema reads, when it is not the body as posted. */
  input?: (values: FormValues, object: O) => unknown;
  /** The use case. It may still `authorize` what only the parsed input names (a target theme, a second need). */
  run: (input: I, ctx: FormContext<O>) => Promise<R>;
  /** The form again, with the errors and the typed values, at `failure.status`. */
  failed: (failure: FormFailure<Extract<R, { ok: false }>>, ctx: FormContext<O>) => unknown;
  /**
   * Where to go after success (303), and the message to flash there; nothing when the handler
   * answered by itself (a script asking for JSON).
   */
  done: (value: Extract<R, { ok: true }>['value'], ctx: FormContext<O>, input: I) => Redirect | void | Promise<Redirect | void>;
}

/**
 * One shape for every form handler (CONVENTIONS 15): load the object → ask the policy about it →
 * parse → use case → the form again with errors and typed values, or flash and redirect 303.
 * Logging in stays a matter of `requireLogin` (a visitor is sent to the login form, never a 403).
 */
export function formAction<O, I, R extends Outcome>(spec: FormAction<O, I, R>): RequestHandler {
  return async (req, res, next) => {
    const actor = currentActor(req);
    if (!actor) return requireLogin(req, res, next);
    const object = await spec.load(req, actor);
    authorize(spec.allowed(actor, object));
    const values = (req.body ?? {}) as FormValues;
    const ctx: FormContext<O> = { req, res, actor, object, values };
    const parsed = spec.schema.safeParse(spec.input ? spec.input(values, object) : values);
    const result = parsed.success ? await spec.run(parsed.data, ctx) : null;
    if (!result || !result.ok) {
      const { status, errors } = failureOf(parsed, result);
      res.status(status);
      return void (await spec.failed({ status, errors, result: (result as Extract<R, { ok: false }> | null) ?? null }, ctx));
    }
    const redirect = await spec.done((result as Extract<R, { ok: true }>).value, ctx, (parsed as { data: I }).data);
    if (!redirect) return;
    if (redirect.flash) flash(req, 'success', redirect.flash);
    res.redirect(303, redirect.to);
  };
}
