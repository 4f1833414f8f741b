/**
 * One error family. Every failure a client can cause is an AppError with a
 * stable machine code; the HTTP layer renders it (server/http/error-handler.ts).
 * Anything else is a bug and becomes 500 UNEXPECTED_ERROR without leaking text.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class ValidationError extends AppError {
  constructor(message: string, details?: unknown, code = 'VALIDATION_FAILED') {
    super(400, code, message, details);
  }
}
export class UnauthenticatedError extends AppError {
  constructor(message = 'Please log in first.', code = 'UNAUTHENTICATED') {
    super(401, code, message);
  }
}
export class ForbiddenError extends AppError {
  constructor(message = 'Your role is not allowed to do that.', code = 'FORBIDDEN') {
    super(403, code, message);
  }
}
export class NotFoundError extends AppError {
  constructor(code: string, message: string) {
    super(404, code, message);
  }
}
export class ConflictError extends AppError {
  constructor(code: string, message: string, details?: unknown) {
    super(409, code, message, details);
  }
}
export class UnprocessableError extends AppError {
  constructor(code: string, message: string, details?: unknown) {
    super(422, code, message, details);
  }
}
export class UnsupportedMediaTypeError extends AppError {
  constructor(message: string, code = 'UNSUPPORTED_MEDIA_TYPE') {
    super(415, code, message);
  }
}
export class TooManyRequestsError extends AppError {
  constructor(message = 'Too many requests. Please wait a little and try again.', code = 'RATE_LIMITED') {
    super(429, code, message);
  }
}

export class StaleVersionError extends ConflictError {
  constructor(entity: string, current: number) {
    super('STALE_VERSION', `This ${entity} was changed by someone else. Reload it and try again.`, { currentVersion: current });
  }
}
