/** Typed errors thrown anywhere; one middleware renders them as French pages (views/errors). */
export class AppError extends Error {
  constructor(
    public readonly status: number,
    public readonly titleKey: string,
    public readonly bodyKey: string,
    message?: string,
  ) {
    super(message ?? titleKey);
  }
}
export class NotFoundError extends AppError {
  constructor(message?: string) {
    super(404, 'error.404.title', 'error.404.body', message);
  }
}
export class ForbiddenError extends AppError {
  constructor(message?: string) {
    super(403, 'error.403.title', 'error.403.body', message);
  }
}
export class BadRequestError extends AppError {
  constructor(message?: string) {
    super(400, 'error.400.title', 'error.400.body', message);
  }
}

/** Result of a use case: Decidim's on(:ok)/on(:invalid) without the event machinery. */
export type FieldErrors = Record<string, string>;
export type Result<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors; status?: number };
export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const invalid = <T = never>(errors: FieldErrors, status = 422): Result<T> => ({ ok: false, errors, status });
