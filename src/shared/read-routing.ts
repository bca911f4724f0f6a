import { AsyncLocalStorage } from 'node:async_hooks';
import type { NextFunction, Request, Response } from 'express';
import type { Knex } from 'knex';

/**
 * Which connection a request's queries take (issue 13, item 2): a GET or HEAD reads through the
 * readers' pool (shared/db createReadDb), anything else through the writer. The routes keep receiving
 * one `db`; the choice is made per request, so no module had to change.
 *
 * - A transaction always runs on the writer: a use case that opens one writes, or wants a consistent
 *   read next to a write.
 * - A write made while answering a GET (an export's audit entry, a session's expiry) must say so with
 *   `asWriter`: on SQLite the readers' connections are read-only and would refuse it.
 * - Outside a request (start-up, background jobs started by a POST, the command line) the writer.
 */
const reading = new AsyncLocalStorage<true>();

/** Express middleware: the rest of a GET or HEAD request reads through the readers. */
export function readsRouted(req: Request, _res: Response, next: NextFunction): void {
  if (req.method === 'GET' || req.method === 'HEAD') reading.run(true, next);
  else next();
}

/**
 * Around the session's and the user's loading: those two reads of every request go to the readers
 * whatever the method, so that a POST does not queue them behind the writer's batches; the request
 * goes back to the writer after them (`writesAfter`). The session's own writes use asWriter.
 */
export function readsFirst(req: Request, _res: Response, next: NextFunction): void {
  if (req.method === 'GET' || req.method === 'HEAD') next();
  else reading.run(true, next);
}
export function writesAfter(req: Request, _res: Response, next: NextFunction): void {
  if (req.method === 'GET' || req.method === 'HEAD') next();
  else reading.exit(() => next());
}

/** Runs `fn` (and what it starts) on the writer, even while answering a GET. */
export function asWriter<T>(fn: () => T): T {
  return reading.exit(fn);
}

/** One knex that is the readers' inside a GET or HEAD request and the writer's everywhere else. */
export function routedDb(writer: Knex, reader: Knex): Knex {
  if (writer === reader) return writer;
  const current = (): Knex => (reading.getStore() ? reader : writer);
  return new Proxy(writer, {
    apply(_target, thisArg, args) {
      return Reflect.apply(current() as unknown as (...a: unknown[]) => unknown, thisArg, args);
    },
    get(_target, prop) {
      const target = prop === 'transaction' || prop === 'transactionProvider' || prop === 'destroy' || prop === 'migrate' ? writer : current();
      const value = Reflect.get(target, prop, target) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}
