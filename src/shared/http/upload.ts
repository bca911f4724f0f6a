import multer from 'multer';
import type { RequestHandler } from 'express';
import { checkCsrfAfterUpload } from './csrf';

/**
 * Uploads stay in memory and are bounded: one file, a few fields, a fixed size. A file over the
 * size is answered by `onTooLarge` when given (the form again, with its French message and the
 * fields read before the file), else by the error page (413). The form's CSRF token, a field read
 * before the file, is checked here, after parsing and before anything else (see uploadRoute).
 */
export function singleUpload(field: string, maxBytes: number, options: { onTooLarge?: RequestHandler } = {}): RequestHandler {
  const upload = multer({
    storage: multer.memoryStorage(),
    limits: { fileSize: maxBytes, files: 1, fields: 10, fieldSize: 10_000 },
  }).single(field);
  return (req, res, next) => {
    upload(req, res, (err?: unknown) => {
      const tooLarge = (err as { code?: string } | undefined)?.code === 'LIMIT_FILE_SIZE' && options.onTooLarge;
      if (err && !tooLarge) return next(err);
      checkCsrfAfterUpload(req, res, (csrfErr?: unknown) => {
        if (csrfErr) return next(csrfErr);
        if (tooLarge) return void Promise.resolve(tooLarge(req, res, next)).catch(next);
        next();
      });
    });
  };
}

export { uploadRoute } from './csrf';
