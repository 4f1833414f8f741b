/**
 * The multipart upload every photo route reuses: one file in a named field
 * (default `photo`), size capped by config (413 PAYLOAD_TOO_LARGE through the
 * error handler), held in memory within a budget (UPLOAD_MEMORY_MB) or else
 * streamed to a temp file under $DATA_DIR/tmp/uploads with a random name; the
 * memory or the file is given back when the response ends, whatever happened.
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
 * Photos in memory within the budget, else in temp files with random names;
 * either is released when the response ends whatever happened. `req.file`
 * for one photo, `req.files` for several; read them with `uploadedBytes`.
 */
export function photoUpload(config: Config, opts: PhotoUploadOptions = {}): RequestHandler[] {
  const dir = uploadTempDir(config);
  const field = opts.field ?? 'photo';
  const maxFiles = opts.maxFiles ?? 1;
  const fields = opts.fields ?? 20;
  const disk = multer.diskStorage({
    destination: (_req, _file, cb) => {
      try {
        mkdirSync(dir, { recursive: true });
        cb(null, dir);
      } catch (e) {
        cb(e as Error, dir);
      }
    },
    filename: (_req, _file, cb) => cb(null, `${randomUUID()}.upload`),
  });
  const upload = multer({
    storage: memoryFirst(budgetFor(config), config.photos.maxBytes, disk),
    limits: { fileSize: config.photos.maxBytes, files: maxFiles, fields, fieldSize: opts.fieldSize ?? 256 * 1024, parts: fields + maxFiles + 5 },
  });
  const removeTempFilesWhenDone: RequestHandler = (req, res, next) => {
    res.once('close', () => {
      const files = [req.file, ...((req.files as Express.Multer.File[] | undefined) ?? [])];
      for (const f of files) {
        if (!f) continue;
        releaseMemory(f);
        if (f.path) void rm(f.path, { force: true });
      }
    });
    next();
  };
  const parser = maxFiles === 1 ? upload.single(field) : upload.array(field, maxFiles);
  return [removeTempFilesWhenDone, multipartErrorsAsClientErrors(parser)];
}

/** Bytes of upload memory still free, shared by every photo route of one app. */
class MemoryBudget {
  constructor(public free: number) {}
}
const budgets = new WeakMap<Config, MemoryBudget>();
function budgetFor(config: Config): MemoryBudget {
  let b = budgets.get(config);
  if (!b) budgets.set(config, (b = new MemoryBudget(config.photos.uploadMemoryBytes)));
  return b;
}

/** Upload memory reserved right now (tests check that every request gives its share back). */
export function uploadMemoryInUse(config: Config): number {
  const b = budgets.get(config);
  return b ? config.photos.uploadMemoryBytes - b.free : 0;
}

const RESERVED = Symbol('reserved upload memory');
type HeldFile = Express.Multer.File & { [RESERVED]?: { budget: MemoryBudget; bytes: number } };

function releaseMemory(file: HeldFile): void {
  const held = file[RESERVED];
  if (!held) return;
  held.budget.free += held.bytes;
  delete file[RESERVED];
}

/**
 * Uploads are kept in memory while the budget allows (each file reserves the
 * largest size a photo may have, so the budget is a real bound), else streamed
 * to a temp file. Writing every upload to disk and reading it back cost a
 * resident's photo report ~30 ms of waiting on a busy server; the temp-file
 * path remains for bursts, so a flood of large uploads cannot exhaust memory.
 */
function memoryFirst(budget: MemoryBudget, perFile: number, disk: multer.StorageEngine): multer.StorageEngine {
  const memory = multer.memoryStorage();
  return {
    _handleFile(req, file, cb) {
      if (budget.free < perFile) return disk._handleFile(req, file, cb);
      budget.free -= perFile;
      (file as HeldFile)[RESERVED] = { budget, bytes: perFile };
      memory._handleFile(req, file, (err, info) => {
        if (err) releaseMemory(file as HeldFile);
        cb(err, info);
      });
    },
    _removeFile(req, file, cb) {
      releaseMemory(file as HeldFile);
      if ((file as HeldFile).buffer) return memory._removeFile(req, file, cb);
      disk._removeFile(req, file, cb);
    },
  };
}

/** The bytes of an uploaded file, wherever `photoUpload` kept them. */
export function uploadedBytes(file: Express.Multer.File): Promise<Buffer> {
  return file.buffer ? Promise.resolve(file.buffer) : readFile(file.path);
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
  if (!req.file) return null;
  if (req.file.buffer) return req.file.buffer;
  if (!req.file.path) return null;
  try {
    return await readFile(req.file.path);
  } finally {
    await rm(req.file.path, { force: true });
  }
}
