/**
 * Secrets that travel in URL paths, hidden before a path is logged. A
 * tracking token is the only thing a resident needs to read their report
 * (name, contact, photos): whoever holds it can, so it is a bearer secret
 * like a password. Query strings are never logged at all (request-log.ts).
 */

/** Path segments that follow one of these (case-insensitive, as Express routes) are secrets. */
const SECRET_AFTER = [/^(\/api\/track\/)[^/]+/i, /^(\/track\/)[^/]+/i];

export const REDACTED = '[redacted]';

/** The path with every secret segment replaced by `[redacted]`. */
export function redactPath(path: string): string {
  for (const pattern of SECRET_AFTER) {
    if (pattern.test(path)) return path.replace(pattern, `$1${REDACTED}`);
  }
  return path;
}
