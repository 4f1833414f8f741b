/**
 * The one way the browser talks to the server: JSON in and out, the session
 * cookie, the CSRF token on writes, and the server's error shape
 * `{error:{code,message,details}}` turned into an ApiError a screen can show.
 */
import type { ApiErrorBody } from './api/types.ts';

export interface FieldError {
  field: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    readonly requestId?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** Validation problems by field path ("location.lat", "answers.count"), from details.fields. */
  get fields(): Record<string, string> {
    const out: Record<string, string> = {};
    const raw = (this.details as { fields?: unknown } | undefined)?.fields;
    if (Array.isArray(raw)) {
      for (const f of raw as FieldError[]) if (f && typeof f.field === 'string' && !(f.field in out)) out[f.field] = f.message;
    } else if (raw && typeof raw === 'object') {
      for (const [k, v] of Object.entries(raw as Record<string, unknown>)) out[k] = Array.isArray(v) ? String(v[0]) : String(v);
    }
    return out;
  }

  get isStale(): boolean {
    return this.status === 409 && this.code === 'STALE_VERSION';
  }
}

/** Window event fired when an API call finds the session gone. */
export const SESSION_ENDED = 'kerbside:session-ended';

let csrfToken: string | null = null;

/** Remember the token login handed back, so the next write does not need a round trip. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

async function ensureCsrf(): Promise<string> {
  if (csrfToken) return csrfToken;
  const res = await fetch('/api/auth/csrf', { credentials: 'same-origin', headers: { accept: 'application/json' } });
  const body = (await res.json()) as { token: string };
  csrfToken = body.token;
  return csrfToken;
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  query?: Record<string, string | number | boolean | undefined | null>;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

export function withQuery(path: string, query?: RequestOptions['query']): string {
  if (!query) return path;
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') qs.set(k, String(v));
  const s = qs.toString();
  return s ? `${path}${path.includes('?') ? '&' : '?'}${s}` : path;
}

async function toApiError(res: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    // Not JSON (a proxy's error page): fall through to a generic message.
  }
  const e = (body as Partial<ApiErrorBody> | null)?.error;
  if (e?.code) return new ApiError(res.status, e.code, e.message ?? 'Something went wrong.', e.details, e.requestId);
  return new ApiError(res.status, `HTTP_${res.status}`, res.status >= 500 ? 'The server had a problem. Please try again.' : `Request failed (${res.status}).`);
}

export async function request<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  const method = opts.method ?? (opts.body !== undefined ? 'POST' : 'GET');
  const headers: Record<string, string> = { accept: 'application/json', ...opts.headers };
  let body: BodyInit | undefined;
  if (opts.body instanceof FormData) body = opts.body;
  else if (opts.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }
  const unsafe = method !== 'GET';
  for (let attempt = 0; ; attempt++) {
    if (unsafe) headers['x-csrf-token'] = await ensureCsrf();
    let res: Response;
    try {
      res = await fetch(withQuery(path, opts.query), { method, headers, body, credentials: 'same-origin', signal: opts.signal });
    } catch (err) {
      if ((err as Error).name === 'AbortError') throw err;
      throw new ApiError(0, 'NETWORK', 'Could not reach the server. Check your connection and try again.');
    }
    if (res.ok) {
      if (res.status === 204) return undefined as T;
      const type = res.headers.get('content-type') ?? '';
      return (type.includes('json') ? await res.json() : await res.text()) as T;
    }
    const error = await toApiError(res);
    // A session that ended (expired, logged out in another tab): let the shell show the login form.
    if (res.status === 401 && !path.startsWith('/api/auth/')) window.dispatchEvent(new CustomEvent(SESSION_ENDED));
    // A session that was renewed since we fetched the token: fetch a fresh one once and retry.
    if (error.code === 'CSRF_INVALID' && attempt === 0) {
      csrfToken = null;
      continue;
    }
    throw error;
  }
}

export const api = {
  get: <T>(path: string, query?: RequestOptions['query']) => request<T>(path, { query }),
  post: <T>(path: string, body: unknown = {}) => request<T>(path, { method: 'POST', body }),
  patch: <T>(path: string, body: unknown) => request<T>(path, { method: 'PATCH', body }),
  put: <T>(path: string, body: unknown) => request<T>(path, { method: 'PUT', body }),
  del: <T>(path: string) => request<T>(path, { method: 'DELETE' }),
};

/** A human sentence for any failure, for a banner. */
export function describeError(err: unknown): string {
  if (err instanceof ApiError) {
    if (err.isStale) return 'Someone else changed this job while you were looking at it. It has been reloaded — please try again.';
    return err.message;
  }
  return err instanceof Error ? err.message : String(err);
}
