/**
 * What the tablet's idempotent posts (crew steps, street surveys) share: the
 * `data` field read the same way from multipart or JSON, the logged-in user,
 * and an error rendered as the body an Idempotency-Key replays.
 */
import type { Request } from 'express';
import { AppError, UnauthenticatedError, ValidationError } from '../errors.js';
import type { ErrorBody } from './error-handler.js';
import type { Principal, SessionUser } from './principal.js';

/** The `data` field as an object: a JSON string in multipart, or the JSON body itself; `raw` is what the fingerprint hashes. */
export function dataOf(req: Request): { raw: string; value: unknown } {
  const body = (req.body ?? {}) as Record<string, unknown>;
  if (typeof body.data === 'string') {
    try {
      return { raw: body.data, value: JSON.parse(body.data || '{}') };
    } catch {
      throw new ValidationError('The field "data" must be one JSON object.', { fields: [{ field: 'data', message: 'Not valid JSON' }] }, 'MALFORMED_JSON');
    }
  }
  const value = 'data' in body && typeof body.data === 'object' ? body.data : body;
  return { raw: JSON.stringify(value ?? {}), value: value ?? {} };
}

/** The access policy admits logged-in users only on these routes; this narrows the type and guards a policy mistake. */
export function userOf(principal: Principal): SessionUser {
  if (principal.kind !== 'user') throw new UnauthenticatedError();
  return principal.user;
}

/** An AppError as the stored answer of an idempotent request. */
export function errorBody(e: AppError, requestId: string): ErrorBody {
  return { error: { code: e.code, message: e.message, ...(e.details !== undefined ? { details: e.details } : {}), requestId: String(requestId ?? '') } };
}
