import multer from 'multer';

/** Uploads stay in memory and are bounded: one file, a few fields, a fixed size. */
export function singleUpload(field: string, maxBytes: number) {
  return multer({
    storage: multer.memoryStorage(),
    limits: { fileSize: maxBytes, files: 1, fields: 10, fieldSize: 10_000 },
  }).single(field);
}
