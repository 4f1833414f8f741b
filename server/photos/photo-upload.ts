/**
 * The multipart upload every photo route reuses: one file in a named field
 * (default `photo`), size capped by config (413 PAYLOAD_TOO_LARGE through the
 * error handler), streamed to a temp file under $DATA_DIR/tmp/uploads with a
 * random name, and that file removed when the response ends, whatever happened.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Request, RequestHandler } from 'express';
import multer from 'multer';
import type { Config } from '../config.js';
import { AppError, ValidationError } from '../errors.js';

export function uploadTempDir(config: Config): string {
  return path.join(config.dataDir, 'tmp', 'uploads');
}

export function photoUpload(config: Config, field = 'photo'): RequestHandler[] {
  const dir = uploadTempDir(config);
  const upload = multer({
    storage: multer.diskStorage({
      destination: (_req, _file, cb) => {
        try {
          mkdirSync(dir, { recursive: true });
          cb(null, dir);
        } catch (e) {
          cb(e as Error, dir);
        }
      },
      filename: (_req, _file, cb) => cb(null, `${randomUUID()}.upload`),
    }),
    limits: { fileSize: config.photos.maxBytes, files: 1, fields: 20, fieldSize: 256 * 1024, parts: 25 },
  });
  const removeTempFileWhenDone: RequestHandler = (req, res, next) => {
    res.once('close', () => {
      if (req.file?.path) void rm(req.file.path, { force: true });
    });
    next();
  };
  return [removeTempFileWhenDone, multipartErrorsAsClientErrors(upload.single(field))];
}

/**
 * busboy reports a broken multipart body (no boundary, cut-off part) as a plain
 * Error, which would render as a 500; every multer parser is wrapped in this.
 */
export function multipartErrorsAsClientErrors(parser: RequestHandler): RequestHandler {
  return (req, res, next) =>
    parser(req, res, (err?: unknown) => {
      if (!err || err instanceof multer.MulterError || err instanceof AppError || (err as NodeJS.ErrnoException).syscall) return next(err);
      next(new ValidationError('The upload is not a well-formed multipart/form-data body.', undefined, 'INVALID_UPLOAD'));
    });
}

/** The uploaded photo's bytes, or null when the request carried none. The temp file is gone once this returns. */
export async function uploadedPhoto(req: Request): Promise<Buffer | null> {
  if (!req.file?.path) return null;
  try {
    return await readFile(req.file.path);
  } finally {
    await rm(req.file.path, { force: true });
  }
}
