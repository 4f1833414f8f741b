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

export interface PhotoUploadOptions {
  /** Form field holding the image(s). */
  field?: string;
  maxFiles?: number;
  /** Limits on the non-file fields (counts and bytes each). */
  fields?: number;
  fieldSize?: number;
}

/**
 * Photos streamed to temp files (never all in memory at once) with random
 * names, removed when the response ends whatever happened. `req.file` for one
 * photo, `req.files` for several.
 */
export function photoUpload(config: Config, opts: PhotoUploadOptions = {}): RequestHandler[] {
  const dir = uploadTempDir(config);
  const field = opts.field ?? 'photo';
  const maxFiles = opts.maxFiles ?? 1;
  const fields = opts.fields ?? 20;
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
    limits: { fileSize: config.photos.maxBytes, files: maxFiles, fields, fieldSize: opts.fieldSize ?? 256 * 1024, parts: fields + maxFiles + 5 },
  });
  const removeTempFilesWhenDone: RequestHandler = (req, res, next) => {
    res.once('close', () => {
      const files = [req.file, ...((req.files as Express.Multer.File[] | undefined) ?? [])];
      for (const f of files) if (f?.path) void rm(f.path, { force: true });
    });
    next();
  };
  const parser = maxFiles === 1 ? upload.single(field) : upload.array(field, maxFiles);
  return [removeTempFilesWhenDone, multipartErrorsAsClientErrors(parser)];
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
