import type { ErrorRequestHandler, RequestHandler } from 'express';
import { MulterError } from 'multer';
import type { Logger } from 'pino';
import { AppError, NotFoundError } from '../errors.js';

export interface ErrorBody {
  error: { code: string; message: string; details?: unknown; requestId: string };
}

/** Turns anything thrown into the one error shape; nothing a client sends gets a 5xx or a stack. */
export function toAppError(err: unknown): AppError | null {
  if (err instanceof AppError) return err;
  if (err instanceof MulterError) {
    if (err.code === 'LIMIT_FILE_SIZE') return new AppError(413, 'PAYLOAD_TOO_LARGE', 'That photo is too large.', { field: err.field });
    if (err.code === 'LIMIT_FILE_COUNT' || err.code === 'LIMIT_UNEXPECTED_FILE')
      return new AppError(400, 'TOO_MANY_FILES', `Unexpected or too many files (field "${err.field ?? '?'}").`);
    return new AppError(400, 'INVALID_UPLOAD', err.message);
  }
  const e = err as { type?: string; status?: number; statusCode?: number; code?: string; message?: string };
  // body-parser errors carry a type and a 4xx status
  if (e?.type === 'entity.too.large') return new AppError(413, 'PAYLOAD_TOO_LARGE', 'The request body is too large.');
  if (e?.type === 'entity.parse.failed') return new AppError(400, 'MALFORMED_JSON', 'The request body is not valid JSON.');
  if (e?.type === 'encoding.unsupported' || e?.type === 'charset.unsupported')
    return new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Unsupported body encoding.');
  if (e?.code === 'EBADCSRFTOKEN' || (e?.message === 'invalid csrf token' && (e.status ?? e.statusCode) === 403))
    return new AppError(403, 'CSRF_INVALID', 'Your session token is missing or out of date. Reload the page and try again.');
  const status = e?.status ?? e?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500)
    return new AppError(status, 'BAD_REQUEST', e.message ?? 'Bad request.');
  return null;
}

export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const appError = toAppError(err);
    const requestId = String(req.id ?? '');
    if (!appError) {
      logger.error({ err, requestId }, 'unexpected error');
    }
    const status = appError?.status ?? 500;
    const body: ErrorBody = {
      error: {
        code: appError?.code ?? 'UNEXPECTED_ERROR',
        message: appError?.message ?? 'Something went wrong on our side. It has been logged; please try again.',
        ...(appError?.details !== undefined ? { details: appError.details } : {}),
        requestId,
      },
    };
    if (res.headersSent) return;
    res.status(status).json(body);
  };
}

export const apiNotFound: RequestHandler = (req, _res, next) => {
  next(new NotFoundError('ROUTE_NOT_FOUND', `No API route ${req.method} ${req.originalUrl.split('?')[0]}.`));
};
