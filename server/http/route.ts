/**
 * Route definitions: a small config object per endpoint (Ghost's controller
 * style). From one definition we get the Express handler, input validation,
 * the access check and the OpenAPI entry, so they cannot drift apart.
 */
import type { NextFunction, Request, RequestHandler, Response, Router } from 'express';
import { z, type ZodType } from 'zod';
import { ForbiddenError, UnauthenticatedError, ValidationError } from '../errors.js';
import { ACCESS_POLICY, type Audience } from './access-policy.js';
import type { Principal } from './principal.js';

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface HandlerContext<P, Q, B> {
  req: Request;
  res: Response;
  params: P;
  query: Q;
  body: B;
  principal: Principal;
}

export interface ResponseDoc {
  description: string;
  schema?: ZodType;
  contentType?: string;
}

export interface RouteDef<P = any, Q = any, B = any> {
  /** Operation id; also the key into ACCESS_POLICY. */
  id: string;
  method: Method;
  /** Express path, e.g. /api/work-orders/:id */
  path: string;
  summary: string;
  tags: string[];
  params?: ZodType<P>;
  query?: ZodType<Q>;
  body?: ZodType<B>;
  /** The body's schema for the OpenAPI document only, when the handler validates the body itself (its shape depends on a path parameter). */
  bodyDoc?: ZodType;
  /** How the body arrives; multipart bodies are parsed by `before` middleware (multer). */
  bodyType?: 'json' | 'multipart' | 'form';
  /** Runs after the access check, before validation (multer, raw parsers). */
  before?: RequestHandler[];
  status?: number;
  responses?: Record<number, ResponseDoc>;
  /** Returns the JSON body, or undefined when it wrote the response itself. */
  handler: (ctx: HandlerContext<P, Q, B>) => Promise<unknown> | unknown;
}

export function defineRoute<P = unknown, Q = unknown, B = unknown>(def: RouteDef<P, Q, B>): RouteDef<P, Q, B> {
  return def;
}

export function audienceOf(routeId: string): readonly Audience[] {
  const allowed = ACCESS_POLICY[routeId];
  if (!allowed) throw new Error(`Route ${routeId} has no entry in server/http/access-policy.ts`);
  return allowed;
}

export function isAllowed(allowed: readonly Audience[], p: Principal): boolean {
  if (allowed.includes('public')) return true;
  if (p.kind === 'partner') return allowed.includes('partner');
  if (p.kind === 'user') return allowed.includes(p.user.role);
  return false;
}

export function requireAccess(routeId: string): RequestHandler {
  const allowed = audienceOf(routeId);
  return (req: Request, _res: Response, next: NextFunction) => {
    if (isAllowed(allowed, req.principal)) return next();
    if (req.principal.kind === 'anonymous') return next(new UnauthenticatedError());
    next(new ForbiddenError());
  };
}

/** zod issues → a list a client (and a form) can attach to fields. */
export function fieldErrors(error: z.ZodError): { field: string; message: string }[] {
  return error.issues.map((i) => ({ field: i.path.join('.'), message: i.message }));
}

export function parseOrThrow<T>(schema: ZodType<T>, value: unknown, where: string): T {
  const result = schema.safeParse(value);
  if (!result.success) {
    const fields = fieldErrors(result.error);
    const first = fields[0];
    const message = first
      ? `Please check ${first.field || where}: ${first.message}${fields.length > 1 ? ` (and ${fields.length - 1} more)` : ''}`
      : `Invalid ${where}.`;
    throw new ValidationError(message, { in: where, fields });
  }
  return result.data;
}

/**
 * The path of the first string (or key) in `value` that holds a NUL character, or null. PostgreSQL's text
 * cannot hold one (it refused the whole batch, a 500, where SQLite stored it), and no form or API field
 * means one, so every route refuses it at the door, on both databases alike.
 */
export function nulCharacterAt(value: unknown, path = '', depth = 0): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  // Raw bodies (a photo's bytes) are not text. Below 32 levels nothing is walked: only a JSON column takes such
  // nesting, and it stores a NUL escaped.
  if (value === null || typeof value !== 'object' || ArrayBuffer.isView(value) || depth > 32) return null;
  for (const [key, inner] of Object.entries(value)) {
    const at = path ? `${path}.${key}` : key;
    if (key.includes('\u0000')) return at;
    const found = nulCharacterAt(inner, at, depth + 1);
    if (found !== null) return found;
  }
  return null;
}

function refuseNulCharacters(value: unknown, where: string): void {
  const at = nulCharacterAt(value);
  if (at === null) return;
  const field = at || where;
  throw new ValidationError(`Please check ${field}: text may not contain the NUL character (\\u0000).`, { in: where, fields: [{ field, message: 'may not contain the NUL character' }] });
}

export function mountRoutes(router: Router, routes: RouteDef[]): void {
  for (const def of routes) {
    audienceOf(def.id); // fail at start-up, not on the first request
    const handler: RequestHandler = async (req, res) => {
      refuseNulCharacters(req.params, 'path');
      refuseNulCharacters(req.query, 'query');
      refuseNulCharacters(req.body, 'body');
      const params = def.params ? parseOrThrow(def.params, req.params, 'path') : req.params;
      const query = def.query ? parseOrThrow(def.query, { ...req.query }, 'query') : req.query;
      const body = def.body ? parseOrThrow(def.body, req.body ?? {}, 'body') : req.body;
      const result = await def.handler({ req, res, params, query, body, principal: req.principal } as HandlerContext<any, any, any>);
      if (res.headersSent || result === undefined) return;
      res.status(def.status ?? 200).json(result);
    };
    router[def.method](def.path, requireAccess(def.id), ...(def.before ?? []), handler);
  }
}
